import type { Command } from 'commander';
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';

// The server and the demo loader pull in the whole application (Fastify, every route, PDF
// rendering); they are loaded only by the commands that need them, so that `migrate`,
// `user add`, `audit verify` and `--help` start in a fraction of the time.

export function registerDatabaseCommands(program: Command): void {
  program
    .command('serve')
    .description('Migrate the database, load the demo organisation on first start, and serve the web app and API')
    .addHelpText('after', '\nEnvironment: PORT, HOST, SOPDESK_DATA_DIR, DATABASE_URL, SOPDESK_DEMO (see the README).')
    .action(async () => {
      const { serve } = await import('../serve');
      await serve(loadConfig());
    });

  program
    .command('migrate')
    .description('Apply pending database migrations and exit')
    .action(async () => {
      const handle = openDatabase(loadConfig().database);
      try {
        const result = await migrateToLatest(handle.db);
        const applied = result.results?.filter((entry) => entry.status === 'Success') ?? [];
        console.log(applied.length ? applied.map((entry) => `applied ${entry.migrationName}`).join('\n') : 'The database is up to date.');
      } finally {
        await handle.close();
      }
    });

  program
    .command('demo')
    .description('Load the demo organisation (Harbour & Hill Outfitters) with generated passwords')
    .option('--reset', 'first remove the demo organisation, everything in it and its audit trail (other organisations are untouched)')
    .addHelpText(
      'after',
      '\nThe passwords are printed once. If they are lost, or a load was cut short, load the demo afresh with --reset.',
    )
    .action(async (options: { reset?: boolean }) => {
      const { hasDemoOrganisation, loadDemoOrganisation, removeDemoOrganisation } = await import('../modules/demo/demo.service');
      const handle = openDatabase(loadConfig().database);
      try {
        await migrateToLatest(handle.db);
        if (options.reset && (await removeDemoOrganisation(handle.db))) console.log('Removed the demo organisation.');
        if (await hasDemoOrganisation(handle.db)) {
          console.error('The demo organisation is already loaded; its passwords were printed when it was loaded.');
          console.error('To remove it and load it afresh with new passwords: sopdesk demo --reset');
          process.exitCode = 1;
          return;
        }
        const { accounts } = await loadDemoOrganisation(handle.db);
        console.log('Demo organisation loaded. Sign in as:');
        for (const account of accounts) console.log(`  ${account.role.padEnd(16)} ${account.email}  ${account.password}`);
      } finally {
        await handle.close();
      }
    });
}
