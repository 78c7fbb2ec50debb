import { Button, Group, Select, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import type { PeopleFilter } from '../admin-queries';
import { optionsOf, useRoles, useTeams } from '../admin-queries';

const STATUS_OPTIONS = [
  { value: 'active', label: 'Active' },
  { value: 'suspended', label: 'Suspended' },
];

/** Search by name or email, and narrow by status, role and team. */
export function PeopleFilters({ search, onSearch, filter, onFilter }: { search: string; onSearch: (q: string) => void; filter: PeopleFilter; onFilter: (filter: PeopleFilter) => void }) {
  const roles = useRoles();
  const teams = useTeams();
  const filtered = Boolean(search || filter.status || filter.roleId || filter.teamId);
  return (
    <Group align="flex-end" wrap="wrap" mb="md" role="search" aria-label="Filter people">
      <TextInput
        label="Search people"
        placeholder="Name or email"
        leftSection={<IconSearch size={16} aria-hidden />}
        value={search}
        onChange={(event) => onSearch(event.currentTarget.value)}
        w={260}
        type="search"
      />
      <Select label="Status" placeholder="Any status" data={STATUS_OPTIONS} value={filter.status ?? null} onChange={(value) => onFilter({ ...filter, status: (value as PeopleFilter['status']) ?? undefined })} clearable w={160} />
      <Select label="Role" placeholder="Any role" data={optionsOf(roles.data?.items)} value={filter.roleId ?? null} onChange={(value) => onFilter({ ...filter, roleId: value ?? undefined })} clearable searchable w={200} />
      <Select label="Team" placeholder="Any team" data={optionsOf(teams.data?.items)} value={filter.teamId ?? null} onChange={(value) => onFilter({ ...filter, teamId: value ?? undefined })} clearable searchable w={220} />
      {filtered ? (
        <Button
          variant="subtle"
          onClick={() => {
            onSearch('');
            onFilter({});
          }}
        >
          Clear filters
        </Button>
      ) : null}
    </Group>
  );
}
