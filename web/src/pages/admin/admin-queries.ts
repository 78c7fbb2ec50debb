import { useQuery } from '@tanstack/react-query';
import type { PeopleList } from '../../../../common/api/people';
import type { RolesList } from '../../../../common/api/roles';
import type { TeamsList } from '../../../../common/api/teams';
import { api, queryString } from '../../api/client';

// Query keys of the administration screens: one prefix per resource, so a change invalidates every view of it.
export const PEOPLE_KEY = ['people'] as const;
export const ROLES_KEY = ['roles'] as const;
export const TEAMS_KEY = ['teams'] as const;
export const AUDIT_KEY = ['audit'] as const;

export type PeopleFilter = { q?: string; status?: 'active' | 'suspended'; roleId?: string; teamId?: string };

export function personKey(personId: string) {
  return [...PEOPLE_KEY, 'one', personId] as const;
}

export function usePeople(filter: PeopleFilter = {}, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...PEOPLE_KEY, 'list', filter],
    queryFn: ({ signal }) => api<PeopleList>(`/people${queryString(filter)}`, { signal }),
    placeholderData: (previous) => previous,
    enabled: options.enabled ?? true,
  });
}

export function useRoles(options: { enabled?: boolean } = {}) {
  return useQuery({ queryKey: ROLES_KEY, queryFn: ({ signal }) => api<RolesList>('/roles', { signal }), enabled: options.enabled ?? true });
}

export function useTeams(options: { enabled?: boolean } = {}) {
  return useQuery({ queryKey: TEAMS_KEY, queryFn: ({ signal }) => api<TeamsList>('/teams', { signal }), enabled: options.enabled ?? true });
}

/** Select options from anything with an id and a name. */
export function optionsOf(items: ReadonlyArray<{ id: string; name: string }> | undefined): { value: string; label: string }[] {
  return (items ?? []).map((item) => ({ value: item.id, label: item.name }));
}

/** A form's empty text field as the API's null. */
export function nullIfEmpty(value: string | null | undefined): string | null {
  return value ? value : null;
}
