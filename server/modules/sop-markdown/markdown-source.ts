import type { Node } from 'mdast';

// Kept content is copied from the source rather than re-serialised: it is exact (the author's own
// formatting) and costs nothing, where re-serialising a whole SOP costs as much as parsing it.

/** Source text of the nodes `first`…`last` (siblings), with the container's indentation removed. */
export function sourceOfRange(source: string, first: Node, last: Node, indent: number): string {
  const start = first.position?.start;
  const end = last.position?.end;
  if (start?.offset === undefined || end?.offset === undefined) return '';
  // From the container's content column on the first line, so that extra indentation the node itself has is kept.
  const lineStart = start.offset - (start.column - 1);
  const from = Math.min(start.offset, lineStart + indent);
  return dedentLines(source.slice(from, end.offset), indent);
}

/** Removes up to `indent` leading spaces from every line but the first. */
export function dedentLines(text: string, indent: number): string {
  if (indent === 0 || !text.includes('\n')) return text;
  const lines = text.split('\n');
  for (let index = 1; index < lines.length; index++) {
    const line = lines[index] ?? '';
    let strip = 0;
    while (strip < indent && line.charCodeAt(strip) === 32) strip++;
    lines[index] = line.slice(strip);
  }
  return lines.join('\n');
}

/** Indents every non-empty line after the first by `indent` spaces (the inverse of `dedentLines`). */
export function indentLines(text: string, indent: number): string {
  const pad = ' '.repeat(indent);
  return text
    .split('\n')
    .map((line, index) => (index === 0 || line === '' ? line : pad + line))
    .join('\n');
}

/** 1-based first and last line of a node. */
export function lineRange(node: Node): { line: number; endLine: number } {
  return { line: node.position?.start.line ?? 0, endLine: node.position?.end.line ?? 0 };
}
