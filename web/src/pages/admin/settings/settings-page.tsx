import { Code, Paper, Stack, Text, Title } from '@mantine/core';
import { useSignedIn } from '../../../api/session';
import { PageHeader } from '../../../components/page-header';
import { NoAccess } from '../no-access';
import { GovernedActionsPanel } from './governed-actions-panel';
import { StyleRulesPanel } from './style-rules-panel';
import { TemplatesPanel } from './templates-panel';

/** Organisation settings: who the organisation is, the governed actions its procedures use, and the style rules they are held to. */
export function SettingsPage() {
  const me = useSignedIn();
  if (!me.can.manageSettings) return <NoAccess title="Settings" permission="settings.manage" />;
  return (
    <>
      <PageHeader title="Settings" description="How sopdesk works for your organisation." />
      <Stack gap="lg" maw={960}>
        <Paper withBorder p="lg">
          <Stack gap={6}>
            <Title order={2} size="h4">
              Organisation
            </Title>
            <Text size="sm">
              Name: <strong>{me.organisation.name}</strong>
            </Text>
            <Text size="sm">
              Short name in addresses: <Code>{me.organisation.slug}</Code>
            </Text>
            <Text size="sm" c="dimmed">
              The name shows at the top of every page. It cannot be changed here yet.
            </Text>
          </Stack>
        </Paper>
        <GovernedActionsPanel />
        <StyleRulesPanel />
        {me.can.authorSops ? <TemplatesPanel /> : null}
      </Stack>
    </>
  );
}
