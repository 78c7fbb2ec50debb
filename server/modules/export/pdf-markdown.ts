import type { Nodes, PhrasingContent, RootContent } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { safeHref } from './markdown-html';

// Markdown for the PDF: the same parser as the HTML (CommonMark + GFM), reduced to the few block
// and inline forms a printed SOP needs. Raw HTML is left out, as the HTML sanitiser does.

export type PdfRun = { text: string; bold?: boolean; italic?: boolean; code?: boolean; link?: string };

export type PdfBlock =
  | { kind: 'paragraph'; runs: PdfRun[] }
  | { kind: 'heading'; runs: PdfRun[] }
  | { kind: 'list'; ordered: boolean; start: number; items: PdfBlock[][] }
  | { kind: 'code'; text: string }
  | { kind: 'quote'; blocks: PdfBlock[] }
  | { kind: 'table'; rows: string[][] }
  | { kind: 'rule' };

const parser = unified().use(remarkParse).use(remarkGfm).freeze();

/** The blocks of a Markdown text; empty for blank input. */
export function markdownToPdfBlocks(markdown: string): PdfBlock[] {
  if (markdown.trim() === '') return [];
  return toBlocks(parser.parse(markdown).children);
}

function toBlocks(nodes: readonly RootContent[]): PdfBlock[] {
  const blocks: PdfBlock[] = [];
  for (const node of nodes) {
    switch (node.type) {
      case 'paragraph':
        blocks.push({ kind: 'paragraph', runs: toRuns(node.children, {}) });
        break;
      case 'heading':
        blocks.push({ kind: 'heading', runs: toRuns(node.children, { bold: true }) });
        break;
      case 'list':
        blocks.push({ kind: 'list', ordered: Boolean(node.ordered), start: node.start ?? 1, items: node.children.map((item) => toBlocks(item.children)) });
        break;
      case 'code':
        blocks.push({ kind: 'code', text: node.value });
        break;
      case 'blockquote':
        blocks.push({ kind: 'quote', blocks: toBlocks(node.children) });
        break;
      case 'table':
        blocks.push({ kind: 'table', rows: node.children.map((row) => row.children.map((cell) => plainText(cell))) });
        break;
      case 'thematicBreak':
        blocks.push({ kind: 'rule' });
        break;
      default:
        // Definitions, footnotes and raw HTML have no printed form; their text, if any, is kept.
        if ('children' in node && Array.isArray(node.children)) blocks.push(...toBlocks(node.children as RootContent[]));
    }
  }
  return blocks.filter((block) => block.kind !== 'paragraph' || block.runs.some((run) => run.text.trim() !== ''));
}

type Style = Omit<PdfRun, 'text'>;

function toRuns(nodes: readonly PhrasingContent[], style: Style): PdfRun[] {
  const runs: PdfRun[] = [];
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
        runs.push({ ...style, text: node.value.replace(/\n/g, ' ') });
        break;
      case 'inlineCode':
        runs.push({ ...style, code: true, text: node.value });
        break;
      case 'strong':
        runs.push(...toRuns(node.children, { ...style, bold: true }));
        break;
      case 'emphasis':
        runs.push(...toRuns(node.children, { ...style, italic: true }));
        break;
      case 'delete':
        runs.push(...toRuns(node.children, style));
        break;
      case 'break':
        runs.push({ ...style, text: '\n' });
        break;
      case 'link': {
        const href = safeHref(node.url);
        const linked = toRuns(node.children, href ? { ...style, link: href } : style);
        runs.push(...linked);
        // A printed page cannot be clicked: show where a link goes unless its text already says it.
        const shown = linked.map((run) => run.text).join('');
        if (href && shown.trim() !== node.url.trim() && !href.startsWith('mailto:')) runs.push({ ...style, text: ` (${node.url})` });
        break;
      }
      case 'image':
        if (node.alt) runs.push({ ...style, italic: true, text: `[${node.alt}]` });
        break;
      default:
        if ('children' in node) runs.push(...toRuns(node.children as PhrasingContent[], style));
    }
  }
  return runs;
}

function plainText(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.type === 'html' ? '' : node.value;
  if ('children' in node) return (node.children as Nodes[]).map(plainText).join('');
  return '';
}
