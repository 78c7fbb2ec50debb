import SVGtoPDF from 'svg-to-pdfkit';
import { toPdfText } from './pdf-text';
import type { PrintableFlowchart } from './sop-flowchart';
import { COLORS, FONTS, PAGE, type PdfWriter } from './pdf-writer';

// A flowchart is drawn as vectors (svg-to-pdfkit), as wide as the text column. It stays on the
// current page if it fits, takes a page of its own if that is enough, is shrunk to one page if it
// stays readable, and otherwise runs over several pages at column width.

/** Below this share of the column-width scale a flowchart shrunk onto one page gets hard to read. */
const MIN_READABLE_SHRINK = 0.6;
/** A flowchart that nearly fits the rest of the page is shrunk this much at most to stay on it. */
const SLIGHT_SHRINK = 0.8;

type SvgSize = { width: number; height: number };

/** The intrinsic size of a standalone SVG: its viewBox, or its width and height attributes. */
export function svgSize(svg: string): SvgSize | null {
  const root = /<svg\b[^>]*>/i.exec(svg)?.[0];
  if (!root) return null;
  const viewBox = /\sviewBox\s*=\s*["']([^"']+)["']/i.exec(root)?.[1]?.trim().split(/[\s,]+/).map(Number);
  if (viewBox?.length === 4 && viewBox.every(Number.isFinite) && viewBox[2]! > 0 && viewBox[3]! > 0) return { width: viewBox[2]!, height: viewBox[3]! };
  const width = Number.parseFloat(/\swidth\s*=\s*["']([\d.]+)/i.exec(root)?.[1] ?? '');
  const height = Number.parseFloat(/\sheight\s*=\s*["']([\d.]+)/i.exec(root)?.[1] ?? '');
  return width > 0 && height > 0 ? { width, height } : null;
}

const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** The SVG with its text made printable by the standard fonts, and a viewBox so that it scales. */
function svgForPdf(svg: string, size: SvgSize): string {
  const printable = svg.replace(/>([^<]+)</g, (_match, text: string) => {
    const decoded = text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
      if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
      if (name.startsWith('#')) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
      return NAMED_ENTITIES[name.toLowerCase()] ?? entity;
    });
    return `>${toPdfText(decoded).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}<`;
  });
  return /<svg\b[^>]*\sviewBox=/i.test(printable) ? printable : printable.replace(/<svg\b/i, `<svg viewBox="0 0 ${size.width} ${size.height}"`);
}

/** The root's width and height set to the size to draw at: svg-to-pdfkit takes them over its own options. */
function resized(svg: string, width: number, height: number): string {
  return svg.replace(/<svg\b[^>]*>/i, (root) => {
    const bare = root.replace(/\s(width|height)\s*=\s*("[^"]*"|'[^']*')/gi, '');
    return bare.replace(/^<svg\b/i, `<svg width="${width}" height="${height}"`);
  });
}

function draw(writer: PdfWriter, svg: string, x: number, y: number, width: number, height: number): void {
  SVGtoPDF(writer.doc, resized(svg, width, height), x, y, {
    width,
    height,
    assumePt: true,
    // The standard fonts, whatever family the SVG asks for: the PDF embeds no font files.
    fontCallback: (_family: string, bold: boolean, italic: boolean) => (bold ? (italic ? FONTS.boldItalic : FONTS.bold) : italic ? FONTS.italic : FONTS.regular),
    warningCallback: () => undefined,
  });
}

/** Writes a flowchart with its heading; `writeHeading` draws the heading at the current position. */
export function writeFlowchart(writer: PdfWriter, chart: PrintableFlowchart, caption: string, writeHeading: (continued: boolean) => void): void {
  const { svg } = chart;
  const size = svgSize(svg);
  if (!size) return;
  const source = svgForPdf(svg, size);
  const headingHeight = 40;
  const captionHeight = 18;
  const pageRoom = writer.bottom - PAGE.top - headingHeight - captionHeight;
  const columnScale = Math.min(1, writer.width / size.width);
  const columnHeight = size.height * columnScale;

  const hereRoom = writer.bottom - writer.y - headingHeight - captionHeight;
  let scale = columnScale;
  if (columnHeight > hereRoom) {
    // Slightly smaller on this page reads better than a half-empty page before it.
    if (hereRoom / size.height >= columnScale * SLIGHT_SHRINK) scale = hereRoom / size.height;
    else if (columnHeight <= pageRoom) writer.addPage();
    else if (pageRoom / size.height >= columnScale * MIN_READABLE_SHRINK) {
      writer.addPage();
      scale = pageRoom / size.height;
    } else {
      writeTiled(writer, source, size, chart.cuts, columnScale, caption, writeHeading);
      return;
    }
  }
  writeHeading(false);
  const width = size.width * scale;
  const height = size.height * scale;
  draw(writer, source, writer.left + (writer.width - width) / 2, writer.y, width, height);
  writer.y += height + 6;
  writer.text(caption, writer.left, writer.width, { size: 8.5, color: COLORS.muted, font: FONTS.italic }, { align: 'center' });
}

/** A flowchart taller than a page, at column width, one slice per page, cut between shapes where possible. */
function writeTiled(writer: PdfWriter, svg: string, size: SvgSize, cuts: readonly number[], scale: number, caption: string, writeHeading: (continued: boolean) => void): void {
  const width = size.width * scale;
  const x = writer.left + (writer.width - width) / 2;
  // Offsets in SVG units: where each page's slice starts.
  let offset = 0;
  let part = 0;
  while (offset < size.height - 1) {
    writer.addPage();
    writeHeading(part > 0);
    const top = writer.y;
    const room = (writer.bottom - top - 22) / scale;
    const last = offset + room >= size.height;
    // The lowest cut that fits this page, unless it would waste more than half of it.
    const cut = last ? size.height : (cuts.filter((candidate) => candidate > offset + room / 2 && candidate <= offset + room).at(-1) ?? offset + room);
    const sliceHeight = (cut - offset) * scale;
    writer.doc.save().rect(x - 2, top, width + 4, sliceHeight).clip();
    draw(writer, svg, x, top - offset * scale, width, size.height * scale);
    writer.doc.restore();
    writer.y = top + sliceHeight + 6;
    writer.text(last ? caption : `${caption} (continued on the next page)`, writer.left, writer.width, { size: 8.5, color: COLORS.muted, font: FONTS.italic }, { align: 'center' });
    offset = cut;
    part++;
  }
}
