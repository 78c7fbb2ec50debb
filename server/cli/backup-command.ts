import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';

export function registerBackupCommand(program: Command): void {
  program
    .command('backup')
    .description('Write a consistent copy of the embedded SQLite database while sopdesk keeps running')
    .requiredOption('--to <file>', 'where to write the backup (must not exist)')
    .action(async (options: { to: string }) => {
      const config = loadConfig();
      if (config.database.kind === 'postgres') {
        console.error('sopdesk is using PostgreSQL: back it up with pg_dump, e.g.  pg_dump --format=custom "$DATABASE_URL" > sopdesk.dump');
        process.exitCode = 2;
        return;
      }
      const target = path.resolve(options.to);
      if (fs.existsSync(target)) {
        console.error(`${target} already exists; choose a new file.`);
        process.exitCode = 2;
        return;
      }
      if (!fs.existsSync(config.database.file)) {
        console.error(`There is no database at ${config.database.file} yet.`);
        process.exitCode = 2;
        return;
      }
      const handle = openDatabase(config.database);
      try {
        // SQLite's online backup API copies a consistent snapshot page by page, without stopping writers.
        await handle.sqlite!.backup(target);
        console.log(`Backed up ${config.database.file} to ${target} (${fs.statSync(target).size} bytes).`);
      } finally {
        await handle.close();
      }
    });
}
