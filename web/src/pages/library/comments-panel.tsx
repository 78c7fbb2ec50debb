import { Badge, Button, Group, Paper, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import type { SopComment, SopVersion } from '../../../../common/api/sops';
import { SECTION_TITLES } from '../../../../common/procedure/model';
import { findStep } from '../../../../common/procedure/step-tree';
import { fieldErrorsOf } from '../../api/client';
import { useSignedIn } from '../../api/session';
import { formatDateTime } from '../../components/format';
import { notifyFailed } from '../../components/notify';
import { ProblemAlert } from '../../components/problem-alert';
import { useVersionAction } from './lifecycle-actions';

const STATUS_COLOUR: Record<SopComment['status'], string> = { open: 'orange', resolved: 'green', accepted: 'green', declined: 'gray' };

/** Where a comment points: a section, or a numbered step with its text. */
export function targetLabel(version: SopVersion, section: string, stepId: string | null, numbers: Map<string, string>): string {
  if (stepId) {
    const step = findStep(version.content.procedure, stepId);
    return `Step ${numbers.get(stepId) ?? '?'}${step ? `: ${step.text}` : ' (no longer in the procedure)'}`;
  }
  return (SECTION_TITLES as Record<string, string>)[section] ?? section;
}

function AddComment({ version, numbers }: { version: SopVersion; numbers: Map<string, string> }) {
  const [target, setTarget] = useState<string>('section:purpose');
  const [body, setBody] = useState('');
  const add = useVersionAction<{ section: string; stepId: string | null; body: string }>(version, 'comments');
  const options = [
    { group: 'Sections', items: Object.entries(SECTION_TITLES).map(([key, title]) => ({ value: `section:${key}`, label: title })) },
    { group: 'Steps', items: [...numbers.entries()].map(([id, number]) => ({ value: `step:${id}`, label: `${number} ${findStep(version.content.procedure, id)?.text ?? ''}` })) },
  ];
  const submit = () => {
    const [kind, key] = target.split(':') as ['section' | 'step', string];
    add.mutate(
      { section: kind === 'step' ? 'procedure' : key, stepId: kind === 'step' ? key : null, body },
      { onSuccess: () => setBody('') },
    );
  };
  return (
    <Stack gap="xs">
      {add.error && !fieldErrorsOf(add.error).body ? <ProblemAlert error={add.error} title="Could not add the comment" /> : null}
      <Select label="Comment on" data={options} value={target} onChange={(value) => setTarget(value ?? 'section:purpose')} searchable allowDeselect={false} />
      <Textarea label="Comment" description="What is wrong, missing or unclear, and what you suggest" value={body} onChange={(event) => setBody(event.currentTarget.value)} error={fieldErrorsOf(add.error).body} autosize minRows={2} />
      <Button onClick={submit} loading={add.isPending} disabled={!body.trim()} style={{ alignSelf: 'flex-start' }}>
        Add comment
      </Button>
    </Stack>
  );
}

function Resolution({ version, comment }: { version: SopVersion; comment: SopComment }) {
  const [note, setNote] = useState('');
  const resolve = useVersionAction<{ status: 'resolved' | 'accepted' | 'declined'; note: string }>(version, `comments/${comment.id}/resolution`);
  const act = (status: 'resolved' | 'accepted' | 'declined') => resolve.mutate({ status, note }, { onError: (error) => notifyFailed(error, 'Could not record that') });
  return (
    <Group gap="xs" align="flex-end" wrap="wrap">
      <TextInput size="xs" label="Note" placeholder={comment.kind === 'trial' ? 'Why (required to decline)' : 'What was done (optional)'} value={note} onChange={(event) => setNote(event.currentTarget.value)} w={280} />
      {comment.kind === 'trial' ? (
        <>
          <Button size="xs" color="green" variant="light" loading={resolve.isPending} onClick={() => act('accepted')} aria-label={`Accept comment from ${comment.author.name}`}>
            Accept
          </Button>
          <Button size="xs" color="gray" variant="light" loading={resolve.isPending} onClick={() => act('declined')} aria-label={`Decline comment from ${comment.author.name}`}>
            Decline
          </Button>
        </>
      ) : (
        <Button size="xs" variant="light" loading={resolve.isPending} onClick={() => act('resolved')} aria-label={`Resolve comment from ${comment.author.name}`}>
          Resolve
        </Button>
      )}
    </Group>
  );
}

/** Trial and review comments on sections and steps, and what became of each. */
export function CommentsPanel({ version, numbers }: { version: SopVersion; numbers: Map<string, string> }) {
  const me = useSignedIn();
  const open = version.comments.filter((comment) => comment.status === 'open').length;
  if (version.comments.length === 0 && !version.can.comment) return null;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="comments-heading" className="no-print">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4" id="comments-heading">
            Comments
          </Title>
          {open > 0 ? <Badge c="gray.9" variant="light" color="orange">{open} open</Badge> : null}
        </Group>
        {version.comments.length === 0 ? (
          <Text size="sm" c="gray.7">
            No comments yet.
          </Text>
        ) : (
          <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="Comments on this version">
            {version.comments.map((comment) => (
              <li key={comment.id}>
                <Paper withBorder p="sm" radius="sm" bg={comment.status === 'open' ? 'orange.0' : undefined}>
                  <Stack gap={4}>
                    <Group gap="xs" wrap="wrap">
                      <Text size="sm" fw={600}>
                        {comment.author.name}
                      </Text>
                      <Text size="xs" c="gray.7">
                        {comment.kind === 'trial' ? 'Staff trial' : 'Review'} · {formatDateTime(comment.createdAt)} · on {targetLabel(version, comment.section, comment.stepId, numbers)}
                      </Text>
                      <Badge c="gray.9" size="sm" variant="light" color={STATUS_COLOUR[comment.status]}>
                        {comment.status}
                      </Badge>
                    </Group>
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                      {comment.body}
                    </Text>
                    {comment.resolutionNote || comment.resolvedBy ? (
                      <Text size="xs" c="gray.7">
                        {comment.resolvedBy ? `${comment.status} by ${comment.resolvedBy.name}` : ''}
                        {comment.resolutionNote ? `: ${comment.resolutionNote}` : ''}
                      </Text>
                    ) : null}
                    {comment.status === 'open' && me.can.authorSops && ['trial', 'in_review'].includes(version.status) ? <Resolution version={version} comment={comment} /> : null}
                  </Stack>
                </Paper>
              </li>
            ))}
          </Stack>
        )}
        {version.can.comment ? <AddComment version={version} numbers={numbers} /> : null}
      </Stack>
    </Paper>
  );
}
