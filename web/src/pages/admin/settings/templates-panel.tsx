import { Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { SOP_TEMPLATES_KEY, useSopTemplates } from '../../../api/library-settings';
import { ConfirmButton } from '../../../components/confirm-button';
import { notifyFailed, notifySaved } from '../../../components/notify';
import { QueryState } from '../../../components/query-state';

/** The organisation's own SOP templates (saved from SOPs with "Save as template"), and removing them. */
export function TemplatesPanel() {
  const client = useQueryClient();
  const templates = useSopTemplates();
  const remove = useMutation({
    mutationFn: (id: string) => api<null>(`/sop-templates/${id}`, { method: 'DELETE' }),
    onSuccess: async () => {
      notifySaved('Template removed. SOPs started from it keep their content.');
      await client.invalidateQueries({ queryKey: SOP_TEMPLATES_KEY });
    },
    onError: (error) => notifyFailed(error, 'Could not remove the template'),
  });
  return (
    <Paper withBorder p="lg">
      <Stack gap="sm">
        <Title order={2} size="h4">
          SOP templates
        </Title>
        <Text size="sm" c="dimmed">
          Authors start new SOPs from the built-in templates or from your own. To add one, open a well-written SOP in the library and choose “Save as
          template”.
        </Text>
        <QueryState query={templates} loadingLabel="Loading templates…">
          {(data) => {
            const own = data.items.filter((template) => !template.builtIn);
            if (own.length === 0) return <Text size="sm">Your organisation has no templates of its own yet.</Text>;
            return (
              <Table.ScrollContainer minWidth={500}>
                <Table>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Name</Table.Th>
                      <Table.Th>Description</Table.Th>
                      <Table.Th>
                        <span className="visually-hidden">Actions</span>
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {own.map((template) => (
                      <Table.Tr key={template.id}>
                        <Table.Td>{template.name}</Table.Td>
                        <Table.Td>{template.description}</Table.Td>
                        <Table.Td>
                          {template.can.delete ? (
                            <ConfirmButton
                              size="xs"
                              color="red"
                              variant="subtle"
                              title={`Remove the template “${template.name}”?`}
                              message="New SOPs can no longer start from it. SOPs already started from it keep their content."
                              confirmLabel="Remove"
                              onConfirm={() => remove.mutate(template.id)}
                              aria-label={`Remove the template ${template.name}`}
                            >
                              Remove
                            </ConfirmButton>
                          ) : null}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            );
          }}
        </QueryState>
      </Stack>
    </Paper>
  );
}
