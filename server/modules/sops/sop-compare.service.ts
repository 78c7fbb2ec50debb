import type { SopComparison } from '../../../common/api/sop-compare';
import { compareSopContent } from '../../../common/procedure/diff';
import type { Db } from '../../db/database';
import type { SopVersionRow } from '../../db/schema';
import { authorize, type Actor } from '../../policy/policy';
import { parseContent } from './sop-content';
import { loadSop, loadVersion } from './sop.service';

function summarise(version: SopVersionRow): SopComparison['from'] {
  return {
    id: version.id,
    number: version.number,
    label: version.label,
    status: version.status,
    changeKind: version.change_kind,
    changeSummary: version.change_summary,
    createdAt: version.created_at,
    effectiveAt: version.effective_at,
  };
}

/**
 * What changed from one version of an SOP to another, section by section and step by step. Each
 * version is loaded through the same visibility rule as reading it: a draft the caller may not
 * see is not found, exactly as when opening it.
 */
export async function compareSopVersions(db: Db, actor: Actor, sopId: string, fromId: string, toId: string): Promise<SopComparison> {
  authorize(actor, 'library.read');
  await loadSop(db, actor, sopId);
  const from = await loadVersion(db, actor, sopId, fromId);
  const to = await loadVersion(db, actor, sopId, toId);
  return { sopId, from: summarise(from), to: summarise(to), ...compareSopContent(parseContent(from.content), parseContent(to.content)) };
}
