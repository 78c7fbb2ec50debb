import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import DataLoader from 'dataloader';
import type { PeopleDirectory } from '../../../../common/api/people';
import { SOP_KEY_PATTERN } from '../../../../common/procedure/model';
import type { SearchResults } from '../../../../common/api/search';
import type { SopDetail, SopFacets, SopsList, SopSummary, SopVersion } from '../../../../common/api/sops';
import { api, queryString } from '../../api/client';
import { useSignedIn } from '../../api/session';

// Query keys and fetchers of the library screens, in one place so that every mutation
// invalidates the same keys the screens read.

export const LIBRARY_KEY = ['library'] as const;
export const sopsKey = (filters: SopFilters) => [...LIBRARY_KEY, 'sops', filters] as const;
export const facetsKey = [...LIBRARY_KEY, 'facets'] as const;
export const sopKey = (sopId: string) => [...LIBRARY_KEY, 'sop', sopId] as const;
export const versionKey = (sopId: string, versionId: string) => [...LIBRARY_KEY, 'sop', sopId, 'version', versionId] as const;
export const searchKey = (query: SearchParams) => [...LIBRARY_KEY, 'search', query] as const;
export const PROCESSES_KEY = ['processes'] as const;

/** `owner: 'me'` keeps the signed-in person's SOPs: what an owner looks at for reviews due. */
export type SopFilters = { category?: string; channel?: string; status?: 'draft' | 'published' | 'retired'; review?: 'due-soon' | 'overdue'; owner?: 'me' };
export type SearchParams = { q: string; channel?: string; category?: string; status?: 'published' | 'retired' | 'any' };

/** How many SOPs the library list loads at a time. */
export const SOP_PAGE_SIZE = 50;

/** The library list, filtered, a page at a time in key order. */
export function useSopPages(filters: SopFilters) {
  const me = useSignedIn();
  const { owner, ...rest } = filters;
  const ownerId = owner === 'me' ? me.person.id : undefined;
  return useInfiniteQuery({
    queryKey: sopsKey(filters),
    queryFn: ({ pageParam, signal }) => api<SopsList>(`/sops${queryString({ ...rest, ownerId, after: pageParam, limit: SOP_PAGE_SIZE })}`, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/**
 * How many of the signed-in person's SOPs are overdue for their periodic review, and how many fall
 * due within 30 days: what the library shows an owner first. Counts only (one row asked for each).
 */
export function useYourReviewsDue() {
  const me = useSignedIn();
  const count = (review: 'overdue' | 'due-soon') => async ({ signal }: { signal: AbortSignal }) =>
    (await api<SopsList>(`/sops${queryString({ ownerId: me.person.id, review, limit: 1 })}`, { signal })).total;
  const overdue = useQuery({ queryKey: [...LIBRARY_KEY, 'your-reviews', 'overdue'], queryFn: count('overdue'), staleTime: 30_000 });
  const dueSoon = useQuery({ queryKey: [...LIBRARY_KEY, 'your-reviews', 'due-soon'], queryFn: count('due-soon'), staleTime: 30_000 });
  return { overdue: overdue.data ?? 0, dueSoon: dueSoon.data ?? 0 };
}

/** The categories and channels the library's filters offer, and whether the caller may write SOPs. */
export function useSopFacets() {
  return useQuery({ queryKey: facetsKey, queryFn: ({ signal }) => api<SopFacets>('/sops/facets', { signal }), staleTime: 30_000 });
}

// A page names other SOPs by key (a step's "see also"), often several at once: the look-ups made
// in one render go to the server together, fifty keys to a request.
const sopsByKey = new DataLoader<string, SopSummary | null>(
  async (keys) => {
    // A reference typed by hand (or imported) may not look like a key at all: no SOP has it, and
    // sending it would have the server refuse the whole batch.
    const askable = keys.filter((key) => SOP_KEY_PATTERN.test(key));
    const found = askable.length > 0 ? (await api<SopsList>(`/sops${queryString({ keys: askable.join(','), limit: askable.length })}`)).items : [];
    return keys.map((key) => found.find((sop) => sop.key === key) ?? null);
  },
  { cache: false, maxBatchSize: 50 },
);

/** The SOP with this key, or null when the caller may not see one; undefined for no key. */
export function useSopByKey(key: string | undefined) {
  return useQuery({
    queryKey: [...LIBRARY_KEY, 'sop-by-key', key],
    queryFn: () => sopsByKey.load(key!),
    enabled: Boolean(key),
    staleTime: 30_000,
  });
}

/** Up to 20 SOPs whose key or title holds the text: the choices of an SOP picker. */
export function useSopMatches(text: string) {
  const q = text.trim();
  return useQuery({
    queryKey: [...LIBRARY_KEY, 'sops', { q, limit: 20 }],
    queryFn: ({ signal }) => api<SopsList>(`/sops${queryString({ q, limit: 20 })}`, { signal }),
    placeholderData: (previous) => previous,
    staleTime: 30_000,
  });
}

export function useSearch(params: SearchParams) {
  return useQuery({
    queryKey: searchKey(params),
    queryFn: ({ signal }) => api<SearchResults>(`/search${queryString({ ...params, limit: 20 })}`, { signal }),
    enabled: params.q.trim().length > 0,
    placeholderData: (previous) => previous,
  });
}

export function useSop(sopId: string) {
  return useQuery({ queryKey: sopKey(sopId), queryFn: () => api<SopDetail>(`/sops/${sopId}`) });
}

export function useVersion(sopId: string, versionId: string | undefined) {
  return useQuery({
    queryKey: versionKey(sopId, versionId ?? 'none'),
    queryFn: () => api<SopVersion>(`/sops/${sopId}/versions/${versionId}`),
    enabled: Boolean(versionId),
  });
}

/** Active people with their roles, to name as owners, trial participants, reviewers and approvers. */
export function usePeopleDirectory() {
  const me = useSignedIn();
  return useQuery({
    queryKey: ['people', 'directory'],
    queryFn: ({ signal }) => api<PeopleDirectory>('/people/directory', { signal }),
    enabled: me.can.pickPeople,
    staleTime: 60_000,
  });
}

/** Select options from the directory, with each person's roles as the option's description. */
export function personOptions(directory: PeopleDirectory | undefined, fallback: Array<{ id: string; name: string }> = []): Array<{ value: string; label: string; roles: string[] }> {
  const items = directory?.items ?? fallback.map((person) => ({ ...person, roles: [] }));
  return items.map((person) => ({ value: person.id, label: person.name, roles: person.roles }));
}

/** Forgets everything the library screens have loaded about SOPs (after any change to one). */
export function useInvalidateLibrary() {
  const client = useQueryClient();
  return async () => {
    await client.invalidateQueries({ queryKey: LIBRARY_KEY });
    await client.invalidateQueries({ queryKey: PROCESSES_KEY });
  };
}

/** The version a reader sees first: the draft in progress for those who may see it, else the published one, else the latest. */
export function defaultVersionId(sop: SopDetail): string | undefined {
  return sop.draft?.id ?? sop.published?.id ?? sop.versions[0]?.id;
}
