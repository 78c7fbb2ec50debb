import { Button, Group, Select, Stack, Table, Text } from '@mantine/core';
import { IconBooks } from '@tabler/icons-react';
import type { SopSummary } from '../../../../common/api/sops';
import { AnchorLink } from '../../components/router-links';
import { EmptyState } from '../../components/empty-state';
import { ProblemAlert } from '../../components/problem-alert';
import { QueryState } from '../../components/query-state';
import { SOP_PAGE_SIZE, useSopPages, type SopFilters } from './library-api';
import { ReviewDue, SopStatusBadge, VersionStatusBadge } from './status-badges';

type SopListProps = {
  filters: SopFilters;
  onFiltersChange: (filters: SopFilters) => void;
  categories: string[];
  channels: string[];
  emptyAction?: React.ReactNode;
};

export function SopListFilters({ filters, onFiltersChange, categories, channels }: Omit<SopListProps, 'emptyAction'>) {
  return (
    <Group gap="sm" wrap="wrap" align="flex-end">
      <Select label="Category" placeholder="Any category" data={categories} value={filters.category ?? null} onChange={(value) => onFiltersChange({ ...filters, category: value ?? undefined })} clearable w={200} />
      <Select label="Channel" placeholder="Any channel" data={channels} value={filters.channel ?? null} onChange={(value) => onFiltersChange({ ...filters, channel: value ?? undefined })} clearable w={180} />
      <Select
        label="Status"
        placeholder="Any status"
        data={[
          { value: 'published', label: 'Published' },
          { value: 'draft', label: 'Not yet published' },
          { value: 'retired', label: 'Retired' },
        ]}
        value={filters.status ?? null}
        onChange={(value) => onFiltersChange({ ...filters, status: (value as SopFilters['status']) ?? undefined })}
        clearable
        w={200}
      />
      <Select
        label="Owner"
        placeholder="Anyone"
        data={[{ value: 'me', label: 'Me' }]}
        value={filters.owner ?? null}
        onChange={(value) => onFiltersChange({ ...filters, owner: value === 'me' ? 'me' : undefined })}
        clearable
        w={140}
      />
      <Select
        label="Periodic review"
        placeholder="Any"
        data={[
          { value: 'due-soon', label: 'Due within 30 days' },
          { value: 'overdue', label: 'Overdue' },
        ]}
        value={filters.review ?? null}
        onChange={(value) => onFiltersChange({ ...filters, review: (value as SopFilters['review']) ?? undefined })}
        clearable
        w={200}
      />
    </Group>
  );
}

function SopRow({ sop }: { sop: SopSummary }) {
  return (
    <Table.Tr>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Text ff="monospace" size="sm" fw={600}>
          {sop.key}
        </Text>
      </Table.Td>
      <Table.Td>
        <AnchorLink to="/library/$sopId" params={{ sopId: sop.id }} fw={600}>
          {sop.title}
        </AnchorLink>
      </Table.Td>
      <Table.Td>{sop.category}</Table.Td>
      <Table.Td>{sop.channels.length > 0 ? sop.channels.join(', ') : '—'}</Table.Td>
      <Table.Td>{sop.owner?.name ?? '—'}</Table.Td>
      <Table.Td>
        <Stack gap={4} align="flex-start">
          <SopStatusBadge status={sop.status} />
          {sop.draft ? (
            <Group gap={4} wrap="nowrap">
              <Text size="xs" c="gray.7">
                {sop.draft.label}:
              </Text>
              <VersionStatusBadge status={sop.draft.status} />
            </Group>
          ) : null}
        </Stack>
      </Table.Td>
      <Table.Td>{sop.published ? sop.published.label : '—'}</Table.Td>
      <Table.Td>
        <ReviewDue sop={sop} />
      </Table.Td>
    </Table.Tr>
  );
}

/** Every SOP of the organisation with its state, filtered, a page at a time; what an owner scans for reviews due. */
export function SopList({ filters, emptyAction }: Pick<SopListProps, 'filters' | 'emptyAction'>) {
  const pages = useSopPages(filters);
  const filtered = Object.values(filters).some(Boolean);
  // Once the first page is here it stays on screen: a later page that fails says so below the list.
  if (!pages.data) return <QueryState query={pages} loadingLabel="Loading the library…">{() => null}</QueryState>;
  const items = pages.data.pages.flatMap((page) => page.items);
  const total = pages.data.pages[0]?.total ?? 0;
  if (items.length === 0) {
    return (
      <EmptyState icon={<IconBooks size={24} />} title={filtered ? 'No SOP matches these filters' : 'The library is empty'} action={filtered ? undefined : emptyAction}>
        {filtered ? 'Clear a filter to see more.' : 'Write the first standard operating procedure, or import one you already have in Markdown or Word.'}
      </EmptyState>
    );
  }
  return (
    <Stack gap="sm">
      <Table.ScrollContainer minWidth={960}>
        <Table striped highlightOnHover verticalSpacing="sm" aria-label="Standard operating procedures">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Key</Table.Th>
              <Table.Th scope="col">Title</Table.Th>
              <Table.Th scope="col">Category</Table.Th>
              <Table.Th scope="col">Channels</Table.Th>
              <Table.Th scope="col">Owner</Table.Th>
              <Table.Th scope="col">Status</Table.Th>
              <Table.Th scope="col">Published version</Table.Th>
              <Table.Th scope="col">Next review</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((sop) => (
              <SopRow key={sop.id} sop={sop} />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {pages.isFetchNextPageError ? <ProblemAlert error={pages.error} title="Could not load more SOPs" /> : null}
      <Text size="sm" c="dimmed" role="status">
        {pages.hasNextPage
          ? `Showing ${items.length.toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')} SOPs, in key order.`
          : filtered
            ? `${total} ${total === 1 ? 'SOP matches' : 'SOPs match'} these filters.`
            : `${total} ${total === 1 ? 'SOP' : 'SOPs'} in the library.`}
      </Text>
      {pages.hasNextPage ? (
        <Button variant="default" onClick={() => void pages.fetchNextPage()} loading={pages.isFetchingNextPage} style={{ alignSelf: 'center' }}>
          Show {Math.min(SOP_PAGE_SIZE, total - items.length)} more
        </Button>
      ) : null}
    </Stack>
  );
}
