import { Anchor, Button, Center, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { PASSWORD_MIN_LENGTH } from '../../../common/password-rules';
import type { PasswordResetStatus } from '../../../common/api/auth';
import { api, fieldErrorsOf } from '../api/client';
import { ProblemAlert } from '../components/problem-alert';

// The token travels in the fragment (#token=…) so that it never reaches server logs or referrers.
function tokenFromHash(): string {
  return new URLSearchParams(window.location.hash.replace(/^#/, '')).get('token') ?? '';
}

export function ResetPasswordPage() {
  const [token] = useState(tokenFromHash);
  const status = useQuery({
    queryKey: ['password-reset', token],
    queryFn: () => api<PasswordResetStatus>('/auth/password-reset/status', { method: 'POST', body: { token } }),
    enabled: token !== '',
  });
  const form = useForm({
    initialValues: { newPassword: '', confirm: '' },
    validate: {
      newPassword: (value) => (value.length < PASSWORD_MIN_LENGTH ? `Use at least ${PASSWORD_MIN_LENGTH} characters` : null),
      confirm: (value, values) => (value !== values.newPassword ? 'The two passwords differ' : null),
    },
  });
  const complete = useMutation({
    mutationFn: (newPassword: string) => api<null>('/auth/password-reset', { method: 'POST', body: { token, newPassword } }),
    onError: (error) => form.setErrors(fieldErrorsOf(error)),
  });

  let body;
  if (!token || (status.data && !status.data.valid)) {
    body = (
      <Text>
        This link is not valid any more: it may have been used already or have expired. Ask an administrator for a new one.{' '}
        <Anchor component={Link} to="/sign-in">
          Go to sign-in
        </Anchor>
      </Text>
    );
  } else if (complete.isSuccess) {
    body = (
      <Stack>
        <Text>Your password is set. You can sign in with it now.</Text>
        <Button component={Link} to="/sign-in">
          Sign in
        </Button>
      </Stack>
    );
  } else if (status.isPending) {
    body = <Text role="status">Checking the link…</Text>;
  } else if (status.isError) {
    body = <ProblemAlert error={status.error} />;
  } else {
    body = (
      <form onSubmit={form.onSubmit((values) => complete.mutate(values.newPassword))} noValidate>
        <Stack>
          <Text>
            Hello {status.data.name}. Choose a password of at least {PASSWORD_MIN_LENGTH} characters; a few unrelated words make a good one.
          </Text>
          {complete.error ? <ProblemAlert error={complete.error} title="Could not set the password" /> : null}
          <PasswordInput label="New password" autoComplete="new-password" required {...form.getInputProps('newPassword')} />
          <PasswordInput label="Repeat the new password" autoComplete="new-password" required {...form.getInputProps('confirm')} />
          <Button type="submit" loading={complete.isPending}>
            Set password
          </Button>
        </Stack>
      </form>
    );
  }

  return (
    <Center mih="100vh" bg="gray.0" p="md" component="main">
      <Paper withBorder shadow="sm" p="xl" w="100%" maw={460}>
        <Stack>
          <Title order={1} size="h2">
            Set your password
          </Title>
          {body}
        </Stack>
      </Paper>
    </Center>
  );
}
