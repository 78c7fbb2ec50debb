import { sql } from 'kysely';
import { auditEventSchema, type AuditEventInput } from '../../../common/audit-events';
import type { Db, Executor, Trx } from '../../db/database';
import { isPostgres } from '../../db/dialect';
import { newId, now } from '../../db/ids';
import { inTransaction } from '../../db/transaction';
import type { AuditEventRow } from '../../db/schema';
import { AppError, notFound } from '../../errors/app-error';
import { canonicalJson, digestPayload, GENESIS_HASH, hashEvent } from './audit-hash';
import * as auditRepository from './audit.repository';

export type AppendAuditEvent = {
  orgId: string;
  actorId: string | null;
  stream: string;
  event: AuditEventInput;
};

/**
 * On PostgreSQL, waits until no other open transaction is appending to this stream, so that the
 * head read next is the real one. Without it, concurrent appenders all read the same head, all but
 * one fail on the unique (stream, seq) constraint, and under load some exhaust their retries.
 * SQLite runs one write transaction at a time, so there is nothing to wait for.
 */
async function lockStream(trx: Trx, orgId: string, stream: string): Promise<void> {
  if (!isPostgres(trx)) return;
  await sql`select pg_advisory_xact_lock(hashtextextended(${`${orgId}:${stream}`}, 0))`.execute(trx);
}

/**
 * Appends an event to its stream's hash chain. Call it inside the use case's transaction, so the
 * event commits with the change it records. Appends to one stream are serialised (`lockStream`);
 * the unique (stream, seq) constraint remains the guard against a forked chain, and a violation of
 * it is retried by `inTransaction`.
 */
export async function appendAuditEvent(trx: Trx, input: AppendAuditEvent): Promise<{ id: string; seq: number; hash: string }> {
  const event = auditEventSchema.parse(input.event);
  await lockStream(trx, input.orgId, input.stream);
  const head = await auditRepository.findStreamHead(trx, input.orgId, input.stream);
  const seq = (head?.seq ?? 0) + 1;
  const prevHash = head?.hash ?? GENESIS_HASH;
  const payload = canonicalJson(event.payload);
  const payloadDigest = digestPayload(payload);
  const occurredAt = now();
  const hash = hashEvent({
    orgId: input.orgId,
    stream: input.stream,
    seq,
    occurredAt,
    actorId: input.actorId,
    type: event.type,
    payloadDigest,
    prevHash,
  });
  const id = newId();
  await auditRepository.insertAuditEvent(trx, {
    id,
    org_id: input.orgId,
    stream: input.stream,
    seq,
    occurred_at: occurredAt,
    actor_id: input.actorId,
    type: event.type,
    payload,
    payload_digest: payloadDigest,
    prev_hash: prevHash,
    hash,
    erased_at: null,
  });
  return { id, seq, hash };
}

export type ChainBreak = {
  stream: string;
  seq: number;
  eventId: string;
  reason: string;
};

export type VerificationResult = {
  ok: boolean;
  streamsChecked: number;
  eventsChecked: number;
  erasedPayloads: number;
  firstBreak: ChainBreak | null;
  verifiedAt: string;
};

/** Why an event does not continue its chain, or null when it does. */
export function findEventFault(event: AuditEventRow, expected: { seq: number; prevHash: string; erasedIds?: ReadonlySet<string> }): string | null {
  if (event.seq !== expected.seq) return `expected sequence ${expected.seq} but found ${event.seq} (an event is missing or duplicated)`;
  if (event.prev_hash !== expected.prevHash) return 'its previous-hash does not match the hash of the event before it';
  // An erased payload is only legitimate when the erasure itself was recorded, as a chained event.
  if (event.payload === null && expected.erasedIds && !expected.erasedIds.has(event.id)) {
    return 'its payload is missing but no erasure of it was recorded (the payload was removed)';
  }
  if (event.payload !== null && digestPayload(event.payload) !== event.payload_digest) {
    return 'its payload does not match the recorded digest (the payload was altered)';
  }
  const recomputed = hashEvent({
    orgId: event.org_id,
    stream: event.stream,
    seq: event.seq,
    occurredAt: event.occurred_at,
    actorId: event.actor_id,
    type: event.type,
    payloadDigest: event.payload_digest,
    prevHash: event.prev_hash,
  });
  if (recomputed !== event.hash) return 'its hash does not match its contents (a field was altered)';
  return null;
}

const VERIFY_BATCH = 1000;

/** Walks every chain of the organisation (or one stream) and reports the first broken event. */
export async function verifyAuditChains(db: Executor, orgId: string, options: { stream?: string } = {}): Promise<VerificationResult> {
  let streamsChecked = 0;
  let eventsChecked = 0;
  let erasedPayloads = 0;
  let current: { stream: string; seq: number; prevHash: string } | null = null;
  let after: { stream: string; seq: number } | undefined;
  const erasedIds = await auditRepository.listRecordedErasures(db, orgId);

  for (;;) {
    const batch = await auditRepository.listEventsInChainOrder(db, orgId, { stream: options.stream, after, limit: VERIFY_BATCH });
    for (const event of batch) {
      if (!current || current.stream !== event.stream) {
        streamsChecked++;
        current = { stream: event.stream, seq: 1, prevHash: GENESIS_HASH };
      }
      const fault = findEventFault(event, { ...current, erasedIds });
      eventsChecked++;
      if (fault) {
        return {
          ok: false,
          streamsChecked,
          eventsChecked,
          erasedPayloads,
          firstBreak: { stream: event.stream, seq: event.seq, eventId: event.id, reason: fault },
          verifiedAt: now(),
        };
      }
      if (event.payload === null) erasedPayloads++;
      current = { stream: event.stream, seq: event.seq + 1, prevHash: event.hash };
    }
    if (batch.length < VERIFY_BATCH) break;
    const last = batch[batch.length - 1]!;
    after = { stream: last.stream, seq: last.seq };
  }
  return { ok: true, streamsChecked, eventsChecked, erasedPayloads, firstBreak: null, verifiedAt: now() };
}

/**
 * Erases an event's payload (a person's right to erasure). The digest stays, so the chain still
 * verifies; the erasure itself is recorded as an event in the organisation's stream.
 */
export async function eraseAuditPayload(
  db: Db,
  input: { orgId: string; actorId: string | null; eventId: string; reason: string },
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const event = await auditRepository.findAuditEvent(trx, input.orgId, input.eventId);
    if (!event) throw notFound('The audit event');
    if (event.payload === null) throw new AppError('invalid_state', 'This event’s payload has already been erased.');
    await auditRepository.erasePayload(trx, input.orgId, input.eventId, now());
    await appendAuditEvent(trx, {
      orgId: input.orgId,
      actorId: input.actorId,
      stream: `org:${input.orgId}`,
      event: { type: 'audit.payload-erased', payload: { eventId: event.id, stream: event.stream, seq: event.seq, reason: input.reason } },
    });
  });
}
