import { prepareQuery } from '../../db/prepared-query';
import type { Executor } from '../../db/database';
import type { SessionTable } from '../../db/schema';

export async function insertSession(db: Executor, session: SessionTable): Promise<void> {
  await db.insertInto('sessions').values(session).execute();
}

/** A row of the session look-up: the session, its person's status and one of their roles (or none). */
type SessionWithRoleRow = {
  id: string;
  org_id: string;
  person_id: string;
  csrf_token: string;
  last_seen_at: string;
  expires_at: string;
  revoked_at: string | null;
  person_status: 'active' | 'suspended';
  role_id: string | null;
  role_name: string | null;
  role_permissions: string | null;
};

/**
 * The session, its person's status and the person's roles, in one query: every authenticated
 * request starts here, so it is one round trip, not two. One row per role (at least one row), in
 * no particular order.
 */
const sessionWithPersonAndRoles = prepareQuery<{ sessionId: string }, SessionWithRoleRow>((db, slot) =>
  db
    .selectFrom('sessions')
    .innerJoin('people', 'people.id', 'sessions.person_id')
    .leftJoin('person_roles', (join) => join.onRef('person_roles.person_id', '=', 'sessions.person_id').onRef('person_roles.org_id', '=', 'sessions.org_id'))
    .leftJoin('roles', 'roles.id', 'person_roles.role_id')
    .select([
      'sessions.id',
      'sessions.org_id',
      'sessions.person_id',
      'sessions.csrf_token',
      'sessions.last_seen_at',
      'sessions.expires_at',
      'sessions.revoked_at',
      'people.status as person_status',
      'roles.id as role_id',
      'roles.name as role_name',
      'roles.permissions as role_permissions',
    ])
    // Not ordered here: sorting a person's few roles in memory is cheaper than SQLite's temporary
    // b-tree for an ORDER BY, on every request.
    .where('sessions.id', '=', slot.sessionId),
);

export async function findSessionWithPersonAndRoles(db: Executor, sessionId: string): Promise<SessionWithRoleRow[]> {
  return (await sessionWithPersonAndRoles(db, { sessionId })).rows;
}

export async function touchSession(db: Executor, sessionId: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', sessionId).execute();
}

export async function revokeSession(db: Executor, orgId: string, sessionId: string, at: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: at })
    .where('org_id', '=', orgId)
    .where('id', '=', sessionId)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Ends every live session of a person (optionally but one); returns how many ended. */
export async function revokeSessionsOfPerson(
  db: Executor,
  orgId: string,
  personId: string,
  at: string,
  options: { except?: string } = {},
): Promise<number> {
  let query = db
    .updateTable('sessions')
    .set({ revoked_at: at })
    .where('org_id', '=', orgId)
    .where('person_id', '=', personId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', at);
  if (options.except) query = query.where('id', '!=', options.except);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}
