import { Alert, Button, Code, CopyButton, Stack, Text } from '@mantine/core';
import { IconLink } from '@tabler/icons-react';
import type { PasswordResetLink } from '../../../../common/api/people';
import { formatDateTime } from '../../components/format';

/** A one-time set-password link, shown once: sopdesk keeps only its fingerprint. */
export function OneTimeLink({ link, title, personName, onClose }: { link: PasswordResetLink; title: string; personName: string; onClose?: () => void }) {
  return (
    <Alert color="teal" variant="light" title={title} icon={<IconLink aria-hidden />} withCloseButton={Boolean(onClose)} onClose={onClose} closeButtonLabel="Dismiss the link">
      <Stack gap="xs">
        <Text size="sm" fw={600}>
          Share this link with {personName} privately — in person or by a channel only they read. Anyone who has it can set the password.
        </Text>
        <Code block data-testid="set-password-link" style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
          {link.url}
        </Code>
        <CopyButton value={link.url}>
          {({ copied, copy }) => (
            <Button size="xs" variant="light" onClick={copy} style={{ alignSelf: 'flex-start' }}>
              {copied ? 'Copied' : 'Copy link'}
            </Button>
          )}
        </CopyButton>
        <Text size="xs">It works once, expires on {formatDateTime(link.expiresAt)}, and will not be shown again.</Text>
      </Stack>
    </Alert>
  );
}
