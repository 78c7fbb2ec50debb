import type { Db } from '../db/database';
import type { App } from '../http/types';
import { SESSION_COOKIE } from '../http/access';
import { createOrganisation } from '../modules/organisations/organisation.service';
import { addPersonWithPassword } from '../modules/people/person-admin.service';
import { generatePassword } from '../modules/demo/demo.service';

let sequence = 0;

/** An organisation with the seeded roles. */
export async function buildOrganisation(db: Db, name = `Test organisation ${++sequence}`) {
  const { organisation, roleIdsByName } = await createOrganisation(db, { name, slug: `test-org-${Date.now()}-${++sequence}` });
  return { orgId: organisation.id, roleIdsByName };
}

export type BuiltPerson = { id: string; email: string; password: string; name: string };

/** A person who can sign in, holding one seeded role. */
export async function buildPerson(db: Db, orgId: string, roleName = 'Agent', overrides: Partial<{ name: string; email: string }> = {}): Promise<BuiltPerson> {
  const n = ++sequence;
  const name = overrides.name ?? `Person ${n}`;
  const email = overrides.email ?? `person${n}.${Date.now()}@example.test`;
  const password = generatePassword();
  const { id } = await addPersonWithPassword(db, { orgId, name, email, roleName, password });
  return { id, email, password, name };
}

export type Session = { cookie: string; csrfToken: string; personId: string };

/** Signs in through the API and returns what a browser would hold. */
export async function signInAs(app: App, person: { email: string; password: string }): Promise<Session> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: person.email, password: person.password } });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((candidate) => candidate.name === SESSION_COOKIE);
  if (!cookie) throw new Error('no session cookie');
  const me = response.json() as { csrfToken: string; person: { id: string } };
  return { cookie: cookie.value, csrfToken: me.csrfToken, personId: me.person.id };
}

type InjectOptions = { method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'; url: string; payload?: unknown; headers?: Record<string, string> };

/** Requests as a signed-in browser would make them: session cookie and CSRF header. */
export function asSession(app: App, session: Session) {
  return (options: InjectOptions) =>
    app.inject({
      method: options.method,
      url: options.url,
      payload: options.payload as never,
      cookies: { [SESSION_COOKIE]: session.cookie },
      headers: { 'x-csrf-token': session.csrfToken, ...options.headers },
    });
}

/** An administrator and an agent of a fresh organisation, both signed in. */
export async function buildSignedInOrganisation(app: App, db: Db) {
  const { orgId, roleIdsByName } = await buildOrganisation(db);
  const admin = await buildPerson(db, orgId, 'Administrator');
  const agent = await buildPerson(db, orgId, 'Agent');
  const adminSession = await signInAs(app, admin);
  const agentSession = await signInAs(app, agent);
  return { orgId, roleIdsByName, admin, agent, asAdmin: asSession(app, adminSession), asAgent: asSession(app, agentSession), adminSession, agentSession };
}
