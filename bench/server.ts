/**
 * Starts the measured server (bench/serve-for-bench.ts) in a child process over fresh temporary
 * data — a SQLite file in a temporary directory, or a new PostgreSQL schema — and undoes all of it
 * afterwards: the child is stopped (SIGTERM, then SIGKILL) and the directory or schema removed,
 * on a normal end, a crash or Ctrl-C (see lifecycle.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import pg from 'pg';
import { onCleanup } from './lifecycle';

const REPO_ROOT = path.resolve(import.meta.dirname, '..');
const START_TIMEOUT_MS = 90_000;
const STOP_GRACE_MS = 10_000;
const SESSION_COOKIE = 'sopdesk_session';

export type DatabaseChoice = { kind: 'sqlite' } | { kind: 'postgres'; url: string };

export type StartServerOptions = {
  database: DatabaseChoice;
  /** A module (path from the repository root) whose default export seeds more data before the server listens. */
  setupModule?: string;
  /** Extra flags for the server's node process, e.g. ['--cpu-prof', '--cpu-prof-dir=/tmp/prof']. */
  nodeFlags?: string[];
  /** Serve the built web app (web/dist) too, for browser benchmarks. */
  serveWeb?: boolean;
};

/** What a signed-in browser holds, as request headers. */
export type Session = {
  personId: string;
  csrfToken: string;
  /** For reads: the session cookie. */
  readHeaders: Record<string, string>;
  /** For JSON writes: the cookie, the CSRF header and the content type. */
  writeHeaders: Record<string, string>;
};

export type BenchServer = {
  url: string;
  port: number;
  pid: number;
  dialect: 'sqlite' | 'postgres';
  organisation: { id: string; name: string };
  admin: { id: string; email: string; password: string };
  /** Whatever the setup module returned. */
  setup: unknown;
  /** Signs the administrator in through the API, as the web app does. */
  signInAdmin(): Promise<Session>;
  /** A personal API token of the signed-in person, as `Authorization: Bearer` headers. */
  createApiToken(session: Session, name?: string): Promise<Record<string, string>>;
  /** Whether the server process is still running. */
  alive(): boolean;
  stop(): Promise<void>;
};

type ReadyLine = Omit<BenchServer, 'signInAdmin' | 'createApiToken' | 'alive' | 'stop'> & { ready: true };

async function withPgClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (exited(child)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (exited(child)) return;
  child.kill('SIGTERM');
  if (await waitForExit(child, STOP_GRACE_MS)) return;
  console.error(`bench: server process ${child.pid} did not stop in ${STOP_GRACE_MS / 1000} s; killing it`);
  child.kill('SIGKILL');
  await waitForExit(child, 5_000);
}

export async function startBenchServer(options: StartServerOptions): Promise<BenchServer> {
  const env: NodeJS.ProcessEnv = { ...process.env, BENCH_EXIT_WITH_STDIN: '1' };
  // The child reads its database from BENCH_* only; make sure nothing inherited points it elsewhere.
  for (const key of ['BENCH_SQLITE_DIR', 'BENCH_PG_URL', 'BENCH_PG_SCHEMA', 'BENCH_SETUP_MODULE', 'BENCH_PORT', 'BENCH_SERVE_WEB']) delete env[key];
  if (options.serveWeb) env.BENCH_SERVE_WEB = '1';

  // Temporary data, created here so that it is removed even if the child dies before it says anything.
  let removeData: () => Promise<void>;
  let removeDataNow: () => void = () => {};
  if (options.database.kind === 'postgres') {
    const url = options.database.url;
    const schema = `bench_${randomBytes(6).toString('hex')}`;
    await withPgClient(url, (client) => client.query(`create schema ${schema}`));
    env.BENCH_PG_URL = url;
    env.BENCH_PG_SCHEMA = schema;
    removeData = async () => {
      await withPgClient(url, (client) => client.query(`drop schema if exists ${schema} cascade`));
    };
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sopdesk-bench-'));
    env.BENCH_SQLITE_DIR = dir;
    removeDataNow = () => fs.rmSync(dir, { recursive: true, force: true });
    removeData = async () => removeDataNow();
  }
  if (options.setupModule) env.BENCH_SETUP_MODULE = path.resolve(REPO_ROOT, options.setupModule);

  const child = spawn(process.execPath, [...(options.nodeFlags ?? []), 'bin/run-ts.mjs', 'bench/serve-for-bench.ts'], {
    cwd: REPO_ROOT,
    env,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  // Writing to a dead child's stdin must not crash the bench.
  child.stdin?.on('error', () => {});

  const release = onCleanup(
    `server process ${child.pid}`,
    async () => {
      await stopChild(child);
      await removeData();
    },
    () => {
      if (!exited(child)) child.kill('SIGKILL');
      removeDataNow();
    },
  );

  let ready: ReadyLine;
  try {
    ready = await new Promise<ReadyLine>((resolve, reject) => {
      const lines = readline.createInterface({ input: child.stdout! });
      const timer = setTimeout(() => reject(new Error(`the server did not start within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
      let settled = false;
      lines.on('line', (line) => {
        if (!settled) {
          try {
            const parsed = JSON.parse(line) as ReadyLine;
            if (parsed.ready === true) {
              settled = true;
              clearTimeout(timer);
              resolve(parsed);
              return;
            }
          } catch {
            // Not the ready line: pass it on below.
          }
        }
        console.error(`[server] ${line}`);
      });
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        if (!settled) reject(new Error(`the server process exited before it was ready (${signal ?? `code ${code}`}); its errors are above`));
      });
    });
  } catch (error) {
    await release();
    throw error;
  }

  const url = ready.url;
  return {
    url,
    port: ready.port,
    pid: ready.pid,
    dialect: ready.dialect,
    organisation: ready.organisation,
    admin: ready.admin,
    setup: ready.setup,
    alive: () => !exited(child),
    stop: release,
    async signInAdmin() {
      const response = await fetch(`${url}/api/v1/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: ready.admin.email, password: ready.admin.password }),
      });
      if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
      const cookie = response.headers
        .getSetCookie()
        .map((header) => header.split(';')[0]!)
        .find((pair) => pair.startsWith(`${SESSION_COOKIE}=`));
      if (!cookie) throw new Error('sign-in answered 200 but set no session cookie');
      const me = (await response.json()) as { csrfToken: string | null; person: { id: string } };
      if (!me.csrfToken) throw new Error('sign-in answered without a CSRF token');
      return {
        personId: me.person.id,
        csrfToken: me.csrfToken,
        readHeaders: { cookie },
        writeHeaders: { cookie, 'x-csrf-token': me.csrfToken, 'content-type': 'application/json' },
      };
    },
    async createApiToken(session, name = 'bench') {
      const response = await fetch(`${url}/api/v1/me/tokens`, {
        method: 'POST',
        headers: session.writeHeaders,
        body: JSON.stringify({ name, expiresInDays: 1 }),
      });
      if (response.status !== 201) throw new Error(`creating an API token failed: ${response.status} ${await response.text()}`);
      const { token } = (await response.json()) as { token: string };
      return { authorization: `Bearer ${token}` };
    },
  };
}
