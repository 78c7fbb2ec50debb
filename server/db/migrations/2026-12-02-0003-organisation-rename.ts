import type { Kysely } from 'kysely';

// An administrator can rename the organisation (an install without the demo starts as "My
// organisation", and the name heads every page and the printed manual). `version` guards
// concurrent renames, as on every other editable record; the slug never changes.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('organisations').addColumn('version', 'integer', (column) => column.notNull().defaultTo(1)).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('organisations').dropColumn('version').execute();
}
