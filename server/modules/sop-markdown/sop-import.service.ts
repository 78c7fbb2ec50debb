import { streamOf } from '../../../common/audit-events';
import type { ImportResult as ImportAnswer } from '../../../common/api/imports';
import { SOP_KEY_PATTERN, sopContentSchema, sopMetadataSchema, type SopContent, type SopMetadata } from '../../../common/procedure/model';
import type { Db, Executor } from '../../db/database';
import { inTransaction } from '../../db/transaction';
import { AppError } from '../../errors/app-error';
import { authorize, type Actor } from '../../policy/policy';
import { appendAuditEvent } from '../audit/audit.service';
import { insertNewSop } from '../sops/sop.service';
import * as sopRepository from '../sops/sop.repository';
import type { ImportReportItem } from './import-report';
import type { ImportResult } from './markdown-import';
import { escapeMarkdownText } from './markdown-processor';
import { importSopFile } from './sop-file-import';
import { SopImportError } from './sop-import-error';

// One uploaded or named file in, one draft SOP out (version 1.0), or nothing at all: a refused file
// writes nothing, and a dry run reads only (to pick the key the draft would get).

/** Documents without a key of their own are numbered in this series. */
const IMPORT_KEY_PREFIX = 'CS-IMP-';
const DEFAULT_CATEGORY = 'Imported';

export type ImportFileInput = { fileName: string; bytes: Uint8Array; dryRun: boolean };

/** Why a file was refused, as the API and the CLI say it. */
export function importRefusal(fileName: string, error: SopImportError): AppError {
  const where = error.line !== undefined ? ` (line ${error.line})` : '';
  return new AppError('validation_failed', `${fileName} was refused${where}: ${error.message}`, {
    errors: [{ field: 'body.contentBase64', message: `${error.code}: ${error.message}` }],
  });
}

/** Reads a Markdown or .docx file into a new draft SOP (or, for a dry run, only says what it would create). */
export async function importSopDocument(db: Db, actor: Actor, input: ImportFileInput): Promise<ImportAnswer> {
  authorize(actor, 'sop.create');
  let imported: ImportResult;
  try {
    imported = await importSopFile(input.fileName, input.bytes);
  } catch (error) {
    if (error instanceof SopImportError) throw importRefusal(input.fileName, error);
    throw error;
  }
  const content = sopContentSchema.safeParse(imported.content);
  if (!content.success) {
    const issue = content.error.issues[0];
    throw importRefusal(input.fileName, new SopImportError('import_malformed', `the document does not fit the SOP model (${issue?.path.join('.')}: ${issue?.message}).`));
  }
  const warnings: ImportReportItem[] = [];
  const warn = (message: string) => warnings.push({ line: 0, endLine: 0, kind: 'warning', message });
  const metadata = readMetadata(imported.metadata, input.fileName, warn);
  const ownerId = await resolveOwner(db, actor, imported.metadata.owner, warn);
  if (imported.metadata.owner && !ownerId) keepProperty(content.data, 'owner', imported.metadata.owner);

  for (let attempt = 0; ; attempt++) {
    const key = await chooseKey(db, actor.orgId, metadata.key, warn);
    const answer = (sop: ImportAnswer['sop']): ImportAnswer => ({
      fileName: input.fileName,
      dryRun: input.dryRun,
      sop,
      metadata: { key, title: metadata.title, category: metadata.category },
      stats: {
        steps: imported.report.summary.steps,
        decisions: imported.report.summary.decisions,
        sections: imported.report.summary.sections.length,
        additionalSections: imported.report.summary.additionalSections,
      },
      report: { items: [...warnings, ...imported.report.items], summary: imported.report.summary.text },
    });
    if (input.dryRun) return answer(null);
    try {
      // The draft and its audit events, without the SOP detail that createSop would present and we would not use.
      const created = await inTransaction(db, async (trx) => {
        const { sop, version } = await insertNewSop(
          trx,
          actor,
          { ...metadata, key, ownerId, processId: null, templateId: 'simple-list' },
          { content: content.data, changeSummary: imported.version?.changeSummary || `Imported from ${input.fileName}.` },
        );
        await appendAuditEvent(trx, {
          orgId: actor.orgId,
          actorId: actor.personId,
          stream: streamOf('sop', sop.id),
          event: { type: 'sop.imported', payload: { versionId: version.id, fileName: input.fileName, unmappedLines: imported.report.summary.unmappedLines } },
        });
        return { sopId: sop.id, versionId: version.id };
      });
      return answer({ id: created.sopId, key, title: metadata.title, versionId: created.versionId });
    } catch (error) {
      // Two imports at once may pick the same next key; the unique key decides, and the loser takes the next one.
      const raced = metadata.key !== key && attempt < 3 && (await sopRepository.findSopByKey(db, actor.orgId, key)) !== undefined;
      if (!raced) throw error;
    }
  }
}

