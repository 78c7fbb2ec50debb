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
