import type { Code, Heading, List, ListItem, Node, Paragraph, Root, RootContent, Table } from 'mdast';
import {
  REFERENCE_KINDS,
  SECTION_TITLES,
  STEP_KINDS,
  emptySopContent,
  type Branch,
  type RecordField,
  type SopContent,
  type Step,
  type StepKind,
} from '../../../common/procedure/model';
import { attribute, booleanAttribute, splitTrailingAttributeBlock, stringAttribute, type AttributeBlock } from './attribute-block';
import { readFrontMatter } from './front-matter';
import { plainText } from './markdown-processor';
import { sourceOfRange } from './markdown-source';
import {
  EXACT_TEXT_FENCE,
  FORMAT_MARKER,
  REFERENCE_KIND_LABELS,
  REFERENCE_LABEL_SEPARATOR,
  TEXT_SECTION_KEYS,
  type TextSectionKey,
} from './sop-markdown-format';

/** What a sopdesk Markdown file says, before validation against the model. */
export type SopMarkdownReading = {
  frontMatter: Record<string, unknown>;
  content: SopContent;
  /** Things a person edited by hand that the reader had to interpret; empty for an exported file. */
  warnings: string[];
};

type StructuredKey = 'responsibilities' | 'glossary' | 'references' | 'procedure';

/** Attributes that carry the exact values of a labelled list item. */
const OVERRIDE_KEYS = { responsibilities: ['role', 'duties'], glossary: ['term', 'definition'], references: ['target', 'label'] } as const;

const STANDARD_BY_TITLE = new Map<string, keyof typeof SECTION_TITLES>(
  Object.entries(SECTION_TITLES).map(([key, title]) => [title.toLowerCase(), key as keyof typeof SECTION_TITLES]),
);

/** True when the text starts with front matter carrying the `sopdesk:` marker. */
export function hasSopMarkdownMarker(root: Root): boolean {
  const first = root.children[0];
  return first?.type === 'yaml' && new RegExp(`^${FORMAT_MARKER}\\s*:`, 'm').test(first.value);
}

/** Reads the sections and steps of sopdesk Markdown. Validation is the caller's. */
export function readSopMarkdown(source: string, root: Root): SopMarkdownReading {
  const reader = new SopMarkdownReader(source);
  return reader.read(root);
}

class SopMarkdownReader {
  private readonly warnings: string[] = [];
  private readonly usedIds = new Set<string>();
  private readonly pendingFreshIds: Array<{ target: Step | Branch; prefix: 's' | 'b' }> = [];

  constructor(private readonly source: string) {}

  read(root: Root): SopMarkdownReading {
    const frontMatter = readFrontMatter(root)?.data ?? {};
    const content = emptySopContent();
    const seen = new Set<string>();
    const sections: Array<{ heading: Heading; nodes: RootContent[]; end: number }> = [];
    for (const node of root.children) {
      if (node.type === 'yaml') continue;
      if (node.type === 'heading' && node.depth === 2) {
        const previous = sections.at(-1);
        if (previous) previous.end = node.position?.start.offset ?? this.source.length;
        sections.push({ heading: node, nodes: [], end: this.source.length });
      } else if (sections.length > 0) {
        sections.at(-1)?.nodes.push(node);
      } else if (!(node.type === 'heading' && node.depth === 1)) {
        this.warnings.push(`Line ${node.position?.start.line}: text before the first section heading was kept under "Purpose".`);
        content.purpose = joinMarkdown(content.purpose, this.slice(node, node, 0));
      }
    }

    for (const section of sections) {
      const titlePlain = plainText(section.heading.children);
      const split = splitTrailingAttributeBlock(titlePlain);
      const exactTitle = split ? stringAttribute(split.block, 'title') : undefined;
      const title = exactTitle ?? titlePlain.trim();
      const standard = exactTitle === undefined ? STANDARD_BY_TITLE.get(title.toLowerCase()) : undefined;
      if (standard && !seen.has(standard)) {
        seen.add(standard);
        if ((TEXT_SECTION_KEYS as readonly string[]).includes(standard)) {
          content[standard as TextSectionKey] = this.sectionBody(section.heading, section.nodes, section.end);
        } else {
          this.readStructured(standard as StructuredKey, section.nodes, content);
        }
      } else {
        content.additionalSections.push({ title, body: this.sectionBody(section.heading, section.nodes, section.end) });
      }
    }
    this.assignFreshIds();
    return { frontMatter, content, warnings: this.warnings };
  }

