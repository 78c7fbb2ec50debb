import { Badge, Button, Code, Group, List, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconId, IconPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Role, RolesList } from '../../../../../common/api/roles';
import { api } from '../../../api/client';
import { useSignedIn } from '../../../api/session';
import { ConfirmButton } from '../../../components/confirm-button';
import { EmptyState } from '../../../components/empty-state';
import { notifySaved } from '../../../components/notify';
import { PageHeader } from '../../../components/page-header';
import { ProblemAlert } from '../../../components/problem-alert';
import { QueryState } from '../../../components/query-state';
import { ROLES_KEY, useRoles } from '../admin-queries';
import { NoAccess } from '../no-access';
import { RoleFormModal } from './role-form-modal';

function RoleCard({ role, catalogue, manage, onEdit }: { role: Role; catalogue: RolesList['permissions']; manage: boolean; onEdit: () => void }) {
  const client = useQueryClient();
  const remove = useMutation({
    mutationFn: () => api<null>(`/roles/${role.id}`, { method: 'DELETE' }),
    onSuccess: async () => {
      notifySaved(`Role “${role.name}” deleted.`);
      await client.invalidateQueries({ queryKey: ROLES_KEY });
    },
  });
  const inUse = role.memberCount > 0;
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby={`role-${role.id}`}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Title order={2} size="h4" id={`role-${role.id}`}>
            {role.name}
          </Title>
          <Badge variant="light" tt="none" style={{ flexShrink: 0 }}>
            {role.memberCount} {role.memberCount === 1 ? 'person' : 'people'}
          </Badge>
        </Group>
        {role.description ? <Text size="sm">{role.description}</Text> : null}
        <Text size="sm" fw={600}>
          {role.permissions.length === 0 ? 'No permissions' : 'May:'}
        </Text>
        {role.permissions.length > 0 ? (
          <List size="sm" spacing={2}>
            {catalogue
              .filter((permission) => role.permissions.includes(permission.key))
              .map((permission) => (
                <List.Item key={permission.key}>
                  {permission.description} <Code fz="xs">{permission.key}</Code>
                </List.Item>
              ))}
          </List>
        ) : null}
        {remove.error ? <ProblemAlert error={remove.error} title="Could not delete the role" /> : null}
        {manage ? (
          <Group gap="xs">
            {role.can.update ? (
              <Button size="xs" variant="default" onClick={onEdit} aria-label={`Edit role ${role.name}`}>
                Edit
              </Button>
            ) : null}
            <ConfirmButton
              size="xs"
              variant="subtle"
              color="red"
              disabled={!role.can.delete}
              loading={remove.isPending}
              aria-label={`Delete role ${role.name}`}
              aria-describedby={inUse ? `role-in-use-${role.id}` : undefined}
              title={`Delete the role “${role.name}”?`}
              message="Nobody holds it, so no one loses access. Its history stays in the audit trail."
              confirmLabel="Delete role"
              onConfirm={() => remove.mutate()}
            >
              Delete
            </ConfirmButton>
            {inUse ? (
              <Text size="xs" c="dimmed" id={`role-in-use-${role.id}`}>
                In use: give its {role.memberCount === 1 ? 'holder' : `${role.memberCount} holders`} another role before deleting it.
              </Text>
            ) : null}
          </Group>
        ) : null}
      </Stack>
    </Paper>
  );
}

/** Roles and the permissions each one grants. */
export function RolesPage() {
  const me = useSignedIn();
  const roles = useRoles({ enabled: me.can.listPeople });
  // undefined: closed; null: creating; a role: editing it.
  const [editing, setEditing] = useState<Role | null | undefined>(undefined);
  if (!me.can.listPeople) return <NoAccess title="Roles" permission="people.read" />;
  return (
    <>
      <PageHeader
        title="Roles"
        description="A role is a set of permissions. Everyone holds at least one; what they may do is the sum of their roles."
        actions={
          roles.data?.can.create ? (
            <Button leftSection={<IconPlus size={18} aria-hidden />} onClick={() => setEditing(null)}>
              Create role
            </Button>
          ) : null
        }
      />
      <QueryState query={roles} loadingLabel="Loading roles…">
        {(data) => (
          <>
            {data.items.length === 0 ? (
              <EmptyState icon={<IconId size={24} />} title="No roles yet">
                Create a role and choose its permissions.
              </EmptyState>
            ) : (
              <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg" maw={1200}>
                {data.items.map((role) => (
                  <RoleCard key={role.id} role={role} catalogue={data.permissions} manage={data.can.create} onEdit={() => setEditing(role)} />
                ))}
              </SimpleGrid>
            )}
            {editing !== undefined ? <RoleFormModal role={editing ?? undefined} catalogue={data.permissions} onClose={() => setEditing(undefined)} /> : null}
          </>
        )}
      </QueryState>
    </>
  );
}
