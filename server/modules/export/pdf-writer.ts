import type { PdfBlock, PdfRun } from './pdf-markdown';
import { toPdfText } from './pdf-text';

// Layout primitives over pdfkit: a fixed A4 page, a type scale, and text that never runs into the
// footer. Every string goes through toPdfText (see pdf-text.ts) on its way in.

export const PAGE = { width: 595.28, height: 841.89, top: 72, bottom: 66, left: 62, right: 62 } as const;

export const COLORS = {
  ink: '#1c2430',
  muted: '#5a6676',
  accent: '#1f5f8b',
  accentSoft: '#e8f0f7',
  bar: '#b7cde0',
  rule: '#d5dce5',
  leader: '#a3adb8',
  panel: '#f5f7fa',
  warn: '#8a4b00',
} as const;

export const FONTS = { regular: 'Helvetica', bold: 'Helvetica-Bold', italic: 'Helvetica-Oblique', boldItalic: 'Helvetica-BoldOblique', mono: 'Courier' } as const;

export type TextStyle = { font?: string; size?: number; color?: string; lineGap?: number; characterSpacing?: number };

/** Where something starts or ends: a page (0-based) and a height on it. */
export type Position = { page: number; y: number };

export class PdfWriter {
  constructor(readonly doc: PDFKit.PDFDocument) {}

  get left(): number {
    return PAGE.left;
  }
  get right(): number {
    return PAGE.width - PAGE.right;
  }
  get width(): number {
    return this.right - this.left;
  }
  /** The lowest point body text may reach. */
  get bottom(): number {
    return PAGE.height - PAGE.bottom;
  }
  get y(): number {
    return this.doc.y;
  }
  set y(value: number) {
    this.doc.y = value;
  }
  get pageIndex(): number {
    const range = this.doc.bufferedPageRange();
    return range.start + range.count - 1;
  }
  position(): Position {
    return { page: this.pageIndex, y: this.doc.y };
  }

  addPage(): void {
    this.doc.addPage();
  }

  /** Starts a new page unless `height` still fits below the current position. */
  ensureSpace(height: number): void {
    if (this.doc.y + height > this.bottom) this.addPage();
  }

  space(height: number): void {
    this.doc.y += height;
  }

  style({ font = FONTS.regular, size = 10, color = COLORS.ink }: TextStyle): PDFKit.PDFDocument {
    return this.doc.font(font).fontSize(size).fillColor(color);
  }

  heightOf(text: string, width: number, style: TextStyle = {}): number {
    this.style(style);
    return this.doc.heightOfString(toPdfText(text), { width, lineGap: style.lineGap ?? 2, characterSpacing: style.characterSpacing });
  }

  widthOf(text: string, style: TextStyle = {}): number {
    this.style(style);
    return this.doc.widthOfString(toPdfText(text), { characterSpacing: style.characterSpacing });
  }

  /** A block of text at `x` (absolute), wrapping at `width`; the position moves below it. */
  text(text: string, x: number, width: number, style: TextStyle = {}, options: PDFKit.Mixins.TextOptions = {}): void {
    this.style(style).text(toPdfText(text), x, this.doc.y, { width, lineGap: style.lineGap ?? 2, characterSpacing: style.characterSpacing, ...options });
  }

  /** Text at a fixed point that does not move the position (labels, page furniture). */
  textAt(text: string, x: number, y: number, style: TextStyle = {}, options: PDFKit.Mixins.TextOptions = {}): void {
    const { x: savedX, y: savedY } = this.doc;
    this.style(style).text(toPdfText(text), x, y, { lineBreak: false, characterSpacing: style.characterSpacing, ...options });
    this.doc.x = savedX;
    this.doc.y = savedY;
  }

  line(x1: number, y1: number, x2: number, y2: number, color: string = COLORS.rule, lineWidth = 0.75): void {
    this.doc.save().moveTo(x1, y1).lineTo(x2, y2).lineWidth(lineWidth).strokeColor(color).stroke().restore();
  }

  /** Runs of mixed bold, italic, code and links as one wrapped paragraph. */
  runs(runs: readonly PdfRun[], x: number, width: number, style: TextStyle = {}): void {
    const size = style.size ?? 10;
    const visible = runs.filter((run) => run.text !== '');
    if (visible.length === 0) return;
    this.ensureSpace(size * 1.4);
    visible.forEach((run, index) => {
      const font = run.code ? FONTS.mono : run.bold && run.italic ? FONTS.boldItalic : run.bold ? FONTS.bold : run.italic ? FONTS.italic : (style.font ?? FONTS.regular);
      this.doc
        .font(font)
        .fontSize(run.code ? size * 0.95 : size)
        .fillColor(run.link ? COLORS.accent : (style.color ?? COLORS.ink));
      const options: PDFKit.Mixins.TextOptions = { width, lineGap: style.lineGap ?? 2, continued: index < visible.length - 1, link: run.link ?? null, underline: Boolean(run.link) };
      if (index === 0) this.doc.text(toPdfText(run.text), x, this.doc.y, options);
      else this.doc.text(toPdfText(run.text), options);
    });
  }

