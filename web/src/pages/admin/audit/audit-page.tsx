import { Button, Center, Loader, Stack, Text } from '@mantine/core';
import { IconShieldSearch } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useMemo } from 'react';
import type { AuditEventsPage } from '../../../../../common/api/audit';
import { api, queryString } from '../../../api/client';
import { useSignedIn } from '../../../api/session';
import { EmptyState } from '../../../components/empty-state';
import { PageHeader } from '../../../components/page-header';
import { ProblemAlert } from '../../../components/problem-alert';
import { AUDIT_KEY, usePeople, useRoles, useTeams } from '../admin-queries';
import { NoAccess } from '../no-access';
import { AuditEventsTable, streamLabel } from './audit-events-table';
import { AuditFilters } from './audit-filters';
import type { AuditSearch } from './audit-search';
import { VerifyChainPanel } from './verify-chain-panel';

const PAGE_SIZE = 50;

/**
 * Names of the people, teams and roles the caller may see, for streams the events on the page do
 * not name themselves (the verification results). Each event comes with its stream's subject
 * ("sop: HH-REF-001"), named by the server.
 */
function useEntityNames(enabled: boolean): ReadonlyMap<string, string> {
  const { organisation } = useSignedIn();
  const people = usePeople({}, { enabled });
  const teams = useTeams({ enabled });
  const roles = useRoles({ enabled });
  return useMemo(
    () => new Map([organisation, ...(people.data?.items ?? []), ...(teams.data?.items ?? []), ...(roles.data?.items ?? [])].map((item) => [item.id, item.name])),
    [organisation, people.data, teams.data, roles.data],
  );
}

/** The tamper-evident audit trail: filter, page through, verify the chains, erase personal data. */
export function AuditPage({ search }: { search: AuditSearch }) {
  const me = useSignedIn();
  const navigate = useNavigate();
  const names = useEntityNames(me.can.readAudit && me.can.listPeople);
  const events = useInfiniteQuery({
    queryKey: [...AUDIT_KEY, 'events', search],
    queryFn: ({ pageParam, signal }) => api<AuditEventsPage>(`/audit/events${queryString({ ...search, before: pageParam, limit: PAGE_SIZE })}`, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: me.can.readAudit,
  });
  if (!me.can.readAudit) return <NoAccess title="Audit trail" permission="audit.read" />;
  const items = events.data?.pages.flatMap((page) => page.items) ?? [];
  const canErase = events.data?.pages[0]?.can.erase ?? false;
  const filtered = Object.values(search).some(Boolean);

  return (
    <>
      <PageHeader
        title="Audit trail"
        description="Every change in sopdesk, who made it and when, newest first. Events are hash-chained per stream, so any tampering shows when you verify."
      />
      {/* Keyed by the stream so a result never shows under a scope it was not computed for. */}
      <VerifyChainPanel key={search.stream ?? ''} stream={search.stream} describeStream={(stream) => streamLabel(stream, names)} />
      <AuditFilters key={JSON.stringify(search)} search={search} onApply={(next) => navigate({ to: '/audit', search: next })} />
      {events.isPending ? (
        <Center py="xl" role="status" aria-live="polite">
          <Stack align="center" gap="xs">
            <Loader size="sm" aria-hidden />
            <Text size="sm" c="dimmed">
              Loading events…
            </Text>
          </Stack>
        </Center>
      ) : events.isError && items.length === 0 ? (
        <ProblemAlert error={events.error} title="Could not load the audit trail" />
      ) : items.length === 0 ? (
        <EmptyState icon={<IconShieldSearch size={24} />} title={filtered ? 'No events match these filters' : 'No events yet'}>
          {filtered ? 'Widen the time range or clear a filter.' : 'Events appear here as soon as anything changes.'}
        </EmptyState>
      ) : (
        <Stack>
          <AuditEventsTable events={items} names={names} canErase={canErase} />
          {events.isFetchNextPageError ? <ProblemAlert error={events.error} title="Could not load more events" /> : null}
          <Text size="sm" c="dimmed" role="status">
            Showing {items.length} {items.length === 1 ? 'event' : 'events'}
            {events.hasNextPage ? '; older ones follow.' : '; that is all of them.'}
          </Text>
          {events.hasNextPage ? (
            <Button variant="default" onClick={() => void events.fetchNextPage()} loading={events.isFetchingNextPage} style={{ alignSelf: 'center' }}>
              Load more
            </Button>
          ) : null}
        </Stack>
      )}
    </>
  );
}

/** The /audit route: its filters come from the URL. */
export function AuditRoutePage() {
  return <AuditPage search={useSearch({ from: '/signed-in/audit' })} />;
}
