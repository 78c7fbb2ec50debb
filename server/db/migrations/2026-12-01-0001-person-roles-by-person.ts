import type { Kysely } from 'kysely';

// Every authenticated request reads the caller's roles by (org_id, person_id). Without an index on
// both, SQLite's planner took person_roles_role (org_id, role_id) for the org_id term and then
// scanned every role assignment of the organisation, on every request: fine for ten people, not
// for a thousand. This index answers the look-up with both terms.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('person_roles_person').on('person_roles').columns(['org_id', 'person_id', 'role_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('person_roles_person').execute();
}
