import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconShieldCheck, IconShieldX } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import type { VerificationResultView } from '../../../../../common/api/audit';
import { api } from '../../../api/client';
import { formatDateTime } from '../../../components/format';
import { ProblemAlert } from '../../../components/problem-alert';
import { AnchorLink } from '../../../components/router-links';

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function VerificationResult({ result, describeStream }: { result: VerificationResultView; describeStream: (stream: string) => string }) {
  if (result.ok) {
    return (
      <Alert color="teal" variant="light" icon={<IconShieldCheck aria-hidden />} title="The chain is intact">
        <Text size="sm" fw={600}>
          Intact: {plural(result.eventsChecked, 'event', 'events')} in {plural(result.streamsChecked, 'stream', 'streams')} checked
        </Text>
        <Text size="sm">
          No event was changed, removed or reordered.{result.erasedPayloads > 0 ? ` ${result.erasedPayloads === 1 ? '1 erased payload' : `${result.erasedPayloads} erased payloads`} left the chain intact, as intended.` : ''} Checked{' '}
          {formatDateTime(result.verifiedAt)}.
        </Text>
      </Alert>
    );
  }
  const brk = result.firstBreak;
  return (
    <Alert color="red" variant="light" icon={<IconShieldX aria-hidden />} title="The chain is broken">
      <Text size="sm" fw={600}>
        {brk ? `Broken at event ${brk.seq} of stream ${brk.stream} (${describeStream(brk.stream)}): ${brk.reason}` : 'Broken: the chain does not verify.'}
      </Text>
      {brk ? (
        <AnchorLink to="/audit" search={{ stream: brk.stream }} size="sm">
          Show the events of this stream
        </AnchorLink>
      ) : null}
      <Text size="sm">
        The audit trail has been altered outside sopdesk. {plural(result.eventsChecked, 'event', 'events')} in {plural(result.streamsChecked, 'stream', 'streams')} checked{' '}
        {formatDateTime(result.verifiedAt)}. Keep this result and tell whoever runs your sopdesk installation.
      </Text>
    </Alert>
  );
}

/** Recomputes the hash chains on the server and says plainly whether anything was tampered with. */
export function VerifyChainPanel({ stream, describeStream }: { stream?: string; describeStream: (stream: string) => string }) {
  const verify = useMutation({
    mutationKey: ['audit', 'verify', stream ?? ''],
    mutationFn: () => api<VerificationResultView>('/audit/verify', { method: 'POST', body: stream ? { stream } : {} }),
  });
  return (
    <Paper withBorder p="md" mb="md">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" align="center">
          <Stack gap={2}>
            <Title order={2} size="h4">
              Tamper check
            </Title>
            <Text size="sm" c="dimmed">
              Every event is chained to the one before it by a hash. Verifying recomputes {stream ? `the chain of the stream “${describeStream(stream)}”` : 'every stream’s chain'}.
            </Text>
          </Stack>
          <Button size="md" leftSection={<IconShieldCheck size={20} aria-hidden />} onClick={() => verify.mutate()} loading={verify.isPending}>
            Verify the chain
          </Button>
        </Group>
        <div role="status" aria-live="polite">
          {verify.data ? <VerificationResult result={verify.data} describeStream={describeStream} /> : null}
        </div>
        {verify.error ? <ProblemAlert error={verify.error} title="Could not verify" /> : null}
      </Stack>
    </Paper>
  );
}
