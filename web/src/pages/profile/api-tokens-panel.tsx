import { Alert, Button, Code, CopyButton, Group, NumberInput, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconKey } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { useState } from 'react';
import { createApiTokenBodySchema, type ApiToken, type CreatedApiToken } from '../../../../common/api/auth';
import { api, fieldErrorsOf, formLevelError } from '../../api/client';
import { ConfirmButton } from '../../components/confirm-button';
import { notifyFailed, notifySaved } from '../../components/notify';
import { ProblemAlert } from '../../components/problem-alert';
import { formatDateTime } from '../../components/format';

const TOKENS_KEY = ['me', 'tokens'] as const;

export function ApiTokensPanel() {
  const client = useQueryClient();
  const tokens = useQuery({ queryKey: TOKENS_KEY, queryFn: () => api<{ items: ApiToken[] }>('/me/tokens') });
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const form = useForm<{ name: string; expiresInDays: number | null }>({
    initialValues: { name: '', expiresInDays: 90 },
    validate: zod4Resolver(createApiTokenBodySchema),
  });
  const create = useMutation({
    mutationFn: (values: { name: string; expiresInDays: number | null }) => api<CreatedApiToken>('/me/tokens', { method: 'POST', body: values }),
    onSuccess: async (token) => {
      setCreated(token);
      form.reset();
      await client.invalidateQueries({ queryKey: TOKENS_KEY });
    },
    onError: (error) => form.setErrors(fieldErrorsOf(error)),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api<null>(`/me/tokens/${id}`, { method: 'DELETE' }),
    onSuccess: async () => {
      notifySaved('Token revoked: it no longer works.');
      await client.invalidateQueries({ queryKey: TOKENS_KEY });
    },
    onError: (error) => notifyFailed(error, 'Could not revoke the token'),
  });

  return (
    <Paper withBorder p="lg">
      <Stack>
        <Title order={2} size="h4">
          Personal API tokens
        </Title>
        <Text size="sm" c="dimmed">
          For scripts and integrations: send <Code>Authorization: Bearer &lt;token&gt;</Code>. A token acts as you, with your permissions. It is shown
          once; sopdesk keeps only a fingerprint of it.
        </Text>
        {created ? (
          <Alert color="teal" title={`Token “${created.name}” created — copy it now`} icon={<IconKey aria-hidden />} withCloseButton onClose={() => setCreated(null)}>
            <Stack gap="xs">
              <Code block data-testid="new-api-token">
                {created.token}
              </Code>
              <CopyButton value={created.token}>
                {({ copied, copy }) => (
                  <Button size="xs" variant="light" onClick={copy} style={{ alignSelf: 'flex-start' }}>
                    {copied ? 'Copied' : 'Copy token'}
                  </Button>
                )}
              </CopyButton>
              <Text size="xs">It will not be shown again.</Text>
            </Stack>
          </Alert>
        ) : null}
        <form onSubmit={form.onSubmit((values) => create.mutate(values))} noValidate>
          <Group align="flex-end" wrap="wrap">
            <TextInput label="Token name" description="What it is for, e.g. “Reporting script”" w={280} {...form.getInputProps('name')} />
            <NumberInput label="Expires after (days)" description="1 to 365; empty for never" min={1} max={365} w={200} allowDecimal={false} {...form.getInputProps('expiresInDays')} onChange={(value) => form.setFieldValue('expiresInDays', value === '' ? null : Number(value))} />
            <Button type="submit" loading={create.isPending}>
              Create token
            </Button>
          </Group>
        </form>
        <ProblemAlert error={formLevelError(create.error)} />
        {tokens.isError ? <ProblemAlert error={tokens.error} title="Could not load your tokens" /> : null}
        {tokens.data && tokens.data.items.length === 0 ? (
          <Text size="sm" c="dimmed">
            You have no API tokens.
          </Text>
        ) : null}
        {tokens.data && tokens.data.items.length > 0 ? (
          <Table.ScrollContainer minWidth={600}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Starts with</Table.Th>
                  <Table.Th>Created</Table.Th>
                  <Table.Th>Expires</Table.Th>
                  <Table.Th>Last used</Table.Th>
                  <Table.Th>
                    <span className="visually-hidden">Actions</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {tokens.data.items.map((token) => (
                  <Table.Tr key={token.id}>
                    <Table.Td>{token.name}</Table.Td>
                    <Table.Td>
                      <Code>{token.prefix}…</Code>
                    </Table.Td>
                    <Table.Td>{formatDateTime(token.createdAt)}</Table.Td>
                    <Table.Td>{token.expiresAt ? formatDateTime(token.expiresAt) : 'Never'}</Table.Td>
                    <Table.Td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : 'Not yet'}</Table.Td>
                    <Table.Td>
                      <ConfirmButton
                        size="xs"
                        color="red"
                        variant="subtle"
                        title={`Revoke “${token.name}”?`}
                        message="Anything using this token will stop working at once."
                        confirmLabel="Revoke"
                        onConfirm={() => revoke.mutate(token.id)}
                        aria-label={`Revoke token ${token.name}`}
                      >
                        Revoke
                      </ConfirmButton>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : null}
      </Stack>
    </Paper>
  );
}
