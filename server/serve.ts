import fs from 'node:fs';
import path from 'node:path';
import { buildApp, loggerOptions, WEB_DIST } from './app';
import { describeConfig, type Config } from './config';
import { openDatabase, type DatabaseHandle } from './db/database';
import { migrateToLatest } from './db/migrate';
import { loadDemoOrganisation, type DemoAccount } from './modules/demo/demo.service';
import { listOrganisations } from './modules/organisations/organisation.repository';
import { createOrganisation } from './modules/organisations/organisation.service';
import { publishDueVersions } from './modules/sops/sop-lifecycle.service';

const SCHEDULED_WORK_INTERVAL_MS = 30_000;

const CREDENTIALS_FILE = 'demo-credentials.txt';
/**
 * Present while the first start fills an empty database. Loading the demo takes a few seconds, in
 * many transactions (it goes through the real use cases); a start stopped in that time (Ctrl-C, a
 * crash) would leave part of a demo, and its generated passwords only in the dead process's memory.
 */
const FIRST_START_MARKER = 'first-start.incomplete';

function formatAccounts(url: string, accounts: DemoAccount[]): string {
  const width = Math.max(...accounts.map((account) => account.email.length));
  return [
    `sopdesk demo organisation "Harbour & Hill Outfitters" at ${url}`,
    'Sign in as (passwords were generated for this install):',
    ...accounts.map((account) => `  ${account.role.padEnd(16)} ${account.email.padEnd(width)}  ${account.password}`),
  ].join('\n');
}

/** First start: the demo organisation (or an empty one), and what to tell the person at the terminal. */
async function prepareFirstStart(handle: DatabaseHandle, config: Config, url: string): Promise<string | null> {
  const organisations = await listOrganisations(handle.db);
  const credentialsPath = path.join(config.SOPDESK_DATA_DIR, CREDENTIALS_FILE);
  if (organisations.length > 0) {
    return fs.existsSync(credentialsPath) ? `Demo sign-in details: ${credentialsPath}` : null;
  }
  if (config.SOPDESK_DEMO) {
    const marker = path.join(config.SOPDESK_DATA_DIR, FIRST_START_MARKER);
    fs.mkdirSync(config.SOPDESK_DATA_DIR, { recursive: true });
    const note = { loading: 'the demo organisation', into: databaseNameOf(config), pid: process.pid, startedAt: new Date().toISOString() };
    fs.writeFileSync(marker, `${JSON.stringify(note)}\n`);
    const { accounts } = await loadDemoOrganisation(handle.db);
    const text = formatAccounts(url, accounts);
    // Readable by the owner only: it holds passwords until they are changed.
    fs.writeFileSync(credentialsPath, `${text}\n`, { mode: 0o600 });
    fs.rmSync(marker);
    return `${text}\n(Also saved to ${credentialsPath}; delete it once you have changed the passwords.)`;
  }
  await createOrganisation(handle.db, { name: 'My organisation' });
  return [
    'sopdesk started with an empty organisation. Create the first administrator:',
    '  npx sopdesk user add --email you@example.com --name "Your Name" --role Administrator',
  ].join('\n');
}

/**
 * When the first start was stopped while it loaded the demo, the embedded database holds nothing
 * but part of the demo: it is removed, and this start begins again from nothing. A PostgreSQL
 * database is never emptied by sopdesk: the start stops and says what to do. Returns what to tell
 * the person at the terminal, or null when there was nothing to recover.
 */
export function recoverInterruptedFirstStart(config: Config): string | null {
  const marker = path.join(config.SOPDESK_DATA_DIR, FIRST_START_MARKER);
  if (!fs.existsSync(marker)) return null;
  const marked = readMarker(marker);
  // Left by a start on another database (SQLite then PostgreSQL, or another file): not this one's business.
  if (marked?.into !== databaseNameOf(config)) return null;
  if (marked.pid !== undefined && marked.pid !== process.pid && isRunning(marked.pid)) {
    throw new Error(
      `Another sopdesk start (process ${marked.pid}) is loading the demo organisation into this database right now. ` +
        `Wait for it to finish, or stop it and start again. If no sopdesk is running, delete ${marker}.`,
    );
  }
  if (config.database.kind === 'postgres') {
    throw new Error(
      `The first start was stopped while it loaded the demo organisation, so the PostgreSQL database holds part of it. ` +
        `Empty that database (drop and re-create it, or start with SOPDESK_DEMO=0 on a new one), then delete ${marker} and start again.`,
    );
  }
  const file = config.database.file;
  for (const leftover of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(leftover, { force: true });
  fs.rmSync(path.join(config.SOPDESK_DATA_DIR, CREDENTIALS_FILE), { force: true });
  fs.rmSync(marker);
  return `The first start was stopped while it loaded the demo organisation; starting again from an empty database (${file}).`;
}

function readMarker(marker: string): { into?: string; pid?: number } | undefined {
  try {
    return JSON.parse(fs.readFileSync(marker, 'utf8')) as { into?: string; pid?: number };
  } catch {
    // Cut short while it was written, before anything was loaded: nothing to recover.
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Which database a marker is about: the file, or the server and database name, never a PostgreSQL password. */
function databaseNameOf(config: Config): string {
  if (config.database.kind === 'sqlite') return `sqlite:${path.resolve(config.database.file)}`;
  const url = new URL(config.database.url);
  return `postgres://${url.hostname}:${url.port || '5432'}${url.pathname}`;
}

/** Migrates, prepares the first start, serves, and shuts down gracefully on SIGTERM/SIGINT. */
export async function serve(config: Config): Promise<void> {
  const recovered = recoverInterruptedFirstStart(config);
  if (recovered) console.log(recovered);
  const handle = openDatabase(config.database, { backgroundCheckpoints: true });
  await migrateToLatest(handle.db);
  const app = await buildApp({ config, db: handle.db, logger: loggerOptions(config), serveWeb: true });
  const displayHost = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST === '127.0.0.1' ? 'localhost' : config.HOST;
  const url = config.SOPDESK_PUBLIC_URL ?? `http://${displayHost}:${config.PORT}`;
  const message = await prepareFirstStart(handle, config, url);

  // Timed work (scheduled publications) runs on every instance; each item is claimed by a
  // conditional update, so it happens once however many instances there are.
  const timedWork = setInterval(() => {
    publishDueVersions(handle.db).catch((error: unknown) => app.log.error({ err: error }, 'scheduled publication failed'));
  }, SCHEDULED_WORK_INTERVAL_MS);
  timedWork.unref();

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    // If something hangs, leave anyway: the database is consistent after any commit.
    const timer = setTimeout(() => process.exit(1), 10_000);
    timer.unref();
    clearInterval(timedWork);
    await app.close();
    await handle.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ port: config.PORT, host: config.HOST });
  app.log.info({ config: describeConfig(config) }, 'sopdesk is listening');
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
    console.log('The web app is not built (run `npm run build`); the API is available.');
  }
  console.log(`\nsopdesk is running at ${url}  (API docs: ${url}/api/docs)`);
  if (message) console.log(`\n${message}\n`);
}
