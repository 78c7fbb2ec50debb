import type { Executor } from '../../db/database';
import type { PasswordResetTable } from '../../db/schema';

export async function insertPasswordReset(db: Executor, reset: PasswordResetTable): Promise<void> {
  await db.insertInto('password_resets').values(reset).execute();
}

export function findPasswordResetByHash(db: Executor, tokenHash: string) {
  return db
    .selectFrom('password_resets')
    .innerJoin('people', 'people.id', 'password_resets.person_id')
    .select([
      'password_resets.id',
      'password_resets.org_id',
      'password_resets.person_id',
      'password_resets.expires_at',
      'password_resets.used_at',
      'people.name',
      'people.email',
      'people.status',
    ])
    .where('password_resets.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Marks a link used; false if another request used it first (a link works once). */
export async function markPasswordResetUsed(db: Executor, resetId: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('password_resets')
    .set({ used_at: at })
    .where('id', '=', resetId)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Issuing a new link makes the person's earlier unused links void. */
export async function voidUnusedResetsOfPerson(db: Executor, orgId: string, personId: string, at: string): Promise<void> {
  await db
    .updateTable('password_resets')
    .set({ used_at: at })
    .where('org_id', '=', orgId)
    .where('person_id', '=', personId)
    .where('used_at', 'is', null)
    .execute();
}
