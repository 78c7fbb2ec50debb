import { Button, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { PASSWORD_MIN_LENGTH } from '../../../../common/password-rules';
import { api, fieldErrorsOf } from '../../api/client';
import { notifySaved } from '../../components/notify';
import { ProblemAlert } from '../../components/problem-alert';

export function ChangePasswordPanel() {
  const form = useForm({
    initialValues: { currentPassword: '', newPassword: '', confirm: '' },
    validate: {
      currentPassword: (value) => (value ? null : 'Enter your current password'),
      newPassword: (value) => (value.length < PASSWORD_MIN_LENGTH ? `Use at least ${PASSWORD_MIN_LENGTH} characters` : null),
      confirm: (value, values) => (value !== values.newPassword ? 'The two passwords differ' : null),
    },
  });
  const change = useMutation({
    mutationFn: (values: { currentPassword: string; newPassword: string }) => api<null>('/me/password', { method: 'POST', body: values }),
    onSuccess: () => {
      form.reset();
      notifySaved('Password changed. Your other sessions have been signed out.');
    },
    onError: (error) => form.setErrors(fieldErrorsOf(error)),
  });
  return (
    <Paper withBorder p="lg">
      <form onSubmit={form.onSubmit(({ currentPassword, newPassword }) => change.mutate({ currentPassword, newPassword }))} noValidate>
        <Stack>
          <Title order={2} size="h4">
            Change password
          </Title>
          <Text size="sm" c="dimmed">
            At least {PASSWORD_MIN_LENGTH} characters; common passwords are refused. Changing it signs you out everywhere else.
          </Text>
          {change.error ? <ProblemAlert error={change.error} title="Could not change the password" /> : null}
          <PasswordInput label="Current password" autoComplete="current-password" {...form.getInputProps('currentPassword')} />
          <PasswordInput label="New password" autoComplete="new-password" {...form.getInputProps('newPassword')} />
          <PasswordInput label="Repeat the new password" autoComplete="new-password" {...form.getInputProps('confirm')} />
          <Button type="submit" loading={change.isPending} style={{ alignSelf: 'flex-start' }}>
            Change password
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
