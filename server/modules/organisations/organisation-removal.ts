import { sql } from 'kysely';
import type { Db, Executor } from '../../db/database';
import { isPostgres } from '../../db/dialect';
import { now } from '../../db/ids';
import { inTransaction } from '../../db/transaction';

type ForeignKey = { child: string; parent: string };

/** The tables that hold an organisation's rows (every table with an org_id column), and the foreign keys between tables. */
async function readCatalogue(db: Executor): Promise<{ tables: string[]; foreignKeys: ForeignKey[] }> {
  if (isPostgres(db)) {
    const tables = await sql<{ name: string }>`
      select columns.table_name as name from information_schema.columns columns
      join information_schema.tables tables on tables.table_schema = columns.table_schema and tables.table_name = columns.table_name
      where columns.table_schema = current_schema() and columns.column_name = 'org_id' and tables.table_type = 'BASE TABLE'`.execute(db);
    const foreignKeys = await sql<ForeignKey>`
      select distinct constraints.table_name as child, referenced.table_name as parent
      from information_schema.table_constraints constraints
      join information_schema.constraint_column_usage referenced
        on referenced.constraint_name = constraints.constraint_name and referenced.constraint_schema = constraints.constraint_schema
      where constraints.constraint_type = 'FOREIGN KEY' and constraints.table_schema = current_schema()`.execute(db);
    return { tables: tables.rows.map((row) => row.name), foreignKeys: foreignKeys.rows };
  }
  // Virtual tables (the FTS5 index) are listed as tables too; their shadow tables have no org_id.
  const tables = await sql<{ name: string }>`
    select master.name from sqlite_master master
    where master.type = 'table' and exists (select 1 from pragma_table_info(master.name) column where column.name = 'org_id')`.execute(db);
  const foreignKeys = await sql<ForeignKey>`
    select distinct master.name as child, reference."table" as parent
    from sqlite_master master, pragma_foreign_key_list(master.name) reference
    where master.type = 'table'`.execute(db);
  return { tables: tables.rows.map((row) => row.name), foreignKeys: foreignKeys.rows };
}

/**
 * The order to empty the tables in: a table before every table it refers to, so that no delete
 * leaves a row pointing at nothing. A table's references to itself (a person's manager) are
 * removed with it, in one statement.
 */
export function deletionOrder(tables: readonly string[], foreignKeys: readonly ForeignKey[]): string[] {
  const within = new Set(tables);
  const referencedBy = new Map(tables.map((table) => [table, new Set<string>()]));
  for (const { child, parent } of foreignKeys) {
    if (child !== parent && within.has(child) && within.has(parent)) referencedBy.get(parent)!.add(child);
  }
  const order: string[] = [];
  const remaining = new Set(tables);
  while (remaining.size > 0) {
    const free = [...remaining].filter((table) => [...referencedBy.get(table)!].every((child) => !remaining.has(child))).sort();
    if (free.length === 0) throw new Error(`the tables ${[...remaining].sort().join(', ')} refer to each other in a cycle; no order empties them`);
    for (const table of free) {
      order.push(table);
      remaining.delete(table);
    }
  }
  return order;
}

/**
 * Removes an organisation and everything in it, its audit trail included, in one transaction:
 * for the demo organisation, which can be loaded afresh. Other organisations are untouched (their
 * chains are their own).
 */
export async function removeOrganisation(db: Db, orgId: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    // The audit guard lets an organisation's events go only once this is set (migration 2026-12-02-0001).
    await trx.updateTable('organisations').set({ removal_started_at: now() }).where('id', '=', orgId).execute();
    const { tables, foreignKeys } = await readCatalogue(trx);
    for (const table of deletionOrder(tables, foreignKeys)) await sql`delete from ${sql.table(table)} where org_id = ${orgId}`.execute(trx);
    await trx.deleteFrom('organisations').where('id', '=', orgId).execute();
  });
}
