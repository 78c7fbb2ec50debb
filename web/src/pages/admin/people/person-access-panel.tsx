import { Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { PasswordResetLink, Person } from '../../../../../common/api/people';
import { api } from '../../../api/client';
import { ConfirmButton } from '../../../components/confirm-button';
import { notifyFailed, notifySaved } from '../../../components/notify';
import { PEOPLE_KEY, personKey } from '../admin-queries';
import { OneTimeLink } from '../one-time-link';

/** Sign-in access: suspend or reactivate, and issue a one-time link to set a new password. */
export function PersonAccessPanel({ person }: { person: Person }) {
  const client = useQueryClient();
  const [link, setLink] = useState<PasswordResetLink | null>(null);
  const onChanged = async (saved: Person, message: string) => {
    client.setQueryData(personKey(person.id), saved);
    notifySaved(message);
    await client.invalidateQueries({ queryKey: PEOPLE_KEY });
  };
  const suspend = useMutation({
    mutationFn: () => api<Person>(`/people/${person.id}/suspend`, { method: 'POST' }),
    onSuccess: (saved) => {
      setLink(null);
      return onChanged(saved, `${saved.name} is suspended and signed out everywhere.`);
    },
    onError: (error) => notifyFailed(error, 'Could not suspend'),
  });
  const reactivate = useMutation({
    mutationFn: () => api<Person>(`/people/${person.id}/reactivate`, { method: 'POST' }),
    onSuccess: (saved) => onChanged(saved, `${saved.name} can sign in again.`),
    onError: (error) => notifyFailed(error, 'Could not reactivate'),
  });
  const issueReset = useMutation({
    mutationFn: () => api<PasswordResetLink>(`/people/${person.id}/password-reset`, { method: 'POST' }),
    onSuccess: (issued) => setLink(issued),
    onError: (error) => notifyFailed(error, 'Could not issue a link'),
  });
  const active = person.status === 'active';
  if (!person.can.suspend && !person.can.issueReset) return null;

  return (
    <Paper withBorder p="lg">
      <Stack>
        <Title order={2} size="h4">
          Sign-in access
        </Title>
        {person.can.issueReset && active ? (
          <Stack gap="xs">
            <Text size="sm">Forgotten password, or never set one? Issue a one-time link with which {person.name} sets a new password.</Text>
            <Button variant="default" onClick={() => issueReset.mutate()} loading={issueReset.isPending} style={{ alignSelf: 'flex-start' }}>
              Issue a password reset link
            </Button>
            {link ? <OneTimeLink link={link} title="Password reset link" personName={person.name} onClose={() => setLink(null)} /> : null}
          </Stack>
        ) : null}
        {person.can.suspend && active ? (
          <Stack gap="xs">
            <Text size="sm">Suspending ends every session of {person.name} at once and stops their API tokens. You can reactivate them later.</Text>
            <ConfirmButton
              color="red"
              variant="outline"
              style={{ alignSelf: 'flex-start' }}
              loading={suspend.isPending}
              title={`Suspend ${person.name}?`}
              message={`${person.name} will be signed out everywhere at once and cannot sign in until reactivated. Their API tokens stop working.`}
              confirmLabel="Suspend"
              onConfirm={() => suspend.mutate()}
            >
              Suspend {person.name}
            </ConfirmButton>
          </Stack>
        ) : null}
        {person.can.suspend && !active ? (
          <Stack gap="xs">
            <Text size="sm">{person.name} is suspended and cannot sign in. Reactivating lets them sign in again with their password.</Text>
            <ConfirmButton
              danger={false}
              variant="outline"
              style={{ alignSelf: 'flex-start' }}
              loading={reactivate.isPending}
              title={`Reactivate ${person.name}?`}
              message={`${person.name} will be able to sign in again with their existing password.`}
              confirmLabel="Reactivate"
              onConfirm={() => reactivate.mutate()}
            >
              Reactivate {person.name}
            </ConfirmButton>
          </Stack>
        ) : null}
      </Stack>
    </Paper>
  );
}
