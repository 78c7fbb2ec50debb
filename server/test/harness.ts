import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { buildApp } from '../app';
import { loadConfig, type Config } from '../config';
import { openDatabase, type Db, type DatabaseHandle, type Dialect } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import type { App } from '../http/types';

/** The engines every API test file runs against: SQLite always, PostgreSQL when TEST_DATABASE_URL is set. */
/** Held shared while a test schema is migrated, and exclusively while one is dropped (see createTestDatabase). */
const SCHEMA_LIFECYCLE_LOCK = 7_351_004_211;

export const TEST_DIALECTS: Dialect[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

export type TestDatabase = DatabaseHandle & { target: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; schema: string } };

/** A fresh, migrated database: a temporary SQLite file, or a new PostgreSQL schema dropped afterwards. */
export async function createTestDatabase(dialect: Dialect): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sopdesk-test-'));
    const target = { kind: 'sqlite' as const, file: path.join(dir, 'test.db') };
    const handle = openDatabase(target);
    await migrateToLatest(handle.db);
    return {
      ...handle,
      target,
      close: async () => {
        await handle.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const url = process.env.TEST_DATABASE_URL!;
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  const target = { kind: 'postgres' as const, url, schema };
  const handle = openDatabase({ ...target, poolSize: 5 });
  const close = async () => {
    await handle.close();
    const cleanup = new pg.Client({ connectionString: url });
    await cleanup.connect();
    await cleanup.query('begin');
    await cleanup.query('select pg_advisory_xact_lock($1)', [SCHEMA_LIFECYCLE_LOCK]);
    await cleanup.query(`drop schema ${schema} cascade`);
    await cleanup.query('commit');
    await cleanup.end();
  };
  // Kysely's migrator looks for its table in every schema of the database (has_schema_privilege
  // on each), which fails with "schema … does not exist" when another test file drops its schema
  // at that moment. Migrations run under a shared lock that dropping a schema waits for.
  let failure: unknown = null;
  await admin.query('select pg_advisory_lock_shared($1)', [SCHEMA_LIFECYCLE_LOCK]);
  try {
    await migrateToLatest(handle.db);
  } catch (error) {
    failure = error;
  } finally {
    await admin.query('select pg_advisory_unlock_shared($1)', [SCHEMA_LIFECYCLE_LOCK]);
    await admin.end();
  }
  if (failure) {
    // The test file never gets a handle to close, so the schema would be left behind.
    await close();
    throw failure;
  }
  return { ...handle, target, close };
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ SOPDESK_DATA_DIR: os.tmpdir(), SOPDESK_LOG_LEVEL: 'silent', ...overrides });
}

export type TestContext = {
  app: App;
  db: Db;
  database: TestDatabase;
  config: Config;
  close(): Promise<void>;
};

/** The application over a fresh database, driven with `app.inject` (no sockets). */
export async function createTestContext(dialect: Dialect, configOverrides: Record<string, string> = {}): Promise<TestContext> {
  const database = await createTestDatabase(dialect);
  const config = testConfig(configOverrides);
  const app = await buildApp({ config, db: database.db });
  await app.ready();
  return {
    app,
    db: database.db,
    database,
    config,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

/** Row counts of every table: "a rejected request leaves nothing behind" compares these before and after. */
export async function countRows(db: Db): Promise<Record<string, number>> {
  const tables = ['organisations', 'people', 'roles', 'person_roles', 'teams', 'team_members', 'sessions', 'api_tokens', 'password_resets', 'audit_events', 'sops', 'sop_versions', 'processes', 'org_settings', 'sop_templates'] as const;
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

/** Runs raw SQL, for tests that play an attacker with direct database access. */
export async function rawSql(db: Db, text: string): Promise<void> {
  await sql.raw(text).execute(db);
}

export function problemOf(response: LightMyRequestResponse): { code: string; status: number; detail: string; errors?: Array<{ field: string; message: string }>; current?: unknown } {
  if (!response.headers['content-type']?.toString().startsWith('application/problem+json')) {
    throw new Error(`expected a problem+json answer, got ${response.statusCode} ${response.headers['content-type']}: ${response.body.slice(0, 300)}`);
  }
  return response.json();
}

export type DocumentedRoute = { method: string; path: string; route: string; hasBody: boolean };

/** Every /api/v1 operation of the app's OpenAPI document: what the sweeps over all routes walk. */
export async function documentedRoutes(app: App): Promise<DocumentedRoute[]> {
  const document = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, { requestBody?: unknown }>> };
  return Object.entries(document.paths)
    .filter(([path]) => path.startsWith('/api/v1/'))
    .flatMap(([path, operations]) =>
      Object.entries(operations).map(([method, operation]) => ({ method: method.toUpperCase(), path, route: `${method.toUpperCase()} ${path}`, hasBody: Boolean(operation.requestBody) })),
    );
}
