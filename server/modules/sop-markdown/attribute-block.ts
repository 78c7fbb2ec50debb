// The trailing `{#id name=value flag}` block that carries what a step, branch or record field is, besides
// its visible text. It sits at the end of the item's first line, so it survives hand editing, and remark
// reads it as plain text (nothing in it is Markdown syntax), so parsing it is independent of Markdown.

export type AttributeValue = string | true;

export type AttributeBlock = {
  /** From `#id`. */
  id?: string;
  /** In written order; a name may repeat (`option=A option=B`). */
  entries: Array<[name: string, value: AttributeValue]>;
};

const BARE_VALUE = /^[A-Za-z0-9_.:/+@-]+$/;
const ID_CHAR = /[A-Za-z0-9_-]/;
const NAME_START = /[A-Za-z]/;
const NAME_CHAR = /[A-Za-z0-9_-]/;

/** `{#s1 kind=referral referTo="Team lead" note}`; values are bare when they are simple, JSON strings otherwise. */
export function formatAttributeBlock(block: AttributeBlock): string {
  const parts: string[] = [];
  if (block.id !== undefined) parts.push(`#${block.id}`);
  for (const [name, value] of block.entries) {
    parts.push(value === true ? name : `${name}=${BARE_VALUE.test(value) ? value : JSON.stringify(value)}`);
  }
  return `{${parts.join(' ')}}`;
}

/**
 * Splits `Confirm the order. {#s1 role=Agent}` into the text before the block and the block. The block must
 * end the string; of several candidates the leftmost that reads to the end wins, so a quoted value that
 * itself contains `{#…}` cannot be mistaken for the block.
 */
export function splitTrailingAttributeBlock(source: string): { text: string; block: AttributeBlock } | undefined {
  const value = source.trimEnd();
  if (!value.endsWith('}')) return undefined;
  let from = value.indexOf('{');
  while (from !== -1) {
    if (from === 0 || /\s/.test(value[from - 1] ?? '')) {
      const block = readBlock(value, from);
      if (block) return { text: value.slice(0, from).trimEnd(), block };
    }
    from = value.indexOf('{', from + 1);
  }
  return undefined;
}

function readBlock(source: string, start: number): AttributeBlock | undefined {
  const block: AttributeBlock = { entries: [] };
  let at = start + 1;
  let count = 0;
  for (;;) {
    while (source[at] === ' ' || source[at] === '\t') at++;
    const char = source[at];
    if (char === undefined) return undefined;
    if (char === '}') {
      at++;
      break;
    }
    if (count > 0 && !/\s/.test(source[at - 1] ?? '')) return undefined;
    if (char === '#') {
      let end = at + 1;
      while (end < source.length && ID_CHAR.test(source[end] ?? '')) end++;
      if (end === at + 1 || block.id !== undefined) return undefined;
      block.id = source.slice(at + 1, end);
      at = end;
    } else if (NAME_START.test(char)) {
      let end = at + 1;
      while (end < source.length && NAME_CHAR.test(source[end] ?? '')) end++;
      const name = source.slice(at, end);
      at = end;
      if (source[at] === '=') {
        at++;
        const read = source[at] === '"' ? readQuoted(source, at) : readBare(source, at);
        if (!read) return undefined;
        block.entries.push([name, read.value]);
        at = read.end;
      } else {
        block.entries.push([name, true]);
      }
    } else {
      return undefined;
    }
    count++;
    if (source[at] !== undefined && source[at] !== '}' && !/\s/.test(source[at] ?? '')) return undefined;
  }
  return at === source.length && count > 0 ? block : undefined;
}

function readQuoted(source: string, start: number): { value: string; end: number } | undefined {
  let at = start + 1;
  while (at < source.length) {
    const char = source[at];
    if (char === '\\') at += 2;
    else if (char === '"') {
      try {
        const value: unknown = JSON.parse(source.slice(start, at + 1));
        return typeof value === 'string' ? { value, end: at + 1 } : undefined;
      } catch {
        return undefined;
      }
    } else at++;
  }
  return undefined;
}

function readBare(source: string, start: number): { value: string; end: number } | undefined {
  let end = start;
  while (end < source.length && !/[\s"{}=]/.test(source[end] ?? '')) end++;
  return end > start ? { value: source.slice(start, end), end } : undefined;
}

/** The last value of `name`, if given. */
export function attribute(block: AttributeBlock, name: string): AttributeValue | undefined {
  let found: AttributeValue | undefined;
  for (const [key, value] of block.entries) if (key === name) found = value;
  return found;
}

/** A string attribute (a bare flag reads as undefined). */
export function stringAttribute(block: AttributeBlock, name: string): string | undefined {
  const value = attribute(block, name);
  return typeof value === 'string' ? value : undefined;
}

/** `note` → true, `note=false` → false, absent → undefined. */
export function booleanAttribute(block: AttributeBlock, name: string): boolean | undefined {
  const value = attribute(block, name);
  if (value === undefined) return undefined;
  return value === true || value === 'true' || value === 'yes';
}
