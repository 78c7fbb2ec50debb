import type { Executor } from '../../db/database';
import type { ApiTokenTable } from '../../db/schema';

export async function insertApiToken(db: Executor, token: ApiTokenTable): Promise<void> {
  await db.insertInto('api_tokens').values(token).execute();
}

export function findApiTokenByHash(db: Executor, tokenHash: string) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('people', 'people.id', 'api_tokens.person_id')
    .select([
      'api_tokens.id',
      'api_tokens.org_id',
      'api_tokens.person_id',
      'api_tokens.expires_at',
      'api_tokens.revoked_at',
      'api_tokens.last_used_at',
      'people.status as person_status',
    ])
    .where('api_tokens.token_hash', '=', tokenHash)
    .executeTakeFirst();
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
