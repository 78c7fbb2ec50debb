import { Stack } from '@mantine/core';
import { useSignedIn } from '../../../api/session';
import { PageHeader } from '../../../components/page-header';
import { NoAccess } from '../no-access';
import { GovernedActionsPanel } from './governed-actions-panel';
import { OrganisationPanel } from './organisation-panel';
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
        <OrganisationPanel />
        <GovernedActionsPanel />
        <StyleRulesPanel />
        {me.can.authorSops ? <TemplatesPanel /> : null}
      </Stack>
    </>
  );
}
