import PDFDocument from 'pdfkit';
import { formatDate, groupByCategory, sopAnchor, type Manual, type ManualCategory, type ManualSop } from './manual-model';
import { writeSop } from './pdf-sop';
import { COLORS, FONTS, PAGE, PdfWriter } from './pdf-writer';

// The printed manual: a title page, a table of contents with page numbers and links, then each
// SOP from a new page, with a running header and "Page n of N" in the footer. Pages are buffered
// so that the contents, written first, can be filled in once every SOP's page is known.

/** The whole published manual as a PDF. `compress: false` keeps the text readable in tests. */
export async function renderManualPdf(manual: Manual, options: { compress?: boolean } = {}): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right },
    autoFirstPage: false,
    bufferPages: true,
    compress: options.compress ?? true,
    displayTitle: true,
    lang: 'en-GB',
    info: {
      Title: `${manual.organisation.name} — Customer service manual`,
      Author: manual.organisation.name,
      Subject: 'Standard operating procedures in force',
      Creator: 'sopdesk',
      CreationDate: new Date(manual.generatedAt),
    },
  });
  const output = collect(doc);
  const writer = new PdfWriter(doc);
  const categories = groupByCategory(manual.sops);
  const context = { keys: new Set(manual.sops.map((sop) => sop.key)), governedActions: manual.governedActions };

  writeTitlePage(writer, manual, categories.length);
  const contents = reserveContents(writer, categories);
  const firstPages = new Map<string, number>();
  const sopOfPage: Array<ManualSop | null> = [];
  for (const category of categories) {
    let outline: PDFKit.PDFOutline | null = null;
    for (const sop of category.sops) {
      // A large manual takes seconds to lay out: let the server answer other requests in between.
      await new Promise((resolve) => setImmediate(resolve));
      writer.addPage();
      firstPages.set(sop.key, writer.pageIndex);
      doc.addNamedDestination(sopAnchor(sop.key));
      outline ??= doc.outline.addItem(category.name);
      outline.addItem(`${sop.key}  ${sop.title}`);
      writeSop(writer, sop, context);
      for (let page = firstPages.get(sop.key)!; page <= writer.pageIndex; page++) sopOfPage[page] = sop;
    }
  }
  writeContents(writer, contents, firstPages);
  writePageFurniture(writer, manual, sopOfPage);
  doc.end();
  return output;
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

function writeTitlePage(writer: PdfWriter, manual: Manual, categoryCount: number): void {
  writer.addPage();
  const { doc } = writer;
  doc.save().rect(0, 0, PAGE.width, 14).fill(COLORS.accent).restore();
  doc.save().rect(writer.left, 250, 56, 4).fill(COLORS.accent).restore();
  writer.y = 272;
  writer.text(manual.organisation.name.toUpperCase(), writer.left, writer.width, { font: FONTS.bold, size: 12, color: COLORS.accent, characterSpacing: 1.5 });
  writer.space(10);
  writer.text('Customer service manual', writer.left, writer.width, { font: FONTS.bold, size: 34, lineGap: 0 });
  writer.space(8);
  writer.text('Standard operating procedures in force', writer.left, writer.width, { size: 15, color: COLORS.muted });

  const count = manual.sops.length;
  const facts: Array<[string, string]> = [
    ['Generated', formatDate(manual.generatedAt)],
    ['Procedures', `${count} ${count === 1 ? 'SOP' : 'SOPs'}`],
    ['Categories', String(categoryCount)],
  ];
  const columnWidth = writer.width / facts.length;
  const top = 610;
  facts.forEach(([label, value], index) => {
    const x = writer.left + index * columnWidth;
    writer.line(x, top, x + columnWidth - 16, top, COLORS.rule, 1);
    writer.textAt(label.toUpperCase(), x, top + 8, { font: FONTS.bold, size: 7.5, color: COLORS.muted, characterSpacing: 0.8 });
    writer.textAt(value, x, top + 22, { font: FONTS.bold, size: 14 });
  });
  writer.y = 730;
  writer.text(
    'A printed copy is uncontrolled. The version in sopdesk is the one in force: check the version and effective date of an SOP before relying on a printed page.',
    writer.left,
    writer.width * 0.75,
    { size: 8.5, color: COLORS.muted },
  );
}

// The contents are laid out before the SOPs so that their pages can be reserved; the numbers are
// written afterwards.
const CONTENTS_TITLE_HEIGHT = 58;
const CATEGORY_HEIGHT = 30;
const ENTRY_HEIGHT = 19;

type ContentsItem = { page: number; y: number } & ({ kind: 'category'; name: string } | { kind: 'sop'; sop: ManualSop });
type Contents = { firstPage: number; items: ContentsItem[] };

