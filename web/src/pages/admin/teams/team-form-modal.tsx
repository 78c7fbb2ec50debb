import { Modal, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { createTeamBodySchema, type Team } from '../../../../../common/api/teams';
import { api, fieldErrorsOf, formLevelError } from '../../../api/client';
import { FormActions } from '../../../components/form-actions';
import { notifySaved } from '../../../components/notify';
import { ProblemAlert } from '../../../components/problem-alert';
import { PEOPLE_KEY, TEAMS_KEY } from '../admin-queries';
import { conflictOf, useEditBase, VersionConflictAlert } from '../../../components/version-conflict-alert';

type TeamValues = { name: string; description: string };

const validate = zod4Resolver(createTeamBodySchema);

/**
 * Creates a team, or renames and describes one against the version that was loaded.
 * Rendered only while open, so each opening starts from the team as it is now.
 */
export function TeamFormModal({ team, onClose }: { team?: Team; onClose: () => void }) {
  const client = useQueryClient();
  const form = useForm<TeamValues>({ initialValues: { name: team?.name ?? '', description: team?.description ?? '' }, validate });
  // The version this edit is based on; loading someone else's save moves it forward.
  const edit = useEditBase(team);
  const version = edit.base?.version;
  const save = useMutation({
    mutationFn: (values: TeamValues) =>
      team ? api<Team>(`/teams/${team.id}`, { method: 'PATCH', body: { version, ...values } }) : api<Team>('/teams', { method: 'POST', body: values }),
    onSuccess: async (saved) => {
      notifySaved(team ? `Team “${saved.name}” saved.` : `Team “${saved.name}” created.`);
      await Promise.all([client.invalidateQueries({ queryKey: TEAMS_KEY }), client.invalidateQueries({ queryKey: PEOPLE_KEY })]);
      onClose();
    },
    onError: (error) => form.setErrors(fieldErrorsOf(error)),
  });
  const conflict = conflictOf<Team>(save.error);
  const otherError = conflict ? null : formLevelError(save.error);

  return (
    <Modal opened onClose={onClose} title={team ? `Edit team “${team.name}”` : 'Create a team'}>
      <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
        <Stack>
          {conflict ? (
            <VersionConflictAlert
              current={conflict}
              fields={(current) => [
                ['Name', current.name],
                ['Description', current.description],
              ]}
              {...edit.choices((current) => form.setValues({ name: current.name, description: current.description }), save.reset)}
            />
          ) : null}
          {otherError ? <ProblemAlert error={otherError} title="Could not save the team" /> : null}
          <TextInput label="Team name" required {...form.getInputProps('name')} />
          <Textarea label="Description" description="Optional: what the team does." autosize minRows={2} {...form.getInputProps('description')} />
          <FormActions onCancel={onClose} submitLabel={team ? 'Save team' : 'Create team'} pending={save.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}