  /** Markdown blocks (see pdf-markdown.ts) at `x`, wrapping at `width`. */
  markdown(blocks: readonly PdfBlock[], x: number, width: number, style: TextStyle = {}): void {
    const size = style.size ?? 10;
    blocks.forEach((block, index) => {
      if (index > 0) this.space(size * 0.45);
      switch (block.kind) {
        case 'paragraph':
          this.runs(block.runs, x, width, style);
          break;
        case 'heading':
          this.ensureSpace(size * 3);
          this.runs(block.runs, x, width, { ...style, size: size + 0.5 });
          break;
        case 'list':
          block.items.forEach((item, itemIndex) => {
            this.ensureSpace(size * 1.4);
            const marker = block.ordered ? `${block.start + itemIndex}.` : '•';
            const indent = block.ordered ? size * 1.6 : size * 1.1;
            this.textAt(marker, x + (block.ordered ? 0 : 2), this.doc.y, { ...style, color: block.ordered ? (style.color ?? COLORS.ink) : COLORS.accent });
            this.markdown(item, x + indent, width - indent, style);
            this.space(size * 0.2);
          });
          break;
        case 'code': {
          const text = toPdfText(block.text);
          this.style({ font: FONTS.mono, size: size * 0.9 });
          const height = this.doc.heightOfString(text, { width: width - 12, lineGap: 1.5 });
          this.ensureSpace(Math.min(height + 8, 120));
          this.doc.save().rect(x, this.doc.y - 2, width, height + 8).fill(COLORS.panel).restore();
          this.style({ font: FONTS.mono, size: size * 0.9 }).text(text, x + 6, this.doc.y + 2, { width: width - 12, lineGap: 1.5 });
          this.space(4);
          break;
        }
        case 'quote': {
          const start = this.position();
          this.markdown(block.blocks, x + 10, width - 10, { ...style, color: COLORS.muted });
          if (start.page === this.pageIndex) this.line(x + 2, start.y, x + 2, this.doc.y, COLORS.rule, 2);
          break;
        }
        case 'table':
          this.table(block.rows, x, width, { header: true, size: size * 0.92 });
          break;
        case 'rule':
          this.line(x, this.doc.y + 3, x + width, this.doc.y + 3);
          this.space(8);
          break;
      }
    });
  }

  /**
   * Vertical bars at the given x positions from `start` to `end`, across page breaks: they mark
   * what belongs to a decision branch however long it runs.
   */
  bars(xs: readonly number[], start: Position, end: Position): void {
    if (xs.length === 0) return;
    const current = this.pageIndex;
    const { x: savedX, y: savedY } = this.doc;
    for (let page = start.page; page <= end.page; page++) {
      const from = page === start.page ? start.y : PAGE.top;
      const to = page === end.page ? end.y : this.bottom;
      if (to - from < 1) continue;
      if (page !== current) this.doc.switchToPage(page);
      for (const x of xs) this.line(x, from, x, to, COLORS.bar, 2.5);
    }
    if (this.pageIndex !== current) this.doc.switchToPage(current);
    this.doc.x = savedX;
    this.doc.y = savedY;
  }

  /** A ruled table; the first row is a header when `header` is set. Rows that do not fit move to the next page. */
  table(rows: readonly string[][], x: number, width: number, options: { header?: boolean; size?: number; columns?: Array<number | '*'>; monoColumns?: number[] } = {}): void {
    if (rows.length === 0) return;
    const size = options.size ?? 9;
    const columnCount = Math.max(...rows.map((row) => row.length));
    this.ensureSpace(size * 4);
    this.doc.table({
      position: { x, y: this.doc.y },
      maxWidth: width,
      columnStyles: options.columns ?? Array.from({ length: columnCount }, () => '*'),
      defaultStyle: { border: [0, 0, 0.6, 0], borderColor: COLORS.rule, padding: [4, 6, 4, 6], textColor: COLORS.ink, align: { x: 'left', y: 'center' } },
      data: rows.map((row, rowIndex) =>
        Array.from({ length: columnCount }, (_, columnIndex) => {
          const header = options.header && rowIndex === 0;
          const mono = !header && options.monoColumns?.includes(columnIndex);
          return {
            text: toPdfText(row[columnIndex] ?? ''),
            font: { src: header ? FONTS.bold : mono ? FONTS.mono : FONTS.regular, size: header ? size * 0.92 : size },
            ...(header ? { backgroundColor: COLORS.panel, textColor: COLORS.muted, type: 'TH' as const } : {}),
          };
        }),
      ),
    });
    this.doc.x = this.left;
    this.space(4);
  }
}
