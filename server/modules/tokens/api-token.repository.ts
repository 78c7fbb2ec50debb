import { prepareQuery } from '../../db/prepared-query';
import type { Executor } from '../../db/database';
import type { ApiTokenTable } from '../../db/schema';

export async function insertApiToken(db: Executor, token: ApiTokenTable): Promise<void> {
  await db.insertInto('api_tokens').values(token).execute();
}

/** A row of the token look-up: the token, its person's status and one of their roles (or none). */
type ApiTokenWithRoleRow = {
  id: string;
  org_id: string;
  person_id: string;
  expires_at: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
  person_status: 'active' | 'suspended';
  role_id: string | null;
  role_name: string | null;
  role_permissions: string | null;
};

/**
 * The token, its person's status and the person's roles, in one prepared query, as the session
 * look-up does: every request an integration makes starts here. One row per role (at least one
 * row), in no particular order.
 */
const apiTokenWithPersonAndRoles = prepareQuery<{ tokenHash: string }, ApiTokenWithRoleRow>((db, slot) =>
  db
    .selectFrom('api_tokens')
    .innerJoin('people', 'people.id', 'api_tokens.person_id')
    .leftJoin('person_roles', (join) => join.onRef('person_roles.person_id', '=', 'api_tokens.person_id').onRef('person_roles.org_id', '=', 'api_tokens.org_id'))
    .leftJoin('roles', 'roles.id', 'person_roles.role_id')
    .select([
      'api_tokens.id',
      'api_tokens.org_id',
      'api_tokens.person_id',
      'api_tokens.expires_at',
      'api_tokens.revoked_at',
      'api_tokens.last_used_at',
      'people.status as person_status',
      'roles.id as role_id',
      'roles.name as role_name',
      'roles.permissions as role_permissions',
    ])
    .where('api_tokens.token_hash', '=', slot.tokenHash),
);

export async function findApiTokenWithPersonAndRoles(db: Executor, tokenHash: string): Promise<ApiTokenWithRoleRow[]> {
  return (await apiTokenWithPersonAndRoles(db, { tokenHash })).rows;
}

export function listLiveApiTokensOfPerson(db: Executor, orgId: string, personId: string) {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'prefix', 'created_at', 'expires_at', 'last_used_at'])
    .where('org_id', '=', orgId)
    .where('person_id', '=', personId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .execute();
}

export function findApiTokenOfPerson(db: Executor, orgId: string, personId: string, tokenId: string) {
  return db
    .selectFrom('api_tokens')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('person_id', '=', personId)
    .where('id', '=', tokenId)
    .executeTakeFirst();
}

export async function revokeApiToken(db: Executor, orgId: string, tokenId: string, at: string): Promise<void> {
  await db.updateTable('api_tokens').set({ revoked_at: at }).where('org_id', '=', orgId).where('id', '=', tokenId).execute();
}

export async function touchApiToken(db: Executor, tokenId: string, at: string): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', tokenId).execute();
}
