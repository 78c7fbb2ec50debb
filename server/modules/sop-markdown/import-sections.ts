import type { Link, List, ListItem, Paragraph, PhrasingContent, RootContent, Table } from 'mdast';
import { SOP_KEY_PATTERN, type SopContent } from '../../../common/procedure/model';
import type { ImportContext } from './import-context';
import { plainText, plainTextWithUrls, stringifyBlocks } from './markdown-processor';
import { lineRange } from './markdown-source';

// Responsibilities, glossary and references are lists of pairs in the model. What reads as such a pair
// ("**Term**: definition", a two-column table) is mapped; anything else in the section is kept, as Markdown.

export type Pair = { left: string; right: string };

export type PairsReading = { pairs: Pair[]; leftovers: string[] };

const SOP_KEY_IN_TEXT = /\b[A-Z][A-Z0-9]{1,9}(?:-[A-Z0-9]{1,10}){0,3}-\d{3,5}\b/;

/** "**Role**: duties" items or paragraphs, and two-column tables; `limits` are the model's maximum lengths. */
export function readPairs(blocks: readonly RootContent[], context: ImportContext, limits: { left: number; right: number }): PairsReading {
  const reading: PairsReading = { pairs: [], leftovers: [] };
  const fits = (pair: Pair | undefined): pair is Pair => pair !== undefined && pair.left.length <= limits.left && pair.right.length <= limits.right && pair.right !== '';
  for (const block of blocks) {
    if (block.type === 'list') {
      const kept: string[] = [];
      for (const item of block.children) {
        const pair = pairFromItem(item);
        if (fits(pair)) reading.pairs.push(pair);
        else kept.push(itemMarkdown(item, block, context));
      }
      if (kept.length > 0) reading.leftovers.push(kept.join('\n'));
    } else if (block.type === 'paragraph') {
      const pair = pairFromParagraph(block);
      if (fits(pair)) reading.pairs.push(pair);
      else reading.leftovers.push(context.blockMarkdown(block, 0));
    } else if (block.type === 'table' && isTwoColumnTable(block)) {
      for (const row of block.children.slice(1)) {
        const [left, right] = row.children.map((cell) => plainTextWithUrls(cell.children).trim());
        const pair = left ? { left, right: right ?? '' } : undefined;
        if (fits(pair)) reading.pairs.push(pair);
        else reading.leftovers.push(row.children.map((cell) => plainTextWithUrls(cell.children)).join(' | '));
      }
    } else {
      reading.leftovers.push(context.blockMarkdown(block, 0, 'additional section'));
    }
  }
  return reading;
}

/** List items as references: an SOP key, a link, or a document named in words. */
export function readReferences(blocks: readonly RootContent[], context: ImportContext): { references: SopContent['references']; leftovers: string[] } {
  const references: SopContent['references'] = [];
  const leftovers: string[] = [];
  for (const block of blocks) {
    if (block.type === 'paragraph' && isLinksOnly(block.children)) {
      for (const node of block.children) if (node.type === 'link') references.push(linkReference(node));
      continue;
    }
    if (block.type !== 'list') {
      leftovers.push(context.blockMarkdown(block, 0));
      continue;
    }
    const kept: string[] = [];
    for (const item of block.children) {
      const reference = referenceFromItem(item);
      if (reference) references.push(reference);
      else kept.push(itemMarkdown(item, block, context));
    }
    if (kept.length > 0) leftovers.push(kept.join('\n'));
  }
  return { references, leftovers };
}

function referenceFromItem(item: ListItem): SopContent['references'][number] | undefined {
  const paragraph = item.children[0];
  if (paragraph?.type !== 'paragraph' || item.children.length > 1) return undefined;
  const text = plainTextWithUrls(paragraph.children).replace(/\s+/g, ' ').trim();
  const link = findLink(paragraph.children);
  const key = SOP_KEY_IN_TEXT.exec(text)?.[0];
  if (key && SOP_KEY_PATTERN.test(key) && !link) {
    return withLabel({ kind: 'sop', target: key }, text.replace(key, '').replace(/^[\s:–—-]+|[\s:–—-]+$/g, ''));
  }
  if (link && link.url.length <= 500) {
    // The link's own address is the target; other links in the item stay in the label, with theirs.
    const label = plainTextWithUrls(paragraph.children.map((node) => (node === link ? { type: 'text' as const, value: plainText([node]) } : node)));
    return withLabel({ kind: 'link', target: link.url }, label.replace(/\s+/g, ' ').trim() === link.url ? '' : label.replace(/\s+/g, ' ').trim());
  }
  if (text !== '' && text.length <= 500) return { kind: 'document', target: text };
  return undefined;
}

