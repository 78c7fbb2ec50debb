import { Alert, Center, Loader, Stack, Text } from '@mantine/core';
import { IconMapPinQuestion } from '@tabler/icons-react';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ApiError } from '../api/client';
import { ProblemAlert } from './problem-alert';

/**
 * A 404, or an address whose id is not even well formed (/library/search): either way there is
 * nothing to show here, which is what the person needs to read, not a validation message.
 */
function pointsNowhere(error: unknown): error is ApiError {
  if (!(error instanceof ApiError)) return false;
  if (error.status === 404) return true;
  return error.status === 400 && error.fieldErrors.length > 0 && error.fieldErrors.every((fieldError) => fieldError.field.startsWith('params.'));
}

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
  if (query.isError && pointsNowhere(query.error)) {
    return (
      <Alert color="yellow" variant="light" title="Not found" icon={<IconMapPinQuestion aria-hidden />} role="alert">
        {query.error.status === 404 ? query.error.message : 'Nothing is at this address.'} The link may be mistyped or out of date; the navigation on the left
        leads to everything you may see.
      </Alert>
    );
  }
  if (query.isError) return <ProblemAlert error={query.error} title="Could not load this page" />;
  return <>{children(query.data)}</>;
}
