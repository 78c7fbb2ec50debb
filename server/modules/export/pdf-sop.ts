import { SECTION_TITLES } from '../../../common/procedure/model';
import { describeMeaning, formatDate, shortHash, sopAnchor, type ManualSop } from './manual-model';
import { safeHref } from './markdown-html';
import { writeFlowchart } from './pdf-flowchart';
import { markdownToPdfBlocks } from './pdf-markdown';
import { writeProcedure } from './pdf-procedure';
import { COLORS, FONTS, type PdfWriter } from './pdf-writer';
import { referenceText, type ProcedureContext } from './procedure-text';
import { renderPrintableFlowchart } from './sop-flowchart';

// One SOP in the printed manual: its header and facts, approvals, the sections in their standard
// order, the procedure and the flowchart. The caller starts the page.

const BODY = { size: 10, lineGap: 2.2 } as const;

/** Writes one SOP from the top of a fresh page. */
export function writeSop(writer: PdfWriter, sop: ManualSop, context: ProcedureContext): void {
  const { content } = sop;
  writer.text(`${sop.category}  ·  ${sop.key}`.toUpperCase(), writer.left, writer.width, { font: FONTS.bold, size: 8.5, color: COLORS.accent, characterSpacing: 0.8 });
  writer.space(4);
  writer.text(sop.title, writer.left, writer.width, { font: FONTS.bold, size: 21, lineGap: 1 });
  writer.space(12);
  writeFacts(writer, sop);
  writeApprovals(writer, sop);

  writeMarkdownSection(writer, SECTION_TITLES.purpose, content.purpose);
  writeMarkdownSection(writer, SECTION_TITLES.scope, content.scope);
  writePairs(writer, SECTION_TITLES.responsibilities, content.responsibilities.map((item) => [item.role, item.duties]));
  if (content.procedure.length > 0) {
    writeSectionHeading(writer, SECTION_TITLES.procedure);
    writeProcedure(writer, content.procedure, context);
  }
  writeMarkdownSection(writer, SECTION_TITLES.healthAndSafety, content.healthAndSafety);
  writeMarkdownSection(writer, SECTION_TITLES.equipment, content.equipment);
  writePairs(writer, SECTION_TITLES.glossary, content.glossary.map((item) => [item.term, item.definition]));
  writeMarkdownSection(writer, SECTION_TITLES.tips, content.tips);
  writeReferences(writer, sop, context);
  for (const section of content.additionalSections) writeMarkdownSection(writer, section.title, section.body);

  const chart = renderPrintableFlowchart(content.procedure, { title: `${sop.key} ${sop.title}` });
  if (chart) {
    writer.space(6);
    writeFlowchart(writer, chart, `${sop.key} ${sop.title}, version ${sop.versionLabel}`, (continued) => writeSectionHeading(writer, continued ? 'Flowchart (continued)' : 'Flowchart', 0));
  }
}

function writeFacts(writer: PdfWriter, sop: ManualSop): void {
  const facts: Array<[string, string]> = [
    ['Version', sop.versionLabel],
    ['Owner', sop.ownerName ?? '—'],
    ['Effective', formatDate(sop.effectiveAt)],
    ['Next review due', formatDate(sop.nextReviewDue)],
    ['Channels', sop.channels.join(', ') || '—'],
    ['For', sop.audience.join(', ') || '—'],
  ];
  const columns = 3;
  const gap = 16;
  const columnWidth = (writer.width - gap * (columns - 1)) / columns;
  for (let row = 0; row < facts.length; row += columns) {
    const cells = facts.slice(row, row + columns);
    const top = writer.y;
    const heights = cells.map(([, value]) => writer.heightOf(value, columnWidth, { font: FONTS.bold, size: 9.5 }));
    cells.forEach(([label, value], index) => {
      const x = writer.left + index * (columnWidth + gap);
      writer.line(x, top, x + columnWidth, top);
      writer.textAt(label.toUpperCase(), x, top + 5, { font: FONTS.bold, size: 6.8, color: COLORS.muted, characterSpacing: 0.5 });
      writer.y = top + 15;
      writer.text(value, x, columnWidth, { font: FONTS.bold, size: 9.5 });
    });
    writer.y = top + 15 + Math.max(...heights) + 7;
  }
}

