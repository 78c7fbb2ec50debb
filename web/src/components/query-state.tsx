import { Center, Loader, Stack, Text } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ProblemAlert } from './problem-alert';

/** Renders loading and error states of a query, and its data once there. */
export function QueryState<T>({ query, children, loadingLabel = 'Loading…' }: { query: UseQueryResult<T>; children: (data: T) => ReactNode; loadingLabel?: string }) {
  if (query.isPending) {
    return (
      <Center py="xl" role="status" aria-live="polite">
        <Stack align="center" gap="xs">
          <Loader size="sm" aria-hidden />
          <Text size="sm" c="dimmed">
            {loadingLabel}
          </Text>
        </Stack>
      </Center>
    );
  }
  if (query.isError) return <ProblemAlert error={query.error} title="Could not load this page" />;
  return <>{children(query.data)}</>;
}
