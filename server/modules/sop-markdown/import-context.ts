import type { Code, Heading, Node, RootContent } from 'mdast';
import type { ImportReportBuilder } from './import-report';
import { stringifyBlocks, stringifyPhrasing } from './markdown-processor';
import { lineRange, sourceOfRange } from './markdown-source';

/** What every part of an import shares: the source text, which nodes were rewritten, and the report. */
export class ImportContext {
  constructor(
    readonly source: string,
    private readonly dirty: WeakSet<Node>,
    readonly report: ImportReportBuilder,
  ) {}

  isRewritten(node: Node): boolean {
    return this.dirty.has(node);
  }

  /**
   * Markdown of one block, as the author wrote it (without the indentation of the list item it sits in);
   * re-serialised only when it was rewritten (raw HTML, unsafe links, reference links).
   */
  blockMarkdown(node: RootContent, indent: number, target?: string): string {
    if (target !== undefined) this.reportSpecialBlock(node, target);
    if (!this.dirty.has(node)) {
      // Dedent by the block's own column: a fence indented under a list item reads back at the margin.
      const raw = sourceOfRange(this.source, node, node, Math.max(indent, (node.position?.start.column ?? 1) - 1));
      // Tabs in indentation make column-based dedenting unreliable; re-serialise those.
      if (indent === 0 || !/\n[ ]*\t/.test(raw)) return raw;
    }
    return stringifyBlocks([node]);
  }

  blocksMarkdown(nodes: readonly RootContent[], indent: number, target?: string): string {
    return nodes
      .map((node) => this.blockMarkdown(node, indent, target))
      .filter((markdown) => markdown.trim() !== '')
      .join('\n\n');
  }

  /** A heading at another depth (kept inside a section body). */
  headingMarkdown(heading: Heading, depth: number): string {
    const first = heading.children[0];
    const last = heading.children.at(-1);
    const inner =
      first && last && !this.dirty.has(heading) && first.position && last.position
        ? this.source.slice(first.position.start.offset, last.position.end.offset)
        : stringifyPhrasing(heading.children);
    return `${'#'.repeat(Math.min(6, Math.max(1, depth)))} ${inner}`;
  }

  /** Tables, diagrams and code are worth naming in the report: they stay as Markdown, not as structure. */
  private reportSpecialBlock(node: RootContent, target: string): void {
    if (node.type === 'table') {
      this.report.add('kept-as-content', lineRange(node), `Table (${node.children.length - 1} rows) kept as Markdown.`, target);
    } else if (node.type === 'code' && node.lang?.toLowerCase() === 'mermaid') {
      this.reportMermaid(node, target);
    }
  }

  private reportMermaid(node: Code, target: string): void {
    this.report.add('kept-as-content', lineRange(node), 'Mermaid diagram kept verbatim.', target);
    const firstLine = node.value.trim().split('\n')[0]?.trim() ?? '';
    if (/^(graph|flowchart)\b/i.test(firstLine)) {
      const decisions = countMermaidDecisions(node.value);
      this.report.add(
        'warning',
        lineRange(node),
        `The mermaid block is a flowchart${decisions > 0 ? ` with ${decisions} decision node${decisions === 1 ? '' : 's'}` : ''}: a possible basis for the procedure's decisions, which were not created from it.`,
        target,
      );
    }
  }
}

/** Rhombus nodes, `id{label}`, are a flowchart's decisions. */
function countMermaidDecisions(value: string): number {
  const ids = new Set<string>();
  for (const match of value.matchAll(/([A-Za-z0-9_]+)\s*\{(?!\{)[^}]*\}/g)) if (match[1]) ids.add(match[1]);
  return ids.size;
}
