import { Alert, Button, Center, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import type { ErrorComponentProps } from '@tanstack/react-router';

/** Shown while a page's code is still on its way (each area of the app loads when first opened). */
export function PagePending() {
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Stack align="center" gap="xs">
        <Loader size="sm" aria-hidden />
        <Text size="sm" c="dimmed">
          Opening the page…
        </Text>
      </Stack>
    </Center>
  );
}

/**
 * The browser could not fetch a page's code. After sopdesk is upgraded, the code files of the old
 * version are gone, so a tab opened before the upgrade fails on its next new page (the router
 * reloads once by itself, and lands here if that did not help); a dropped connection reads the
 * same. The messages are the browsers' own (Chromium, Firefox, Safari) and Vite's.
 */
export function isCodeLoadFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return /^(Failed to fetch dynamically imported module|error loading dynamically imported module|Importing a module script failed|Unable to preload CSS)/.test(error.message);
}

/** What a page that failed to load or render shows instead, with a way out that works. */
export function PageError({ error, reset }: ErrorComponentProps) {
  const codeMissing = isCodeLoadFailure(error);
  return (
    <Stack gap="md" maw={640} py="md">
      <Title order={1} size="h2">
        {codeMissing ? 'This page could not be opened' : 'Something went wrong on this page'}
      </Title>
      <Alert color={codeMissing ? 'yellow' : 'red'} variant="light" icon={codeMissing ? <IconRefresh aria-hidden /> : <IconAlertTriangle aria-hidden />} role="alert">
        {codeMissing
          ? 'The browser could not fetch it: sopdesk may have been updated since this tab was opened, or the connection dropped. Reloading fetches the current version; nothing you saved is lost.'
          : error instanceof Error
            ? error.message
            : 'An unexpected error stopped the page from showing.'}
      </Alert>
      <Group gap="xs">
        <Button leftSection={<IconRefresh size={16} aria-hidden />} onClick={() => window.location.reload()}>
          Reload the page
        </Button>
        {codeMissing ? null : (
          <Button variant="default" onClick={reset}>
            Try again
          </Button>
        )}
      </Group>
    </Stack>
  );
}
