import { Button, Group, Modal, MultiSelect, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { useState } from 'react';
import { createPersonBodySchema, type CreatedPerson, type CreatePersonBody } from '../../../../../common/api/people';
import { api, fieldErrorsOf, formLevelError } from '../../../api/client';
import { FormActions } from '../../../components/form-actions';
import { ProblemAlert } from '../../../components/problem-alert';
import { nullIfEmpty, optionsOf, PEOPLE_KEY, TEAMS_KEY, useTeams } from '../admin-queries';
import { OneTimeLink } from '../one-time-link';
import { PersonFormFields, type PersonFormValues } from './person-form-fields';

type AddPersonValues = PersonFormValues & { teamIds: string[] };

const EMPTY: AddPersonValues = { name: '', email: '', roleIds: [], teamIds: [], startDate: '', managerId: null };

function toBody(values: AddPersonValues): CreatePersonBody {
  return { ...values, startDate: nullIfEmpty(values.startDate), managerId: nullIfEmpty(values.managerId) };
}

const validateBody = zod4Resolver(createPersonBodySchema);

/** Adds a person and then shows, once, the link with which they set their password. */
export function AddPersonModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const client = useQueryClient();
  const teams = useTeams({ enabled: opened });
  const [created, setCreated] = useState<CreatedPerson | null>(null);
  const form = useForm<AddPersonValues>({ initialValues: EMPTY, validate: (values) => validateBody(toBody(values)) });
  const create = useMutation({
    mutationFn: (values: AddPersonValues) => api<CreatedPerson>('/people', { method: 'POST', body: toBody(values) }),
    onSuccess: async (result) => {
      setCreated(result);
      form.reset();
      await Promise.all([client.invalidateQueries({ queryKey: PEOPLE_KEY }), client.invalidateQueries({ queryKey: TEAMS_KEY })]);
    },
    onError: (error) => form.setErrors(fieldErrorsOf(error)),
  });
  const close = () => {
    setCreated(null);
    create.reset();
    form.reset();
    onClose();
  };
  // Field errors are shown on their fields; anything else (no connection, forbidden) above the form.
  const generalError = formLevelError(create.error);

  return (
    <Modal opened={opened} onClose={close} title={created ? `${created.person.name} has been added` : 'Add a person'} size="lg">
      {created ? (
        <Stack>
          <OneTimeLink link={created.setPasswordLink} title="Their set-password link" personName={created.person.name} />
          <Group justify="flex-end">
            <Button onClick={close}>Done</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={form.onSubmit((values) => create.mutate(values))} noValidate>
          <Stack>
            {generalError ? <ProblemAlert error={generalError} title="Could not add the person" /> : null}
            <PersonFormFields form={form} />
            <MultiSelect label="Teams" placeholder="No team" data={optionsOf(teams.data?.items)} searchable clearable {...form.getInputProps('teamIds')} />
            <FormActions onCancel={close} submitLabel="Save person" pending={create.isPending} />
          </Stack>
        </form>
      )}
    </Modal>
  );
}
