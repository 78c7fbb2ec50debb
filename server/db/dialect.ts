import { PostgresAdapter } from 'kysely';
import type { Executor } from './database';

/** Whether this database (or transaction) is PostgreSQL; otherwise it is SQLite. */
export function isPostgres(db: Executor): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
