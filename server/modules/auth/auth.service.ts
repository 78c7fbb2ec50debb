import { streamOf } from '../../../common/audit-events';
import { isPermission, type Permission } from '../../../common/permissions';
import type { Config } from '../../config';
import type { Db, Executor } from '../../db/database';
import { now } from '../../db/ids';
import { inTransaction } from '../../db/transaction';
import { AppError } from '../../errors/app-error';
import type { Actor } from '../../policy/policy';
import { appendAuditEvent } from '../audit/audit.service';
import * as personRepository from '../people/person.repository';
import { findRolesOfPerson, parsePermissions } from '../roles/role.repository';
import * as apiTokenRepository from '../tokens/api-token.repository';
import { assertPasswordAcceptable, hashPassword, verifyAgainstDecoy, verifyPassword } from './password';
import * as sessionRepository from './session.repository';
import * as throttle from './sign-in-throttle';
import { hashSecret, newSecret } from './tokens';

export const API_TOKEN_PREFIX = 'sopd_';
// Writing last_seen_at on every request would turn every read into a write; a minute is precise enough.
const TOUCH_INTERVAL_MS = 60_000;

export type AuthenticatedActor = Actor & {
  sessionId: string | null;
  csrfToken: string | null;
  /** The roles the permissions come from, loaded with them (so /me needs no second look-up). */
  roles: ReadonlyArray<{ id: string; name: string }>;
};

async function rolesAndPermissionsOf(db: Executor, orgId: string, personId: string) {
  return rolesAndPermissionsFrom(await findRolesOfPerson(db, orgId, personId));
}

// Every request turns its caller's roles' permission lists (JSON text) into one set. The same few
// role lists come back request after request, so the set is kept by the texts it was made from: a
// role whose permissions change has another text, and so another set. Bounded, as texts are.
const permissionSets = new Map<string, ReadonlySet<Permission>>();
const MOST_PERMISSION_SETS = 500;

function permissionSetOf(roles: ReadonlyArray<{ permissions: string }>): ReadonlySet<Permission> {
  const texts = roles.length === 1 ? roles[0]!.permissions : roles.map((role) => role.permissions).join('\n');
  let permissions = permissionSets.get(texts);
  if (!permissions) {
    permissions = new Set(roles.flatMap((role) => parsePermissions(role)).filter(isPermission));
    if (permissionSets.size >= MOST_PERMISSION_SETS) permissionSets.clear();
    permissionSets.set(texts, permissions);
  }
  return permissions;
}

function rolesAndPermissionsFrom(roles: ReadonlyArray<{ id: string; name: string; permissions: string }>) {
  return { roles: roles.map(({ id, name }) => ({ id, name })), permissions: permissionSetOf(roles) };
}

/** The roles in the rows of a credential look-up (one row per role, or one row with none), by name. */
function rolesAndPermissionsOfRows(rows: ReadonlyArray<{ role_id: string | null; role_name: string | null; role_permissions: string | null }>) {
  const held = rows.flatMap((row) => (row.role_id && row.role_name && row.role_permissions ? [{ id: row.role_id, name: row.role_name, permissions: row.role_permissions }] : []));
  if (held.length > 1) held.sort((left, right) => (left.name < right.name ? -1 : left.name > right.name ? 1 : 0));
  return rolesAndPermissionsFrom(held);
}

const invalidCredentials = () => new AppError('invalid_credentials', 'The email or password is incorrect.');

/**
 * Signs a person in. Every failure looks the same (unknown email, wrong password, suspended,
 * no password yet) and takes as long, so the answers reveal nothing about which emails exist.
 */
export async function signIn(
  db: Db,
  config: Config,
  input: { email: string; password: string; ip: string; userAgent: string | null; previousSessionToken?: string },
): Promise<{ token: string; actor: AuthenticatedActor; expiresAt: string }> {
  const at = new Date();
  const wait = await throttle.secondsUntilAllowed(db, input.email, input.ip, at);
  if (wait > 0) {
    throw new AppError('rate_limited', `Too many failed attempts. Try again in ${wait} seconds.`, { retryAfterSeconds: wait });
  }
  const person = await personRepository.findPersonByEmail(db, input.email);
  const passwordMatches = person?.password_hash
    ? await verifyPassword(person.password_hash, input.password)
    : (await verifyAgainstDecoy(input.password), false);
  if (!person || !passwordMatches || person.status !== 'active') {
    await throttle.recordFailure(db, input.email, input.ip, at);
    throw invalidCredentials();
  }

  const token = newSecret();
  const sessionId = hashSecret(token);
  const csrfToken = newSecret();
  const createdAt = at.toISOString();
  const expiresAt = new Date(at.getTime() + config.SOPDESK_SESSION_ABSOLUTE_HOURS * 3600_000).toISOString();
  await inTransaction(db, async (trx) => {
    // Rotation: a session cookie the browser already held is ended, never upgraded (session fixation).
    if (input.previousSessionToken) {
      await sessionRepository.revokeSession(trx, person.org_id, hashSecret(input.previousSessionToken), createdAt);
    }
    await sessionRepository.insertSession(trx, {
      id: sessionId,
      org_id: person.org_id,
      person_id: person.id,
      csrf_token: csrfToken,
      created_at: createdAt,
      last_seen_at: createdAt,
      expires_at: expiresAt,
      revoked_at: null,
      user_agent: input.userAgent?.slice(0, 300) ?? null,
      ip: input.ip,
    });
    await throttle.clearFailures(trx, input.email);
    await appendAuditEvent(trx, {
      orgId: person.org_id,
      actorId: person.id,
      stream: streamOf('person', person.id),
      event: { type: 'person.signed-in', payload: { ip: input.ip, userAgent: input.userAgent?.slice(0, 300) ?? null } },
    });
  });
  const { roles, permissions } = await rolesAndPermissionsOf(db, person.org_id, person.id);
  return {
    token,
    expiresAt,
    actor: { personId: person.id, orgId: person.org_id, permissions, roles, via: 'session', sessionId, csrfToken },
  };
}

