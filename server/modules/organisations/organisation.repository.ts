import type { Executor } from '../../db/database';
import type { OrganisationTable } from '../../db/schema';

export function findOrganisation(db: Executor, orgId: string) {
  return db.selectFrom('organisations').selectAll().where('id', '=', orgId).executeTakeFirst();
}

export function findOrganisationBySlug(db: Executor, slug: string) {
  return db.selectFrom('organisations').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export function listOrganisations(db: Executor) {
  return db.selectFrom('organisations').selectAll().orderBy('created_at').execute();
}

export async function insertOrganisation(db: Executor, organisation: OrganisationTable): Promise<void> {
  await db.insertInto('organisations').values(organisation).execute();
}

/** Sets the name when the version is still `version`; false when it has moved on. */
export async function renameOrganisation(db: Executor, orgId: string, version: number, name: string): Promise<boolean> {
  const result = await db
    .updateTable('organisations')
    .set({ name, version: version + 1 })
    .where('id', '=', orgId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
