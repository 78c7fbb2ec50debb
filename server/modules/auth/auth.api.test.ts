import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../http/access';
import { asSession, buildOrganisation, buildPerson, buildSignedInOrganisation, signInAs, type BuiltPerson } from '../../test/factories';
import { countRows, createTestContext, problemOf, rawSql, TEST_DIALECTS, type TestContext } from '../../test/harness';
import { hashSecret } from './tokens';

const STRONG_PASSWORD = 'quiet harbour lantern 42 spruce';
let addressSequence = 0;

describe.each(TEST_DIALECTS)('authentication API on %s', (dialect) => {
  let context: TestContext;
  let org: Awaited<ReturnType<typeof buildSignedInOrganisation>>;

  beforeAll(async () => {
    context = await createTestContext(dialect, { SOPDESK_SESSION_IDLE_MINUTES: '30', SOPDESK_SESSION_ABSOLUTE_HOURS: '12' });
    org = await buildSignedInOrganisation(context.app, context.db);
  });
  afterAll(() => context.close());

  // Each test signs in from its own client address, so the per-address throttle of one test
  // never decides the outcome of another.
  function signIn(email: string, password: string, options: { cookie?: string; remoteAddress?: string } = {}) {
    return context.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email, password },
      remoteAddress: options.remoteAddress ?? `10.0.0.${++addressSequence}`,
      cookies: options.cookie ? { [SESSION_COOKIE]: options.cookie } : undefined,
    });
  }

  const me = (cookie: string) => context.app.inject({ method: 'GET', url: '/api/v1/me', cookies: { [SESSION_COOKIE]: cookie } });

  async function freshPerson(roleName = 'Agent'): Promise<BuiltPerson> {
    return buildPerson(context.db, org.orgId, roleName);
  }

  it('signs in with an httpOnly, SameSite session cookie and answers with the person', async () => {
    const person = await freshPerson('Supervisor');
    const response = await signIn(person.email.toUpperCase(), person.password);
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((candidate) => candidate.name === SESSION_COOKIE)!;
    expect(cookie).toBeDefined();
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.path).toBe('/');
    expect(Date.parse(String(cookie.expires)) - Date.now()).toBeGreaterThan(11 * 3600_000);
    const body = response.json();
    expect(body.person).toMatchObject({ id: person.id, email: person.email, name: person.name });
    expect(body.roles.map((role: { name: string }) => role.name)).toEqual(['Supervisor']);
    expect(body.authenticatedVia).toBe('session');
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    // Only the digest of the cookie is stored.
    const stored = await context.db.selectFrom('sessions').select('id').where('person_id', '=', person.id).execute();
    expect(stored.map((row) => row.id)).toEqual([hashSecret(cookie.value)]);
    expect((await me(cookie.value)).json().person.id).toBe(person.id);
  });

  it('answers a wrong password and an unknown email with the identical problem', async () => {
    const person = await freshPerson();
    const wrong = await signIn(person.email, 'not the right password at all');
    const unknown = await signIn('nobody.here@example.test', 'not the right password at all');
    for (const response of [wrong, unknown]) {
      expect(response.statusCode).toBe(401);
      expect(response.cookies).toEqual([]);
    }
    const strip = (problem: Record<string, unknown>) => ({ ...problem, requestId: undefined });
    expect(strip(problemOf(wrong))).toEqual(strip(problemOf(unknown)));
    expect(problemOf(wrong).code).toBe('invalid_credentials');
  });

  it('rotates the session at sign-in: the cookie held before no longer works', async () => {
    const person = await freshPerson();
    const first = await signInAs(context.app, person);
    const second = await signIn(person.email, person.password, { cookie: first.cookie });
    expect(second.statusCode).toBe(200);
    const secondCookie = second.cookies.find((candidate) => candidate.name === SESSION_COOKIE)!.value;
    expect(secondCookie).not.toBe(first.cookie);
    expect((await me(first.cookie)).statusCode).toBe(401);
    expect((await me(secondCookie)).statusCode).toBe(200);
  });

  it('ends the session at sign-out', async () => {
    const person = await freshPerson();
    const session = await signInAs(context.app, person);
    const signOut = await asSession(context.app, session)({ method: 'POST', url: '/api/v1/auth/sign-out' });
    expect(signOut.statusCode).toBe(204);
    expect(signOut.cookies.find((candidate) => candidate.name === SESSION_COOKIE)?.value).toBe('');
    const after = await me(session.cookie);
    expect(after.statusCode).toBe(401);
    expect(['unauthenticated', 'session_expired']).toContain(problemOf(after).code);
  });

  it('signs out everywhere: every session of that person ends, nobody else’s', async () => {
    const person = await freshPerson();
    const sessions = [await signInAs(context.app, person), await signInAs(context.app, person), await signInAs(context.app, person)];
    const response = await asSession(context.app, sessions[0]!)({ method: 'POST', url: '/api/v1/auth/sign-out-everywhere' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ sessionsEnded: 3 });
    for (const session of sessions) expect((await me(session.cookie)).statusCode).toBe(401);
    expect((await org.asAgent({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(200);
  });

  it('expires a session left idle longer than the idle limit', async () => {
    const person = await freshPerson();
    const session = await signInAs(context.app, person);
    const idleSince = new Date(Date.now() - 31 * 60_000).toISOString();
    await rawSql(context.db, `update sessions set last_seen_at = '${idleSince}' where id = '${hashSecret(session.cookie)}'`);
    const response = await me(session.cookie);
    expect(response.statusCode).toBe(401);
    expect(problemOf(response).code).toBe('session_expired');
  });

  it('keeps a session in use alive, and records its use', async () => {
    const person = await freshPerson();
    const session = await signInAs(context.app, person);
    const lastSeen = new Date(Date.now() - 29 * 60_000).toISOString();
    await rawSql(context.db, `update sessions set last_seen_at = '${lastSeen}' where id = '${hashSecret(session.cookie)}'`);
    expect((await me(session.cookie)).statusCode).toBe(200);
    const row = await context.db.selectFrom('sessions').select('last_seen_at').where('id', '=', hashSecret(session.cookie)).executeTakeFirstOrThrow();
    expect(Date.parse(row.last_seen_at)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('expires a session past its absolute lifetime however active it is', async () => {
    const person = await freshPerson();
    const session = await signInAs(context.app, person);
    await rawSql(context.db, `update sessions set expires_at = '${new Date(Date.now() - 1000).toISOString()}' where id = '${hashSecret(session.cookie)}'`);
    const response = await me(session.cookie);
    expect(response.statusCode).toBe(401);
    expect(problemOf(response).code).toBe('session_expired');
  });

  it.each([
    ['without an X-CSRF-Token header', undefined],
    ['with a wrong X-CSRF-Token header', 'forged-token-value'],
  ])('refuses a cookie-authenticated write %s with 403 and writes nothing', async (_case, csrf) => {
    const before = await countRows(context.db);
    const response = await context.app.inject({
      method: 'POST',
      url: '/api/v1/teams',
      payload: { name: 'Forged team' },
      cookies: { [SESSION_COOKIE]: org.adminSession.cookie },
      headers: csrf ? { 'x-csrf-token': csrf } : {},
    });
    expect(response.statusCode).toBe(403);
    expect(problemOf(response).code).toBe('csrf_failed');
    expect(await countRows(context.db)).toEqual(before);
  });

  it('does not ask for a CSRF token on reads', async () => {
    const response = await context.app.inject({ method: 'GET', url: '/api/v1/teams', cookies: { [SESSION_COOKIE]: org.adminSession.cookie } });
    expect(response.statusCode).toBe(200);
  });

  it('throttles repeated failures with 429 and refuses even the right password while locked', async () => {
    const person = await freshPerson();
    const remoteAddress = '10.1.0.1';
    for (let attempt = 1; attempt <= 6; attempt++) {
      expect((await signIn(person.email, `wrong password number ${attempt}`, { remoteAddress })).statusCode).toBe(401);
    }
    // From another address too: the lock is on the email, not only on the client.
    const locked = await signIn(person.email, person.password, { remoteAddress: '10.1.0.2' });
    expect(locked.statusCode).toBe(429);
    const problem = problemOf(locked) as ReturnType<typeof problemOf> & { retryAfterSeconds: number };
    expect(problem.code).toBe('rate_limited');
    expect(problem.retryAfterSeconds).toBeGreaterThan(0);
    expect(locked.headers['retry-after']).toBe(String(problem.retryAfterSeconds));
    expect(locked.cookies).toEqual([]);

    // Once the lock has passed, the right password works and clears the count.
    await rawSql(context.db, `update sign_in_throttle set locked_until = '${new Date(Date.now() - 1000).toISOString()}' where key = 'email:${hashSecret(person.email)}'`);
    expect((await signIn(person.email, person.password)).statusCode).toBe(200);
    const left = await context.db.selectFrom('sign_in_throttle').select('key').where('key', '=', `email:${hashSecret(person.email)}`).execute();
    expect(left).toEqual([]);
  });

  it('counts every one of many simultaneous failures, so parallel guessing cannot dodge the lock', async () => {
    const person = await freshPerson();
    const attempts = await Promise.all(Array.from({ length: 12 }, (_, index) => signIn(person.email, `parallel guess ${index}`, { remoteAddress: `10.2.0.${index}` })));
    expect(attempts.every((response) => response.statusCode === 401 || response.statusCode === 429)).toBe(true);
    const row = await context.db.selectFrom('sign_in_throttle').select('failures').where('key', '=', `email:${hashSecret(person.email)}`).executeTakeFirstOrThrow();
    expect(row.failures).toBe(attempts.filter((response) => response.statusCode === 401).length);
    expect((await signIn(person.email, person.password)).statusCode).toBe(429);
  });

  it('refuses a short or common new password, naming the field, and keeps the old one', async () => {
    const person = await freshPerson();
    const asPerson = asSession(context.app, await signInAs(context.app, person));
    for (const newPassword of ['short pw 1', 'password1234', person.email]) {
      const response = await asPerson({ method: 'POST', url: '/api/v1/me/password', payload: { currentPassword: person.password, newPassword } });
      expect(response.statusCode).toBe(400);
      const problem = problemOf(response);
      expect(problem.code).toBe('weak_password');
      expect(problem.errors?.map((error) => error.field)).toEqual(['body.newPassword']);
    }
    expect((await signIn(person.email, person.password)).statusCode).toBe(200);
  });

  it('refuses a password change with the wrong current password', async () => {
    const person = await freshPerson();
    const asPerson = asSession(context.app, await signInAs(context.app, person));
    const response = await asPerson({ method: 'POST', url: '/api/v1/me/password', payload: { currentPassword: 'not my password', newPassword: STRONG_PASSWORD } });
    expect(response.statusCode).toBe(400);
    expect(problemOf(response).errors?.map((error) => error.field)).toEqual(['body.currentPassword']);
    expect((await signIn(person.email, STRONG_PASSWORD)).statusCode).toBe(401);
    // The session survives a mistyped password.
    expect((await asPerson({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(200);
  });

  it('throttles guessing the current password through a signed-in session', async () => {
    const person = await freshPerson();
    const asPerson = asSession(context.app, await signInAs(context.app, person));
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 8; attempt++) {
      const response = await asPerson({ method: 'POST', url: '/api/v1/me/password', payload: { currentPassword: `guess ${attempt}`, newPassword: STRONG_PASSWORD } });
      statuses.push(response.statusCode);
    }
    expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
    expect(statuses).toContain(429);
    const locked = await asPerson({ method: 'POST', url: '/api/v1/me/password', payload: { currentPassword: person.password, newPassword: STRONG_PASSWORD } });
    expect(problemOf(locked).code).toBe('rate_limited');
    // It is the same lock as sign-in's: guessing here also locks the sign-in form.
    expect(problemOf(await signIn(person.email, person.password)).code).toBe('rate_limited');
  });

  it('changes the password and ends the person’s other sessions, keeping this one', async () => {
    const person = await freshPerson();
    const current = await signInAs(context.app, person);
    const other = await signInAs(context.app, person);
    const response = await asSession(context.app, current)({ method: 'POST', url: '/api/v1/me/password', payload: { currentPassword: person.password, newPassword: STRONG_PASSWORD } });
    expect(response.statusCode).toBe(204);
    expect((await me(current.cookie)).statusCode).toBe(200);
    expect((await me(other.cookie)).statusCode).toBe(401);
    expect((await signIn(person.email, person.password)).statusCode).toBe(401);
    expect((await signIn(person.email, STRONG_PASSWORD)).statusCode).toBe(200);
    const types = await context.db.selectFrom('audit_events').select('type').where('stream', '=', `person:${person.id}`).orderBy('seq').execute();
    expect(types.map((event) => event.type)).toContain('person.password-changed');
  });

  it('ends a suspended person’s sessions at once and refuses their sign-in like any other failure', async () => {
    const person = await freshPerson();
    const session = await signInAs(context.app, person);
    expect((await org.asAdmin({ method: 'POST', url: `/api/v1/people/${person.id}/suspend`, payload: {} })).statusCode).toBe(200);
    expect((await me(session.cookie)).statusCode).toBe(401);
    const again = await signIn(person.email, person.password);
    expect(again.statusCode).toBe(401);
    expect(problemOf(again).code).toBe('invalid_credentials');
  });

  async function issueResetLink(person: BuiltPerson): Promise<string> {
    const response = await org.asAdmin({ method: 'POST', url: `/api/v1/people/${person.id}/password-reset`, payload: {} });
    expect(response.statusCode).toBe(201);
    return new URL(response.json().url).hash.replace('#token=', '');
  }

  it('uses a reset link once: it sets the password, ends every session, and then is void', async () => {
    const person = await freshPerson();
    const session = await signInAs(context.app, person);
    const token = await issueResetLink(person);
    const reset = (newPassword: string) => context.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { token, newPassword } });
    expect((await reset(STRONG_PASSWORD)).statusCode).toBe(204);
    expect((await me(session.cookie)).statusCode).toBe(401);
    expect((await signIn(person.email, STRONG_PASSWORD)).statusCode).toBe(200);
    const reused = await reset('another long passphrase 77 birch');
    expect(reused.statusCode).toBe(400);
    expect(problemOf(reused).code).toBe('invalid_token');
    const status = await context.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset/status', payload: { token } });
    expect(status.json()).toEqual({ valid: false, name: null, expiresAt: null });
  });

  it('refuses an expired reset link and a link replaced by a newer one', async () => {
    const person = await freshPerson();
    const replaced = await issueResetLink(person);
    const expired = await issueResetLink(person);
    await rawSql(context.db, `update password_resets set expires_at = '${new Date(Date.now() - 1000).toISOString()}' where token_hash = '${hashSecret(expired)}'`);
    for (const token of [replaced, expired]) {
      const response = await context.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { token, newPassword: STRONG_PASSWORD } });
      expect(problemOf(response).code).toBe('invalid_token');
    }
    expect((await signIn(person.email, person.password)).statusCode).toBe(200);
  });

  it('answers a missing or unknown session cookie with 401 unauthenticated', async () => {
    const none = await context.app.inject({ method: 'GET', url: '/api/v1/me' });
    expect(problemOf(none).code).toBe('unauthenticated');
    const unknown = await me('made-up-cookie-value');
    expect(unknown.statusCode).toBe(401);
    expect(problemOf(unknown).code).toBe('unauthenticated');
  });

  it('keeps a session of another organisation’s person scoped to that organisation', async () => {
    const other = await buildOrganisation(context.db);
    const stranger = await buildPerson(context.db, other.orgId, 'Administrator');
    const response = await asSession(context.app, await signInAs(context.app, stranger))({ method: 'GET', url: '/api/v1/people' });
    expect(response.statusCode).toBe(200);
    expect(response.json().items.map((person: { id: string }) => person.id)).toEqual([stranger.id]);
  });
  it('describes the caller on /me: person, organisation, roles, teams by name, permissions and abilities', async () => {
    const person = await freshPerson();
    const asPerson = asSession(context.app, await signInAs(context.app, person));
    for (const name of ['Zebra desk', 'Alpha desk']) {
      const team = (await org.asAdmin({ method: 'POST', url: '/api/v1/teams', payload: { name } })).json();
      await org.asAdmin({ method: 'PUT', url: `/api/v1/teams/${team.id}/members/${person.id}`, payload: { isLead: false } });
    }
    const me = (await asPerson({ method: 'GET', url: '/api/v1/me' })).json();
    expect(me.person).toMatchObject({ id: person.id, name: person.name, email: person.email });
    expect(me.organisation.id).toBe(org.orgId);
    expect(me.roles.map((role: { name: string }) => role.name)).toEqual(['Agent']);
    expect(me.teams.map((team: { name: string }) => team.name)).toEqual(['Alpha desk', 'Zebra desk']);
    expect(me.permissions).toEqual(['cases.work']);
    expect(me.can).toMatchObject({ listPeople: false, pickPeople: false, readAudit: false, authorSops: false });
    expect(me.authenticatedVia).toBe('session');

    // Someone in no team gets an empty list, not null.
    expect((await org.asAgent({ method: 'GET', url: '/api/v1/me' })).json().teams).toEqual([]);
  });
});
