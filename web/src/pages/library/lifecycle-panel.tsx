import { Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import type { SopDetail, SopVersion } from '../../../../common/api/sops';
import { formatDateTime } from '../../components/format';
import { VersionActions } from './lifecycle-actions';
import { SopActions } from './sop-actions';
import { VersionStatusBadge } from './status-badges';

const NEXT_STEP: Partial<Record<SopVersion['status'], string>> = {
  draft: 'Write the draft, optionally try it with staff, then submit it for expert review.',
  trial: 'Named staff are trying the draft. Accept or decline their comments, then submit it for review.',
  in_review: 'Reviewers comment and finish their review; every comment must be resolved; then approvers sign.',
  approved: 'Approved and now unchangeable. Publish it now or at a set time.',
  scheduled: 'Approved and scheduled to take effect at the time shown.',
};

const KIND_LABEL = { trial: 'Staff trial', reviewer: 'Reviewer', approver: 'Approver' } as const;

/** The state of the version in hand, who is involved, who signed, and the next actions the caller may take. */
export function LifecyclePanel({ sop, version }: { sop: SopDetail; version: SopVersion }) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="lifecycle-heading" className="no-print">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Group gap="xs">
            <Title order={2} size="h4" id="lifecycle-heading">
              Version {version.label}
            </Title>
            <VersionStatusBadge status={version.status} />
            <Text size="xs" c="gray.7">
              {version.changeKind} change
            </Text>
          </Group>
        </Group>
        {NEXT_STEP[version.status] ? <Text size="sm">{NEXT_STEP[version.status]}</Text> : null}
        {version.changeSummary ? (
          <Text size="sm">
            <strong>Change summary:</strong> {version.changeSummary}
          </Text>
        ) : null}
        {version.status === 'scheduled' && version.effectiveAt ? <Text size="sm">Takes effect {formatDateTime(version.effectiveAt)}.</Text> : null}
        {version.participants.length > 0 ? (
          <div>
            <Text size="sm" fw={600}>
              People involved
            </Text>
            <List size="sm">
              {version.participants.map((participant) => (
                <List.Item key={`${participant.kind}:${participant.person.id}`}>
                  {participant.person.name} — {KIND_LABEL[participant.kind]}
                  {participant.completedAt ? `, done ${formatDateTime(participant.completedAt)}` : ', not finished yet'}
                </List.Item>
              ))}
            </List>
          </div>
        ) : null}
        {version.signatures.length > 0 ? (
          <div>
            <Text size="sm" fw={600}>
              Signatures
            </Text>
            <List size="sm">
              {version.signatures.map((signature) => (
                <List.Item key={signature.id}>
                  {signature.signer.name} — {signature.meaning.replace(/-/g, ' ')}, {formatDateTime(signature.signedAt)} (content <code>{signature.contentHash.slice(0, 12)}</code>)
                </List.Item>
              ))}
            </List>
          </div>
        ) : null}
        <Group gap="sm" wrap="wrap">
          <VersionActions version={version} />
          <SopActions sop={sop} version={version} />
        </Group>
      </Stack>
    </Paper>
  );
}
