import { Button } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { IconUserPlus, IconUsers } from '@tabler/icons-react';
import { useState } from 'react';
import { useSignedIn } from '../../../api/session';
import { EmptyState } from '../../../components/empty-state';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/query-state';
import { usePeople, type PeopleFilter } from '../admin-queries';
import { NoAccess } from '../no-access';
import { AddPersonModal } from './add-person-modal';
import { PeopleFilters } from './people-filters';
import { PeopleTable } from './people-table';

/** The people directory: search, filter, and add people. */
export function PeoplePage() {
  const me = useSignedIn();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const [filter, setFilter] = useState<PeopleFilter>({});
  const [adding, { open, close }] = useDisclosure(false);
  const people = usePeople({ ...filter, q: q || undefined }, { enabled: me.can.listPeople });
  if (!me.can.listPeople) return <NoAccess title="People" permission="people.read" />;
  const filtered = Boolean(q || filter.status || filter.roleId || filter.teamId);

  return (
    <>
      <PageHeader
        title="People"
        description="Everyone in your organisation who signs in to sopdesk, their roles and their teams."
        actions={
          people.data?.can.create ? (
            <Button leftSection={<IconUserPlus size={18} aria-hidden />} onClick={open}>
              Add person
            </Button>
          ) : null
        }
      />
      <PeopleFilters search={search} onSearch={setSearch} filter={filter} onFilter={setFilter} />
      <QueryState query={people} loadingLabel="Loading people…">
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState
              icon={<IconUsers size={24} />}
              title={filtered ? 'Nobody matches these filters' : 'No people yet'}
              action={
                filtered ? (
                  <Button
                    variant="light"
                    onClick={() => {
                      setSearch('');
                      setFilter({});
                    }}
                  >
                    Clear filters
                  </Button>
                ) : null
              }
            >
              {filtered ? 'Try another name or email, or widen the status, role and team filters.' : 'Add the people of your organisation so they can sign in.'}
            </EmptyState>
          ) : (
            <PeopleTable people={data.items} />
          )
        }
      </QueryState>
      {people.data?.can.create ? <AddPersonModal opened={adding} onClose={close} /> : null}
    </>
  );
}
