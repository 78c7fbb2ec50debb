import type { Root, Yaml } from 'mdast';
import YAML, { LineCounter, isMap, isScalar } from 'yaml';
import { SopImportError } from './sop-import-error';

export type FrontMatter = {
  data: Record<string, unknown>;
  /** Lines of the whole block, `---` included. */
  line: number;
  endLine: number;
  /** Source line of each top-level key. */
  keyLines: Map<string, number>;
};

/** The YAML front matter of a parsed document, if it has one; malformed YAML is refused with its line. */
export function readFrontMatter(root: Root): FrontMatter | undefined {
  const node = root.children[0];
  if (node?.type !== 'yaml') return undefined;
  return parseFrontMatter(node);
}

function parseFrontMatter(node: Yaml): FrontMatter {
  const line = node.position?.start.line ?? 1;
  const endLine = node.position?.end.line ?? line;
  const lineCounter = new LineCounter();
  const document = YAML.parseDocument(node.value, { lineCounter, prettyErrors: true });
  const error = document.errors[0];
  if (error) {
    const errorLine = line + (error.linePos?.[0]?.line ?? 1);
    // The parser's own position is relative to the block; ours counts from the top of the file.
    const reason = (error.message.split('\n')[0] ?? 'invalid YAML').replace(/ at line \d+, column \d+:?$/, '');
    throw new SopImportError('import_malformed', `The front matter is not valid YAML (line ${errorLine}): ${reason}`, { line: errorLine });
  }
  const keyLines = new Map<string, number>();
  const contents = document.contents;
  if (contents !== null && !isMap(contents)) {
    throw new SopImportError('import_malformed', `The front matter (line ${line}) must be a list of "key: value" lines.`, { line });
  }
  if (contents) {
    for (const pair of contents.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const offset = isScalar(pair.key) ? pair.key.range?.[0] : undefined;
      keyLines.set(key, offset === undefined ? line : line + lineCounter.linePos(offset).line);
    }
  }
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: 100 });
  } catch (cause) {
    throw new SopImportError('import_malformed', `The front matter (line ${line}) could not be read: ${(cause as Error).message}`, { line });
  }
  return { data: (data ?? {}) as Record<string, unknown>, line, endLine, keyLines };
}
