import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streamOf } from '../../../common/audit-events';
import type { AuditCheckpoint, VerificationResultView } from '../../../common/api/audit';
import type { Trx } from '../../db/database';
import { asSession, buildOrganisation, buildPerson, buildSignedInOrganisation, signInAs } from '../../test/factories';
import { countRows, createTestContext, problemOf, TEST_DIALECTS, type TestContext } from '../../test/harness';
import { digestCanonicalJson, digestPayload, GENESIS_HASH, hashEvent } from './audit-hash';
import { tamperWithAuditEvents } from './audit-tamper';

type Caller = ReturnType<typeof asSession>;

describe.each(TEST_DIALECTS)('audit checkpoints on %s', (dialect) => {
  let context: TestContext;
  let org: Awaited<ReturnType<typeof buildSignedInOrganisation>>;

  beforeAll(async () => {
    context = await createTestContext(dialect);
    org = await buildSignedInOrganisation(context.app, context.db);
  });
  afterAll(() => context.close());

  /** An organisation of its own, so that tampering never touches the one the other tests use. */
  async function buildSoloOrganisation() {
    const solo = await buildOrganisation(context.db);
    const admin = await buildPerson(context.db, solo.orgId, 'Administrator');
    const member = await buildPerson(context.db, solo.orgId, 'Agent');
    return { orgId: solo.orgId, member, asAdmin: asSession(context.app, await signInAs(context.app, admin)) };
  }

  /** A team whose stream holds four events: created, renamed twice, a member added. */
  async function buildTeamStream(as: Caller, memberId: string) {
    const team = (await as({ method: 'POST', url: '/api/v1/teams', payload: { name: `Team ${Math.random()}` } })).json();
    await as({ method: 'PATCH', url: `/api/v1/teams/${team.id}`, payload: { version: 1, description: 'First description' } });
    await as({ method: 'PATCH', url: `/api/v1/teams/${team.id}`, payload: { version: 2, description: 'Second description' } });
    await as({ method: 'PUT', url: `/api/v1/teams/${team.id}/members/${memberId}`, payload: { isLead: false } });
    return { id: team.id as string, stream: streamOf('team', team.id) };
  }

  /** One more event at the end of a team's stream. */
  async function appendTeamEvent(as: Caller, teamId: string): Promise<void> {
    const team = (await as({ method: 'GET', url: `/api/v1/teams/${teamId}` })).json();
    const response = await as({ method: 'PATCH', url: `/api/v1/teams/${teamId}`, payload: { version: team.version, description: `Described at ${Math.random()}` } });
    expect(response.statusCode).toBe(200);
  }

  async function takeCheckpoint(as: Caller): Promise<AuditCheckpoint> {
    const response = await as({ method: 'GET', url: '/api/v1/audit/checkpoint' });
    expect(response.statusCode).toBe(200);
    return response.json();
  }

  async function verify(as: Caller, body: Record<string, unknown> = {}): Promise<VerificationResultView> {
    const response = await as({ method: 'POST', url: '/api/v1/audit/verify', payload: body });
    expect(response.statusCode).toBe(200);
    return response.json();
  }

  /** Plays an attacker who deletes events directly in the database, past the append-only triggers. */
  async function deleteEvents(statement: string): Promise<void> {
    await tamperWithAuditEvents(context.db, async (trx) => {
      await sql.raw(statement).execute(trx);
    });
  }

  /** Plays an attacker who rewrites a stream from its genesis with a forged first payload and recomputes every hash. */
  async function rewriteFromGenesis(trx: Trx, orgId: string, stream: string): Promise<void> {
    const events = await trx.selectFrom('audit_events').selectAll().where('org_id', '=', orgId).where('stream', '=', stream).orderBy('seq').execute();
    let prevHash = GENESIS_HASH;
    for (const event of events) {
      const payload = event.seq === 1 ? JSON.stringify({ name: 'A forged team name' }) : event.payload;
      const payloadDigest = payload === null ? event.payload_digest : digestPayload(payload);
      const hash = hashEvent({ orgId, stream, seq: event.seq, occurredAt: event.occurred_at, actorId: event.actor_id, type: event.type, payloadDigest, prevHash });
      await trx.updateTable('audit_events').set({ payload, payload_digest: payloadDigest, prev_hash: prevHash, hash }).where('id', '=', event.id).execute();
      prevHash = hash;
    }
  }

  it('downloads the head of every stream, sorted, with the event count and a digest of the rest', async () => {
    await buildTeamStream(org.asAdmin, org.agent.id);
    const response = await org.asAdmin({ method: 'GET', url: '/api/v1/audit/checkpoint' });
    expect(response.statusCode).toBe(200);
    const checkpoint: AuditCheckpoint = response.json();
    const organisation = await context.db.selectFrom('organisations').selectAll().where('id', '=', org.orgId).executeTakeFirstOrThrow();
    expect(response.headers['content-disposition']).toBe(`attachment; filename="sopdesk-audit-checkpoint-${organisation.slug}-${checkpoint.takenAt.slice(0, 10)}.json"`);
    expect(checkpoint).toMatchObject({ format: 'sopdesk-audit-checkpoint/1', organisation: { id: org.orgId, slug: organisation.slug, name: organisation.name } });

    const rows = await context.db.selectFrom('audit_events').select(['stream', 'seq', 'hash']).where('org_id', '=', org.orgId).execute();
    const heads = new Map<string, { stream: string; seq: number; hash: string }>();
    for (const row of rows) if ((heads.get(row.stream)?.seq ?? 0) < row.seq) heads.set(row.stream, row);
    const expected = [...heads.values()].sort((a, b) => (a.stream < b.stream ? -1 : 1));
    expect(checkpoint.streams).toEqual(expected);
    expect(checkpoint.streams.length).toBeGreaterThan(3);
    expect(checkpoint.eventCount).toBe(rows.length);
    const { digest, ...rest } = checkpoint;
    expect(digest).toBe(digestCanonicalJson(rest));

    const result = await verify(org.asAdmin, { checkpoint });
    expect(result).toMatchObject({ ok: true, firstBreak: null, checkpoint: { takenAt: checkpoint.takenAt, streamsChecked: checkpoint.streams.length, missing: [] } });
  });

  it('answers a plain verification as before, with no checkpoint findings', async () => {
    const result = await verify(org.asAdmin);
    expect(result).toMatchObject({ ok: true, firstBreak: null, checkpoint: null });
  });

  it('finds the last event of a stream removed, which the chain alone cannot see', async () => {
    const solo = await buildSoloOrganisation();
    const { stream } = await buildTeamStream(solo.asAdmin, solo.member.id);
    const checkpoint = await takeCheckpoint(solo.asAdmin);
    await deleteEvents(`delete from audit_events where stream = '${stream}' and seq = 4`);

    // The limit the checkpoint exists for: what is left of the stream still chains.
    expect(await verify(solo.asAdmin)).toMatchObject({ ok: true, firstBreak: null });
    const result = await verify(solo.asAdmin, { checkpoint });
    expect(result.ok).toBe(false);
    expect(result.firstBreak).toBeNull();
    expect(result.checkpoint?.missing).toEqual([
      { stream, seq: 4, headSeq: 3, kind: 'events_removed', reason: 'the stream ends at #3; the checkpoint saw #4: events were removed' },
    ]);
  });

  it('finds a stream rewritten from its genesis with recomputed hashes, also after later appends', async () => {
    const solo = await buildSoloOrganisation();
    const { id, stream } = await buildTeamStream(solo.asAdmin, solo.member.id);
    const other = await buildTeamStream(solo.asAdmin, solo.member.id);
    const checkpoint = await takeCheckpoint(solo.asAdmin);
    // Appended after the checkpoint: the head it saw (#4) is now in the middle of the stream.
    await appendTeamEvent(solo.asAdmin, id);
    await tamperWithAuditEvents(context.db, (trx) => rewriteFromGenesis(trx, solo.orgId, stream));
    await tamperWithAuditEvents(context.db, (trx) => rewriteFromGenesis(trx, solo.orgId, other.stream));

    expect(await verify(solo.asAdmin)).toMatchObject({ ok: true, firstBreak: null });
    const result = await verify(solo.asAdmin, { checkpoint });
    expect(result.ok).toBe(false);
    const expected = [
      { stream, seq: 4, headSeq: 5, kind: 'rewritten', reason: 'event #4 now has another hash: the stream was rewritten' },
      { stream: other.stream, seq: 4, headSeq: 4, kind: 'rewritten', reason: 'event #4 now has another hash: the stream was rewritten' },
    ].sort((a, b) => (a.stream < b.stream ? -1 : 1));
    expect(result.checkpoint?.missing).toEqual(expected);
  });

  it('finds a whole stream removed', async () => {
    const solo = await buildSoloOrganisation();
    const { stream } = await buildTeamStream(solo.asAdmin, solo.member.id);
    const checkpoint = await takeCheckpoint(solo.asAdmin);
    await deleteEvents(`delete from audit_events where stream = '${stream}'`);

    expect(await verify(solo.asAdmin)).toMatchObject({ ok: true });
    const result = await verify(solo.asAdmin, { checkpoint });
    expect(result.ok).toBe(false);
    expect(result.checkpoint?.missing).toEqual([{ stream, seq: 4, headSeq: null, kind: 'stream_gone', reason: 'the stream is gone; the checkpoint saw #4' }]);
  });

  it('finds the head it saw removed from the middle of a stream that grew since, and the chain names the break', async () => {
    const solo = await buildSoloOrganisation();
    const { id, stream } = await buildTeamStream(solo.asAdmin, solo.member.id);
    const checkpoint = await takeCheckpoint(solo.asAdmin);
    await appendTeamEvent(solo.asAdmin, id);
    await deleteEvents(`delete from audit_events where stream = '${stream}' and seq = 4`);

    const result = await verify(solo.asAdmin, { checkpoint });
    expect(result.ok).toBe(false);
    expect(result.firstBreak).toMatchObject({ stream, seq: 5 });
    expect(result.checkpoint?.missing).toEqual([
      { stream, seq: 4, headSeq: 5, kind: 'events_removed', reason: 'event #4 is no longer in the stream (which ends at #5): events were removed' },
    ]);
  });

  it('accepts events appended after the checkpoint, and new streams', async () => {
    const solo = await buildSoloOrganisation();
    const { id } = await buildTeamStream(solo.asAdmin, solo.member.id);
    const checkpoint = await takeCheckpoint(solo.asAdmin);
    await appendTeamEvent(solo.asAdmin, id);
    await buildTeamStream(solo.asAdmin, solo.member.id);

    const result = await verify(solo.asAdmin, { checkpoint });
    expect(result).toMatchObject({ ok: true, firstBreak: null, checkpoint: { streamsChecked: checkpoint.streams.length, missing: [] } });
    expect(result.streamsChecked).toBe(checkpoint.streams.length + 1);
  });

  it('with a stream, compares only that stream’s head', async () => {
    const solo = await buildSoloOrganisation();
    const kept = await buildTeamStream(solo.asAdmin, solo.member.id);
    const cut = await buildTeamStream(solo.asAdmin, solo.member.id);
    const checkpoint = await takeCheckpoint(solo.asAdmin);
    await deleteEvents(`delete from audit_events where stream = '${cut.stream}' and seq = 4`);

    expect(await verify(solo.asAdmin, { checkpoint, stream: kept.stream })).toMatchObject({ ok: true, streamsChecked: 1, checkpoint: { streamsChecked: 1, missing: [] } });
    const result = await verify(solo.asAdmin, { checkpoint, stream: cut.stream });
    expect(result).toMatchObject({ ok: false, checkpoint: { streamsChecked: 1, missing: [{ stream: cut.stream, seq: 4, headSeq: 3 }] } });
  });

  it('refuses an altered checkpoint (a seq changed, the digest kept), naming the digest and writing nothing', async () => {
    const checkpoint = await takeCheckpoint(org.asAdmin);
    const altered = { ...checkpoint, streams: checkpoint.streams.map((head, index) => (index === 0 ? { ...head, seq: head.seq - 1 || 2 } : head)) };
    const before = await countRows(context.db);
    const response = await org.asAdmin({ method: 'POST', url: '/api/v1/audit/verify', payload: { checkpoint: altered } });
    expect(response.statusCode).toBe(422);
    const problem = problemOf(response);
    expect(problem.code).toBe('checkpoint_altered');
    expect(problem.errors).toEqual([{ field: 'body.checkpoint.digest', message: 'does not match the checkpoint’s contents: the file was altered' }]);
    expect(problem.detail).toMatch(/altered/);
    expect(await countRows(context.db)).toEqual(before);
  });

  it('refuses another organisation’s checkpoint', async () => {
    const solo = await buildSoloOrganisation();
    const foreign = await takeCheckpoint(solo.asAdmin);
    const response = await org.asAdmin({ method: 'POST', url: '/api/v1/audit/verify', payload: { checkpoint: foreign } });
    expect(response.statusCode).toBe(422);
    expect(problemOf(response).code).toBe('checkpoint_other_organisation');
    expect(problemOf(response).errors?.map((error) => error.field)).toEqual(['body.checkpoint.organisation.id']);
    expect(problemOf(response).detail).toMatch(/another organisation/);
  });

  it('refuses a malformed checkpoint with 400 naming the field', async () => {
    const checkpoint = await takeCheckpoint(org.asAdmin);
    const first = checkpoint.streams[0]!;
    const cases: Array<[string, unknown, string]> = [
      ['a wrong format', { ...checkpoint, format: 'sopdesk-audit-checkpoint/2' }, 'body.checkpoint.format'],
      ['a seq as text', { ...checkpoint, streams: [{ ...first, seq: '4' }] }, 'body.checkpoint.streams.0.seq'],
      ['a hash that is no digest', { ...checkpoint, streams: [{ ...first, hash: 'not-a-hash' }] }, 'body.checkpoint.streams.0.hash'],
      ['a stream twice', { ...checkpoint, streams: [first, first] }, 'body.checkpoint.streams.1.stream'],
      ['no digest', { ...checkpoint, digest: undefined }, 'body.checkpoint.digest'],
      ['an unknown field', { ...checkpoint, colour: 'red' }, 'body.checkpoint.colour'],
      ['text instead of a document', 'my checkpoint', 'body.checkpoint'],
    ];
    for (const [label, value, field] of cases) {
      const response = await org.asAdmin({ method: 'POST', url: '/api/v1/audit/verify', payload: { checkpoint: value } });
      expect(response.statusCode, label).toBe(400);
      expect(problemOf(response).errors?.map((error) => error.field), label).toContain(field);
    }
  });

  it('forbids a person without audit.read from taking or verifying a checkpoint (403)', async () => {
    const checkpoint = await takeCheckpoint(org.asAdmin);
    for (const request of [
      { method: 'GET' as const, url: '/api/v1/audit/checkpoint' },
      { method: 'POST' as const, url: '/api/v1/audit/verify', payload: { checkpoint } },
    ]) {
      const response = await org.asAgent(request);
      expect(response.statusCode).toBe(403);
      expect(problemOf(response).code).toBe('forbidden');
    }
  });
});