/** A paragraph of links, one per line or separated by commas: a list of references without bullets. */
function isLinksOnly(nodes: readonly PhrasingContent[]): boolean {
  return nodes.some((node) => node.type === 'link') && nodes.every((node) => node.type === 'link' || node.type === 'break' || (node.type === 'text' && /^[\s,;·|]*$/.test(node.value)));
}

function linkReference(link: Link): SopContent['references'][number] {
  const label = plainText(link.children).replace(/\s+/g, ' ').trim().slice(0, 200);
  return label === '' || label === link.url ? { kind: 'link', target: link.url } : { kind: 'link', target: link.url, label };
}

function withLabel(reference: SopContent['references'][number], label: string): SopContent['references'][number] | undefined {
  if (label.length > 200) return undefined;
  return label === '' ? reference : { ...reference, label };
}

function findLink(nodes: readonly PhrasingContent[]): Link | undefined {
  for (const node of nodes) {
    if (node.type === 'link') return node;
    if ('children' in node) {
      const inner = findLink(node.children as PhrasingContent[]);
      if (inner) return inner;
    }
  }
  return undefined;
}

function pairFromItem(item: ListItem): Pair | undefined {
  const [first, ...rest] = item.children;
  if (first?.type !== 'paragraph') return undefined;
  const pair = pairFromParagraph(first);
  if (!pair || rest.length === 0) return pair;
  // More paragraphs under a term belong to its definition.
  const more = rest.map((node) => ('children' in node ? plainTextWithUrls(node.children as PhrasingContent[]) : '')).join(' ');
  return { left: pair.left, right: `${pair.right} ${more}`.replace(/\s+/g, ' ').trim() };
}

/** "**Term**: definition", "**Term** – definition", or "Term: definition" with a short term. */
function pairFromParagraph(paragraph: Paragraph): Pair | undefined {
  const pair = readPair(paragraph);
  // "**Note:** …" under a glossary is a note about the glossary, not a term.
  return pair && NOT_A_TERM.test(pair.left) ? undefined : pair;
}

const NOT_A_TERM = /^(?:note|notes|nb|important|warning|caution|tip|example|e\.g|see also)$/i;

function readPair(paragraph: Paragraph): Pair | undefined {
  const [head, ...tail] = paragraph.children;
  if (head && (head.type === 'strong' || head.type === 'emphasis')) {
    let left = plainText(head.children).trim();
    let right = plainTextWithUrls(tail).trim();
    if (left.endsWith(':')) left = left.slice(0, -1).trim();
    else if (/^[:\-–—]/.test(right)) right = right.replace(/^[:\-–—]\s*/, '');
    else return undefined;
    return left ? { left, right: right.replace(/\s+/g, ' ').trim() } : undefined;
  }
  const text = plainTextWithUrls(paragraph.children).replace(/\s+/g, ' ').trim();
  const colon = text.indexOf(': ');
  if (colon <= 0 || colon > 60 || text.slice(0, colon).split(' ').length > 6) return undefined;
  return { left: text.slice(0, colon).trim(), right: text.slice(colon + 2).trim() };
}

function isTwoColumnTable(table: Table): boolean {
  return table.children.every((row) => row.children.length === 2);
}

/** One list item as Markdown, with its bullet, to keep in a leftover list. */
function itemMarkdown(item: ListItem, list: List, context: ImportContext): string {
  const single: List = { ...list, children: [item], position: item.position };
  const markdown = context.isRewritten(item) ? stringifyBlocks([single]) : context.blockMarkdown(single, 0);
  return list.ordered || markdown.startsWith('-') || markdown.startsWith('*') || markdown.startsWith('+') ? markdown : `- ${markdown}`;
}

export function rangeOfBlocks(blocks: readonly RootContent[]): { line: number; endLine: number } {
  const first = blocks[0];
  const last = blocks.at(-1);
  return { line: first ? lineRange(first).line : 0, endLine: last ? lineRange(last).endLine : 0 };
}