function writeApprovals(writer: PdfWriter, sop: ManualSop): void {
  writeSectionHeading(writer, 'Approvals');
  if (sop.approvals.length === 0) {
    writer.text('No electronic signature is recorded for this version.', writer.left, writer.width, { size: 9.5, color: COLORS.muted, font: FONTS.italic });
    return;
  }
  writer.table(
    [
      ['Signed by', 'Meaning', 'Date', 'Content hash'],
      ...sop.approvals.map((approval) => [approval.signerName, describeMeaning(approval.meaning), formatDate(approval.signedAt), shortHash(approval.contentHash)]),
    ],
    writer.left,
    writer.width,
    { header: true, size: 9, columns: ['*', '*', 105, 95], monoColumns: [3] },
  );
}

/** A section title in the accent colour with a rule under it, kept with what follows. */
export function writeSectionHeading(writer: PdfWriter, title: string, keepWith = 48): void {
  writer.space(12);
  writer.ensureSpace(30 + keepWith);
  writer.text(title, writer.left, writer.width, { font: FONTS.bold, size: 11.5, color: COLORS.accent });
  writer.line(writer.left, writer.y + 2, writer.right, writer.y + 2);
  writer.space(8);
}

function writeMarkdownSection(writer: PdfWriter, title: string, markdown: string): void {
  const blocks = markdownToPdfBlocks(markdown);
  if (blocks.length === 0) return;
  writeSectionHeading(writer, title);
  writer.markdown(blocks, writer.left, writer.width, BODY);
}

/** Term and explanation side by side: responsibilities (role → duties) and the glossary. */
function writePairs(writer: PdfWriter, title: string, pairs: Array<[string, string]>): void {
  if (pairs.length === 0) return;
  writeSectionHeading(writer, title);
  const termWidth = 128;
  const gap = 14;
  const valueWidth = writer.width - termWidth - gap;
  pairs.forEach(([term, value], index) => {
    const height = Math.max(writer.heightOf(term, termWidth, { font: FONTS.bold, size: 9.5 }), writer.heightOf(value, valueWidth, { size: 9.5 }));
    writer.ensureSpace(height + 8);
    const top = writer.y;
    if (index > 0) writer.line(writer.left, top - 4, writer.right, top - 4);
    writer.text(term, writer.left, termWidth, { font: FONTS.bold, size: 9.5 });
    writer.y = top;
    writer.text(value, writer.left + termWidth + gap, valueWidth, { size: 9.5 });
    writer.y = top + height + 8;
  });
}

function writeReferences(writer: PdfWriter, sop: ManualSop, context: ProcedureContext): void {
  const references = sop.content.references;
  if (references.length === 0) return;
  writeSectionHeading(writer, SECTION_TITLES.references);
  for (const reference of references) {
    writer.ensureSpace(14);
    const text = referenceText(reference);
    const inManual = reference.kind === 'sop' && context.keys.has(reference.target);
    const href = reference.kind === 'link' ? safeHref(reference.target) : null;
    writer.textAt('•', writer.left + 2, writer.y, { size: 9.5, color: COLORS.accent });
    const top = writer.y;
    writer.text(text, writer.left + 12, writer.width - 12, { size: 9.5, color: inManual || href ? COLORS.accent : COLORS.ink }, href ? { link: href } : {});
    if (inManual) writer.doc.goTo(writer.left + 12, top, writer.widthOf(text, { size: 9.5 }), writer.y - top, sopAnchor(reference.target));
    writer.space(3);
  }
}
