import { Alert, Button, FileButton, List, Text } from '@mantine/core';
import { IconDownload, IconFileCheck, IconShieldCheck, IconShieldX } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useRef } from 'react';
import { checkpointFileName, type AuditCheckpoint, type MissingHead, type VerificationResultView } from '../../../../../common/api/audit';
import { api } from '../../../api/client';
import { formatDateTime } from '../../../components/format';
import { AnchorLink } from '../../../components/router-links';

// A checkpoint is the heads of every chain at one moment, kept outside sopdesk. The chain alone
// cannot show events removed from the end of a stream, or a stream rewritten from its start; a
// checkpoint taken before can.

/** Hands the browser a JSON file to save, under the name the server would give it. */
function saveFile(fileName: string, value: unknown): void {
  const url = URL.createObjectURL(new Blob([`${JSON.stringify(value, null, 2)}\n`], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // After the click has been handled, or some browsers cancel the download.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Downloads a checkpoint of the whole organisation and saves it as a file. */
export function useDownloadCheckpoint() {
  return useMutation({
    mutationKey: ['audit', 'checkpoint'],
    mutationFn: () => api<AuditCheckpoint>('/audit/checkpoint'),
    onSuccess: (checkpoint) => saveFile(checkpointFileName(checkpoint), checkpoint),
  });
}

export function DownloadCheckpointButton({ onClick, loading }: { onClick: () => void; loading: boolean }) {
  return (
    <Button size="md" variant="default" leftSection={<IconDownload size={20} aria-hidden />} onClick={onClick} loading={loading}>
      Download checkpoint
    </Button>
  );
}

/** Where the checkpoint just saved should go. */
export function CheckpointSaved({ checkpoint }: { checkpoint: AuditCheckpoint }) {
  return (
    <Text size="sm">
      Saved {checkpointFileName(checkpoint)}: the last event of {checkpoint.streams.length === 1 ? '1 stream' : `${checkpoint.streams.length} streams`} as of{' '}
      {formatDateTime(checkpoint.takenAt)}. Keep it where the database’s administrators cannot change it (mail it, or store it elsewhere).
    </Text>
  );
}

/**
 * Picks a checkpoint file and hands its contents on. A file that is not JSON is refused here; the
 * server checks the rest (fields, digest, organisation) and names what is wrong.
 */
export function ChooseCheckpointButton({ onChosen, onUnreadable, loading }: { onChosen: (checkpoint: unknown) => void; onUnreadable: (error: Error) => void; loading: boolean }) {
  const resetRef = useRef<() => void>(null);
  const choose = async (file: File | null) => {
    // Reset, so that choosing the same file again is noticed.
    resetRef.current?.();
    if (!file) return;
    let checkpoint: unknown;
    try {
      checkpoint = JSON.parse(await file.text());
    } catch {
      onUnreadable(new Error(`${file.name} is not a checkpoint: it is not a JSON file.`));
      return;
    }
    onChosen(checkpoint);
  };
  return (
    <FileButton onChange={(file) => void choose(file)} accept="application/json,.json" resetRef={resetRef}>
      {(props) => (
        <Button {...props} size="md" variant="default" leftSection={<IconFileCheck size={20} aria-hidden />} loading={loading}>
          Verify against a checkpoint…
        </Button>
      )}
    </FileButton>
  );
}

const SHOWN_MISSING = 20;

/** What became of one head the checkpoint saw, in plain words. */
function describeMissing(missing: MissingHead): string {
  switch (missing.kind) {
    case 'stream_gone':
      return `The whole stream is gone; the checkpoint saw ${missing.seq === 1 ? '1 event' : `${missing.seq} events`} in it.`;
    case 'rewritten':
      return `Event ${missing.seq} is no longer the one the checkpoint saw: the stream was rewritten.`;
    case 'events_removed':
      return missing.headSeq !== null && missing.headSeq < missing.seq
        ? `The checkpoint saw event ${missing.seq}; the stream now ends at event ${missing.headSeq}: events were removed.`
        : `Event ${missing.seq}, which the checkpoint saw, is no longer there: events were removed.`;
  }
}

/** The checkpoint part of a verification: every head still there, or what is missing, stream by stream. */
export function CheckpointFindings({ result, describeStream }: { result: VerificationResultView; describeStream: (stream: string) => string }) {
  const findings = result.checkpoint;
  if (!findings) return null;
  const taken = formatDateTime(findings.takenAt);
  if (findings.missing.length === 0) {
    return (
      <Alert color="teal" variant="light" icon={<IconShieldCheck aria-hidden />} title="Nothing is missing since the checkpoint">
        <Text size="sm">
          Every one of the {findings.streamsChecked === 1 ? 'stream’s last event' : `${findings.streamsChecked} streams’ last events`} that the checkpoint of {taken} saw is
          still there, unchanged. Events added since are checked by the chain.
        </Text>
      </Alert>
    );
  }
  const count = findings.missing.length;
  return (
    <Alert color="red" variant="light" icon={<IconShieldX aria-hidden />} title="Events are missing since the checkpoint">
      <Text size="sm" fw={600}>
        {count === 1 ? '1 stream no longer holds' : `${count} streams no longer hold`} what the checkpoint of {taken} saw.
      </Text>
      <List size="sm" mt="xs" spacing={4}>
        {findings.missing.slice(0, SHOWN_MISSING).map((missing) => (
          <List.Item key={missing.stream}>
            <Text span size="sm" fw={600}>
              {describeStream(missing.stream)}
            </Text>{' '}
            ({missing.stream}): {describeMissing(missing)}{' '}
            {missing.kind !== 'stream_gone' ? (
              <AnchorLink to="/audit" search={{ stream: missing.stream }} size="sm" c="red.9">
                Show its events
              </AnchorLink>
            ) : null}
          </List.Item>
        ))}
      </List>
      {count > SHOWN_MISSING ? (
        <Text size="sm" mt="xs">
          And {count - SHOWN_MISSING} more; <code>sopdesk audit verify --checkpoint FILE</code> or the API lists them all.
        </Text>
      ) : null}
      <Text size="sm" mt="xs">
        The audit trail has been altered outside sopdesk. Keep this result and the checkpoint file, and tell whoever runs your sopdesk installation.
      </Text>
    </Alert>
  );
}
