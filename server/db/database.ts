import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase, type Transaction } from 'kysely';
import pg from 'pg';
import type { Config } from '../config';
import { preparedStatementName } from './prepared-query';
import type { Database } from './schema';
import { startBackgroundCheckpoints } from './sqlite-checkpointer';

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
/** Repository functions take either the database or an open transaction. */
export type Executor = Db | Trx;
export type Dialect = 'sqlite' | 'postgres';

export type DatabaseHandle = {
  db: Db;
  dialect: Dialect;
  /** The raw SQLite connection, for online backups; absent on PostgreSQL. */
  sqlite?: SQLite.Database;
  close(): Promise<void>;
};

export type DatabaseTarget =
  | { kind: 'sqlite'; file: string }
  | { kind: 'postgres'; url: string; schema?: string; poolSize?: number };

export type OpenOptions = {
  /** SQLite: checkpoint the write-ahead log on a worker thread (the long-running server does). */
  backgroundCheckpoints?: boolean;
};

/** Opens the configured database: embedded SQLite by default, PostgreSQL when DATABASE_URL is set. */
export function openDatabase(target: DatabaseTarget | Config['database'], options: OpenOptions = {}): DatabaseHandle {
  if (target.kind === 'postgres') return openPostgres(target);
  return openSqlite(target.file, options);
}

function openSqlite(file: string, options: OpenOptions): DatabaseHandle {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // NORMAL is durable across process crashes in WAL mode; only a power loss can lose the last commit.
  sqlite.pragma('synchronous = NORMAL');
  // Temporary b-trees (ORDER BY) and the savepoint journals of group commit stay in memory
  // instead of temporary files: half the cost of an insert in a batch, measured.
  sqlite.pragma('temp_store = MEMORY');
  const checkpointer =
    options.backgroundCheckpoints && file !== ':memory:'
      ? startBackgroundCheckpoints(file, { onError: (message) => console.error(`sopdesk: background WAL checkpoint failed: ${message}`) })
      : null;
  // The main connection checkpoints only if the worker falls far behind.
  if (checkpointer) sqlite.pragma('wal_autocheckpoint = 10000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return {
    db,
    dialect: 'sqlite',
    sqlite,
    close: async () => {
      await checkpointer?.stop();
      await db.destroy();
    },
  };
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query afresh, and preparing costs more than running a small query. The
 * SQL text of a query shape never changes, so prepared statements are kept (least recently used
 * first out). Reuse is safe: Kysely runs one query at a time on the single SQLite connection.
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text: string) {
      const cached = statements.get(text);
      if (cached) {
        statements.delete(text);
        statements.set(text, cached);
        return cached;
      }
      const statement = sqlite.prepare(text);
      statements.set(text, statement);
      if (statements.size > STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value!);
      return statement;
    },
  };
}

/**
 * PostgreSQL parses and plans every query it is sent as text, and for the queries that run on
 * every request (the session look-up, the audit chain's head) planning costs more than running
 * them. Kysely sends text only, so each new connection sends the SQL of prepared queries
 * (prepared-query.ts) as named statements instead: parsed and planned once per connection, then
 * only executed. Every other query goes as before.
 */
function usePreparedStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  client.query = ((text: unknown, ...rest: unknown[]) => {
    const name = typeof text === 'string' ? preparedStatementName(text) : undefined;
    if (name === undefined || typeof rest[0] === 'function') return query(text, ...rest);
    const [values, callback] = rest;
    return query({ name, text, values }, callback);
  }) as typeof client.query;
}

function openPostgres(target: { url: string; schema?: string; poolSize?: number }): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: target.url,
    max: target.poolSize ?? 10,
    // A separate schema isolates parallel test files on one database.
    options: target.schema ? `-c search_path=${target.schema}` : undefined,
  });
  pool.on('connect', usePreparedStatements);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', close: () => db.destroy() };
}
