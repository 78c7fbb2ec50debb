import type { Paragraph, PhrasingContent } from 'mdast';
import { plainText } from './markdown-processor';

// A step is one instruction: the first sentence (or first line) of a list item. The rest of the item
// stays with the step as its detail, so nothing is lost by the split.

const ABBREVIATION = /(?:^|[\s(])(?:e\.g|i\.e|etc|vs|approx|incl|excl|no|nr|mr|mrs|ms|dr|st|cf|fig|ca|resp|esp|min|max|dept|ext|tel)\.$/i;
const INITIAL = /(?:^|\s)\p{Lu}\.$/u;
const SENTENCE_END = /[.!?]+["'”’)\]]*(?=\s)/g;
const SENTENCE_START = /^\s+[\p{Lu}\p{N}"'“‘([`]/u;

/** Where the first sentence or line of `plain` ends (the rest starts there), or -1 when it is all one sentence. */
export function firstSentenceEnd(plain: string): number {
  const newline = plain.indexOf('\n');
  SENTENCE_END.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = SENTENCE_END.exec(plain))) {
    const end = match.index + match[0].length;
    if (newline !== -1 && end > newline) break;
    const before = plain.slice(0, end);
    if (ABBREVIATION.test(before) || INITIAL.test(before)) continue;
    if (!SENTENCE_START.test(plain.slice(end))) continue;
    return plain.slice(end).trim() === '' ? -1 : end;
  }
  if (newline !== -1 && plain.slice(newline).trim() !== '') return newline;
  return -1;
}

/** Splits inline content at a character offset of its plain text; atomic nodes (links, code) stay whole on the left. */
export function splitPhrasing(nodes: readonly PhrasingContent[], at: number): [PhrasingContent[], PhrasingContent[]] {
  const left: PhrasingContent[] = [];
  const right: PhrasingContent[] = [];
  let offset = 0;
  for (const node of nodes) {
    const length = plainText([node]).length;
    if (offset + length <= at) left.push(node);
    else if (offset >= at) right.push(node);
    else if (node.type === 'text') {
      left.push({ type: 'text', value: node.value.slice(0, at - offset) });
      right.push({ type: 'text', value: node.value.slice(at - offset) });
    } else if (node.type === 'strong' || node.type === 'emphasis' || node.type === 'delete') {
      const [inner, outer] = splitPhrasing(node.children, at - offset);
      left.push({ ...node, children: inner });
      if (outer.length > 0) right.push({ ...node, children: outer });
    } else {
      left.push(node);
    }
    offset += length;
  }
  return [left, right];
}

export type SentenceSplit = {
  /** The instruction, on one line. */
  text: string;
  /** Inline content after it (empty when the paragraph was one sentence). */
  rest: PhrasingContent[];
  /** Offset in the paragraph's plain text where the rest starts. */
  restOffset: number;
  /** Links and images in the instruction, whose addresses plain text would lose. */
  links: PhrasingContent[];
};

export function splitFirstSentence(paragraph: Paragraph): SentenceSplit {
  const plain = plainText(paragraph.children);
  const end = firstSentenceEnd(plain);
  const [left, right] = end === -1 ? [paragraph.children, []] : splitPhrasing(paragraph.children, end);
  const text = plainText(left).replace(/\s+/g, ' ').trim();
  const links: PhrasingContent[] = [];
  collectLinks(left, text, links);
  return { text, rest: trimLeadingSpace(right), restOffset: end === -1 ? plain.length : end, links };
}

function collectLinks(nodes: readonly PhrasingContent[], text: string, into: PhrasingContent[]): void {
  for (const node of nodes) {
    if ((node.type === 'link' || node.type === 'image') && node.url !== '' && !text.includes(node.url)) into.push(node);
    else if ('children' in node) collectLinks(node.children as PhrasingContent[], text, into);
  }
}

function trimLeadingSpace(nodes: PhrasingContent[]): PhrasingContent[] {
  const result = [...nodes];
  while (result[0]?.type === 'text' && result[0].value.trim() === '') result.shift();
  const first = result[0];
  if (first?.type === 'text') result[0] = { ...first, value: first.value.trimStart() };
  return result;
}
