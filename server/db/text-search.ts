import { sql, type RawBuilder } from 'kysely';
import type { Executor } from './database';
import { isPostgres } from './dialect';

/**
 * A case-insensitive "contains" condition on any of the columns, with `%` and `_` in the text
 * matched literally on both engines (an explicit ESCAPE clause; SQLite has no default escape).
 */
export function containsText(columns: readonly string[], text: string): RawBuilder<boolean> {
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const conditions = columns.map((column) => sql`lower(${sql.ref(column)}) like ${pattern} escape '\\'`);
  return sql<boolean>`(${sql.join(conditions, sql` or `)})`;
}

/** Whether a match must hold every word of a query, or any of them. */
export type WordMatch = 'every' | 'any';

/**
 * FTS5 MATCH text for words (letters and digits only, so nothing is search syntax): every word
 * must appear, or with `any`, at least one; the last may be a prefix ("refu" finds "refund") as
 * people type.
 */
export function fts5Words(words: readonly string[], match: WordMatch = 'every'): string {
  return words.map((word, index) => `"${word}"${index === words.length - 1 ? '*' : ''}`).join(match === 'every' ? ' ' : ' OR ');
}

/** The same for PostgreSQL's to_tsquery. */
export function tsqueryWords(words: readonly string[], match: WordMatch = 'every'): string {
  return words.map((word, index) => `${word}${index === words.length - 1 ? ':*' : ''}`).join(match === 'every' ? ' & ' : ' | ');
}

/**
 * A list kept as JSON text (`["phone","email"]`) holds the value, exactly: the quoted value is
 * looked for as plain text, case and all. (LIKE would read `%` and `_` in a name as wildcards, and
 * ignores case on SQLite only.)
 */
export function jsonListHolds(db: Executor, column: string, value: string): RawBuilder<boolean> {
  const quoted = JSON.stringify(value);
  return isPostgres(db) ? sql<boolean>`strpos(${sql.ref(column)}, ${quoted}) > 0` : sql<boolean>`instr(${sql.ref(column)}, ${quoted}) > 0`;
}