  private sectionBody(heading: Heading, nodes: RootContent[], end: number): string {
    const only = nodes[0];
    if (nodes.length === 1 && only?.type === 'code' && only.lang === EXACT_TEXT_FENCE) return decodeExact(only.value);
    const start = heading.position?.end.offset ?? 0;
    return this.source
      .slice(start, end)
      .replace(/^(?:[ \t]*\n)+/, '')
      .trimEnd();
  }

  private readStructured(key: StructuredKey, nodes: RootContent[], content: SopContent): void {
    if (key === 'procedure') {
      for (const node of nodes) {
        if (node.type === 'list' && node.ordered) {
          for (const item of node.children) content.procedure.push(this.readStep(item));
        } else {
          this.keepStray(node, content.procedure.at(-1), content, SECTION_TITLES.procedure);
        }
      }
      return;
    }
    for (const node of nodes) {
      if (node.type === 'list') {
        for (const item of node.children) {
          const pair = this.readLabelledItem(item, OVERRIDE_KEYS[key]);
          if (key === 'responsibilities') {
            content.responsibilities.push({ role: pair.overrides.role ?? pair.left, duties: pair.overrides.duties ?? pair.right });
          } else if (key === 'glossary') {
            content.glossary.push({ term: pair.overrides.term ?? pair.left, definition: pair.overrides.definition ?? pair.right });
          } else {
            content.references.push(this.readReference(pair));
          }
        }
      } else if (node.type === 'table' && key !== 'references') {
        for (const [left, right] of this.tableRows(node)) {
          if (key === 'responsibilities') content.responsibilities.push({ role: left, duties: right });
          else content.glossary.push({ term: left, definition: right });
        }
      } else {
        this.keepStray(node, undefined, content, SECTION_TITLES[key]);
      }
    }
  }

  /** Hand-written content where the format expects list items: kept, never dropped. */
  private keepStray(node: RootContent, previousStep: Step | undefined, content: SopContent, sectionTitle: string): void {
    const markdown = this.slice(node, node, 0);
    this.warnings.push(`Line ${node.position?.start.line}: content in "${sectionTitle}" that is not a list item was kept ${previousStep ? `in the detail of step ${previousStep.id}` : 'as an additional section'}.`);
    if (previousStep) {
      previousStep.detail = joinMarkdown(previousStep.detail ?? '', markdown);
      return;
    }
    const title = `${sectionTitle} (notes)`;
    const existing = content.additionalSections.find((extra) => extra.title === title);
    if (existing) existing.body = joinMarkdown(existing.body, markdown);
    else content.additionalSections.push({ title, body: markdown });
  }

  private tableRows(table: Table): Array<[string, string]> {
    return table.children.slice(1).flatMap((row) => {
      const [left, ...rest] = row.children.map((cell) => plainText(cell.children).trim());
      return left ? [[left, rest.join(' ').trim()] as [string, string]] : [];
    });
  }