function reserveContents(writer: PdfWriter, categories: readonly ManualCategory[]): Contents {
  const items: ContentsItem[] = [];
  let page = 0;
  let y = PAGE.top + CONTENTS_TITLE_HEIGHT;
  const fits = (height: number) => y + height <= writer.bottom;
  for (const category of categories) {
    // A category heading is never the last line of a page.
    if (!fits(CATEGORY_HEIGHT + ENTRY_HEIGHT)) ({ page, y } = { page: page + 1, y: PAGE.top });
    items.push({ kind: 'category', name: category.name, page, y });
    y += CATEGORY_HEIGHT;
    for (const sop of category.sops) {
      if (!fits(ENTRY_HEIGHT)) {
        ({ page, y } = { page: page + 1, y: PAGE.top });
        items.push({ kind: 'category', name: `${category.name} (continued)`, page, y });
        y += CATEGORY_HEIGHT;
      }
      items.push({ kind: 'sop', sop, page, y });
      y += ENTRY_HEIGHT;
    }
  }
  writer.addPage();
  const firstPage = writer.pageIndex;
  for (let extra = 0; extra < page; extra++) writer.addPage();
  return { firstPage, items };
}

function writeContents(writer: PdfWriter, contents: Contents, firstPages: ReadonlyMap<string, number>): void {
  const { doc } = writer;
  const last = writer.pageIndex;
  doc.switchToPage(contents.firstPage);
  writer.textAt('Contents', writer.left, PAGE.top, { font: FONTS.bold, size: 22 });
  if (contents.items.length === 0) writer.textAt('No SOP is published yet.', writer.left, PAGE.top + CONTENTS_TITLE_HEIGHT, { size: 10, color: COLORS.muted });
  const keyWidth = 96;
  const numberWidth = 30;
  let page = contents.firstPage;
  for (const item of contents.items) {
    if (contents.firstPage + item.page !== page) {
      page = contents.firstPage + item.page;
      doc.switchToPage(page);
    }
    if (item.kind === 'category') {
      writer.textAt(item.name.toUpperCase(), writer.left, item.y + 12, { font: FONTS.bold, size: 8.5, color: COLORS.accent, characterSpacing: 0.9 });
      continue;
    }
    const pageNumber = String(firstPages.get(item.sop.key)! + 1);
    const titleX = writer.left + keyWidth;
    const titleMax = writer.width - keyWidth - numberWidth - 24;
    const title = fitToWidth(writer, item.sop.title, titleMax);
    const titleWidth = writer.widthOf(title, { size: 10 });
    writer.textAt(item.sop.key, writer.left, item.y + 1, { size: 8.5, color: COLORS.muted });
    writer.textAt(title, titleX, item.y, { size: 10 });
    // Dot leaders from the title to the page number.
    const dotsFrom = titleX + titleWidth + 6;
    const dotsTo = writer.right - numberWidth - 4;
    const dot = writer.widthOf('.', { size: 8 }) + 1.5;
    if (dotsTo > dotsFrom) writer.textAt('.'.repeat(Math.floor((dotsTo - dotsFrom) / dot)), dotsFrom, item.y + 1, { size: 8, color: COLORS.leader, characterSpacing: 1.5 });
    writer.textAt(pageNumber, writer.right - numberWidth, item.y, { size: 10 }, { width: numberWidth, align: 'right' });
    doc.goTo(writer.left, item.y - 3, writer.width, ENTRY_HEIGHT - 2, sopAnchor(item.sop.key));
  }
  doc.switchToPage(last);
}

/** Shortens a title with an ellipsis so that a contents line never wraps. */
function fitToWidth(writer: PdfWriter, text: string, width: number): string {
  if (writer.widthOf(text, { size: 10 }) <= width) return text;
  let shortened = text;
  while (shortened.length > 1 && writer.widthOf(`${shortened}…`, { size: 10 }) > width) shortened = shortened.slice(0, -1);
  return `${shortened.trimEnd()}…`;
}

function writePageFurniture(writer: PdfWriter, manual: Manual, sopOfPage: ReadonlyArray<ManualSop | null>): void {
  const { doc } = writer;
  const { start, count } = doc.bufferedPageRange();
  for (let index = start; index < start + count; index++) {
    if (index === 0) continue;
    doc.switchToPage(index);
    // Furniture sits in the margins; without this pdfkit would start a new page for it.
    const bottomMargin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const footerY = PAGE.height - 42;
    writer.line(writer.left, footerY - 8, writer.right, footerY - 8);
    writer.textAt(`${manual.organisation.name}  ·  Customer service manual`, writer.left, footerY, { size: 7.5, color: COLORS.muted });
    writer.textAt(`Page ${index + 1} of ${count}`, writer.right - 120, footerY, { size: 7.5, color: COLORS.muted }, { width: 120, align: 'right' });
    const sop = sopOfPage[index];
    if (sop) {
      const headerY = 38;
      writer.textAt(`${sop.key}  ·  ${sop.title}`, writer.left, headerY, { size: 7.5, color: COLORS.muted }, { width: writer.width - 110, ellipsis: true, height: 10 });
      writer.textAt(`Version ${sop.versionLabel}`, writer.right - 100, headerY, { size: 7.5, color: COLORS.muted }, { width: 100, align: 'right' });
      writer.line(writer.left, headerY + 13, writer.right, headerY + 13);
    }
    doc.page.margins.bottom = bottomMargin;
  }
}
