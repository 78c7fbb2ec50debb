import { Button, Checkbox, Group, Select, Table, Text } from '@mantine/core';
import { IconUserMinus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Team } from '../../../../../common/api/teams';
import { api } from '../../../api/client';
import { notifyFailed } from '../../../components/notify';
import { PEOPLE_KEY, TEAMS_KEY, usePeople } from '../admin-queries';

function useMemberChange(team: Team) {
  const client = useQueryClient();
  const refresh = () => Promise.all([client.invalidateQueries({ queryKey: TEAMS_KEY }), client.invalidateQueries({ queryKey: PEOPLE_KEY })]);
  const put = useMutation({
    mutationFn: ({ personId, isLead }: { personId: string; isLead: boolean }) => api<Team>(`/teams/${team.id}/members/${personId}`, { method: 'PUT', body: { isLead } }),
    onSuccess: refresh,
    onError: (error) => notifyFailed(error, 'Could not change the team'),
  });
  const remove = useMutation({
    mutationFn: (personId: string) => api<Team>(`/teams/${team.id}/members/${personId}`, { method: 'DELETE' }),
    onSuccess: refresh,
    onError: (error) => notifyFailed(error, 'Could not remove the member'),
  });
  return { put, remove };
}

/** Pick a person who is not in the team yet, and whether they lead it. */
function AddMemberForm({ team, onAdd, pending }: { team: Team; onAdd: (personId: string, isLead: boolean) => void; pending: boolean }) {
  const people = usePeople();
  const [personId, setPersonId] = useState<string | null>(null);
  const [isLead, setIsLead] = useState(false);
  const memberIds = new Set(team.members.map((member) => member.personId));
  const candidates = (people.data?.items ?? []).filter((person) => !memberIds.has(person.id)).map((person) => ({ value: person.id, label: `${person.name} (${person.email})` }));
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (!personId) return;
        onAdd(personId, isLead);
        setPersonId(null);
        setIsLead(false);
      }}
    >
      <Group align="flex-end" wrap="wrap" gap="sm">
        <Select label={`Add a member to ${team.name}`} placeholder="Choose a person" data={candidates} value={personId} onChange={setPersonId} searchable nothingFoundMessage="Nobody else to add" w={320} />
        <Checkbox label="Team lead" checked={isLead} onChange={(event) => setIsLead(event.currentTarget.checked)} mb={8} />
        <Button type="submit" variant="light" disabled={!personId} loading={pending}>
          Add member
        </Button>
      </Group>
    </form>
  );
}

/** The members of a team; those allowed to manage it can add, remove and make leads. */
export function TeamMembers({ team }: { team: Team }) {
  const { put, remove } = useMemberChange(team);
  const manage = team.can.update;
  return (
    <>
      {team.members.length === 0 ? (
        <Text size="sm" c="dimmed">
          No members yet.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={520}>
          <Table verticalSpacing={6} fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Member</Table.Th>
                <Table.Th>Email</Table.Th>
                <Table.Th>Lead</Table.Th>
                {manage ? (
                  <Table.Th>
                    <span className="visually-hidden">Actions</span>
                  </Table.Th>
                ) : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {team.members.map((member) => (
                <Table.Tr key={member.personId}>
                  <Table.Td>{member.name}</Table.Td>
                  <Table.Td>{member.email}</Table.Td>
                  <Table.Td>
                    {manage ? (
                      <Checkbox
                        aria-label={`${member.name} leads ${team.name}`}
                        checked={member.isLead}
                        disabled={put.isPending}
                        onChange={(event) => put.mutate({ personId: member.personId, isLead: event.currentTarget.checked })}
                      />
                    ) : member.isLead ? (
                      'Lead'
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                  {manage ? (
                    <Table.Td>
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        color="red"
                        leftSection={<IconUserMinus size={14} aria-hidden />}
                        aria-label={`Remove ${member.name} from ${team.name}`}
                        loading={remove.isPending && remove.variables === member.personId}
                        onClick={() => remove.mutate(member.personId)}
                      >
                        Remove
                      </Button>
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {manage ? <AddMemberForm team={team} pending={put.isPending} onAdd={(personId, isLead) => put.mutate({ personId, isLead })} /> : null}
    </>
  );
}