  /** `- **Left**: right {exact=…}` */
  private readLabelledItem(item: ListItem, overrideKeys: readonly string[]): { left: string; right: string; overrides: Record<string, string> } {
    const paragraph = firstParagraph(item);
    this.warnAboutExtraBlocks(item, 1);
    if (!paragraph) return { left: '', right: '', overrides: {} };
    const plain = plainText(paragraph.children);
    const split = splitTrailingAttributeBlock(plain);
    const overrides: Record<string, string> = {};
    const isOverride = split !== undefined && split.block.id === undefined && split.block.entries.length > 0 && split.block.entries.every(([name, value]) => overrideKeys.includes(name) && typeof value === 'string');
    if (isOverride) for (const [name, value] of split.block.entries) overrides[name] = value as string;
    const [head, ...tail] = paragraph.children;
    let left: string;
    let rest: string;
    if (head?.type === 'strong') {
      left = plainText(head.children);
      rest = plainText(tail);
    } else {
      const colon = plain.indexOf(':');
      left = colon === -1 ? plain : plain.slice(0, colon);
      rest = colon === -1 ? '' : plain.slice(colon);
    }
    if (split && isOverride) rest = rest.slice(0, Math.max(0, rest.length - (plain.length - split.text.length))).trimEnd();
    const right = rest.startsWith(': ') ? rest.slice(2) : rest.replace(/^:\s*/, '');
    return { left: left.trim(), right, overrides };
  }

  private readReference(pair: { left: string; right: string; overrides: Record<string, string> }): SopContent['references'][number] {
    const label = pair.left.toLowerCase();
    const kind =
      REFERENCE_KINDS.find((candidate) => REFERENCE_KIND_LABELS[candidate].toLowerCase() === label) ??
      (this.warnings.push(`Reference kind "${pair.left}" is not one of SOP, Policy, Document, Link; read as Document.`), 'document');
    if (pair.overrides.target !== undefined) {
      return pair.overrides.label === undefined ? { kind, target: pair.overrides.target } : { kind, target: pair.overrides.target, label: pair.overrides.label };
    }
    const separator = pair.right.indexOf(REFERENCE_LABEL_SEPARATOR);
    if (separator === -1) return { kind, target: pair.right };
    return { kind, target: pair.right.slice(0, separator), label: pair.right.slice(separator + REFERENCE_LABEL_SEPARATOR.length) };
  }

  private readStep(item: ListItem): Step {
    const paragraph = firstParagraph(item);
    const plain = paragraph ? plainText(paragraph.children) : '';
    const split = splitTrailingAttributeBlock(plain);
    const block = split?.block.id !== undefined ? split.block : undefined;
    const step: Step = { id: '', kind: 'action', text: block ? (stringAttribute(block, 'text') ?? split?.text ?? '') : plain.trim() };
    if (block?.id !== undefined) this.claimId(block.id, step);
    else this.pendingFreshIds.push({ target: step, prefix: 's' });
    if (!paragraph) this.warnings.push(`Line ${item.position?.start.line}: a step without an instruction.`);
    if (block) this.applyStepAttributes(step, block, item);

    const indent = paragraph ? (paragraph.position?.start.column ?? 1) - 1 : 0;
    const detailRuns: Node[][] = [];
    let structural = false;
    const fields: RecordField[] = [];
    const substeps: Step[] = [];
    const branches: Branch[] = [];
    const addDetail = (node: Node) => {
      const run = detailRuns.at(-1);
      if (run && !structural) run.push(node);
      else detailRuns.push([node]);
    };
    for (const child of item.children.slice(paragraph ? 1 : 0)) {
      if (child.type !== 'list') {
        if (structural) this.warnings.push(`Line ${child.position?.start.line}: text after the sub-steps of step ${step.id || '(new)'} was kept in its detail.`);
        addDetail(child);
        continue;
      }
      for (const entry of child.children) {
        const kind = classifyItem(entry, child) ?? (structural ? (child.ordered ? 'step' : startsWithIf(entry) ? 'branch' : undefined) : undefined);
        if (kind === 'step') {
          structural = true;
          substeps.push(this.readStep(entry));
        } else if (kind === 'branch') {
          structural = true;
          branches.push(this.readBranch(entry));
        } else if (kind === 'field') {
          structural = true;
          fields.push(this.readField(entry));
        } else {
          if (structural) this.warnings.push(`Line ${entry.position?.start.line}: a list item after the sub-steps of step ${step.id || '(new)'} was kept in its detail.`);
          addDetail(entry);
        }
      }
    }
    const detail = detailRuns.map((run) => this.detailOf(run, indent)).filter((text) => text !== '');
    if (detail.length > 0) step.detail = detail.join('\n\n');
    if (fields.length > 0) step.record = { ...(step.record ?? {}), fields };
    if (substeps.length > 0) step.substeps = substeps;
    if (branches.length > 0) step.branches = branches;
    return step;
  }

