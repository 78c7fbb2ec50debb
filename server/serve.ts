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
    const { accounts } = await loadDemoOrganisation(handle.db);
    const text = formatAccounts(url, accounts);
    fs.mkdirSync(config.SOPDESK_DATA_DIR, { recursive: true });
    // Readable by the owner only: it holds passwords until they are changed.
    fs.writeFileSync(credentialsPath, `${text}\n`, { mode: 0o600 });
    return `${text}\n(Also saved to ${credentialsPath}; delete it once you have changed the passwords.)`;
  }
  await createOrganisation(handle.db, { name: 'My organisation' });
  return [
    'sopdesk started with an empty organisation. Create the first administrator:',
    '  npx sopdesk user add --email you@example.com --name "Your Name" --role Administrator',
  ].join('\n');
}

/** Migrates, prepares the first start, serves, and shuts down gracefully on SIGTERM/SIGINT. */
export async function serve(config: Config): Promise<void> {
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
