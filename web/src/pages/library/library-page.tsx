import { Paper, Stack, Title } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useRef, useState } from 'react';
import { useSignedIn } from '../../api/session';
import { PageHeader } from '../../components/page-header';
import { LibraryActions } from './library-actions';
import { useSearch as useSopSearch, useSopFacets, type SearchParams, type SopFilters } from './library-api';
import { NewSopButton } from './new-sop-dialog';
import { SopList, SopListFilters } from './sop-list';
import { YourReviewsDue } from './your-reviews-due';
import { SearchBox, SearchFilters, SearchResultsList } from './sop-search';

const route = getRouteApi('/signed-in/library');

export type LibrarySearch = {
  q?: string;
  category?: string;
  channel?: string;
  status?: SopFilters['status'];
  review?: SopFilters['review'];
  owner?: SopFilters['owner'];
  in?: SearchParams['status'];
};

/** The library: search first (an agent mid-call), and without a query the whole list with filters. */
export function LibraryPage() {
  const me = useSignedIn();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/library' });
  const [text, setText] = useState(search.q ?? '');
  const resultsRef = useRef<HTMLDivElement>(null);
  const query = (search.q ?? '').trim();

  const setSearch = (next: LibrarySearch) => void navigate({ search: next, replace: true });
  const pushQuery = useDebouncedCallback((value: string) => setSearch({ ...search, q: value.trim() || undefined }), 250);
  const onTextChange = (value: string) => {
    setText(value);
    pushQuery(value);
  };

  // The categories and channels of every SOP the caller may see: what the filters offer.
  const facets = useSopFacets();
  const categories = facets.data?.categories ?? [];
  const channels = facets.data?.channels ?? [];
  const searchParams: SearchParams = { q: query, category: search.category, channel: search.channel, status: search.in };
  const results = useSopSearch(searchParams);

  const openFirst = () => {
    const first = results.data?.items[0];
    if (first && results.data?.query === query) void navigate({ to: '/library/$sopId', params: { sopId: first.sopId } });
  };

  const listFilters: SopFilters = { category: search.category, channel: search.channel, status: search.status, review: search.review, owner: search.owner };
  const canCreate = me.can.authorSops && (facets.data?.can.create ?? true);

  return (
    <>
      <PageHeader
        title="Library"
        description="Every standard operating procedure of your organisation. Search the published ones, or browse and filter the whole list."
        actions={<LibraryActions categories={categories} canCreate={canCreate} />}
      />
      <Stack gap="lg">
        <Paper withBorder p="md" radius="md" role="search" aria-label="Search the procedures">
          <Stack gap="sm">
            <SearchBox value={text} onChange={onTextChange} onOpenFirst={openFirst} resultsRef={resultsRef} />
            {query ? <SearchFilters params={searchParams} categories={categories} channels={channels} onChange={(params) => setSearch({ ...search, category: params.category, channel: params.channel, in: params.status })} /> : null}
          </Stack>
        </Paper>
        {query ? (
          <section aria-labelledby="results-heading">
            <Title order={2} size="h4" id="results-heading" mb="xs">
              Results
            </Title>
            <SearchResultsList params={searchParams} resultsRef={resultsRef} />
          </section>
        ) : (
          <section aria-labelledby="all-sops-heading">
            <Title order={2} size="h4" id="all-sops-heading" mb="xs">
              All SOPs
            </Title>
            <Stack gap="md">
              <YourReviewsDue onShow={(review) => setSearch({ ...search, owner: 'me', review })} />
              <SopListFilters filters={listFilters} onFiltersChange={(filters) => setSearch({ ...search, ...filters })} categories={categories} channels={channels} />
              <SopList filters={listFilters} emptyAction={canCreate ? <NewSopButton categories={categories} label="Write the first SOP" /> : undefined} />
            </Stack>
          </section>
        )}
      </Stack>
    </>
  );
}
