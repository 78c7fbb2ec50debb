import fs from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { loadConfig } from '../config';
import { openDatabase, type Db } from '../db/database';
import { AppError } from '../errors/app-error';
import type { ManualFormat } from '../modules/export/export.service';
import { listSopsForExport, loadPublishedManual } from '../modules/export/manual.repository';
import { findOrganisationBySlug, listOrganisations } from '../modules/organisations/organisation.repository';

// `sopdesk export …`: one subcommand per thing written out. Each is added by its own function
// below. The renderers (PDF, Markdown) load only when their command runs, so that every other command
// starts quickly.

const MANUAL_FORMATS = ['pdf', 'html'] as const satisfies readonly ManualFormat[];

/** The organisation named by --org, or the only one there is. */
export async function resolveOrganisation(db: Db, slug: string | undefined) {
  const organisation = slug ? await findOrganisationBySlug(db, slug) : undefined;
  if (slug && !organisation) throw new AppError('validation_failed', `--org: no organisation "${slug}".`);
  if (organisation) return organisation;
  const organisations = await listOrganisations(db);
  if (organisations.length === 1) return organisations[0]!;
  if (organisations.length === 0) throw new AppError('validation_failed', 'There is no organisation yet; run `sopdesk demo` or `sopdesk user add` first.');
  throw new AppError('validation_failed', `--org: there are several organisations; name one of: ${organisations.map((o) => o.slug).join(', ')}`);
}

async function withDatabase<T>(work: (db: Db) => Promise<T>): Promise<T> {
  const handle = openDatabase(loadConfig().database);
  try {
    return await work(handle.db);
  } finally {
    await handle.close();
  }
}

function addManualCommand(group: Command): void {
  group
    .command('manual')
    .description('Write the published manual: title page, contents by category, every SOP in force with its approvals, steps and flowchart')
    .addOption(new Option('--format <format>', 'pdf or html').choices(MANUAL_FORMATS).makeOptionMandatory())
    .requiredOption('--out <file>', 'where to write it ("-" for standard output)')
    .option('--org <slug>', 'the organisation (needed only when there are several)')
    .addHelpText('after', '\nExamples:\n  sopdesk export manual --format pdf --out manual.pdf\n  sopdesk export manual --format html --org acme --out acme-manual.html')
    .action(async (options: { format: ManualFormat; out: string; org?: string }) => {
      if (options.out !== '-' && !fs.existsSync(path.dirname(path.resolve(options.out)))) {
        throw new AppError('validation_failed', `--out: the folder ${path.dirname(path.resolve(options.out))} does not exist.`);
      }
      const { file, count, organisation } = await withDatabase(async (db) => {
        const organisation = await resolveOrganisation(db, options.org);
        const manual = await loadPublishedManual(db, organisation.id);
        const { renderManual } = await import('../modules/export/export.service');
        return { file: await renderManual(manual, options.format), count: manual.sops.length, organisation };
      });
      const summary = `${organisation.name}: ${count} published ${count === 1 ? 'SOP' : 'SOPs'}`;
      if (options.out === '-') {
        process.stdout.write(file.body);
        console.error(`Wrote the manual of ${summary} (${file.body.length} bytes, ${options.format}).`);
      } else {
        fs.writeFileSync(options.out, file.body);
        console.log(`Wrote the manual of ${summary} to ${options.out} (${file.body.length} bytes).`);
      }
    });
}

function addListCommand(group: Command): void {
  group
    .command('list')
    .description('Print every SOP as JSON: key, title, category, status, current version, next review due')
    .addOption(new Option('--format <format>', 'json').choices(['json']).default('json'))
    .option('--org <slug>', 'the organisation (needed only when there are several)')
    .action(async (options: { format: 'json'; org?: string }) => {
      const sops = await withDatabase(async (db) => listSopsForExport(db, (await resolveOrganisation(db, options.org)).id));
      console.log(JSON.stringify(sops, null, 2));
    });
}

function addSopCommand(group: Command): void {
  group
    .command('sop')
    .description('Write one SOP as sopdesk Markdown (front matter, sections, steps), which `sopdesk import` reads back exactly')
    .argument('<key>', 'the SOP key, e.g. CS-REF-001')
    .addOption(new Option('--format <format>', 'md').choices(['md']).default('md'))
    .option('--version <label>', 'a version label, e.g. 1.2 (default: the version in use, else the latest)')
    .option('--out <file>', 'where to write it (default: standard output)', '-')
    .option('--org <slug>', 'the organisation (needed only when there are several)')
    .addHelpText('after', '\nExamples:\n  sopdesk export sop CS-REF-001 --format md > CS-REF-001.md\n  sopdesk export sop CS-REF-001 --version 1.0 --out old.md')
    .action(async (key: string, options: { format: 'md'; version?: string; out: string; org?: string }) => {
      if (options.out !== '-' && !fs.existsSync(path.dirname(path.resolve(options.out)))) {
        throw new AppError('validation_failed', `--out: the folder ${path.dirname(path.resolve(options.out))} does not exist.`);
      }
      const { exportSopMarkdownFile } = await import('../modules/export/sop-markdown-file');
      const file = await withDatabase(async (db) => exportSopMarkdownFile(db, (await resolveOrganisation(db, options.org)).id, key, options.version));
      if (options.out === '-') {
        process.stdout.write(file.markdown);
      } else {
        fs.writeFileSync(options.out, file.markdown);
        console.log(`Wrote ${key} version ${file.label} to ${options.out}.`);
      }
    });
}

export function registerExportCommands(program: Command): Command {
  const group = program.command('export').description('Write the library out: the manual as PDF or HTML, one SOP as Markdown, the list of SOPs as JSON');
  addManualCommand(group);
  addSopCommand(group);
  addListCommand(group);
  return group;
}
