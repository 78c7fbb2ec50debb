import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconShieldCheck, IconShieldX } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { VerificationResultView } from '../../../../../common/api/audit';
import { api } from '../../../api/client';
import { formatDateTime } from '../../../components/format';
import { ProblemAlert } from '../../../components/problem-alert';
import { AnchorLink } from '../../../components/router-links';
import { CheckpointFindings, CheckpointSaved, ChooseCheckpointButton, DownloadCheckpointButton, useDownloadCheckpoint } from './audit-checkpoint';

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function VerificationResult({ result, describeStream }: { result: VerificationResultView; describeStream: (stream: string) => string }) {
  return (
    <Stack gap="sm">
      <CheckpointFindings result={result} describeStream={describeStream} />
      <ChainResult result={result} describeStream={describeStream} />
    </Stack>
  );
}

function ChainResult({ result, describeStream }: { result: VerificationResultView; describeStream: (stream: string) => string }) {
  // Against a checkpoint, `ok` is also false when heads are missing; the chain itself is judged by its first break.
  if (result.firstBreak === null) {
    return (
      <Alert color="teal" variant="light" icon={<IconShieldCheck aria-hidden />} title="The chain is intact">
        <Text size="sm" fw={600}>
          Intact: {plural(result.eventsChecked, 'event', 'events')} in {plural(result.streamsChecked, 'stream', 'streams')} checked
        </Text>
        <Text size="sm">
          {(result.checkpoint?.missing.length ?? 0) > 0
            ? 'The events still there chain correctly, but the chain alone cannot show what was removed from the end of a stream or rewritten from its start: see above.'
            : 'No event was changed, removed or reordered.'}
          {result.erasedPayloads > 0 ? ` ${result.erasedPayloads === 1 ? '1 erased payload' : `${result.erasedPayloads} erased payloads`} left the chain intact, as intended.` : ''} Checked{' '}
          {formatDateTime(result.verifiedAt)}.
        </Text>
      </Alert>
    );
  }
  const brk = result.firstBreak;
  return (
    <Alert color="red" variant="light" icon={<IconShieldX aria-hidden />} title="The chain is broken">
      <Text size="sm" fw={600}>
        Broken at event {brk.seq} of stream {brk.stream} ({describeStream(brk.stream)}): {brk.reason}
      </Text>
      <AnchorLink to="/audit" search={{ stream: brk.stream }} size="sm" c="red.9">
        Show the events of this stream
      </AnchorLink>
      <Text size="sm">
        The audit trail has been altered outside sopdesk. {plural(result.eventsChecked, 'event', 'events')} in {plural(result.streamsChecked, 'stream', 'streams')} checked{' '}
        {formatDateTime(result.verifiedAt)}. Keep this result and tell whoever runs your sopdesk installation.
      </Text>
    </Alert>
  );
}

/**
 * Recomputes the hash chains on the server and says plainly whether anything was tampered with;
 * against a checkpoint downloaded earlier, also whether anything it saw has gone.
 */
export function VerifyChainPanel({ stream, describeStream }: { stream?: string; describeStream: (stream: string) => string }) {
  const verify = useMutation({
    mutationKey: ['audit', 'verify', stream ?? ''],
    // The checkpoint is sent as read from the file: the server names any field that is wrong.
    mutationFn: (checkpoint?: unknown) =>
      api<VerificationResultView>('/audit/verify', { method: 'POST', body: { ...(stream ? { stream } : {}), ...(checkpoint === undefined ? {} : { checkpoint }) } }),
  });
  const withCheckpoint = verify.isPending && verify.variables !== undefined;
  const download = useDownloadCheckpoint();
  const [unreadable, setUnreadable] = useState<Error | null>(null);
  const verifyWith = (checkpoint?: unknown) => {
    setUnreadable(null);
    verify.mutate(checkpoint);
  };
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
              {' '}A chain cannot show events removed from its end: download a checkpoint now and then, keep it outside sopdesk, and verify against it later.
            </Text>
          </Stack>
          <Group gap="sm" wrap="wrap">
            <Button size="md" leftSection={<IconShieldCheck size={20} aria-hidden />} onClick={() => verifyWith(undefined)} loading={verify.isPending && !withCheckpoint} disabled={withCheckpoint}>
              Verify the chain
            </Button>
            <DownloadCheckpointButton onClick={() => download.mutate()} loading={download.isPending} />
            <ChooseCheckpointButton
              onChosen={verifyWith}
              onUnreadable={(error) => {
                verify.reset();
                setUnreadable(error);
              }}
              loading={withCheckpoint}
            />
          </Group>
        </Group>
        <div role="status" aria-live="polite">
          {download.data ? <CheckpointSaved checkpoint={download.data} /> : null}
        </div>
        {download.error ? <ProblemAlert error={download.error} title="Could not download the checkpoint" /> : null}
        <div role="status" aria-live="polite">
          {verify.data ? <VerificationResult result={verify.data} describeStream={describeStream} /> : null}
        </div>
        {verify.error ? <ProblemAlert error={verify.error} title={verify.variables === undefined ? 'Could not verify' : 'Could not verify against the checkpoint'} /> : null}
        {unreadable ? <ProblemAlert error={unreadable} title="Could not read the checkpoint" /> : null}
      </Stack>
    </Paper>
  );
}
