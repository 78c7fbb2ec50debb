import { Group, Paper, Table, Text, Title } from '@mantine/core';
import type { SopDetail } from '../../../../common/api/sops';
import { formatDate, formatDateTime } from '../../components/format';
import { AnchorLink } from '../../components/router-links';
import { VersionStatusBadge } from './status-badges';

/** Every version the caller may see, newest first, and the periodic reviews. */
export function VersionHistory({ sop, currentVersionId }: { sop: SopDetail; currentVersionId: string | undefined }) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="history-heading" className="no-print">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id="history-heading">
          Version history
        </Title>
        {sop.versions.length > 1 ? (
          <AnchorLink to="/library/$sopId/compare" params={{ sopId: sop.id }} search={{}} size="sm">
            Compare versions
          </AnchorLink>
        ) : null}
      </Group>
      <Table.ScrollContainer minWidth={640}>
        <Table aria-label="Versions">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Version</Table.Th>
              <Table.Th scope="col">Status</Table.Th>
              <Table.Th scope="col">Change</Table.Th>
              <Table.Th scope="col">Created</Table.Th>
              <Table.Th scope="col">Effective</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sop.versions.map((version) => (
              <Table.Tr key={version.id} bg={version.id === currentVersionId ? 'blue.0' : undefined}>
                <Table.Td>
                  {version.id === currentVersionId ? (
                    <Text size="sm" fw={700} aria-current="true">
                      {version.label} (shown)
                    </Text>
                  ) : (
                    <AnchorLink to="/library/$sopId" params={{ sopId: sop.id }} search={{ version: version.id }} size="sm">
                      {version.label}
                    </AnchorLink>
                  )}
                </Table.Td>
                <Table.Td>
                  <VersionStatusBadge status={version.status} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {version.changeKind}: {version.changeSummary}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {formatDateTime(version.createdAt)}
                    {version.createdBy ? ` by ${version.createdBy.name}` : ''}
                  </Text>
                </Table.Td>
                <Table.Td>{version.effectiveAt ? formatDate(version.effectiveAt) : '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {sop.periodicReviews.length > 0 ? (
        <>
          <Title order={3} size="h5" mt="md" mb="xs">
            Periodic reviews
          </Title>
          {sop.periodicReviews.map((review, index) => (
            <Text size="sm" key={index}>
              {formatDate(review.reviewedAt)} — {review.reviewer.name}: {review.outcome === 'still-correct' ? 'still correct' : 'new draft needed'}
              {review.note ? ` (${review.note})` : ''}
            </Text>
          ))}
        </>
      ) : null}
    </Paper>
  );
}
