import type { Nodes, PhrasingContent, Root, RootContent } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkStringify from 'remark-stringify';
import { unified, type Data, type Processor } from 'unified';

type FromMarkdownExtension = Exclude<NonNullable<Data['fromMarkdownExtensions']>[number], unknown[]>;

// GFM finds literal autolinks ("www.…", "https://…", "name@host") a second time after parsing, in a
// tree transform that walks the whole tree once per pattern: a tenth of a parse or more. Every pattern
// needs "@", "http://", "https://" or "www." inside one text node, so a tree without any is left alone,
// exactly as the transform would leave it; a tree with one still goes through the transform.
const AUTOLINK_LITERAL_HINT = /@|https?:\/\/|www\./i;

function hasAutolinkLiteralHint(node: Nodes): boolean {
  if (node.type === 'text') return AUTOLINK_LITERAL_HINT.test(node.value);
  if (!('children' in node)) return false;
  for (const child of node.children) if (hasAutolinkLiteralHint(child)) return true;
  return false;
}

/** The GFM autolink literal extension is the one that enters `literalAutolink` tokens. */
function skipIdleAutolinkTransform(extension: FromMarkdownExtension): FromMarkdownExtension {
  if (!extension.enter?.literalAutolink || !extension.transforms) return extension;
  return { ...extension, transforms: extension.transforms.map((transform) => (tree: Root) => (hasAutolinkLiteralHint(tree) ? transform(tree) : undefined)) };
}

function remarkSkipIdleAutolinkTransform(this: Processor): void {
  const data = this.data();
  data.fromMarkdownExtensions = (data.fromMarkdownExtensions ?? []).map((entry) => (Array.isArray(entry) ? entry.map(skipIdleAutolinkTransform) : skipIdleAutolinkTransform(entry)));
}

// Built once: creating a unified processor per call costs more than parsing a typical SOP.
const parser = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).use(remarkSkipIdleAutolinkTransform).freeze();

const serializer = unified()
  .use(remarkStringify, {
    bullet: '-',
    bulletOther: '*',
    emphasis: '_',
    strong: '*',
    fence: '`',
    fences: true,
    rule: '-',
    listItemIndent: 'one',
    incrementListMarker: true,
  })
  .use(remarkGfm)
  .use(remarkFrontmatter, ['yaml'])
  .freeze();

/** CommonMark + GFM (tables, autolinks, strikethrough, task lists, footnotes) + YAML front matter, with positions. */
export function parseMarkdown(text: string): Root {
  return parser.parse(text);
}

/** Markdown for block nodes, without a trailing newline. */
export function stringifyBlocks(nodes: RootContent[]): string {
  if (nodes.length === 0) return '';
  return serializer.stringify({ type: 'root', children: nodes }).trimEnd();
}

/** Markdown for inline content, as one paragraph (escaped so that it reads back as the same inline content). */
export function stringifyPhrasing(children: PhrasingContent[]): string {
  return stringifyBlocks([{ type: 'paragraph', children }]);
}

// Words of letters and digits, separated by spaces, ", " or an underscore inside a word, hold nothing that
// Markdown reads as syntax: the serializer would return them as they are, at the cost of a whole run.
const PLAIN_WORDS = /^[\p{L}\p{N}]+(?:(?:_|,? +)[\p{L}\p{N}]+)*$/u;

/** Markdown for a plain string: every character that Markdown would read as syntax is escaped. */
export function escapeMarkdownText(value: string): string {
  if (PLAIN_WORDS.test(value)) return value;
  return stringifyPhrasing([{ type: 'text', value }]);
}

/**
 * The text a reader sees in inline content, one line per hard break. Inline code keeps its backticks (a
 * command or macro name reads better marked), links keep their label, images their alternative text.
 */
export function plainText(nodes: readonly Nodes[]): string {
  let out = '';
  for (const node of nodes) out += plainOf(node);
  return out;
}

function plainOf(node: Nodes): string {
  switch (node.type) {
    case 'text':
      return node.value;
    case 'inlineCode':
      return inlineCodeLiteral(node.value);
    case 'break':
      return '\n';
    case 'image':
      return node.alt ?? '';
    case 'imageReference':
      return node.alt ?? '';
    case 'html':
      return node.value;
    case 'footnoteReference':
      return `[^${node.label ?? node.identifier}]`;
    default:
      return 'children' in node ? plainText(node.children as Nodes[]) : 'value' in node ? String(node.value) : '';
  }
}

/** `value` fenced with enough backticks that it reads back as one code span. */
export function inlineCodeLiteral(value: string): string {
  const longest = Math.max(0, ...(value.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = value.startsWith('`') || value.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${value}${pad}${fence}`;
}

/** Plain text that keeps where links point: "the policy (https://…)", so that nothing is lost in a plain field. */
export function plainTextWithUrls(nodes: readonly Nodes[]): string {
  let out = '';
  for (const node of nodes) {
    if (node.type === 'link') {
      const label = plainTextWithUrls(node.children);
      out += label === '' || label === node.url || label === node.url.replace(/^mailto:/, '') ? node.url.replace(/^mailto:/, '') : `${label} (${node.url})`;
    } else if (node.type === 'image') {
      out += node.alt ? `${node.alt} (${node.url})` : node.url;
    } else if ('children' in node) {
      out += plainTextWithUrls(node.children as Nodes[]);
    } else {
      out += plainText([node]);
    }
  }
  return out;
}
