import { useQuery } from '@tanstack/react-query';
import type { GovernedActions } from '../../../common/api/settings';
import type { SopTemplates } from '../../../common/api/sop-templates';
import { api } from './client';

// Read by the library (the editor, New SOP) and changed in Settings: one key each, so a change on
// one screen is what the other shows next.
export const GOVERNED_ACTIONS_KEY = ['governed-actions'] as const;
export const SOP_TEMPLATES_KEY = ['library', 'templates'] as const;

/** The governed actions (refund, replacement …) a step can name. */
export function useGovernedActions() {
  return useQuery({
    queryKey: GOVERNED_ACTIONS_KEY,
    queryFn: ({ signal }) => api<GovernedActions>('/governed-actions', { signal }),
    staleTime: 300_000,
  });
}

/** The templates a new SOP can start from: built-in, then the organisation's own. */
export function useSopTemplates() {
  return useQuery({ queryKey: SOP_TEMPLATES_KEY, queryFn: ({ signal }) => api<SopTemplates>('/sop-templates', { signal }), staleTime: 300_000 });
}