  private applyStepAttributes(step: Step, block: AttributeBlock, item: ListItem): void {
    const kind = stringAttribute(block, 'kind');
    if (kind !== undefined) {
      if ((STEP_KINDS as readonly string[]).includes(kind)) step.kind = kind as StepKind;
      else this.warnings.push(`Line ${item.position?.start.line}: unknown step kind "${kind}", read as action.`);
    }
    const role = stringAttribute(block, 'role');
    if (role !== undefined) step.role = role;
    const referTo = stringAttribute(block, 'referTo') ?? stringAttribute(block, 'refer');
    if (referTo !== undefined) step.referTo = referTo;
    const action = stringAttribute(block, 'action');
    if (action !== undefined) step.action = { key: action, hasAmount: booleanAttribute(block, 'amount') ?? false };
    const sopRef = stringAttribute(block, 'sop');
    if (sopRef !== undefined) step.sopRef = sopRef;
    const note = booleanAttribute(block, 'note');
    const attachment = booleanAttribute(block, 'attachment');
    if (note !== undefined || attachment !== undefined || attribute(block, 'record') !== undefined) {
      step.record = { fields: [] };
      if (note !== undefined) step.record.note = note;
      if (attachment !== undefined) step.record.attachment = attachment;
    }
    const known = new Set(['kind', 'role', 'referTo', 'refer', 'action', 'amount', 'sop', 'note', 'attachment', 'record', 'text']);
    for (const [name] of block.entries) {
      if (!known.has(name)) this.warnings.push(`Line ${item.position?.start.line}: unknown step attribute "${name}" ignored.`);
    }
  }

  private readBranch(item: ListItem): Branch {
    const paragraph = firstParagraph(item);
    const plain = paragraph ? plainText(paragraph.children) : '';
    const split = splitTrailingAttributeBlock(plain);
    const block = split?.block.id !== undefined ? split.block : undefined;
    let label = block ? stringAttribute(block, 'label') : undefined;
    if (label === undefined) {
      let text = block ? (split?.text ?? '') : plain.trim();
      const head = paragraph?.children[0];
      // "**If** Yes:" → "Yes"; a label that says its own condition ("Otherwise:") has no bold "If".
      if (head?.type === 'strong' && plainText(head.children).toLowerCase() === 'if') text = text.slice(plainText(head.children).length).replace(/^ /, '');
      label = text.endsWith(':') ? text.slice(0, -1) : text;
    }
    const branch: Branch = { id: '', label, steps: [] };
    if (block?.id !== undefined) this.claimId(block.id, branch);
    else this.pendingFreshIds.push({ target: branch, prefix: 'b' });
    const outcome = block ? stringAttribute(block, 'end') : undefined;
    if (outcome !== undefined) branch.end = { outcome };
    for (const child of item.children.slice(paragraph ? 1 : 0)) {
      if (child.type === 'list' && child.ordered) {
        for (const entry of child.children) branch.steps.push(this.readStep(entry));
      } else {
        const target = branch.steps.at(-1);
        const markdown = this.slice(child, child, (paragraph?.position?.start.column ?? 1) - 1);
        this.warnings.push(`Line ${child.position?.start.line}: text in branch "${label}" that is not a step was kept ${target ? `in the detail of step ${target.id || '(new)'}` : 'as a step'}.`);
        if (target) target.detail = joinMarkdown(target.detail ?? '', markdown);
        else {
          const step: Step = { id: '', kind: 'action', text: markdown.split('\n')[0] ?? markdown, detail: markdown };
          this.pendingFreshIds.push({ target: step, prefix: 's' });
          branch.steps.push(step);
        }
      }
    }
    return branch;
  }

