import { prepareQuery } from '../../db/prepared-query';
import type { Executor } from '../../db/database';
import type { AuditEventRow, NewAuditEvent } from '../../db/schema';

// Every change of state runs these two: prepared once (see prepared-query.ts).
const streamHead = prepareQuery<{ orgId: string; stream: string }, { seq: number; hash: string }>((db, slot) =>
  db.selectFrom('audit_events').select(['seq', 'hash']).where('org_id', '=', slot.orgId).where('stream', '=', slot.stream).orderBy('seq', 'desc').limit(1),
);

/** The last event of a stream: the one a new event chains to. */
export async function findStreamHead(db: Executor, orgId: string, stream: string): Promise<{ seq: number; hash: string } | undefined> {
  return (await streamHead(db, { orgId, stream })).rows[0];
}

const insertEvent = prepareQuery<NewAuditEvent, never>((db, slot) =>
  db.insertInto('audit_events').values({
    id: slot.id,
    org_id: slot.org_id,
    stream: slot.stream,
    seq: slot.seq,
    occurred_at: slot.occurred_at,
    actor_id: slot.actor_id,
    type: slot.type,
    payload: slot.payload,
    payload_digest: slot.payload_digest,
    prev_hash: slot.prev_hash,
    hash: slot.hash,
    erased_at: slot.erased_at,
  }),
);

export async function insertAuditEvent(db: Executor, event: NewAuditEvent): Promise<void> {
  await insertEvent(db, event);
}

export type AuditEventFilter = {
  stream?: string;
  type?: string;
  actorId?: string;
  /** Events in the stream of this person, or performed by them. */
  personId?: string;
  from?: string;
  to?: string;
  /** Keyset cursor: the id of the last event of the previous page (ids are time-sortable). */
  before?: string;
  limit: number;
};

/** Newest first, one page at a time. */
export function listAuditEvents(db: Executor, orgId: string, filter: AuditEventFilter): Promise<AuditEventRow[]> {
  let query = db.selectFrom('audit_events').selectAll().where('org_id', '=', orgId);
  if (filter.stream) query = query.where('stream', '=', filter.stream);
  if (filter.type) query = query.where('type', '=', filter.type);
  if (filter.actorId) query = query.where('actor_id', '=', filter.actorId);
  if (filter.personId) {
    const personId = filter.personId;
    query = query.where((eb) => eb.or([eb('actor_id', '=', personId), eb('stream', '=', `person:${personId}`)]));
  }
  if (filter.from) query = query.where('occurred_at', '>=', filter.from);
  if (filter.to) query = query.where('occurred_at', '<=', filter.to);
  if (filter.before) query = query.where('id', '<', filter.before);
  return query.orderBy('id', 'desc').limit(filter.limit).execute();
}

export function findAuditEvent(db: Executor, orgId: string, eventId: string) {
  return db.selectFrom('audit_events').selectAll().where('org_id', '=', orgId).where('id', '=', eventId).executeTakeFirst();
}

/** One batch of events in chain order, after a (stream, seq) position. */
export function listEventsInChainOrder(
  db: Executor,
  orgId: string,
  options: { stream?: string; after?: { stream: string; seq: number }; limit: number },
): Promise<AuditEventRow[]> {
  let query = db.selectFrom('audit_events').selectAll().where('org_id', '=', orgId);
  if (options.stream) query = query.where('stream', '=', options.stream);
  const after = options.after;
  if (after) {
    query = query.where((eb) =>
      eb.or([eb('stream', '>', after.stream), eb.and([eb('stream', '=', after.stream), eb('seq', '>', after.seq)])]),
    );
  }
  return query.orderBy('stream').orderBy('seq').limit(options.limit).execute();
}

export async function erasePayload(db: Executor, orgId: string, eventId: string, erasedAt: string): Promise<void> {
  await db
    .updateTable('audit_events')
    .set({ payload: null, erased_at: erasedAt })
    .where('org_id', '=', orgId)
    .where('id', '=', eventId)
    .execute();
}

/** The ids of the events whose payload erasure was recorded (by an `audit.payload-erased` event). */
export async function listRecordedErasures(db: Executor, orgId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('audit_events')
    .select('payload')
    .where('org_id', '=', orgId)
    .where('type', '=', 'audit.payload-erased')
    .execute();
  const ids = new Set<string>();
  for (const row of rows) {
    if (row.payload === null) continue;
    const payload = JSON.parse(row.payload) as { eventId?: unknown };
    if (typeof payload.eventId === 'string') ids.add(payload.eventId);
  }
  return ids;
}

export type StreamHead = { stream: string; seq: number; hash: string; events: number };

/**
 * The last event of every stream of the organisation (or of one), with each stream's event count, in one
 * statement (one consistent snapshot on both engines). The grouping reads the unique
 * (org_id, stream, seq) index; the hash of each head is then one look-up in that same index.
 * Unsorted: callers sort by code unit, which no database collation promises.
 */
export async function listStreamHeads(db: Executor, orgId: string, options: { stream?: string } = {}): Promise<StreamHead[]> {
  let grouped = db
    .selectFrom('audit_events')
    .select((eb) => ['stream', eb.fn.max('seq').as('seq'), eb.fn.countAll().as('events')])
    .where('org_id', '=', orgId);
  if (options.stream !== undefined) grouped = grouped.where('stream', '=', options.stream);
  const heads = grouped.groupBy('stream').as('heads');
  const rows = await db
    .selectFrom(heads)
    .select((eb) => [
      'heads.stream',
      'heads.seq',
      'heads.events',
      eb
        .selectFrom('audit_events as event')
        .select('event.hash')
        .where('event.org_id', '=', orgId)
        .whereRef('event.stream', '=', 'heads.stream')
        .whereRef('event.seq', '=', 'heads.seq')
        .as('hash'),
    ])
    .execute();
  // PostgreSQL answers count(*) as a bigint string; the head's hash is there, read in the same statement.
  return rows.map((row) => ({ stream: row.stream, seq: Number(row.seq), hash: row.hash!, events: Number(row.events) }));
}

const POSITIONS_PER_QUERY = 250;

/** The hashes of the events at these (stream, seq) positions, keyed by `positionKey`; absent when no such event. */
export async function findEventHashes(db: Executor, orgId: string, positions: ReadonlyArray<{ stream: string; seq: number }>): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  for (let start = 0; start < positions.length; start += POSITIONS_PER_QUERY) {
    const batch = positions.slice(start, start + POSITIONS_PER_QUERY);
    const rows = await db
      .selectFrom('audit_events')
      .select(['stream', 'seq', 'hash'])
      .where('org_id', '=', orgId)
      .where((eb) => eb.or(batch.map((position) => eb.and([eb('stream', '=', position.stream), eb('seq', '=', position.seq)]))))
      .execute();
    for (const row of rows) hashes.set(positionKey(row), row.hash);
  }
  return hashes;
}

export function positionKey(position: { stream: string; seq: number }): string {
  return `${position.stream}\u0000${position.seq}`;
}
