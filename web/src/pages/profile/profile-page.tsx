import { Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useSignedIn } from '../../api/session';
import { PageHeader } from '../../components/page-header';
import { ApiTokensPanel } from './api-tokens-panel';
import { ChangePasswordPanel } from './change-password-panel';
import { SessionsPanel } from './sessions-panel';

/** The signed-in person's own details and security: password, sessions, API tokens. */
export function ProfilePage() {
  const me = useSignedIn();
  return (
    <>
      <PageHeader title="Profile and security" description="Your details, your password, where you are signed in, and your personal API tokens." />
      <Stack gap="lg" maw={960}>
        <Paper withBorder p="lg">
          <Title order={2} size="h4" mb="sm">
            {me.person.name}
          </Title>
          <Stack gap={6}>
            <Text size="sm">{me.person.email}</Text>
            <Text size="sm">Organisation: {me.organisation.name}</Text>
            {me.person.startDate ? <Text size="sm">Started on {me.person.startDate}</Text> : null}
            <Group gap={6}>
              <Text size="sm">Roles:</Text>
              {me.roles.map((role) => (
                <Badge key={role.id} variant="light">
                  {role.name}
                </Badge>
              ))}
            </Group>
            {me.teams.length > 0 ? <Text size="sm">Teams: {me.teams.map((team) => team.name).join(', ')}</Text> : null}
          </Stack>
        </Paper>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <ChangePasswordPanel />
          <SessionsPanel />
        </SimpleGrid>
        <ApiTokensPanel />
      </Stack>
    </>
  );
}