  private readField(item: ListItem): RecordField {
    const paragraph = firstParagraph(item);
    const split = splitTrailingAttributeBlock(paragraph ? plainText(paragraph.children) : '');
    const block = split?.block ?? { entries: [] };
    const type = stringAttribute(block, 'type') ?? 'text';
    const field: RecordField = {
      key: stringAttribute(block, 'field') ?? '',
      label: stringAttribute(block, 'label') ?? split?.text ?? '',
      type: (['text', 'number', 'date', 'choice'].includes(type) ? type : 'text') as RecordField['type'],
      required: booleanAttribute(block, 'required') ?? false,
    };
    const options = block.entries.filter(([name, value]) => name === 'option' && typeof value === 'string').map(([, value]) => value as string);
    if (options.length > 0) field.options = options;
    this.warnAboutExtraBlocks(item, 1);
    return field;
  }

  private detailOf(run: Node[], indent: number): string {
    const first = run[0];
    const last = run.at(-1);
    if (!first || !last) return '';
    const code = first as Code;
    if (run.length === 1 && code.type === 'code' && code.lang === EXACT_TEXT_FENCE) return decodeExact(code.value);
    return sourceOfRange(this.source, first, last, indent);
  }

  private slice(first: Node, last: Node, indent: number): string {
    return sourceOfRange(this.source, first, last, indent);
  }

  private warnAboutExtraBlocks(item: ListItem, expected: number): void {
    if (item.children.length > expected) {
      this.warnings.push(`Line ${item.children[expected]?.position?.start.line}: extra text in a list item was ignored.`);
    }
  }

  private claimId(id: string, target: Step | Branch): void {
    if (this.usedIds.has(id)) {
      this.warnings.push(`The id "${id}" is used twice; the second one was given a new id.`);
      this.pendingFreshIds.push({ target, prefix: 'id' in target && 'kind' in target ? 's' : 'b' });
      return;
    }
    this.usedIds.add(id);
    target.id = id;
  }

  /** Steps and branches a person added by hand, without an id: the next free `sN` / `bN`. */
  private assignFreshIds(): void {
    const counters = { s: 0, b: 0 };
    for (const pending of this.pendingFreshIds) {
      let id: string;
      do id = `${pending.prefix}${++counters[pending.prefix]}`;
      while (this.usedIds.has(id));
      this.usedIds.add(id);
      pending.target.id = id;
    }
  }
}

function firstParagraph(item: ListItem): Paragraph | undefined {
  const first = item.children[0];
  return first?.type === 'paragraph' ? first : undefined;
}

function classifyItem(item: ListItem, list: List): 'step' | 'branch' | 'field' | undefined {
  const paragraph = firstParagraph(item);
  if (!paragraph) return undefined;
  const split = splitTrailingAttributeBlock(plainText(paragraph.children));
  if (!split) return undefined;
  if (split.block.id !== undefined) return list.ordered ? 'step' : 'branch';
  if (!list.ordered && stringAttribute(split.block, 'field') !== undefined) return 'field';
  return undefined;
}

function startsWithIf(item: ListItem): boolean {
  const paragraph = firstParagraph(item);
  return paragraph !== undefined && /^if\b/i.test(plainText(paragraph.children).trim());
}

function decodeExact(json: string): string {
  const value: unknown = JSON.parse(json);
  if (typeof value !== 'string') throw new Error('An exact-text block must hold a JSON string.');
  return value;
}

function joinMarkdown(before: string, after: string): string {
  return before === '' ? after : after === '' ? before : `${before}\n\n${after}`;
}
