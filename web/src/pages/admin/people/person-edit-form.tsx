import { Button, Group, Paper, Stack, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { updatePersonBodySchema, type Person, type UpdatePersonBody } from '../../../../../common/api/people';
import { api, fieldErrorsOf, formLevelError } from '../../../api/client';
import { formatDate } from '../../../components/format';
import { notifySaved } from '../../../components/notify';
import { ProblemAlert } from '../../../components/problem-alert';
import { nullIfEmpty, PEOPLE_KEY, personKey } from '../admin-queries';
import { conflictOf, VersionConflictAlert } from '../../../components/version-conflict-alert';
import { PersonFormFields, type PersonFormValues } from './person-form-fields';

function valuesOf(person: Person): PersonFormValues {
  return { name: person.name, email: person.email, roleIds: person.roles.map((role) => role.id), startDate: person.startDate ?? '', managerId: person.manager?.id ?? null };
}

function conflictFields(current: Person): Array<[string, string]> {
  return [
    ['Name', current.name],
    ['Email', current.email],
    ['Roles', current.roles.map((role) => role.name).join(', ')],
    ['Start date', current.startDate ? formatDate(current.startDate) : ''],
    ['Manager', current.manager?.name ?? ''],
  ];
}

const validateBody = zod4Resolver(updatePersonBodySchema);

/**
 * Edits a person against the version that was loaded. The parent remounts this form (keyed by version)
 * whenever the saved record changes, so its starting values are always what the server holds.
 */
export function PersonEditForm({ person }: { person: Person }) {
  const client = useQueryClient();
  const toBody = (values: PersonFormValues): UpdatePersonBody => ({
    version: person.version,
    ...values,
    startDate: nullIfEmpty(values.startDate),
    managerId: nullIfEmpty(values.managerId),
  });
  const form = useForm<PersonFormValues>({ initialValues: valuesOf(person), validate: (values) => validateBody(toBody(values)) });
  const save = useMutation({
    mutationFn: (values: PersonFormValues) => api<Person>(`/people/${person.id}`, { method: 'PATCH', body: toBody(values) }),
    onSuccess: async (saved) => {
      client.setQueryData(personKey(person.id), saved);
      notifySaved(`${saved.name} saved.`);
      await client.invalidateQueries({ queryKey: PEOPLE_KEY });
    },
    onError: (error) => form.setErrors(fieldErrorsOf(error)),
  });
  const conflict = conflictOf<Person>(save.error);
  const otherError = conflict ? null : formLevelError(save.error);

  return (
    <Paper withBorder p="lg">
      <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
        <Stack>
          <Title order={2} size="h4">
            Details
          </Title>
          {conflict ? <VersionConflictAlert current={conflict} fields={conflictFields} onLoad={(current) => client.setQueryData(personKey(person.id), current)} /> : null}
          {otherError ? <ProblemAlert error={otherError} title="Could not save" /> : null}
          <PersonFormFields form={form} personId={person.id} />
          <Group>
            <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>
              Save changes
            </Button>
            {form.isDirty() ? (
              <Button variant="default" onClick={() => form.reset()}>
                Discard changes
              </Button>
            ) : null}
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
