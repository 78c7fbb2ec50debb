import type { SopContent, Step } from '../../../common/procedure/model';
import type { Executor } from '../../db/database';
import type { SopRow } from '../../db/schema';

function collectStepText(steps: readonly Step[], into: string[]): void {
  for (const step of steps) {
    into.push(step.text);
    if (step.detail) into.push(step.detail);
    if (step.referTo) into.push(`Refer to ${step.referTo}`);
    if (step.substeps) collectStepText(step.substeps, into);
    for (const branch of step.branches ?? []) {
      into.push(branch.label);
      collectStepText(branch.steps, into);
      if (branch.end) into.push(branch.end.outcome);
    }
  }
}

/** What the index holds for an SOP: title; body (purpose, scope, roles, steps, tips); glossary. */
export function searchDocumentOf(sop: Pick<SopRow, 'key' | 'title'>, content: SopContent) {
  const body: string[] = [content.purpose, content.scope];
  for (const responsibility of content.responsibilities) body.push(`${responsibility.role}: ${responsibility.duties}`);
  collectStepText(content.procedure, body);
  body.push(content.healthAndSafety, content.equipment, content.tips);
  return {
    title: `${sop.key} ${sop.title}`,
    body: body.filter(Boolean).join('\n'),
    glossary: content.glossary.map((entry) => `${entry.term}: ${entry.definition}`).join('\n'),
  };
}

export async function removeFromSearchIndex(db: Executor, sopId: string): Promise<void> {
  await db.deleteFrom('sop_search').where('sop_id', '=', sopId).execute();
}

/** Replaces the SOP's entry in the full-text index with its published content. */
export async function writeSearchDocument(db: Executor, sop: Pick<SopRow, 'id' | 'org_id' | 'key' | 'title'>, content: SopContent): Promise<void> {
  await removeFromSearchIndex(db, sop.id);
  await db
    .insertInto('sop_search')
    .values({ sop_id: sop.id, org_id: sop.org_id, ...searchDocumentOf(sop, content) })
    .execute();
}

/** Re-indexes the title after a metadata change, keeping the rest of the document. */
export async function updateSearchTitle(db: Executor, sop: Pick<SopRow, 'id' | 'key' | 'title'>): Promise<void> {
  await db.updateTable('sop_search').set({ title: `${sop.key} ${sop.title}` }).where('sop_id', '=', sop.id).execute();
}

