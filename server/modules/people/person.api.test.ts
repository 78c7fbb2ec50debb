import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSession, buildOrganisation, buildPerson, buildSignedInOrganisation, signInAs } from '../../test/factories';
import { countRows, createTestContext, problemOf, TEST_DIALECTS, type TestContext } from '../../test/harness';

describe.each(TEST_DIALECTS)('people API on %s', (dialect) => {
  let context: TestContext;
  let org: Awaited<ReturnType<typeof buildSignedInOrganisation>>;

  beforeAll(async () => {
    context = await createTestContext(dialect);
    org = await buildSignedInOrganisation(context.app, context.db);
  });
  afterAll(() => context.close());

  it('adds a person with a role and hands back a one-time link to set their password', async () => {
    const response = await org.asAdmin({
      method: 'POST',
      url: '/api/v1/people',
      payload: { name: '  Ana Silva ', email: 'Ana.Silva@Example.test', roleIds: [org.roleIdsByName.Agent], startDate: '2026-12-01' },
    });
    expect(response.statusCode).toBe(201);
    const created = response.json();
    expect(created.person).toMatchObject({ name: 'Ana Silva', email: 'ana.silva@example.test', status: 'active', startDate: '2026-12-01', hasPassword: false });
    expect(created.person.roles).toEqual([{ id: org.roleIdsByName.Agent, name: 'Agent' }]);
    expect(created.setPasswordLink.url).toMatch(/\/reset-password#token=[A-Za-z0-9_-]{40,}$/);

    const token = new URL(created.setPasswordLink.url).hash.replace('#token=', '');
    const status = await context.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset/status', payload: { token } });
    expect(status.json()).toMatchObject({ valid: true, name: 'Ana Silva' });
    const set = await context.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { token, newPassword: 'quiet harbour lantern 42 spruce' } });
    expect(set.statusCode).toBe(204);
    const session = await signInAs(context.app, { email: 'ana.silva@example.test', password: 'quiet harbour lantern 42 spruce' });
    expect(session.personId).toBe(created.person.id);

    const reused = await context.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { token, newPassword: 'another long passphrase 77 birch' } });
    expect(problemOf(reused).code).toBe('invalid_token');
  });

  it('refuses a duplicate email with 409 and leaves no row and no event behind', async () => {
    const before = await countRows(context.db);
    const response = await org.asAdmin({
      method: 'POST',
      url: '/api/v1/people',
      payload: { name: 'Someone Else', email: org.agent.email.toUpperCase(), roleIds: [org.roleIdsByName.Agent] },
    });
    expect(response.statusCode).toBe(409);
    const problem = problemOf(response);
    expect(problem.code).toBe('email_taken');
    expect(problem.errors).toEqual([{ field: 'body.email', message: 'is already in use' }]);
    expect(await countRows(context.db)).toEqual(before);
  });

  it.each([
    ['a wrong type', { name: 42, email: 'x@example.test', roleIds: [] }, 'body.name'],
    ['an unknown field', { name: 'Bo', email: 'bo@example.test', roleIds: ['0193a4f2-0000-7000-8000-000000000000'], admin: true }, 'body.admin'],
    ['an invalid email', { name: 'Bo', email: 'not-an-email', roleIds: ['0193a4f2-0000-7000-8000-000000000000'] }, 'body.email'],
    ['no role', { name: 'Bo', email: 'bo@example.test', roleIds: [] }, 'body.roleIds'],
    ['a very long name', { name: 'x'.repeat(5000), email: 'bo@example.test', roleIds: ['0193a4f2-0000-7000-8000-000000000000'] }, 'body.name'],
    ['control characters in a name', { name: 'Bo\u0000by\u202E', email: 'bo@example.test', roleIds: ['0193a4f2-0000-7000-8000-000000000000'] }, 'body.name'],
    ['a role of no organisation', { name: 'Bo', email: 'bo@example.test', roleIds: ['0193a4f2-0000-7000-8000-000000000000'] }, 'body.roleIds.0'],
  ])('answers %s with 400 naming the field, and writes nothing', async (_case, payload, field) => {
    const before = await countRows(context.db);
    const response = await org.asAdmin({ method: 'POST', url: '/api/v1/people', payload });
    expect(response.statusCode).toBe(400);
    const problem = problemOf(response);
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors?.map((error) => error.field)).toContain(field);
    expect(await countRows(context.db)).toEqual(before);
  });

  it('keeps odd but valid Unicode names intact', async () => {
    const name = 'Zoë Ångström-Łukasiewicz 李小龍 👩🏽‍💼';
    const response = await org.asAdmin({ method: 'POST', url: '/api/v1/people', payload: { name, email: 'zoe@example.test', roleIds: [org.roleIdsByName.Agent] } });
    expect(response.statusCode).toBe(201);
    expect(response.json().person.name).toBe(name.normalize('NFC'));
  });

  it('answers malformed JSON and oversized bodies with problem+json', async () => {
    const malformed = await org.asAdmin({ method: 'POST', url: '/api/v1/people', payload: '{"name": "Bo",', headers: { 'content-type': 'application/json' } });
    expect(malformed.statusCode).toBe(400);
    expect(problemOf(malformed).code).toBe('malformed_json');

    const huge = await org.asAdmin({
      method: 'POST',
      url: '/api/v1/people',
      payload: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024), email: 'big@example.test', roleIds: [] }),
      headers: { 'content-type': 'application/json' },
    });
    expect(huge.statusCode).toBe(413);
    expect(problemOf(huge).code).toBe('body_too_large');
  });

  it('forbids an agent from listing or adding people (403)', async () => {
    const list = await org.asAgent({ method: 'GET', url: '/api/v1/people' });
    expect(list.statusCode).toBe(403);
    expect(problemOf(list).code).toBe('forbidden');
    const before = await countRows(context.db);
    const add = await org.asAgent({ method: 'POST', url: '/api/v1/people', payload: { name: 'Bo', email: 'bo2@example.test', roleIds: [org.roleIdsByName.Agent] } });
    expect(add.statusCode).toBe(403);
    expect(await countRows(context.db)).toEqual(before);
  });

  it('lets an agent read their own record but not a colleague’s', async () => {
    expect((await org.asAgent({ method: 'GET', url: `/api/v1/people/${org.agent.id}` })).statusCode).toBe(200);
    expect((await org.asAgent({ method: 'GET', url: `/api/v1/people/${org.admin.id}` })).statusCode).toBe(403);
  });

  it('answers an id of another organisation with 404 and none of its data', async () => {
    const other = await buildOrganisation(context.db);
    const stranger = await buildPerson(context.db, other.orgId, 'Agent', { name: 'Secret Stranger' });
    for (const request of [
      { method: 'GET' as const, url: `/api/v1/people/${stranger.id}` },
      { method: 'PATCH' as const, url: `/api/v1/people/${stranger.id}`, payload: { version: 1, name: 'Hijacked' } },
      { method: 'POST' as const, url: `/api/v1/people/${stranger.id}/suspend`, payload: {} },
    ]) {
      const response = await org.asAdmin(request);
      expect(response.statusCode).toBe(404);
      expect(response.body).not.toContain('Secret Stranger');
    }
    const list = await org.asAdmin({ method: 'GET', url: '/api/v1/people' });
    expect(list.body).not.toContain('Secret Stranger');
  });

  it('refuses a stale edit with 409 and the current record, so nobody overwrites anybody silently', async () => {
    const created = (await org.asAdmin({ method: 'POST', url: '/api/v1/people', payload: { name: 'Lee Park', email: 'lee@example.test', roleIds: [org.roleIdsByName.Agent] } })).json();
    const id = created.person.id;
    const first = await org.asAdmin({ method: 'PATCH', url: `/api/v1/people/${id}`, payload: { version: 1, name: 'Lee Park-Jones' } });
    expect(first.statusCode).toBe(200);
    expect(first.json().version).toBe(2);
    const stale = await org.asAdmin({ method: 'PATCH', url: `/api/v1/people/${id}`, payload: { version: 1, name: 'Lee P.' } });
    expect(stale.statusCode).toBe(409);
    const problem = problemOf(stale);
    expect(problem.code).toBe('version_conflict');
    expect(problem.current).toMatchObject({ name: 'Lee Park-Jones', version: 2 });
  });

  it('ends every session of a suspended person at once', async () => {
    const person = await buildPerson(context.db, org.orgId, 'Supervisor');
    const session = await signInAs(context.app, person);
    const asPerson = asSession(context.app, session);
    expect((await asPerson({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(200);

    const suspended = await org.asAdmin({ method: 'POST', url: `/api/v1/people/${person.id}/suspend`, payload: {} });
    expect(suspended.statusCode).toBe(200);
    expect(suspended.json().status).toBe('suspended');
    expect((await asPerson({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    const again = await context.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: person.email, password: person.password } });
    expect(problemOf(again).code).toBe('invalid_credentials');

    const reactivated = await org.asAdmin({ method: 'POST', url: `/api/v1/people/${person.id}/reactivate`, payload: {} });
    expect(reactivated.json().status).toBe('active');
    expect((await signInAs(context.app, person)).personId).toBe(person.id);
  });

  it('never lets the last person able to manage roles be suspended or lose the role', async () => {
    const solo = await buildOrganisation(context.db);
    const onlyAdmin = await buildPerson(context.db, solo.orgId, 'Administrator');
    const secondAdmin = await buildPerson(context.db, solo.orgId, 'Administrator');
    const asSecond = asSession(context.app, await signInAs(context.app, secondAdmin));
    expect((await asSecond({ method: 'POST', url: `/api/v1/people/${onlyAdmin.id}/suspend`, payload: {} })).statusCode).toBe(200);
    // Now secondAdmin is the only active administrator: they cannot demote themselves.
    const me = (await asSecond({ method: 'GET', url: `/api/v1/people/${secondAdmin.id}` })).json();
    const demote = await asSecond({ method: 'PATCH', url: `/api/v1/people/${secondAdmin.id}`, payload: { version: me.version, roleIds: [solo.roleIdsByName.Agent] } });
    expect(demote.statusCode).toBe(409);
    expect(problemOf(demote).code).toBe('last_administrator');
    // …nor suspend themselves (the policy forbids self-suspension outright).
    expect((await asSecond({ method: 'POST', url: `/api/v1/people/${secondAdmin.id}/suspend`, payload: {} })).statusCode).toBe(403);
  });

  it('filters the list by text, status and role', async () => {
    const response = await org.asAdmin({ method: 'GET', url: `/api/v1/people?q=ana%20sil&status=active&roleId=${org.roleIdsByName.Agent}` });
    expect(response.statusCode).toBe(200);
    expect(response.json().items.map((person: { name: string }) => person.name)).toEqual(['Ana Silva']);
    const literal = await org.asAdmin({ method: 'GET', url: '/api/v1/people?q=%25' });
    expect(literal.json().items).toEqual([]);
  });

  it('records each change in the person’s audit stream', async () => {
    const created = (await org.asAdmin({ method: 'POST', url: '/api/v1/people', payload: { name: 'Audit Me', email: 'audit.me@example.test', roleIds: [org.roleIdsByName.Agent] } })).json();
    await org.asAdmin({ method: 'PATCH', url: `/api/v1/people/${created.person.id}`, payload: { version: 1, name: 'Audited' } });
    const events = await context.db
      .selectFrom('audit_events')
      .select(['type', 'seq', 'actor_id'])
      .where('stream', '=', `person:${created.person.id}`)
      .orderBy('seq')
      .execute();
    expect(events.map((event) => event.type)).toEqual(['person.created', 'person.password-reset-issued', 'person.updated']);
    expect(events.map((event) => event.seq)).toEqual([1, 2, 3]);
    expect(new Set(events.map((event) => event.actor_id))).toEqual(new Set([org.admin.id]));
  });
  it('offers authors a directory of active names and roles, without emails, and nothing to agents', async () => {
    const author = await buildPerson(context.db, org.orgId, 'Quality manager');
    const asAuthor = asSession(context.app, await signInAs(context.app, author));
    const response = await asAuthor({ method: 'GET', url: '/api/v1/people/directory' });
    expect(response.statusCode).toBe(200);
    const items: Array<{ id: string; name: string; roles: string[] }> = response.json().items;
    expect(items.find((item) => item.id === org.agent.id)).toEqual({ id: org.agent.id, name: org.agent.name, roles: ['Agent'] });
    expect(response.body).not.toContain(org.agent.email);

    const suspended = await buildPerson(context.db, org.orgId, 'Agent', { name: 'Suspended Sam' });
    await org.asAdmin({ method: 'POST', url: `/api/v1/people/${suspended.id}/suspend`, payload: {} });
    expect((await asAuthor({ method: 'GET', url: '/api/v1/people/directory' })).json().items.map((item: { id: string }) => item.id)).not.toContain(suspended.id);
    expect((await org.asAgent({ method: 'GET', url: '/api/v1/people/directory' })).statusCode).toBe(403);
  });
});
