import fs from 'node:fs';
import type { Command } from 'commander';
import { auditCheckpointSchema, type AuditCheckpoint } from '../../common/api/audit';
import { loadConfig } from '../config';
import { openDatabase, type Db } from '../db/database';
import { AppError } from '../errors/app-error';
import { takeAuditCheckpoint, verifyAgainstCheckpoint } from '../modules/audit/audit-checkpoint.service';
import { verifyAuditChains, type VerificationResult } from '../modules/audit/audit.service';
import { findOrganisation, findOrganisationBySlug, listOrganisations } from '../modules/organisations/organisation.repository';

/** A refusal the person running the command can fix (a bad argument or file): exit 2. */
class UsageError extends Error {}

/** Reads and checks a checkpoint file, naming the first field at fault. */
function readCheckpoint(file: string): AuditCheckpoint {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read the checkpoint ${file}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UsageError(`${file} is not a checkpoint: it is not valid JSON.`);
  }
  const parsed = auditCheckpointSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(`${file} is not a valid checkpoint: ${issue.path.join('.') || '(the document)'}: ${issue.message}`);
  }
  return parsed.data;
}

async function verifyCheckpointFile(db: Db, file: string, options: { stream?: string; org?: string }): Promise<number> {
  const checkpoint = readCheckpoint(file);
  if (options.org && options.org !== checkpoint.organisation.slug) {
    throw new UsageError(`${file} is the checkpoint of "${checkpoint.organisation.slug}", not of "${options.org}".`);
  }
  const organisation = await findOrganisation(db, checkpoint.organisation.id);
  if (!organisation) {
    console.log(`${checkpoint.organisation.slug}: MISSING — the organisation ${checkpoint.organisation.id} of the checkpoint is not in this database`);
    return 1;
  }
  let result;
  try {
    result = await verifyAgainstCheckpoint(db, organisation.id, checkpoint, { stream: options.stream });
  } catch (error) {
    if (error instanceof AppError) throw new UsageError(`${file}: ${error.message}`);
    throw error;
  }
  const findings = result.checkpoint!;
  const first = findings.missing[0];
  if (first) {
    const others = findings.missing.length - 1;
    console.log(
      `${organisation.slug}: MISSING ${first.stream} #${first.seq}: ${first.reason}${others > 0 ? ` (and ${others} more stream${others === 1 ? '' : 's'})` : ''}`,
    );
  } else {
    console.log(`${organisation.slug}: every head of the checkpoint taken ${findings.takenAt} is still there (${findings.streamsChecked} streams)`);
  }
  console.log(chainsLine(organisation.slug, result, 'chains intact'));
  return result.ok ? 0 : 1;
}

/** What the chains of one organisation are: intact, with the counts, or broken at the first bad event. */
function chainsLine(slug: string, result: VerificationResult, intact = 'intact'): string {
  const fault = result.firstBreak;
  if (fault) return `${slug}: BROKEN at ${fault.stream} #${fault.seq} (event ${fault.eventId}): ${fault.reason}`;
  return `${slug}: ${intact} — ${result.eventsChecked} events in ${result.streamsChecked} streams (${result.erasedPayloads} erased payloads)`;
}

/** The organisation --org names (a UsageError when there is none), or every organisation. */
async function chosenOrganisations(db: Db, slug: string | undefined) {
  if (!slug) return listOrganisations(db);
  const organisation = await findOrganisationBySlug(db, slug);
  if (!organisation) throw new UsageError(`No organisation "${slug}".`);
  return [organisation];
}

async function verifyChains(db: Db, options: { stream?: string; org?: string }): Promise<number> {
  let broken = false;
  for (const organisation of await chosenOrganisations(db, options.org)) {
    const result = await verifyAuditChains(db, organisation.id, { stream: options.stream });
    broken ||= !result.ok;
    console.log(chainsLine(organisation.slug, result));
  }
  return broken ? 1 : 0;
}

async function writeCheckpoint(db: Db, file: string, slug: string | undefined): Promise<number> {
  const organisations = await chosenOrganisations(db, slug);
  if (organisations.length === 0) throw new UsageError('There is no organisation in this database yet.');
  if (organisations.length > 1) {
    throw new UsageError(`A checkpoint is of one organisation; choose one with --org (${organisations.map((o) => o.slug).join(', ')}).`);
  }
  const checkpoint = await takeAuditCheckpoint(db, organisations[0]!.id);
  try {
    // 'wx': an earlier checkpoint is evidence; never overwrite one.
    fs.writeFileSync(file, `${JSON.stringify(checkpoint, null, 2)}\n`, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new UsageError(`${file} already exists; checkpoints are never overwritten.`);
    throw new UsageError(`Cannot write ${file}: ${(error as Error).message}`);
  }
  console.log(`Wrote the checkpoint of ${checkpoint.organisation.slug} to ${file}: ${checkpoint.streams.length} streams, ${checkpoint.eventCount} events, taken ${checkpoint.takenAt}.`);
  console.log('Keep it where the database’s administrators cannot change it (mail it, or store it elsewhere).');
  return 0;
}

/** Opens the database, runs the work and sets the exit code: its own, or 2 for a UsageError. */
async function withDatabase(work: (db: Db) => Promise<number>): Promise<void> {
  const handle = openDatabase(loadConfig().database);
  try {
    process.exitCode = await work(handle.db);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(error.message);
    process.exitCode = 2;
  } finally {
    await handle.close();
  }
}

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('Inspect the tamper-evident audit trail');
  audit
    .command('verify')
    .description(
      'Verify every hash chain; exits 0 when all are intact and 1 naming the first broken event. With --checkpoint, first checks that ' +
        'every stream head the checkpoint saw is still there (exit 1 naming the first that is not; 2 when the file is not a valid, unaltered checkpoint).',
    )
    .option('--stream <stream>', 'verify one stream only, e.g. person:0193…')
    .option('--org <slug>', 'verify one organisation only (default: all; with --checkpoint, the checkpoint’s)')
    .option('--checkpoint <file>', 'a file written by "sopdesk audit checkpoint": also find events removed from the end of a stream, whole streams removed, or streams rewritten since')
    .action(async (options: { stream?: string; org?: string; checkpoint?: string }) => {
      await withDatabase((db) => (options.checkpoint ? verifyCheckpointFile(db, options.checkpoint, options) : verifyChains(db, options)));
    });
  audit
    .command('checkpoint')
    .description(
      'Write the head of every stream of one organisation to a file (never overwriting one). Keep it outside the database’s reach; ' +
        '"sopdesk audit verify --checkpoint FILE" later shows whether anything it saw has gone.',
    )
    .requiredOption('--to <file>', 'the file to write, e.g. sopdesk-audit-checkpoint-2026-12-03.json')
    .option('--org <slug>', 'the organisation (needed when the database holds more than one)')
    .action(async (options: { to: string; org?: string }) => {
      await withDatabase((db) => writeCheckpoint(db, options.to, options.org));
    });
}
