import type { Kysely } from 'kysely';

// The governed actions a procedure step can name become editable: a label can be reworded, the
// amount default changed, and an action retired (no longer offered for new steps; steps that
// name it keep it). Its key never changes, since steps refer to it. `version` guards concurrent
// edits, as on every other editable record.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('governed_actions').addColumn('version', 'integer', (column) => column.notNull().defaultTo(1)).execute();
  await db.schema.alterTable('governed_actions').addColumn('retired_at', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('governed_actions').dropColumn('retired_at').execute();
  await db.schema.alterTable('governed_actions').dropColumn('version').execute();
}
