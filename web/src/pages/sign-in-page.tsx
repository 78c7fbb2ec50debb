import { Anchor, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconClipboardList } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { signInBodySchema, type Me, type SignInBody } from '../../../common/api/auth';
import { api, ApiError } from '../api/client';
import { useSetMe } from '../api/session';
import { ProblemAlert } from '../components/problem-alert';

/** Only same-site paths: a redirect parameter must never send someone to another site. */
function safeRedirect(target: string | undefined): string {
  return target && target.startsWith('/') && !target.startsWith('//') ? target : '/library';
}

export function SignInPage() {
  const search = useSearch({ from: '/sign-in' });
  const navigate = useNavigate();
  const setMe = useSetMe();
  const form = useForm<SignInBody>({ mode: 'uncontrolled', initialValues: { email: '', password: '' }, validate: zod4Resolver(signInBodySchema) });
  const signIn = useMutation({
    mutationFn: (values: SignInBody) => api<Me>('/auth/sign-in', { method: 'POST', body: values }),
    onSuccess: async (me) => {
      setMe(me);
      await navigate({ to: safeRedirect(search.redirect) });
    },
  });
  const limited = signIn.error instanceof ApiError && signIn.error.code === 'rate_limited';

  return (
    <Center mih="100vh" bg="gray.0" p="md" component="main">
      <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={420}>
        <form onSubmit={form.onSubmit((values) => signIn.mutate(values))} noValidate>
          <Stack gap="md">
            <Stack gap={4} align="center">
              <IconClipboardList size={36} color="var(--mantine-color-blue-8)" aria-hidden />
              <Title order={1} size="h2">
                Sign in to sopdesk
              </Title>
              <Text size="sm" c="dimmed" ta="center">
                Your organisation’s procedures, cases and training.
              </Text>
            </Stack>
            {signIn.error ? <ProblemAlert error={signIn.error} title={limited ? 'Too many attempts' : 'Could not sign in'} /> : null}
            <TextInput label="Email" type="email" autoComplete="username" required key={form.key('email')} {...form.getInputProps('email')} />
            <PasswordInput label="Password" autoComplete="current-password" required key={form.key('password')} {...form.getInputProps('password')} />
            <Button type="submit" loading={signIn.isPending} fullWidth>
              Sign in
            </Button>
            <Text size="xs" c="dimmed" ta="center">
              Forgotten your password? Ask an administrator for a link to set a new one.{' '}
              <Anchor href="/api/docs" size="xs">
                API documentation
              </Anchor>
            </Text>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
