import { Checkbox, Code, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { z } from 'zod';
import { createGovernedActionBodySchema, type GovernedAction } from '../../../../../common/api/settings';
import { api, fieldErrorsOf, formLevelError } from '../../../api/client';
import { GOVERNED_ACTIONS_KEY } from '../../../api/library-settings';
import { FormActions } from '../../../components/form-actions';
import { notifySaved } from '../../../components/notify';
import { ProblemAlert } from '../../../components/problem-alert';
import { conflictOf, useEditBase, VersionConflictAlert } from '../../../components/version-conflict-alert';

type Values = { label: string; hasAmount: boolean; retired: boolean };

// The label's rule is the one an action is created with; the key cannot change here.
const validate = zod4Resolver(createGovernedActionBodySchema.pick({ label: true, hasAmount: true }).extend({ retired: z.boolean() }));
const valuesOf = (action: GovernedAction): Values => ({ label: action.label, hasAmount: action.hasAmount, retired: action.retiredAt !== null });

/**
 * Rewords a governed action, changes whether a step naming it carries an amount by default, or
 * retires it, against the version that was loaded. Rendered only while open.
 */
export function GovernedActionModal({ action, onClose }: { action: GovernedAction; onClose: () => void }) {
  const client = useQueryClient();
  const form = useForm<Values>({ initialValues: valuesOf(action), validate });
  const edit = useEditBase(action);
  const save = useMutation({
    mutationFn: (values: Values) => api<GovernedAction>(`/governed-actions/${action.id}`, { method: 'PATCH', body: { version: edit.base.version, ...values } }),
    onSuccess: async (saved) => {
      notifySaved(`Governed action “${saved.label}” saved${saved.retiredAt ? ': no longer offered for new steps' : ''}.`);
      await client.invalidateQueries({ queryKey: GOVERNED_ACTIONS_KEY });
      onClose();
    },
    onError: (error) => form.setErrors(fieldErrorsOf(error)),
  });
  const conflict = conflictOf<GovernedAction>(save.error);
  const otherError = conflict ? null : formLevelError(save.error);
  return (
    <Modal opened onClose={onClose} title={`Edit governed action “${action.label}”`}>
      <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
        <Stack>
          {conflict ? (
            <VersionConflictAlert
              current={conflict}
              fields={(current) => [
                ['Label', current.label],
                ['Amount', current.hasAmount ? 'Has an amount' : 'No amount'],
                ['Offered for new steps', current.retiredAt ? 'No (retired)' : 'Yes'],
              ]}
              {...edit.choices((current) => form.setValues(valuesOf(current)), save.reset)}
            />
          ) : null}
          {otherError ? <ProblemAlert error={otherError} title="Could not save the action" /> : null}
          <Text size="sm">
            Key <Code>{action.key}</Code>: steps refer to the action by it, so it stays as it is.
          </Text>
          <TextInput label="Label" description="As people read it, e.g. Goodwill gesture" required {...form.getInputProps('label')} />
          <Checkbox label="Has an amount" description="New steps that name it carry an amount; steps already written keep their own setting." {...form.getInputProps('hasAmount', { type: 'checkbox' })} />
          <Checkbox
            label="Retired"
            description="No longer offered for new steps. Steps that already name it keep it, and it can be brought back."
            {...form.getInputProps('retired', { type: 'checkbox' })}
          />
          <FormActions onCancel={onClose} submitLabel="Save action" pending={save.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}
