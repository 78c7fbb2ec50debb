import { sql, type RawBuilder } from 'kysely';

/**
 * A case-insensitive "contains" condition on any of the columns, with `%` and `_` in the text
 * matched literally on both engines (an explicit ESCAPE clause; SQLite has no default escape).
 */
export function containsText(columns: readonly string[], text: string): RawBuilder<boolean> {
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const conditions = columns.map((column) => sql`lower(${sql.ref(column)}) like ${pattern} escape '\\'`);
  return sql<boolean>`(${sql.join(conditions, sql` or `)})`;
}
