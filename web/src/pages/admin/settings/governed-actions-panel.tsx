import { Badge, Button, Checkbox, Code, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPencil } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { createGovernedActionBodySchema, type GovernedAction } from '../../../../../common/api/settings';
import { api, fieldErrorsOf, formLevelError } from '../../../api/client';
import { notifySaved } from '../../../components/notify';
import { ProblemAlert } from '../../../components/problem-alert';
import { QueryState } from '../../../components/query-state';
import { GOVERNED_ACTIONS_KEY, useGovernedActions } from '../../../api/library-settings';
import { GovernedActionModal } from './governed-action-modal';

type GovernedActionValues = { key: string; label: string; hasAmount: boolean };

function AddGovernedActionForm() {
  const client = useQueryClient();
  const form = useForm<GovernedActionValues>({ initialValues: { key: '', label: '', hasAmount: false }, validate: zod4Resolver(createGovernedActionBodySchema) });
  const create = useMutation({
    mutationFn: (values: GovernedActionValues) => api<GovernedAction>('/governed-actions', { method: 'POST', body: values }),
    onSuccess: async (action) => {
      notifySaved(`Governed action “${action.label}” added.`);
      form.reset();
      await client.invalidateQueries({ queryKey: GOVERNED_ACTIONS_KEY });
    },
    onError: (error) => form.setErrors(fieldErrorsOf(error)),
  });
  const otherError = formLevelError(create.error);
  return (
    <form onSubmit={form.onSubmit((values) => create.mutate(values))} noValidate>
      <Stack gap="sm">
        <Title order={3} size="h5">
          Add a governed action
        </Title>
        {otherError ? <ProblemAlert error={otherError} title="Could not add the action" /> : null}
        <Group align="flex-start" wrap="wrap">
          <TextInput label="Label" description="As people read it, e.g. Goodwill gesture" required w={260} {...form.getInputProps('label')} />
          <TextInput label="Key" description="lower-kebab-case, e.g. goodwill-gesture" required w={260} {...form.getInputProps('key')} />
          <Checkbox label="Has an amount" mt={48} {...form.getInputProps('hasAmount', { type: 'checkbox' })} />
        </Group>
        <Button type="submit" loading={create.isPending} style={{ alignSelf: 'flex-start' }}>
          Add action
        </Button>
      </Stack>
    </form>
  );
}

/** The actions a procedure step can name and that authority limits govern (refund, replacement …). */
export function GovernedActionsPanel() {
  const actions = useGovernedActions();
  const [editing, setEditing] = useState<GovernedAction | null>(null);
  return (
    <Paper withBorder p="lg">
      <Stack>
        <Stack gap={4}>
          <Title order={2} size="h4">
            Governed actions
          </Title>
          <Text size="sm" c="dimmed">
            The actions a procedure step can name, such as a refund or a replacement, and that the authority limits govern on a case. Mark an action as having
            an amount when limits are a sum of money.
          </Text>
        </Stack>
        <QueryState query={actions} loadingLabel="Loading governed actions…">
          {(data) => (
            <>
              {data.items.length === 0 ? (
                <Text size="sm">No governed actions yet.</Text>
              ) : (
                <Table.ScrollContainer minWidth={480}>
                  <Table striped verticalSpacing={6}>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>Action</Table.Th>
                        <Table.Th>Key</Table.Th>
                        <Table.Th>Amount</Table.Th>
                        <Table.Th>Offered for new steps</Table.Th>
                        {data.can.update ? (
                          <Table.Th>
                            <span className="visually-hidden">Actions</span>
                          </Table.Th>
                        ) : null}
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {data.items.map((action) => (
                        <Table.Tr key={action.id}>
                          <Table.Td>{action.label}</Table.Td>
                          <Table.Td>
                            <Code>{action.key}</Code>
                          </Table.Td>
                          <Table.Td>
                            {action.hasAmount ? (
                              <Badge variant="light" tt="none">
                                Has an amount
                              </Badge>
                            ) : (
                              'No amount'
                            )}
                          </Table.Td>
                          <Table.Td>
                            {action.retiredAt ? (
                              <Badge c="gray.9" color="gray" variant="light" tt="none">
                                Retired
                              </Badge>
                            ) : (
                              'Yes'
                            )}
                          </Table.Td>
                          {data.can.update ? (
                            <Table.Td>
                              <Button size="xs" variant="default" leftSection={<IconPencil size={14} aria-hidden />} onClick={() => setEditing(action)} aria-label={`Edit governed action ${action.label}`}>
                                Edit
                              </Button>
                            </Table.Td>
                          ) : null}
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )}
              {data.can.create ? <AddGovernedActionForm /> : null}
              {editing ? <GovernedActionModal action={editing} onClose={() => setEditing(null)} /> : null}
            </>
          )}
        </QueryState>
      </Stack>
    </Paper>
  );
}
