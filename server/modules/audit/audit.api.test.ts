import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streamOf } from '../../../common/audit-events';
import type { Db } from '../../db/database';
import { inTransaction } from '../../db/transaction';
import { asSession, buildOrganisation, buildPerson, buildSignedInOrganisation, signInAs } from '../../test/factories';
import { countRows, createTestContext, problemOf, rawSql, TEST_DIALECTS, type TestContext } from '../../test/harness';
import { createSopViaApi } from '../../test/sop-factories';
import { tamperWithAuditEvents } from './audit-tamper';
import { appendAuditEvent, verifyAuditChains } from './audit.service';

type EventView = { id: string; stream: string; subject: string | null; seq: number; occurredAt: string; type: string; payload: unknown; actor: { id: string } | null };

describe.each(TEST_DIALECTS)('audit API on %s', (dialect) => {
  let context: TestContext;
  let org: Awaited<ReturnType<typeof buildSignedInOrganisation>>;

  beforeAll(async () => {
    context = await createTestContext(dialect);
    org = await buildSignedInOrganisation(context.app, context.db);
  });
  afterAll(() => context.close());

  /** A team whose stream holds four events: created, renamed twice, a member added. */
  async function buildTeamStream(as = org.asAdmin, memberId = org.agent.id) {
    const team = (await as({ method: 'POST', url: '/api/v1/teams', payload: { name: `Team ${Math.random()}` } })).json();
    await as({ method: 'PATCH', url: `/api/v1/teams/${team.id}`, payload: { version: 1, description: 'First description' } });
    await as({ method: 'PATCH', url: `/api/v1/teams/${team.id}`, payload: { version: 2, description: 'Second description' } });
    await as({ method: 'PUT', url: `/api/v1/teams/${team.id}/members/${memberId}`, payload: { isLead: false } });
    return { id: team.id as string, stream: streamOf('team', team.id) };
  }

  async function listEvents(query: string, as = org.asAdmin): Promise<{ items: EventView[]; nextCursor: string | null }> {
    const response = await as({ method: 'GET', url: `/api/v1/audit/events${query}` });
    expect(response.statusCode).toBe(200);
    return response.json();
  }

  /** Plays an attacker with write access to the database: the append-only triggers are bypassed for one statement. */
  async function tamper(db: Db, statement: string): Promise<void> {
    await tamperWithAuditEvents(db, async (trx) => {
      await sql.raw(statement).execute(trx);
    });
  }

  it('lists events newest first, with who did what', async () => {
    const { stream } = await buildTeamStream();
    const { items } = await listEvents('?limit=200');
    const ids = items.map((event) => event.id);
    expect(ids).toEqual([...ids].sort().reverse());
    expect(items.map((event) => event.occurredAt)).toEqual(items.map((event) => event.occurredAt).sort().reverse());
    const teamEvents = items.filter((event) => event.stream === stream);
    expect(teamEvents.map((event) => [event.seq, event.type])).toEqual([
      [4, 'team.member-added'],
      [3, 'team.updated'],
      [2, 'team.updated'],
      [1, 'team.created'],
    ]);
    expect(teamEvents[0]).toMatchObject({ actor: { id: org.admin.id, name: org.admin.name }, payload: { personId: org.agent.id, isLead: false } });
  });

  it('names what each stream is about, and nothing once it is gone', async () => {
    const { id: teamId, stream } = await buildTeamStream();
    const team = (await org.asAdmin({ method: 'GET', url: `/api/v1/teams/${teamId}` })).json();
    const { sopId, key } = await createSopViaApi(org.asAdmin);
    const subjectOf = async (wanted: string) => (await listEvents(`?stream=${encodeURIComponent(wanted)}`)).items.map((event) => event.subject);
    expect(await subjectOf(stream)).toEqual([team.name, team.name, team.name, team.name]);
    expect(new Set(await subjectOf(streamOf('sop', sopId)))).toEqual(new Set([key]));
    expect(new Set(await subjectOf(`person:${org.agent.id}`))).toEqual(new Set([org.agent.name]));

    expect((await org.asAdmin({ method: 'DELETE', url: `/api/v1/teams/${teamId}` })).statusCode).toBe(204);
    expect(new Set(await subjectOf(stream))).toEqual(new Set([null]));
  });

  it('filters by stream, type, person and time', async () => {
    const { stream } = await buildTeamStream();
    expect((await listEvents(`?stream=${encodeURIComponent(stream)}`)).items.map((event) => event.seq)).toEqual([4, 3, 2, 1]);
    const byType = await listEvents('?type=team.updated&limit=200');
    expect(byType.items.length).toBeGreaterThanOrEqual(2);
    expect(new Set(byType.items.map((event) => event.type))).toEqual(new Set(['team.updated']));

    const byPerson = await listEvents(`?personId=${org.agent.id}&limit=200`);
    expect(byPerson.items.length).toBeGreaterThan(0);
    for (const event of byPerson.items) expect(event.stream === `person:${org.agent.id}` || event.actor?.id === org.agent.id).toBe(true);
    expect(byPerson.items.map((event) => event.type)).toContain('person.signed-in');

    const all = (await listEvents(`?stream=${encodeURIComponent(stream)}`)).items;
    const [from, to] = [all[2]!.occurredAt, all[1]!.occurredAt];
    const window = await listEvents(`?stream=${encodeURIComponent(stream)}&from=${from}&to=${to}`);
    expect(window.items.map((event) => event.seq)).toEqual(all.filter((event) => event.occurredAt >= from && event.occurredAt <= to).map((event) => event.seq));
    expect(window.items.length).toBeGreaterThanOrEqual(2);
    const future = await listEvents(`?from=${encodeURIComponent('2999-01-01T00:00:00+01:00')}`);
    expect(future.items).toEqual([]);
  });

  it('pages with a cursor: every event once, in order, then no cursor', async () => {
    const everything = (await listEvents('?limit=200')).items.map((event) => event.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { items: EventView[]; nextCursor: string | null } = await listEvents(`?limit=3${cursor ? `&before=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((event) => event.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 100);
    expect(seen).toEqual(everything);
    expect(pages).toBe(Math.ceil(everything.length / 3));
  });

  it('refuses a malformed filter with 400 naming it', async () => {
    for (const [query, field] of [
      ['?from=yesterday', 'querystring.from'],
      ['?personId=someone', 'querystring.personId'],
      ['?limit=5000', 'querystring.limit'],
      ['?colour=red', 'querystring.colour'],
    ]) {
      const response = await org.asAdmin({ method: 'GET', url: `/api/v1/audit/events${query}` });
      expect(response.statusCode).toBe(400);
      expect(problemOf(response).errors?.map((error) => error.field)).toContain(field);
    }
  });

  it('verifies every chain of the organisation, or one stream', async () => {
    const { stream } = await buildTeamStream();
    const all = await org.asAdmin({ method: 'POST', url: '/api/v1/audit/verify', payload: {} });
    expect(all.statusCode).toBe(200);
    expect(all.json()).toMatchObject({ ok: true, firstBreak: null });
    expect(all.json().eventsChecked).toBe(await countEventsOf(org.orgId));
    const one = await org.asAdmin({ method: 'POST', url: '/api/v1/audit/verify', payload: { stream } });
    expect(one.json()).toMatchObject({ ok: true, streamsChecked: 1, eventsChecked: 4 });
  });

  async function countEventsOf(orgId: string): Promise<number> {
    const row = await context.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).where('org_id', '=', orgId).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  it('forbids a person without audit.read from listing or verifying (403)', async () => {
    for (const request of [
      { method: 'GET' as const, url: '/api/v1/audit/events' },
      { method: 'POST' as const, url: '/api/v1/audit/verify', payload: {} },
    ]) {
      const response = await org.asAgent(request);
      expect(response.statusCode).toBe(403);
      expect(problemOf(response).code).toBe('forbidden');
    }
  });

  it('never shows another organisation’s events', async () => {
    const other = await buildOrganisation(context.db, 'Hidden Organisation Ltd');
    const { items } = await listEvents('?limit=200');
    expect(items.some((event) => event.stream === streamOf('org', other.orgId))).toBe(false);
    expect(JSON.stringify(items)).not.toContain('Hidden Organisation Ltd');
  });

  it('erases a payload and still verifies; the erasure is itself recorded', async () => {
    const quality = await buildPerson(context.db, org.orgId, 'Quality manager');
    const asQuality = asSession(context.app, await signInAs(context.app, quality));
    const { stream } = await buildTeamStream();
    const target = (await listEvents(`?stream=${encodeURIComponent(stream)}`)).items.find((event) => event.seq === 2)!;

    const before = await countRows(context.db);
    const refused = await asQuality({ method: 'POST', url: `/api/v1/audit/events/${target.id}/erase`, payload: { reason: 'GDPR request 42' } });
    expect(refused.statusCode).toBe(403);
    expect(await countRows(context.db)).toEqual(before);

    const erased = await org.asAdmin({ method: 'POST', url: `/api/v1/audit/events/${target.id}/erase`, payload: { reason: 'GDPR request 42' } });
    expect(erased.statusCode).toBe(204);
    const after = (await listEvents(`?stream=${encodeURIComponent(stream)}`)).items.find((event) => event.id === target.id)!;
    expect(after).toMatchObject({ payload: null, type: 'team.updated', seq: 2 });
    expect((after as EventView & { erasedAt: string | null }).erasedAt).not.toBeNull();

    const verified = (await org.asAdmin({ method: 'POST', url: '/api/v1/audit/verify', payload: {} })).json();
    expect(verified).toMatchObject({ ok: true, erasedPayloads: 1 });
    const record = (await listEvents(`?stream=${encodeURIComponent(streamOf('org', org.orgId))}&type=audit.payload-erased`)).items;
    expect(record.map((event) => event.payload)).toEqual([{ eventId: target.id, stream, seq: 2, reason: 'GDPR request 42' }]);

    const again = await org.asAdmin({ method: 'POST', url: `/api/v1/audit/events/${target.id}/erase`, payload: { reason: 'GDPR request 42' } });
    expect(problemOf(again).code).toBe('invalid_state');
    const noReason = await org.asAdmin({ method: 'POST', url: `/api/v1/audit/events/${target.id}/erase`, payload: { reason: '' } });
    expect(problemOf(noReason).errors?.map((error) => error.field)).toEqual(['body.reason']);
  });

  it('answers erasing another organisation’s event with 404', async () => {
    const other = await buildOrganisation(context.db);
    const foreign = await context.db.selectFrom('audit_events').select(['id', 'payload']).where('org_id', '=', other.orgId).executeTakeFirstOrThrow();
    const response = await org.asAdmin({ method: 'POST', url: `/api/v1/audit/events/${foreign.id}/erase`, payload: { reason: 'Not mine to erase' } });
    expect(response.statusCode).toBe(404);
    const row = await context.db.selectFrom('audit_events').select('payload').where('id', '=', foreign.id).executeTakeFirstOrThrow();
    expect(row.payload).toBe(foreign.payload);
  });

  it('never forks a stream under concurrent writers: unique sequence numbers and an intact chain', async () => {
    const team = (await org.asAdmin({ method: 'POST', url: '/api/v1/teams', payload: { name: 'Busy team' } })).json();
    const people = await Promise.all(Array.from({ length: 8 }, () => buildPerson(context.db, org.orgId, 'Agent')));
    const responses = await Promise.all(
      people.map((person) => org.asAdmin({ method: 'PUT', url: `/api/v1/teams/${team.id}/members/${person.id}`, payload: { isLead: false } })),
    );
    expect(responses.map((response) => response.statusCode)).toEqual(people.map(() => 200));
    const seqs = (await context.db.selectFrom('audit_events').select('seq').where('stream', '=', streamOf('team', team.id)).orderBy('seq').execute()).map((row) => row.seq);
    expect(seqs).toEqual(Array.from({ length: 9 }, (_, index) => index + 1));
    expect((await verifyAuditChains(context.db, org.orgId, { stream: streamOf('team', team.id) })).ok).toBe(true);
  });

  it('serialises many transactions appending to one stream at once', async () => {
    const stream = streamOf('process', org.orgId);
    const writers = 20;
    const results = await Promise.all(
      Array.from({ length: writers }, (_, index) =>
        inTransaction(context.db, (trx) =>
          appendAuditEvent(trx, { orgId: org.orgId, actorId: org.admin.id, stream, event: { type: 'process.created', payload: { name: `Process ${index}`, category: 'Test' } } }),
        ),
      ),
    );
    expect(results.map((result) => result.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: writers }, (_, index) => index + 1));
    const result = await verifyAuditChains(context.db, org.orgId, { stream });
    expect(result).toMatchObject({ ok: true, eventsChecked: writers });
  });

  it('is append-only in the database itself: no update of a recorded field, no delete', async () => {
    const { stream } = await buildTeamStream();
    await expect(rawSql(context.db, `update audit_events set payload = '{"forged":true}' where stream = '${stream}' and seq = 2`)).rejects.toThrow(/append-only/);
    await expect(rawSql(context.db, `update audit_events set type = 'team.created' where stream = '${stream}' and seq = 2`)).rejects.toThrow(/append-only/);
    await expect(rawSql(context.db, `delete from audit_events where stream = '${stream}' and seq = 2`)).rejects.toThrow(/append-only/);
    expect((await verifyAuditChains(context.db, org.orgId, { stream })).ok).toBe(true);
  });

  it.each([
    ['a payload is changed', (stream: string) => `update audit_events set payload = '{"changes":{"description":{"from":"","to":"Forged"}}}' where stream = '${stream}' and seq = 2`, 2, /payload/],
    ['a hash is changed', (stream: string) => `update audit_events set hash = '${'ab'.repeat(32)}' where stream = '${stream}' and seq = 2`, 2, /hash/],
    ['a middle event is deleted', (stream: string) => `delete from audit_events where stream = '${stream}' and seq = 2`, 3, /missing/],
    ['an actor is rewritten', (stream: string) => `update audit_events set actor_id = null where stream = '${stream}' and seq = 3`, 3, /hash/],
    [
      'a payload is blanked without a recorded erasure',
      (stream: string) => `update audit_events set payload = null, erased_at = '2026-01-01T00:00:00.000Z' where stream = '${stream}' and seq = 2`,
      2,
      /no erasure/,
    ],
  ])('fails verification when %s, naming the first broken event', async (_case, statement, brokenSeq, reason) => {
    const solo = await buildOrganisation(context.db);
    const admin = await buildPerson(context.db, solo.orgId, 'Administrator');
    const member = await buildPerson(context.db, solo.orgId, 'Agent');
    const asAdmin = asSession(context.app, await signInAs(context.app, admin));
    const { stream } = await buildTeamStream(asAdmin, member.id);
    expect((await asAdmin({ method: 'POST', url: '/api/v1/audit/verify', payload: {} })).json().ok).toBe(true);

    await tamper(context.db, statement(stream));
    const response = await asAdmin({ method: 'POST', url: '/api/v1/audit/verify', payload: {} });
    expect(response.statusCode).toBe(200);
    const result = response.json();
    expect(result.ok).toBe(false);
    expect(result.firstBreak).toMatchObject({ stream, seq: brokenSeq });
    expect(result.firstBreak.reason).toMatch(reason);
    // The organisation this test file signs in with is untouched.
    expect((await verifyAuditChains(context.db, org.orgId)).ok).toBe(true);
  });
});
