import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { ImportResult } from '../../common/api/imports';
import { isPermission, type Permission } from '../../common/permissions';
import { loadConfig } from '../config';
import type { Db } from '../db/database';
import { openDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { AppError } from '../errors/app-error';
import type { Actor } from '../policy/policy';
import { findRolesOfPerson, parsePermissions } from '../modules/roles/role.repository';
import { resolveOrganisation } from './export-command';

// `sopdesk import PATH…`: each file becomes a draft SOP, imported as a named person (--as) so that
// the audit trail says who brought it in. A refused file creates nothing; the others still import.

async function permissionsOf(db: Db, orgId: string, personId: string): Promise<Set<Permission>> {
  const roles = await findRolesOfPerson(db, orgId, personId);
  return new Set(roles.flatMap((role) => parsePermissions(role)).filter(isPermission));
}

/** The person named by --as, or the organisation's first active author when none is named. */
async function resolveImporter(db: Db, orgId: string, email: string | undefined): Promise<{ actor: Actor; name: string }> {
  const people = await db
    .selectFrom('people')
    .select(['id', 'name', 'email', 'status'])
    .where('org_id', '=', orgId)
    .$if(email !== undefined, (query) => query.where('email', '=', email!.trim().toLowerCase()))
    .orderBy('created_at')
    .execute();
  if (email !== undefined && people.length === 0) throw new AppError('validation_failed', `--as: no person with the email ${email} in this organisation.`);
  for (const person of people) {
    const permissions = await permissionsOf(db, orgId, person.id);
    const actor: Actor = { personId: person.id, orgId, permissions, via: 'session' };
    if (person.status === 'active' && permissions.has('sops.author')) return { actor, name: person.name };
    if (email !== undefined) {
      throw new AppError('forbidden', `--as: ${person.name} ${person.status === 'active' ? 'holds no role that may write SOPs' : 'is suspended'}.`);
    }
  }
  throw new AppError('validation_failed', '--as: nobody in this organisation may write SOPs; add an author first (sopdesk user add --role "Quality manager" …).');
}

type FileOutcome = { path: string; result?: ImportResult; refused?: string };

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description('Import Markdown (.md) or Word (.docx) files as draft SOPs, with a line-by-line report of what was mapped')
    .argument('<paths...>', 'the files to import')
    .option('--dry-run', 'print the report as JSON and write nothing')
    .option('--org <slug>', 'the organisation (needed only when there are several)')
    .option('--as <email>', 'the person importing (an author); default: the organisation’s first author')
    .addHelpText('after', '\nExit code 1 when any file was refused (nothing is created for it).\n\nExamples:\n  sopdesk import handbook/refunds.md --dry-run\n  sopdesk import procedures/*.docx --as jordan.lee@example.com')
    .action(async (paths: string[], options: { dryRun?: boolean; org?: string; as?: string }) => {
      // A bulk import writes as steadily as the server does: checkpoint the WAL off this thread too,
      // so that no file's COMMIT waits for one.
      const handle = openDatabase(loadConfig().database, { backgroundCheckpoints: options.dryRun !== true });
      const outcomes: FileOutcome[] = [];
      try {
        await migrateToLatest(handle.db);
        const organisation = await resolveOrganisation(handle.db, options.org);
        const importer = await resolveImporter(handle.db, organisation.id, options.as);
        // The importers (unified, mammoth) load only when this command runs.
        const { importSopDocument } = await import('../modules/sop-markdown/sop-import.service');
        for (const file of paths) {
          let bytes: Buffer;
          try {
            bytes = fs.readFileSync(file);
          } catch (error) {
            const code = (error as NodeJS.ErrnoException).code;
            const why = code === 'ENOENT' ? 'there is no such file' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message;
            outcomes.push({ path: file, refused: `${file} could not be read: ${why}.` });
            continue;
          }
          try {
            const result = await importSopDocument(handle.db, importer.actor, { fileName: path.basename(file), bytes, dryRun: options.dryRun === true });
            outcomes.push({ path: file, result });
          } catch (error) {
            if (!(error instanceof AppError) || error.code !== 'validation_failed') throw error;
            outcomes.push({ path: file, refused: error.message });
          }
        }
      } finally {
        await handle.close();
      }
      if (options.dryRun) {
        console.log(JSON.stringify(outcomes.map((outcome) => (outcome.result ? { path: outcome.path, ...outcome.result } : { path: outcome.path, refused: outcome.refused })), null, 2));
      } else {
        for (const outcome of outcomes) {
          if (outcome.result?.sop) console.log(`Imported ${outcome.path} as ${outcome.result.sop.key} "${outcome.result.sop.title}" (draft 1.0): ${outcome.result.report.summary}`);
        }
      }
      const refused = outcomes.filter((outcome) => outcome.refused);
      for (const outcome of refused) console.error(`sopdesk: ${outcome.refused}`);
      if (refused.length > 0) process.exitCode = 1;
    });
}
