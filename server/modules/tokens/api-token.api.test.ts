import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSession, buildPerson, buildSignedInOrganisation, signInAs } from '../../test/factories';
import { countRows, createTestContext, problemOf, rawSql, TEST_DIALECTS, type TestContext } from '../../test/harness';
import { hashSecret } from '../auth/tokens';

describe.each(TEST_DIALECTS)('personal API tokens on %s', (dialect) => {
  let context: TestContext;
  let org: Awaited<ReturnType<typeof buildSignedInOrganisation>>;

  beforeAll(async () => {
    context = await createTestContext(dialect);
    org = await buildSignedInOrganisation(context.app, context.db);
  });
  afterAll(() => context.close());

  async function createToken(as = org.asAdmin, payload: Record<string, unknown> = { name: 'Reporting script' }) {
    const response = await as({ method: 'POST', url: '/api/v1/me/tokens', payload });
    expect(response.statusCode).toBe(201);
    return response.json() as { id: string; token: string; prefix: string; name: string; expiresAt: string | null };
  }

  const withBearer = (token: string, options: { method?: 'GET' | 'POST' | 'DELETE'; url?: string; payload?: unknown } = {}) =>
    context.app.inject({
      method: options.method ?? 'GET',
      url: options.url ?? '/api/v1/me',
      payload: options.payload as never,
      headers: { authorization: `Bearer ${token}` },
    });

  it('shows a new token once and stores only its hash', async () => {
    const created = await createToken(org.asAdmin, { name: 'Nightly export', expiresInDays: 30 });
    expect(created.token).toMatch(/^sopd_[A-Za-z0-9_-]{40,}$/);
    expect(created.token.startsWith(created.prefix)).toBe(true);
    expect(Date.parse(created.expiresAt!) - Date.now()).toBeGreaterThan(29 * 86_400_000);

    const row = await context.db.selectFrom('api_tokens').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(hashSecret(created.token));
    expect(JSON.stringify(row)).not.toContain(created.token);

    const list = await org.asAdmin({ method: 'GET', url: '/api/v1/me/tokens' });
    expect(list.json().items.find((item: { id: string }) => item.id === created.id)).toMatchObject({ name: 'Nightly export', prefix: created.prefix });
    expect(list.body).not.toContain(created.token);

    const events = await context.db.selectFrom('audit_events').select(['type', 'payload']).where('stream', '=', `person:${org.admin.id}`).execute();
    const createdEvent = events.find((event) => event.type === 'api-token.created')!;
    expect(createdEvent.payload).not.toContain(created.token);
  });

  it('authenticates with Authorization: Bearer, without a session or CSRF token', async () => {
    const { token } = await createToken();
    const me = await withBearer(token);
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ person: { id: org.admin.id }, authenticatedVia: 'token', csrfToken: null });

    const before = await countRows(context.db);
    const write = await withBearer(token, { method: 'POST', url: '/api/v1/teams', payload: { name: 'Made by a script' } });
    expect(write.statusCode).toBe(201);
    expect((await countRows(context.db)).teams).toBe(before.teams! + 1);

    const row = await context.db.selectFrom('api_tokens').select('last_used_at').where('token_hash', '=', hashSecret(token)).executeTakeFirstOrThrow();
    expect(row.last_used_at).not.toBeNull();
  });

  it('gives a token exactly its holder’s permissions', async () => {
    const { token } = await createToken(org.asAgent);
    expect((await withBearer(token)).json().person.id).toBe(org.agent.id);
    const forbidden = await withBearer(token, { url: '/api/v1/people' });
    expect(forbidden.statusCode).toBe(403);
    expect(problemOf(forbidden).code).toBe('forbidden');
  });

  it('carries every role of its holder, by name, and follows a change of roles on the next request', async () => {
    const holder = await buildPerson(context.db, org.orgId, 'Agent');
    const { token } = await createToken(asSession(context.app, await signInAs(context.app, holder)));
    const agentOnly = (await withBearer(token)).json();
    expect(agentOnly.roles.map((role: { name: string }) => role.name)).toEqual(['Agent']);
    expect(agentOnly.permissions).not.toContain('people.read');

    await context.db.insertInto('person_roles').values({ org_id: org.orgId, person_id: holder.id, role_id: org.roleIdsByName.Supervisor! }).execute();
    const both = (await withBearer(token)).json();
    expect(both.roles.map((role: { name: string }) => role.name)).toEqual(['Agent', 'Supervisor']);
    expect(both.permissions).toEqual(expect.arrayContaining([...agentOnly.permissions, 'people.read', 'cases.supervise']));

    await context.db.deleteFrom('person_roles').where('person_id', '=', holder.id).execute();
    const none = await withBearer(token);
    expect(none.json()).toMatchObject({ roles: [], permissions: [] });
    expect((await withBearer(token, { url: '/api/v1/teams' })).statusCode).toBe(403);
  });

  it('stops a revoked token at once', async () => {
    const created = await createToken();
    expect((await withBearer(created.token)).statusCode).toBe(200);
    const revoke = await org.asAdmin({ method: 'DELETE', url: `/api/v1/me/tokens/${created.id}` });
    expect(revoke.statusCode).toBe(204);
    const after = await withBearer(created.token);
    expect(after.statusCode).toBe(401);
    expect(problemOf(after).code).toBe('unauthenticated');
    const list = await org.asAdmin({ method: 'GET', url: '/api/v1/me/tokens' });
    expect(list.json().items.map((item: { id: string }) => item.id)).not.toContain(created.id);
    const again = await org.asAdmin({ method: 'DELETE', url: `/api/v1/me/tokens/${created.id}` });
    expect(again.statusCode).toBe(404);
    const types = await context.db.selectFrom('audit_events').select('type').where('stream', '=', `person:${org.admin.id}`).execute();
    expect(types.map((event) => event.type)).toContain('api-token.revoked');
  });

  it('refuses an expired token with 401', async () => {
    const created = await createToken(org.asAdmin, { name: 'Short-lived', expiresInDays: 1 });
    await rawSql(context.db, `update api_tokens set expires_at = '${new Date(Date.now() - 1000).toISOString()}' where id = '${created.id}'`);
    const response = await withBearer(created.token);
    expect(response.statusCode).toBe(401);
    expect(problemOf(response).code).toBe('session_expired');
  });

  it('refuses unknown, malformed and non-bearer credentials with 401', async () => {
    const { token } = await createToken();
    for (const authorization of [`Bearer sopd_${'x'.repeat(43)}`, `Bearer ${token.slice(0, -1)}`, `Basic ${Buffer.from('a:b').toString('base64')}`, 'Bearer']) {
      const response = await context.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization } });
      expect(response.statusCode).toBe(401);
      expect(problemOf(response).code).toBe('unauthenticated');
    }
  });

  it('stops a suspended person’s tokens', async () => {
    const person = await buildPerson(context.db, org.orgId, 'Supervisor');
    const { token } = await createToken(asSession(context.app, await signInAs(context.app, person)));
    expect((await withBearer(token)).statusCode).toBe(200);
    expect((await org.asAdmin({ method: 'POST', url: `/api/v1/people/${person.id}/suspend`, payload: {} })).statusCode).toBe(200);
    expect((await withBearer(token)).statusCode).toBe(401);
  });

  it('answers another person’s token id with 404 and leaves it working', async () => {
    const agentToken = await createToken(org.asAgent);
    const before = await countRows(context.db);
    const response = await org.asAdmin({ method: 'DELETE', url: `/api/v1/me/tokens/${agentToken.id}` });
    expect(response.statusCode).toBe(404);
    expect(problemOf(response).code).toBe('not_found');
    expect(await countRows(context.db)).toEqual(before);
    expect((await withBearer(agentToken.token)).statusCode).toBe(200);
    const list = await org.asAdmin({ method: 'GET', url: '/api/v1/me/tokens' });
    expect(list.json().items.map((item: { id: string }) => item.id)).not.toContain(agentToken.id);
  });

  it('refuses a token without a name or with too long a lifetime, naming the field', async () => {
    for (const [payload, field] of [
      [{ name: '' }, 'body.name'],
      [{ name: 'Forever', expiresInDays: 5000 }, 'body.expiresInDays'],
      [{ name: 'Sneaky', personId: org.agent.id }, 'body.personId'],
    ] as const) {
      const before = await countRows(context.db);
      const response = await org.asAdmin({ method: 'POST', url: '/api/v1/me/tokens', payload });
      expect(response.statusCode).toBe(400);
      expect(problemOf(response).errors?.map((error) => error.field)).toContain(field);
      expect(await countRows(context.db)).toEqual(before);
    }
  });

  it('creates a token that never expires when asked', async () => {
    const created = await createToken(org.asAdmin, { name: 'No expiry', expiresInDays: null });
    expect(created.expiresAt).toBeNull();
    expect((await withBearer(created.token)).statusCode).toBe(200);
  });
});
