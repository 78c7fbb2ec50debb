import type { Db } from '../../db/database';
import { AppError, notFound } from '../../errors/app-error';
import { authorize, can, type Actor } from '../../policy/policy';
import { parseContent } from '../sops/sop-content';
import { loadSop, loadVersion } from '../sops/sop.service';
import * as sopRepository from '../sops/sop.repository';
import { renderManualHtml } from './manual-html';
import { manualFileName, type Manual } from './manual-model';
import { renderManualPdf } from './manual-pdf';
import { loadPublishedManual } from './manual.repository';
import { renderProcedureFlowchart } from './sop-flowchart';

export const MANUAL_FORMATS = ['pdf', 'html'] as const;
export type ManualFormat = (typeof MANUAL_FORMATS)[number];

export type ExportFile = { body: Buffer; contentType: string; fileName: string };

/** The manual rendered in one format, with the name and type to serve or save it under. */
export async function renderManual(manual: Manual, format: ManualFormat): Promise<ExportFile> {
  if (format === 'pdf') return { body: await renderManualPdf(manual), contentType: 'application/pdf', fileName: manualFileName(manual, 'pdf') };
  return { body: Buffer.from(renderManualHtml(manual), 'utf8'), contentType: 'text/html; charset=utf-8', fileName: manualFileName(manual, 'html') };
}

/** The caller's organisation's published manual: what every reader of the library may see. */
export async function exportManual(db: Db, actor: Actor, format: ManualFormat): Promise<ExportFile> {
  authorize(actor, 'library.read');
  return renderManual(await loadPublishedManual(db, actor.orgId), format);
}

/**
 * The flowchart of an SOP as an SVG file: the published version, or a given version the caller
 * may see (drafts only for authors, approvers and the people named on them).
 */
export async function exportFlowchartSvg(db: Db, actor: Actor, sopId: string, versionId?: string): Promise<ExportFile> {
  authorize(actor, 'library.read');
  const sop = await loadSop(db, actor, sopId);
  let version;
  if (versionId) {
    version = await loadVersion(db, actor, sopId, versionId);
  } else {
    if (!sop.published_version_id) throw notFound(can(actor, 'sop.read-drafts') ? 'A published version of this SOP' : 'The SOP');
    version = await sopRepository.findVersion(db, actor.orgId, sop.published_version_id);
    if (!version) throw notFound('The SOP version');
  }
  const title = `${sop.key} ${sop.title}, version ${version.label}`;
  const svg = renderProcedureFlowchart(parseContent(version.content).procedure, { title, standalone: true });
  if (!svg) throw new AppError('not_found', `Version ${version.label} has no steps, so it has no flowchart.`);
  return { body: Buffer.from(svg, 'utf8'), contentType: 'image/svg+xml; charset=utf-8', fileName: `${sop.key}-v${version.label}-flowchart.svg` };
}
