import type { Executor } from '../../db/database';
import { AppError, notFound } from '../../errors/app-error';
import { parseContent } from '../sops/sop-content';
import * as sopRepository from '../sops/sop.repository';
import { exportSopMarkdown } from '../sop-markdown';

/**
 * One SOP as sopdesk Markdown (FORMAT.md), for `sopdesk export sop KEY --format md`: the version in
 * use, or the latest one of an SOP never published, or the version with the given label.
 */
export async function exportSopMarkdownFile(db: Executor, orgId: string, key: string, versionLabel?: string): Promise<{ markdown: string; fileName: string; label: string }> {
  const sop = await sopRepository.findSopByKey(db, orgId, key);
  if (!sop) throw notFound(`The SOP ${key}`);
  const versions = await db.selectFrom('sop_versions').selectAll().where('org_id', '=', orgId).where('sop_id', '=', sop.id).orderBy('number', 'desc').execute();
  const version = versionLabel
    ? versions.find((candidate) => candidate.label === versionLabel)
    : (versions.find((candidate) => candidate.id === sop.published_version_id) ?? versions[0]);
  if (!version) {
    throw new AppError('not_found', versionLabel ? `${key} has no version ${versionLabel}; it has ${versions.map((v) => v.label).join(', ')}.` : `${key} has no version.`);
  }
  const owner = sop.owner_id ? await db.selectFrom('people').select('email').where('org_id', '=', orgId).where('id', '=', sop.owner_id).executeTakeFirst() : undefined;
  const metadata = {
    key: sop.key,
    title: sop.title,
    category: sop.category,
    channels: JSON.parse(sop.channels) as string[],
    audience: JSON.parse(sop.audience) as string[],
    reviewIntervalMonths: sop.review_interval_months,
    ...(owner ? { owner: owner.email } : {}),
  };
  const markdown = exportSopMarkdown(metadata, parseContent(version.content), {
    label: version.label,
    changeKind: version.change_kind,
    changeSummary: version.change_summary,
    status: version.status,
  });
  return { markdown, fileName: `${sop.key}-v${version.label}.md`, label: version.label };
}