export type SessionProblem = 'unauthenticated' | 'session_expired';

/** Resolves a session cookie's token to the actor, or says why it can't. */
export async function resolveSession(db: Db, config: Config, token: string): Promise<AuthenticatedActor | SessionProblem> {
  const sessionId = hashSecret(token);
  const rows = await sessionRepository.findSessionWithPersonAndRoles(db, sessionId);
  const session = rows[0];
  if (!session || session.revoked_at || session.person_status !== 'active') return 'unauthenticated';
  const at = Date.now();
  const idleLimit = Date.parse(session.last_seen_at) + config.SOPDESK_SESSION_IDLE_MINUTES * 60_000;
  if (Date.parse(session.expires_at) <= at || idleLimit <= at) return 'session_expired';
  if (at - Date.parse(session.last_seen_at) > TOUCH_INTERVAL_MS) {
    await sessionRepository.touchSession(db, sessionId, new Date(at).toISOString());
  }
  const { roles, permissions } = rolesAndPermissionsOfRows(rows);
  return {
    personId: session.person_id,
    orgId: session.org_id,
    permissions,
    roles,
    via: 'session',
    sessionId,
    csrfToken: session.csrf_token,
  };
}

/** Resolves a personal API token (Authorization: Bearer) to the actor. */
export async function resolveApiToken(db: Db, token: string): Promise<AuthenticatedActor | SessionProblem> {
  if (!token.startsWith(API_TOKEN_PREFIX)) return 'unauthenticated';
  const rows = await apiTokenRepository.findApiTokenWithPersonAndRoles(db, hashSecret(token));
  const row = rows[0];
  if (!row || row.revoked_at || row.person_status !== 'active') return 'unauthenticated';
  const at = Date.now();
  if (row.expires_at && Date.parse(row.expires_at) <= at) return 'session_expired';
  if (!row.last_used_at || at - Date.parse(row.last_used_at) > TOUCH_INTERVAL_MS) {
    await apiTokenRepository.touchApiToken(db, row.id, new Date(at).toISOString());
  }
  const { roles, permissions } = rolesAndPermissionsOfRows(rows);
  return { personId: row.person_id, orgId: row.org_id, permissions, roles, via: 'token', sessionId: null, csrfToken: null };
}

export async function signOut(db: Db, actor: AuthenticatedActor): Promise<void> {
  if (!actor.sessionId) return;
  const sessionId = actor.sessionId;
  await inTransaction(db, async (trx) => {
    await sessionRepository.revokeSession(trx, actor.orgId, sessionId, now());
    await appendAuditEvent(trx, {
      orgId: actor.orgId,
      actorId: actor.personId,
      stream: streamOf('person', actor.personId),
      event: { type: 'person.signed-out', payload: {} },
    });
  });
}

/** Ends every session of the caller, this one included. */
export async function signOutEverywhere(db: Db, actor: AuthenticatedActor): Promise<number> {
  return inTransaction(db, async (trx) => {
    const sessionsEnded = await sessionRepository.revokeSessionsOfPerson(trx, actor.orgId, actor.personId, now());
    await appendAuditEvent(trx, {
      orgId: actor.orgId,
      actorId: actor.personId,
      stream: streamOf('person', actor.personId),
      event: { type: 'person.signed-out-everywhere', payload: { sessionsEnded } },
    });
    return sessionsEnded;
  });
}

/** Changes the caller's password; their other sessions end, this one stays. */
export async function changePassword(
  db: Db,
  actor: AuthenticatedActor,
  input: { currentPassword: string; newPassword: string; ip: string },
): Promise<void> {
  const person = await personRepository.findPerson(db, actor.orgId, actor.personId);
  if (!person) throw new AppError('unauthenticated', 'Sign in to continue.');
  // The same throttle as sign-in: a stolen session must not become a way to guess the password.
  const at = new Date();
  const wait = await throttle.secondsUntilAllowed(db, person.email, input.ip, at);
  if (wait > 0) throw new AppError('rate_limited', `Too many failed attempts. Try again in ${wait} seconds.`, { retryAfterSeconds: wait });
  if (!person.password_hash || !(await verifyPassword(person.password_hash, input.currentPassword))) {
    await throttle.recordFailure(db, person.email, input.ip, at);
    // 400, not 401: the caller is still signed in; only the field is wrong.
    throw new AppError('validation_failed', 'currentPassword: the current password is incorrect.', {
      errors: [{ field: 'body.currentPassword', message: 'is incorrect' }],
    });
  }
  assertPasswordAcceptable(input.newPassword, 'body.newPassword', [person.name, person.email]);
  const passwordHash = await hashPassword(input.newPassword);
  await inTransaction(db, async (trx) => {
    const at = now();
    await personRepository.updatePerson(trx, actor.orgId, actor.personId, {
      password_hash: passwordHash,
      password_changed_at: at,
      updated_at: at,
    });
    await sessionRepository.revokeSessionsOfPerson(trx, actor.orgId, actor.personId, at, { except: actor.sessionId ?? undefined });
    await appendAuditEvent(trx, {
      orgId: actor.orgId,
      actorId: actor.personId,
      stream: streamOf('person', actor.personId),
      event: { type: 'person.password-changed', payload: { via: 'profile' } },
    });
  });
}