/** The document's metadata where it is valid; a missing or invalid field gets a default and a warning. */
function readMetadata(found: Partial<SopMetadata>, fileName: string, warn: (message: string) => void) {
  const field = <K extends keyof SopMetadata>(name: K, fallback: NonNullable<SopMetadata[K]>): NonNullable<SopMetadata[K]> => {
    const value = found[name];
    if (value === undefined) return fallback;
    const parsed = sopMetadataSchema.shape[name].safeParse(value);
    if (parsed.success && parsed.data !== undefined) return parsed.data as NonNullable<SopMetadata[K]>;
    warn(`The document's ${name} "${String(value)}" is not valid (${parsed.success ? 'empty' : parsed.error.issues[0]?.message}); ${JSON.stringify(fallback)} was used instead.`);
    return fallback;
  };
  const title = field('title', `Imported ${fileName}`.slice(0, 200));
  const category = field('category', DEFAULT_CATEGORY);
  if (found.category === undefined) warn(`The document names no category; it was filed under "${DEFAULT_CATEGORY}".`);
  return {
    key: found.key !== undefined && SOP_KEY_PATTERN.test(found.key) ? found.key : undefined,
    title,
    category,
    channels: field('channels', []),
    audience: field('audience', []),
    reviewIntervalMonths: field('reviewIntervalMonths', 12),
  };
}

/** The document's own key when it is free; else the next key of the import series. */
async function chooseKey(db: Executor, orgId: string, wanted: string | undefined, warn: (message: string) => void): Promise<string> {
  if (wanted && !(await sopRepository.findSopByKey(db, orgId, wanted))) return wanted;
  const rows = await db.selectFrom('sops').select('key').where('org_id', '=', orgId).where('key', 'like', `${IMPORT_KEY_PREFIX}%`).execute();
  const highest = Math.max(0, ...rows.map((row) => Number(/^CS-IMP-(\d+)$/.exec(row.key)?.[1] ?? 0)));
  const key = `${IMPORT_KEY_PREFIX}${String(highest + 1).padStart(3, '0')}`;
  if (wanted) warn(`The key ${wanted} is already used by another SOP; this draft gets ${key}.`);
  return key;
}

/** An owner named by email who is a person of the organisation; otherwise the importer owns the draft. */
async function resolveOwner(db: Executor, actor: Actor, owner: string | undefined, warn: (message: string) => void): Promise<string | null> {
  if (!owner) return null;
  const person = await db.selectFrom('people').select('id').where('org_id', '=', actor.orgId).where('email', '=', owner.trim().toLowerCase()).executeTakeFirst();
  if (person) return person.id;
  warn(`The owner "${owner}" is not a person of this organisation; the person importing owns the draft, and the name is kept in "Document properties".`);
  return null;
}

/** Text that fits no field is kept where the importer keeps front-matter keys it cannot map. */
function keepProperty(content: SopContent, name: string, value: string): void {
  const item = `- **${name}**: ${escapeMarkdownText(value)}`;
  const properties = content.additionalSections.find((section) => section.title === 'Document properties');
  if (properties) properties.body = `${properties.body}\n${item}`;
  else if (content.additionalSections.length < 50) content.additionalSections.push({ title: 'Document properties', body: item });
}
