import { Button, Code, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { updateOrganisationBodySchema, type Organisation } from '../../../../../common/api/settings';
import { api, fieldErrorsOf, formLevelError } from '../../../api/client';
import { ME_KEY } from '../../../api/session';
import { notifySaved } from '../../../components/notify';
import { ProblemAlert } from '../../../components/problem-alert';
import { QueryState } from '../../../components/query-state';
import { conflictOf, useEditBase, VersionConflictAlert } from '../../../components/version-conflict-alert';

const ORGANISATION_KEY = ['organisation'] as const;
type Values = { name: string };
const validate = zod4Resolver(updateOrganisationBodySchema.pick({ name: true }));

function RenameForm({ organisation }: { organisation: Organisation }) {
  const client = useQueryClient();
  const form = useForm<Values>({ initialValues: { name: organisation.name }, validate });
  const edit = useEditBase(organisation);
  const rename = useMutation({
    mutationFn: (values: Values) => api<Organisation>('/organisation', { method: 'PATCH', body: { version: edit.base.version, name: values.name } }),
    onSuccess: async (saved) => {
      notifySaved(`The organisation is now called “${saved.name}”.`);
      // The panel keys the form by version: the saved record becomes the next edit's base.
      client.setQueryData(ORGANISATION_KEY, saved);
      // The name heads every page: /me carries it.
      await client.invalidateQueries({ queryKey: ME_KEY });
    },
    onError: (error) => form.setErrors(fieldErrorsOf(error)),
  });
  const conflict = conflictOf<Organisation>(rename.error);
  const otherError = conflict ? null : formLevelError(rename.error);
  return (
    <form onSubmit={form.onSubmit((values) => rename.mutate(values))} noValidate>
      <Stack gap="sm">
        {conflict ? (
          <VersionConflictAlert current={conflict} fields={(current) => [['Name', current.name]]} {...edit.choices((current) => form.setValues({ name: current.name }), rename.reset)} />
        ) : null}
        {otherError ? <ProblemAlert error={otherError} title="Could not rename the organisation" /> : null}
        <Group align="flex-end" wrap="wrap">
          <TextInput label="Name" description="Heads every page and the printed manual" required w={360} {...form.getInputProps('name')} />
          <Button type="submit" loading={rename.isPending} disabled={!form.isDirty()}>
            Save name
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Who the organisation is: its name (administrators can change it) and its short name in addresses. */
export function OrganisationPanel() {
  const organisation = useQuery({ queryKey: ORGANISATION_KEY, queryFn: ({ signal }) => api<Organisation>('/organisation', { signal }) });
  return (
    <Paper withBorder p="lg">
      <Stack gap="sm">
        <Title order={2} size="h4">
          Organisation
        </Title>
        <QueryState query={organisation} loadingLabel="Loading the organisation…">
          {(current) => (
            <>
              {current.can.update ? <RenameForm key={current.version} organisation={current} /> : <Text size="sm">Name: <strong>{current.name}</strong></Text>}
              <Text size="sm" c="dimmed">
                Short name in addresses: <Code>{current.slug}</Code>. It stays as it is when the name changes.
              </Text>
            </>
          )}
        </QueryState>
      </Stack>
    </Paper>
  );
}
