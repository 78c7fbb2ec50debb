import { Button, Code, Group, Stack, Table, Text } from '@mantine/core';
import { AnchorLink } from '../../../components/router-links';
import { Fragment, useState } from 'react';
import type { AuditEventView } from '../../../../../common/api/audit';
import { formatDateTime } from '../../../components/format';
import { ErasePayloadButton } from './erase-payload-button';

const PREVIEW_LENGTH = 60;

/** "person: Alex Morgan" when the entity is known, else the kind and the start of its id. */
export function streamLabel(stream: string, names: ReadonlyMap<string, string>, subject?: string | null): string {
  const [kind, id] = stream.split(':', 2);
  if (!id) return stream;
  return `${kind}: ${subject ?? names.get(id) ?? `${id.slice(0, 8)}…`}`;
}

function PayloadCell({ event, expanded, onToggle, detailsId }: { event: AuditEventView; expanded: boolean; onToggle: () => void; detailsId: string }) {
  if (event.payload === null) {
    return (
      <Text size="sm" fs="italic">
        {event.erasedAt ? `erased on ${formatDateTime(event.erasedAt)}` : 'erased'}
      </Text>
    );
  }
  const text = JSON.stringify(event.payload);
  return (
    <Group gap="xs" wrap="nowrap">
      <Code style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', maxWidth: 300 }}>
        {text.length > PREVIEW_LENGTH ? `${text.slice(0, PREVIEW_LENGTH)}…` : text}
      </Code>
      <Button size="compact-xs" variant="default" onClick={onToggle} aria-expanded={expanded} aria-controls={detailsId} aria-label={`${expanded ? 'Hide' : 'Show'} payload of event ${event.seq} in ${event.stream}`}>
        {expanded ? 'Hide' : 'Show'}
      </Button>
    </Group>
  );
}

/** Audit events newest first; each payload previews on one line and expands to formatted JSON. */
export function AuditEventsTable({ events, names, canErase }: { events: AuditEventView[]; names: ReadonlyMap<string, string>; canErase: boolean }) {
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped verticalSpacing="xs" fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Time</Table.Th>
            <Table.Th>Stream</Table.Th>
            <Table.Th>Seq</Table.Th>
            <Table.Th>Type</Table.Th>
            <Table.Th>Actor</Table.Th>
            <Table.Th>Payload</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((event) => {
            const isExpanded = expanded.has(event.id);
            const detailsId = `audit-payload-${event.id}`;
            return (
              <Fragment key={event.id}>
                <Table.Tr>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(event.occurredAt)}</Table.Td>
                  <Table.Td>
                    <AnchorLink to="/audit" search={{ stream: event.stream }} size="sm" title={`Show only stream ${event.stream}`}>
                      {streamLabel(event.stream, names, event.subject)}
                    </AnchorLink>
                  </Table.Td>
                  <Table.Td>{event.seq}</Table.Td>
                  <Table.Td>
                    <Code>{event.type}</Code>
                  </Table.Td>
                  <Table.Td>{event.actor?.name ?? 'System'}</Table.Td>
                  <Table.Td>
                    <PayloadCell event={event} expanded={isExpanded} onToggle={() => toggle(event.id)} detailsId={detailsId} />
                  </Table.Td>
                </Table.Tr>
                {isExpanded && event.payload !== null ? (
                  <Table.Tr id={detailsId}>
                    <Table.Td colSpan={6}>
                      <Stack gap="xs">
                        <Code block>{JSON.stringify(event.payload, null, 2)}</Code>
                        <Group justify="space-between" wrap="wrap">
                          <Text size="xs" c="dimmed">
                            Hash {event.hash.slice(0, 16)}… · previous {event.prevHash.slice(0, 16)}…
                          </Text>
                          {canErase ? <ErasePayloadButton event={event} /> : null}
                        </Group>
                      </Stack>
                    </Table.Td>
                  </Table.Tr>
                ) : null}
              </Fragment>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
