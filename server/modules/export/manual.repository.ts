import type { Executor } from '../../db/database';
import { notFound } from '../../errors/app-error';
import { parseContent } from '../sops/sop-content';
import type { Manual, ManualApproval } from './manual-model';

/** The version in use of every SOP that is published and not retired, with owner and signatures. */
export async function loadPublishedManual(db: Executor, orgId: string, generatedAt = new Date().toISOString()): Promise<Manual> {
  const organisation = await db.selectFrom('organisations').select(['name', 'slug']).where('id', '=', orgId).executeTakeFirst();
  if (!organisation) throw notFound('The organisation');
  const rows = await db
    .selectFrom('sops')
    .innerJoin('sop_versions', 'sop_versions.id', 'sops.published_version_id')
    .leftJoin('people as owner', 'owner.id', 'sops.owner_id')
    .select([
      'sops.id',
      'sops.key',
      'sops.title',
      'sops.category',
      'sops.channels',
      'sops.audience',
      'sops.next_review_due',
      'owner.name as owner_name',
      'sop_versions.id as version_id',
      'sop_versions.label',
      'sop_versions.change_summary',
      'sop_versions.effective_at',
      'sop_versions.content',
      'sop_versions.content_hash',
    ])
    .where('sops.org_id', '=', orgId)
    .where('sops.retired_at', 'is', null)
    .orderBy('sops.category')
    .orderBy('sops.key')
    .execute();
  const [approvals, governedActions] = await Promise.all([
    listApprovals(db, orgId, rows.map((row) => row.version_id)),
    db.selectFrom('governed_actions').select(['key', 'label']).where('org_id', '=', orgId).execute(),
  ]);
  return {
    organisation,
    generatedAt,
    governedActions: new Map(governedActions.map((action) => [action.key, action.label])),
    sops: rows.map((row) => ({
      id: row.id,
      key: row.key,
      title: row.title,
      category: row.category,
      channels: JSON.parse(row.channels) as string[],
      audience: JSON.parse(row.audience) as string[],
      ownerName: row.owner_name,
      versionLabel: row.label,
      changeSummary: row.change_summary,
      effectiveAt: row.effective_at,
      nextReviewDue: row.next_review_due,
      contentHash: row.content_hash,
      approvals: approvals.get(row.version_id) ?? [],
      content: parseContent(row.content),
    })),
  };
}

async function listApprovals(db: Executor, orgId: string, versionIds: readonly string[]): Promise<Map<string, ManualApproval[]>> {
  const byVersion = new Map<string, ManualApproval[]>();
  if (versionIds.length === 0) return byVersion;
  const rows = await db
    .selectFrom('sop_signatures')
    .innerJoin('people', 'people.id', 'sop_signatures.signer_id')
    .select(['sop_signatures.version_id', 'people.name', 'sop_signatures.meaning', 'sop_signatures.signed_at', 'sop_signatures.content_hash'])
    .where('sop_signatures.org_id', '=', orgId)
    .where('sop_signatures.version_id', 'in', versionIds)
    .orderBy('sop_signatures.signed_at')
    .execute();
  for (const row of rows) {
    const list = byVersion.get(row.version_id) ?? [];
    list.push({ signerName: row.name, meaning: row.meaning, signedAt: row.signed_at, contentHash: row.content_hash });
    byVersion.set(row.version_id, list);
  }
  return byVersion;
}

export type SopListEntry = {
  key: string;
  title: string;
  category: string;
  status: 'draft' | 'published' | 'retired';
  /** The version in use, or the latest version of an SOP never published. */
  currentVersion: { label: string; status: string; effectiveAt: string | null } | null;
  nextReviewDue: string | null;
};

/** Every SOP of the organisation, published or not, for `sopdesk export list`. */
export async function listSopsForExport(db: Executor, orgId: string): Promise<SopListEntry[]> {
  const sops = await db
    .selectFrom('sops')
    .select(['id', 'key', 'title', 'category', 'published_version_id', 'retired_at', 'next_review_due'])
    .where('org_id', '=', orgId)
    .orderBy('key')
    .execute();
  if (sops.length === 0) return [];
  const versions = await db
    .selectFrom('sop_versions')
    .select(['id', 'sop_id', 'label', 'status', 'effective_at'])
    .where('org_id', '=', orgId)
    .orderBy('number', 'desc')
    .execute();
  return sops.map((sop) => {
    const own = versions.filter((version) => version.sop_id === sop.id);
    const current = own.find((version) => version.id === sop.published_version_id) ?? own[0];
    return {
      key: sop.key,
      title: sop.title,
      category: sop.category,
      status: sop.retired_at ? 'retired' : sop.published_version_id ? 'published' : 'draft',
      currentVersion: current ? { label: current.label, status: current.status, effectiveAt: current.effective_at } : null,
      nextReviewDue: sop.next_review_due,
    };
  });
}
