import { Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { api } from '../../api/client';
import { useSetMe } from '../../api/session';
import { ConfirmButton } from '../../components/confirm-button';
import { notifyFailed } from '../../components/notify';

export function SessionsPanel() {
  const setMe = useSetMe();
  const navigate = useNavigate();
  const signOutEverywhere = useMutation({
    mutationFn: () => api<{ sessionsEnded: number }>('/auth/sign-out-everywhere', { method: 'POST' }),
    onSuccess: async () => {
      setMe(null);
      await navigate({ to: '/sign-in', search: {} });
    },
    onError: (error) => notifyFailed(error, 'Could not sign out everywhere'),
  });
  return (
    <Paper withBorder p="lg">
      <Stack>
        <Title order={2} size="h4">
          Sessions
        </Title>
        <Text size="sm" c="dimmed">
          Signed in on a shared computer, or lost a device? End every session of yours, on every browser, including this one. Personal API tokens are
          not affected; revoke them below.
        </Text>
        <ConfirmButton
          color="red"
          variant="light"
          style={{ alignSelf: 'flex-start' }}
          loading={signOutEverywhere.isPending}
          title="Sign out everywhere?"
          message="Every browser where you are signed in, this one included, will need your password again."
          confirmLabel="Sign out everywhere"
          onConfirm={() => signOutEverywhere.mutate()}
        >
          Sign out everywhere
        </ConfirmButton>
      </Stack>
    </Paper>
  );
}
