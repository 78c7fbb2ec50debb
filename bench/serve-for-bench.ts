/**
 * The server the benchmarks measure, in its own process: `node bin/run-ts.mjs bench/serve-for-bench.ts`.
 *
 * Builds the real application (with the bare `/bench/hello` baseline route, logger off) over a
 * fresh, migrated database, seeds an organisation and an administrator, listens on an ephemeral
 * port on 127.0.0.1 and prints one JSON line on stdout:
 *
 *   {"ready":true,"url":"http://127.0.0.1:PORT","port":…,"dialect":"sqlite","organisation":{…},"admin":{"email":…,"password":…},"setup":…}
 *
 * Environment (set by bench/server.ts; every variable is optional when run by hand):
 *   BENCH_SQLITE_DIR        directory for the SQLite file (created here when unset)
 *   BENCH_PG_URL            use PostgreSQL at this URL instead of SQLite
 *   BENCH_PG_SCHEMA         the (existing, empty) schema to use (created here when unset)
 *   BENCH_SETUP_MODULE      a module under bench/ whose default export seeds more data before listening
 *   BENCH_EXIT_WITH_STDIN   "1": shut down when stdin closes (the parent died or let go)
 *   BENCH_PORT              port to listen on (default 0: any free port)
 *   BENCH_SERVE_WEB         "1": serve the built web app (web/dist) as `npm start` does
 *
 * Shuts down on SIGTERM / SIGINT (and stdin's end, see above): closes the server and the database
 * and removes the temporary data — the directory or schema — whoever created it.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { buildApp } from '../server/app';
import { loadConfig } from '../server/config';
import { openDatabase, type DatabaseHandle } from '../server/db/database';
import { migrateToLatest } from '../server/db/migrate';
import { generatePassword } from '../server/modules/demo/demo.service';
import { createOrganisation } from '../server/modules/organisations/organisation.service';
import { addPersonWithPassword } from '../server/modules/people/person-admin.service';
import type { BenchSetup } from './harness';

const env = process.env;
const cleanups: Array<() => Promise<void> | void> = [];

async function openBenchDatabase(): Promise<DatabaseHandle> {
  // Temporary data is removed on the way out, whether it was created here or handed over by the
  // parent (which removes it too, so that a crash on either side leaves nothing behind).
  if (env.BENCH_PG_URL) {
    const url = env.BENCH_PG_URL;
    const schema = env.BENCH_PG_SCHEMA || `bench_${randomBytes(6).toString('hex')}`;
    if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`BENCH_PG_SCHEMA must be a plain lower-case identifier, got ${JSON.stringify(schema)}`);
    if (!env.BENCH_PG_SCHEMA) await withPgClient(url, (client) => client.query(`create schema ${schema}`));
    cleanups.push(async () => {
      await withPgClient(url, (client) => client.query(`drop schema if exists ${schema} cascade`));
    });
    return openDatabase({ kind: 'postgres', url, schema });
  }
  const dir = env.BENCH_SQLITE_DIR || fs.mkdtempSync(path.join(os.tmpdir(), 'sopdesk-bench-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return openDatabase({ kind: 'sqlite', file: path.join(dir, 'bench.db') }, { backgroundCheckpoints: true });
}

async function withPgClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const config = loadConfig({ SOPDESK_DATA_DIR: os.tmpdir(), SOPDESK_LOG_LEVEL: 'silent' });
  const handle = await openBenchDatabase();
  cleanups.unshift(() => handle.close());
  await migrateToLatest(handle.db);

  const { organisation } = await createOrganisation(handle.db, { name: 'Bench organisation', slug: 'bench' });
  const admin = { name: 'Bench Administrator', email: 'bench.admin@example.test', password: generatePassword() };
  const { id: adminId } = await addPersonWithPassword(handle.db, { orgId: organisation.id, roleName: 'Administrator', ...admin });

  const app = await buildApp({ config, db: handle.db, logger: false, serveWeb: env.BENCH_SERVE_WEB === '1', benchBaseline: true });
  cleanups.unshift(() => app.close());
  await app.ready();

  let setup: unknown = null;
  if (env.BENCH_SETUP_MODULE) {
    const module = (await import(pathToFileURL(path.resolve(env.BENCH_SETUP_MODULE)).href)) as { default: BenchSetup };
    setup = (await module.default({ app, db: handle.db, dialect: handle.dialect, orgId: organisation.id, adminId })) ?? null;
  }

  const port = Number(env.BENCH_PORT ?? 0);
  await app.listen({ port, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('the server has no TCP address');
  const ready = {
    ready: true,
    url: `http://127.0.0.1:${address.port}`,
    port: address.port,
    pid: process.pid,
    dialect: handle.dialect,
    organisation: { id: organisation.id, name: organisation.name },
    admin: { id: adminId, email: admin.email, password: admin.password },
    setup,
  };
  process.stdout.write(`${JSON.stringify(ready)}\n`);
}

let stopping = false;
async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    // Leave anyway if something hangs; the parent removes what is left.
    setTimeout(() => process.exit(code || 1), 10_000).unref();
    for (const cleanup of cleanups) {
      try {
        await cleanup();
      } catch (error) {
        console.error(`serve-for-bench: clean-up failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  process.exit(code);
}

process.on('SIGTERM', () => void shutdown(0));
process.on('SIGINT', () => void shutdown(0));
if (env.BENCH_EXIT_WITH_STDIN === '1') {
  process.stdin.on('end', () => void shutdown(0));
  process.stdin.on('error', () => void shutdown(0));
  process.stdin.resume();
}

main().catch((error: unknown) => {
  console.error('serve-for-bench: failed to start:', error);
  void shutdown(1);
});
