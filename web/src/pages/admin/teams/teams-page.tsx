import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconPlus, IconUsersGroup } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Team } from '../../../../../common/api/teams';
import { api } from '../../../api/client';
import { useSignedIn } from '../../../api/session';
import { ConfirmButton } from '../../../components/confirm-button';
import { EmptyState } from '../../../components/empty-state';
import { notifyFailed, notifySaved } from '../../../components/notify';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/query-state';
import { PEOPLE_KEY, TEAMS_KEY, useTeams } from '../admin-queries';
import { NoAccess } from '../no-access';
import { TeamFormModal } from './team-form-modal';
import { TeamMembers } from './team-members';

function TeamCard({ team, onEdit }: { team: Team; onEdit: () => void }) {
  const client = useQueryClient();
  const remove = useMutation({
    mutationFn: () => api<null>(`/teams/${team.id}`, { method: 'DELETE' }),
    onSuccess: async () => {
      notifySaved(`Team “${team.name}” deleted.`);
      await Promise.all([client.invalidateQueries({ queryKey: TEAMS_KEY }), client.invalidateQueries({ queryKey: PEOPLE_KEY })]);
    },
    onError: (error) => notifyFailed(error, 'Could not delete the team'),
  });
  const leads = team.members.filter((member) => member.isLead);
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby={`team-${team.id}`}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <Stack gap={2}>
            <Group gap="xs">
              <Title order={2} size="h4" id={`team-${team.id}`}>
                {team.name}
              </Title>
              <Badge variant="light" tt="none">
                {team.members.length} {team.members.length === 1 ? 'member' : 'members'}
              </Badge>
            </Group>
            {team.description ? <Text size="sm">{team.description}</Text> : null}
            <Text size="sm" c="dimmed">
              {leads.length > 0 ? `Led by ${leads.map((lead) => lead.name).join(', ')}` : 'No lead'}
            </Text>
          </Stack>
          <Group gap="xs">
            {team.can.update ? (
              <Button size="xs" variant="default" onClick={onEdit} aria-label={`Edit team ${team.name}`}>
                Edit
              </Button>
            ) : null}
            {team.can.delete ? (
              <ConfirmButton
                size="xs"
                variant="subtle"
                color="red"
                loading={remove.isPending}
                aria-label={`Delete team ${team.name}`}
                title={`Delete the team “${team.name}”?`}
                message={`Its ${team.members.length} ${team.members.length === 1 ? 'member stays' : 'members stay'} in sopdesk with their roles; only the team goes. Its history stays in the audit trail.`}
                confirmLabel="Delete team"
                onConfirm={() => remove.mutate()}
              >
                Delete
              </ConfirmButton>
            ) : null}
          </Group>
        </Group>
        <TeamMembers team={team} />
      </Stack>
    </Paper>
  );
}

/** Teams, their members and leads. */
export function TeamsPage() {
  const me = useSignedIn();
  const teams = useTeams({ enabled: me.can.listPeople });
  // undefined: closed; null: creating; a team: editing it.
  const [editing, setEditing] = useState<Team | null | undefined>(undefined);
  if (!me.can.listPeople) return <NoAccess title="Teams" permission="people.read" />;
  return (
    <>
      <PageHeader
        title="Teams"
        description="Groups of people who work together, such as a contact centre or a store. Procedures and training can be assigned to a team."
        actions={
          teams.data?.can.create ? (
            <Button leftSection={<IconPlus size={18} aria-hidden />} onClick={() => setEditing(null)}>
              Create team
            </Button>
          ) : null
        }
      />
      <QueryState query={teams} loadingLabel="Loading teams…">
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState icon={<IconUsersGroup size={24} />} title="No teams yet">
              {data.can.create ? 'Create a team, then add its members and leads.' : 'Nobody has created a team yet.'}
            </EmptyState>
          ) : (
            <Stack gap="lg" maw={1000}>
              {data.items.map((team) => (
                <TeamCard key={team.id} team={team} onEdit={() => setEditing(team)} />
              ))}
            </Stack>
          )
        }
      </QueryState>
      {editing !== undefined ? <TeamFormModal team={editing ?? undefined} onClose={() => setEditing(undefined)} /> : null}
    </>
  );
}
