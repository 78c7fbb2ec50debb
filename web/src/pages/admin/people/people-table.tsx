import { Badge, Group, Table, Text } from '@mantine/core';
import { AnchorLink } from '../../../components/router-links';
import type { Person } from '../../../../../common/api/people';

export function StatusBadge({ status }: { status: Person['status'] }) {
  return status === 'active' ? (
    <Badge color="teal" variant="light">
      Active
    </Badge>
  ) : (
    <Badge color="gray" variant="filled">
      Suspended
    </Badge>
  );
}

export function PeopleTable({ people }: { people: Person[] }) {
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped highlightOnHover verticalSpacing="sm">
        <Table.Caption>
          {people.length} {people.length === 1 ? 'person' : 'people'}
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Email</Table.Th>
            <Table.Th>Roles</Table.Th>
            <Table.Th>Teams</Table.Th>
            <Table.Th>Status</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {people.map((person) => (
            <Table.Tr key={person.id}>
              <Table.Td>
                <AnchorLink to="/people/$personId" params={{ personId: person.id }} fw={600}>
                  {person.name}
                </AnchorLink>
              </Table.Td>
              <Table.Td>{person.email}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {person.roles.map((role) => (
                    <Badge key={role.id} variant="light" tt="none">
                      {role.name}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{person.teams.map((team) => team.name).join(', ') || '—'}</Text>
              </Table.Td>
              <Table.Td>
                <StatusBadge status={person.status} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
