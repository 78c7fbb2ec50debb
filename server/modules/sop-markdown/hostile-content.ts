import type { Definition, Node, Parent, PhrasingContent, Root, RootContent } from 'mdast';

// An import keeps text as Markdown and never makes anything executable out of it: raw HTML becomes code
// (visible, inert), and links whose scheme could run script become text. Rendering sanitises again; this
// makes the stored Markdown itself harmless.

const SAFE_SCHEMES = new Set(['http', 'https', 'mailto', 'tel', 'ftp', 'ftps', 'sms']);
const PHRASING_PARENTS = new Set(['paragraph', 'heading', 'emphasis', 'strong', 'delete', 'link', 'linkReference', 'tableCell']);

export type HostileFinding = { line: number; endLine: number; message: string };

export type NeutralisedTree = {
  /** Nodes changed here, and their ancestors: their source text is no longer what they hold. */
  dirty: WeakSet<Node>;
  findings: HostileFinding[];
};

/** True for a URL whose scheme is not one a document link needs (`javascript:`, `data:`, `vbscript:` …). */
export function isUnsafeUrl(url: string): boolean {
  // Browsers ignore control characters and white space inside a scheme ("java\tscript:").
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  const cleaned = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(cleaned)?.[1];
  return scheme !== undefined && !SAFE_SCHEMES.has(scheme);
}

/** Rewrites, in place, raw HTML into code, reference links into inline links, and unsafe links into text. */
export function neutraliseHostileContent(root: Root): NeutralisedTree {
  const definitions = new Map<string, Definition>();
  collectDefinitions(root, definitions);
  const dirty = new WeakSet<Node>();
  const findings: HostileFinding[] = [];
  walk(root, []);
  return { dirty, findings };

  function walk(parent: Parent, ancestors: Parent[]): void {
    const children = parent.children as Node[];
    for (let index = 0; index < children.length; index++) {
      const child = children[index] as RootContent;
      const replacement = rewrite(child, parent);
      if (replacement) {
        children.splice(index, 1, ...replacement);
        for (const node of [...ancestors, parent, ...replacement]) dirty.add(node);
        index += replacement.length - 1;
        for (const node of replacement) if ('children' in node) walk(node as Parent, [...ancestors, parent]);
        continue;
      }
      if ('children' in child) walk(child as Parent, [...ancestors, parent]);
    }
  }

  function rewrite(node: RootContent, parent: Parent): RootContent[] | undefined {
    const position = node.position;
    const range = { line: position?.start.line ?? 0, endLine: position?.end.line ?? 0 };
    switch (node.type) {
      case 'html': {
        if (node.value.trim() === '') return undefined;
        findings.push({ ...range, message: 'Raw HTML was kept as code: it will not run or render as HTML.' });
        return PHRASING_PARENTS.has(parent.type) ? [{ type: 'inlineCode', value: node.value, position }] : [{ type: 'code', lang: 'html', meta: null, value: node.value, position }];
      }
      case 'linkReference':
      case 'imageReference': {
        const definition = definitions.get(node.identifier);
        if (!definition) return undefined;
        const resolved: RootContent =
          node.type === 'linkReference'
            ? { type: 'link', url: definition.url, title: definition.title ?? null, children: node.children, position }
            : { type: 'image', url: definition.url, title: definition.title ?? null, alt: node.alt ?? null, position };
        return rewrite(resolved, parent) ?? [resolved];
      }
      case 'link':
      case 'image': {
        if (!isUnsafeUrl(node.url)) return undefined;
        findings.push({ ...range, message: `A link to "${node.url.slice(0, 60)}" could run script; it was kept as text, not as a link.` });
        const label: PhrasingContent[] = node.type === 'link' ? node.children : [{ type: 'text', value: node.alt ?? '' }];
        return [...label, { type: 'text', value: ' (' }, { type: 'inlineCode', value: node.url }, { type: 'text', value: ')' }];
      }
      case 'definition': {
        if (!isUnsafeUrl(node.url)) return undefined;
        findings.push({ ...range, message: `A link definition to "${node.url.slice(0, 60)}" could run script; it was kept as text.` });
        return [{ type: 'paragraph', children: [{ type: 'text', value: `[${node.label ?? node.identifier}]: ` }, { type: 'inlineCode', value: node.url }], position }];
      }
      default:
        return undefined;
    }
  }
}

function collectDefinitions(parent: Parent, into: Map<string, Definition>): void {
  for (const child of parent.children as Node[]) {
    if (child.type === 'definition') {
      const definition = child as Definition;
      if (!into.has(definition.identifier)) into.set(definition.identifier, definition);
    } else if ('children' in child) {
      collectDefinitions(child as Parent, into);
    }
  }
}

/** Whether anything in the tree would be rewritten by `neutraliseHostileContent` (without changing it). */
export function hasHostileContent(parent: Parent): boolean {
  for (const child of parent.children as RootContent[]) {
    if (child.type === 'html' && child.value.trim() !== '') return true;
    if ((child.type === 'link' || child.type === 'image' || child.type === 'definition') && isUnsafeUrl(child.url)) return true;
    if ('children' in child && hasHostileContent(child)) return true;
  }
  return false;
}
