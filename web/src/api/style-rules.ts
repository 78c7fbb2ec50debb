import { useQuery } from '@tanstack/react-query';
import type { StyleRuleSettingsAnswer } from '../../../common/api/style-rules';
import { api } from './client';

// Read by the editor (to check as the author types) and by the settings screen (to change them),
// under one key so that saving the settings refreshes the editor's checks.
export const STYLE_RULES_KEY = ['style-rules'] as const;

/** The organisation's style-rule settings, as the server applies them on submission. */
export function useStyleRuleSettings() {
  return useQuery({ queryKey: STYLE_RULES_KEY, queryFn: ({ signal }) => api<StyleRuleSettingsAnswer>('/settings/style-rules', { signal }), staleTime: 60_000 });
}
