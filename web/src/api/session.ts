import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Me } from '../../../common/api/auth';
import { api, ApiError, setCsrfToken } from './client';

export const ME_KEY = ['me'] as const;

/** The signed-in person, or null when nobody is signed in. */
export async function fetchMe(): Promise<Me | null> {
  try {
    const me = await api<Me>('/me');
    setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 60_000 });
}

/** The signed-in person, for pages that are only rendered once someone is signed in. */
export function useSignedIn(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useSignedIn outside a signed-in page');
  return data;
}

export function useSetMe() {
  const client = useQueryClient();
  return (me: Me | null) => {
    setCsrfToken(me?.csrfToken ?? null);
    if (me === null) client.clear();
    client.setQueryData(ME_KEY, me);
  };
}
