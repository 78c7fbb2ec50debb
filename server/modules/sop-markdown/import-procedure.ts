import type { List, ListItem, Paragraph, PhrasingContent, RootContent, Text } from 'mdast';
import type { Branch, Step, StepKind } from '../../../common/procedure/model';
import { splitFirstSentence, type SentenceSplit } from './first-sentence';
import type { ImportContext } from './import-context';
import { unitRange, type OutlineUnit } from './import-outline';
import type { ImportReportItem } from './import-report';
import { plainText, stringifyPhrasing } from './markdown-processor';
import { dedentLines, lineRange } from './markdown-source';

// Lists and headings of the source become steps. Drafts carry no ids: ids are given at the end, in
// document order, so that a caller-supplied generator sees steps in the order a reader does.

export type DraftStep = {
  kind: StepKind;
  text: string;
  /** Markdown parts, joined with blank lines. */
  detail: string[];
  substeps: DraftStep[];
  branches?: DraftBranch[];
  range: { line: number; endLine: number };
  /** "Step 2a" when the step came from such a heading. */
  stepLabel?: string;
  stepNumber?: number;
  stepLetter?: string;
  /** The text that says the condition, for If/Otherwise detection ("If the customer …"). */
  core: string;
};

export type DraftBranch = { label: string; steps: DraftStep[] };

type Container = { steps: DraftStep[]; intro: RootContent[]; trailing: RootContent[] };

const IF_START = /^if\b/i;
const OTHERWISE_START = /^(?:otherwise|else\b|if not\b|if no\b|in (?:all|any) other cases?\b|in every other case\b)/i;
const NOTE_ITEM = /^(?:note|notes|example|examples|e\.g|tip|important|warning|caution|reasoning|reason)\b/i;
const IF_RUN_WARNING = 'Consecutive "If …" items with no "Otherwise" were kept as separate steps: they may be the branches of a decision.';

export class ProcedureBuilder {
  /** Report items that name a step; their target is filled in once ids are given. */
  readonly stepTargets: Array<{ item: ImportReportItem; step: DraftStep }> = [];

  constructor(private readonly context: ImportContext) {}

  /** A procedure section: its lists, paragraphs or sub-headings become steps. */
  fromSection(unit: OutlineUnit): Container {
    return this.fromContainer(unit.blocks, unit.children, 'section');
  }

  /** "Step N" headings taken as the procedure where no heading names one. */
  fromHeadings(units: readonly OutlineUnit[]): DraftStep[] {
    const steps = this.detectDecisions(units.map((unit) => this.fromUnit(unit)));
    this.warnAboutLetteredSteps(steps);
    return steps;
  }

  /** A list taken as the procedure where no heading names one. */
  fromList(list: List): DraftStep[] {
    const steps: DraftStep[] = [];
    for (const item of list.children) {
      const step = this.fromItem(item);
      if (step) steps.push(step);
    }
    return this.detectDecisions(steps);
  }

  private fromContainer(blocks: readonly RootContent[], children: readonly OutlineUnit[], level: 'section' | 'step'): Container {
    const lists = blocks.filter((block): block is List => block.type === 'list');
    const headingChildren = children.filter((child) => level === 'step' || !child.key || child.key === 'procedure');
    // A procedure written as bullets or as plain paragraphs still is a procedure, when it has nothing better.
    const bulletsAreSteps = level === 'section' && !lists.some((list) => list.ordered) && headingChildren.length === 0;
    const paragraphsAreSteps = level === 'section' && lists.length === 0 && headingChildren.length === 0;
    // Where "Step N" headings give the steps, a list before or between them describes (checks the system
    // makes, things to know); it is not a second set of steps.
    const headingsGiveSteps = headingChildren.some((child) => child.step !== undefined);
    const steps: DraftStep[] = [];
    const intro: RootContent[] = [];
    let pending: RootContent[] = [];
    const attachPending = () => {
      const previous = steps.at(-1);
      if (previous && pending.length > 0) previous.detail.push(this.context.blocksMarkdown(pending, 0, 'procedure'));
      pending = [];
    };
    for (const block of blocks) {
      if (block.type === 'list' && (block.ordered || bulletsAreSteps) && !headingsGiveSteps) {
        attachPending();
        const fromList = this.fromList(block);
        this.report('mapped', lineRange(block), `${block.ordered ? 'Numbered' : 'Bulleted'} list → ${fromList.length} step${fromList.length === 1 ? '' : 's'}.`, fromList[0]);
        steps.push(...fromList);
      } else if (paragraphsAreSteps && block.type === 'paragraph') {
        attachPending();
        const step = this.fromParagraph(block, 0);
        this.report('mapped', lineRange(block), 'Paragraph → step (the procedure has no list).', step);
        steps.push(step);
      } else if (steps.length === 0) {
        intro.push(block);
      } else {
        pending.push(block);
      }
    }
    let trailing: RootContent[] = [];
    if (level === 'section') attachPending();
    else trailing = pending;

    const headingSteps = this.detectDecisions(headingChildren.map((child) => this.fromUnit(child)));
    this.warnAboutLetteredSteps(headingSteps);
    steps.push(...headingSteps);
    return { steps, intro, trailing };
  }

  /** A sub-heading of the procedure: a step whose sub-steps come from what is under it. */
  private fromUnit(unit: OutlineUnit): DraftStep {
    unit.consumed = true;
    const container = this.fromContainer(unit.blocks, unit.children, 'step');
    const detail: string[] = [];
    const intro = this.context.blocksMarkdown(container.intro, 0, 'procedure');
    if (intro) detail.push(intro);
    const trailing = this.context.blocksMarkdown(container.trailing, 0, 'procedure');
    if (trailing) detail.push(trailing);
    const step: DraftStep = {
      kind: 'action',
      text: unit.title,
      detail,
      substeps: container.steps,
      range: { line: unit.heading.position?.start.line ?? 0, endLine: unit.heading.position?.end.line ?? 0 },
      core: unit.step ? unit.step.rest : unit.title,
    };
    if (unit.step) {
      step.stepLabel = unit.step.label;
      step.stepNumber = unit.step.number;
      step.stepLetter = unit.step.letter;
    }
    this.report('mapped', unitRange(unit, false), `Heading "${unit.title}" → step${container.steps.length > 0 ? ` with ${container.steps.length} sub-step${container.steps.length === 1 ? '' : 's'}` : ''}.`, step);
    return step;
  }

  private fromItem(item: ListItem): DraftStep | undefined {
    const [first, ...rest] = item.children;
    if (!first) return undefined;
    const indent = (first.position?.start.column ?? 1) - 1;
    const step =
      first.type === 'paragraph'
        ? this.fromParagraph(first, indent)
        : { kind: 'action' as const, text: firstLine(plainOfBlock(first)), detail: [this.context.blockMarkdown(first, indent, 'procedure')], substeps: [], range: lineRange(item), core: '' };
    step.range = lineRange(item);
    for (const child of rest) {
      if (child.type === 'list' && !isNoteList(child)) step.substeps.push(...this.fromList(child));
      else step.detail.push(this.context.blockMarkdown(child, indent, 'procedure'));
    }
    if (step.text === '') step.text = firstLine(step.detail.join('\n').replace(/[#>*_`[\]-]/g, ' ')) || 'Step';
    step.core = step.text;
    return step;
  }

  /** A step from a paragraph: its first sentence is the instruction, the rest its detail. */
  private fromParagraph(paragraph: Paragraph, indent: number): DraftStep {
    const split = splitFirstSentence(paragraph);
    const detail: string[] = [];
    if (split.links.length > 0) detail.push(stringifyPhrasing(joinInline(split.links, ' · ')));
    if (split.rest.length > 0) detail.push(this.restOfParagraph(paragraph, split, indent));
    return { kind: 'action', text: split.text, detail, substeps: [], range: lineRange(paragraph), core: split.text };
  }

  /** The paragraph after its first sentence: copied from the source where it can be, serialised otherwise. */
  private restOfParagraph(paragraph: Paragraph, split: SentenceSplit, indent: number): string {
    if (!this.context.isRewritten(paragraph)) {
      let offset = 0;
      for (const child of paragraph.children) {
        const length = plainText([child]).length;
        if (split.restOffset < offset + length) {
          if (child.type === 'text' && isVerbatim(this.context.source, child)) {
            const start = (child.position?.start.offset ?? 0) + (split.restOffset - offset);
            const end = paragraph.position?.end.offset ?? start;
            return dedentLines(this.context.source.slice(start, end).trimStart(), indent);
          }
          break;
        }
        offset += length;
      }
    }
    return stringifyPhrasing(split.rest);
  }

  /**
   * "If A …" (and more "If …") followed by "Otherwise …" / "If not …" is a decision: one branch per item.
   * Consecutive "If" items with no otherwise are left as steps (with a warning): the reading is not certain.
   */
  private detectDecisions(steps: DraftStep[]): DraftStep[] {
    const result: DraftStep[] = [];
    let index = 0;
    while (index < steps.length) {
      const step = steps[index] as DraftStep;
      if (!isIf(step.core)) {
        result.push(step);
        index++;
        continue;
      }
      let end = index;
      while (end < steps.length && isIf((steps[end] as DraftStep).core)) end++;
      const closing = steps[end];
      if (closing && OTHERWISE_START.test(closing.core.trim())) {
        result.push(this.buildDecision(steps.slice(index, end + 1)));
        index = end + 1;
      } else if (end - index === 2 && areComplementary(step.core, (steps[index + 1] as DraftStep).core)) {
        // "If the check passed …" / "If the check failed …": two cases that cover each other are a decision too.
        result.push(this.buildDecision(steps.slice(index, end), true));
        index = end;
      } else {
        if (end - index >= 2) this.context.report.add('warning', { line: step.range.line, endLine: (steps[end - 1] as DraftStep).range.endLine }, IF_RUN_WARNING, 'procedure');
        result.push(...steps.slice(index, end));
        index = end;
      }
    }
    return result;
  }

  private buildDecision(chain: DraftStep[], complementary = false): DraftStep {
    const conditions: string[] = [];
    const branches: DraftBranch[] = chain.map((draft) => {
      const { clause, action } = splitCondition(draft.core);
      if (IF_START.test(clause) && !OTHERWISE_START.test(clause)) conditions.push(clause.replace(IF_START, '').trim().replace(/[.:,;]+$/, ''));
      const label = draft.stepLabel ? `${draft.stepLabel}: ${clause}` : clause;
      const steps: DraftStep[] = [];
      if (action) steps.push({ kind: 'action', text: capitalise(action), detail: [...draft.detail], substeps: [], range: draft.range, core: action });
      steps.push(...draft.substeps);
      if (!action && draft.detail.length > 0) {
        const first = steps[0];
        if (first) first.detail.unshift(...draft.detail);
        else steps.push({ kind: 'action', text: firstLine(draft.detail.join('\n')) || clause, detail: [...draft.detail], substeps: [], range: draft.range, core: '' });
      }
      return { label, steps };
    });
    const first = chain[0] as DraftStep;
    const last = chain.at(-1) as DraftStep;
    const prefix = first.stepLabel && first.stepNumber !== undefined ? `Step ${first.stepNumber}: ` : '';
    const check = conditions.length === 1 || complementary ? `Check whether ${conditions[0]}.` : `Check which case applies: ${conditions.join('; ')}.`;
    const decision: DraftStep = {
      kind: 'decision',
      text: prefix ? `${prefix}${check.charAt(0).toLowerCase()}${check.slice(1)}` : check,
      detail: [],
      substeps: [],
      branches,
      range: { line: first.range.line, endLine: last.range.endLine },
      core: '',
    };
    this.report('mapped', decision.range, `"If …" / "${splitCondition(last.core).clause}" → a decision with ${branches.length} branches.`, decision);
    // What was reported for the items now describes branches of the decision.
    for (const target of this.stepTargets) {
      if (!chain.includes(target.step)) continue;
      target.item.message = target.item.message.replace(/→ steps?\b/, '→ a branch of a decision,');
      target.step = decision;
    }
    return decision;
  }

  /** "Step 2a" and "Step 2b" without If/Otherwise may be alternatives or a sequence: say so, change nothing. */
  private warnAboutLetteredSteps(steps: DraftStep[]): void {
    const byNumber = new Map<number, DraftStep[]>();
    for (const step of steps) {
      if (step.stepNumber === undefined || !step.stepLetter) continue;
      byNumber.set(step.stepNumber, [...(byNumber.get(step.stepNumber) ?? []), step]);
    }
    for (const [number, group] of byNumber) {
      if (group.length < 2) continue;
      const first = group[0] as DraftStep;
      const last = group.at(-1) as DraftStep;
      this.context.report.add(
        'warning',
        { line: first.range.line, endLine: last.range.endLine },
        `${group.map((step) => step.stepLabel).join(', ')} were kept as consecutive steps: their headings do not say "If …" / "Otherwise", so it is not certain they are the branches of a decision at step ${number}.`,
        'procedure',
      );
    }
  }

  private report(kind: 'mapped', range: { line: number; endLine: number }, message: string, step: DraftStep | undefined): void {
    const item = this.context.report.add(kind, range, message, 'procedure');
    if (step) this.stepTargets.push({ item, step });
  }
}

/** Words whose swap turns a condition into its opposite ("passed" / "failed"). */
const OPPOSITES: ReadonlyArray<readonly [string, string]> = [
  ['passed', 'failed'],
  ['passes', 'fails'],
  ['pass', 'fail'],
  ['succeeded', 'failed'],
  ['succeeds', 'fails'],
  ['successful', 'unsuccessful'],
  ['approved', 'declined'],
  ['approved', 'rejected'],
  ['accepted', 'declined'],
  ['accepted', 'rejected'],
  ['eligible', 'ineligible'],
  ['valid', 'invalid'],
  ['yes', 'no'],
  ['can', 'cannot'],
  ['is', 'isn’t'],
];
const NEGATIONS = new Set(['not', 'no', 'never']);

function conditionWords(core: string): string[] {
  const { clause } = splitCondition(core);
  return clause
    .replace(IF_START, '')
    .toLowerCase()
    .replace(/'/g, '’')
    .split(/[^\p{L}\p{N}’]+/u)
    .filter((word) => word !== '' && word !== 'the' && word !== 'a' && word !== 'an');
}

/**
 * Whether two "If …" conditions are each other's opposite, so that together they cover every case:
 * the same words but one swapped for its opposite, or the same words with one "not" added.
 */
export function areComplementary(first: string, second: string): boolean {
  const a = conditionWords(first);
  const b = conditionWords(second);
  if (a.length === 0 || b.length === 0) return false;
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  if (longer.length === shorter.length + 1) {
    const extra = longer.findIndex((word, index) => word !== shorter[index]);
    return NEGATIONS.has(longer[extra] ?? '') && [...longer.slice(0, extra), ...longer.slice(extra + 1)].join(' ') === shorter.join(' ');
  }
  if (a.length !== b.length) return false;
  const differing = a.map((word, index) => [word, b[index]!] as const).filter(([left, right]) => left !== right);
  if (differing.length !== 1) return false;
  const [left, right] = differing[0]!;
  return OPPOSITES.some(([one, other]) => (left === one && right === other) || (left === other && right === one));
}

/** Draft steps → model steps, with ids from `newId` in document order. */
export function finishSteps(drafts: DraftStep[], newId: (kind: 'step' | 'branch') => string, ids: Map<DraftStep, string>): Step[] {
  return drafts.map((draft) => {
    const step: Step = { id: newId('step'), kind: draft.kind, text: draft.text };
    ids.set(draft, step.id);
    const detail = draft.detail.filter((part) => part.trim() !== '').join('\n\n');
    if (detail) step.detail = detail;
    if (draft.branches) {
      step.branches = draft.branches.map((branch): Branch => ({ id: newId('branch'), label: branch.label, steps: finishSteps(branch.steps, newId, ids) }));
    }
    if (draft.substeps.length > 0) step.substeps = finishSteps(draft.substeps, newId, ids);
    return step;
  });
}

export function countDrafts(drafts: readonly DraftStep[]): { steps: number; decisions: number } {
  let steps = 0;
  let decisions = 0;
  const visit = (list: readonly DraftStep[]) => {
    for (const draft of list) {
      steps++;
      if (draft.kind === 'decision') decisions++;
      visit(draft.substeps);
      for (const branch of draft.branches ?? []) visit(branch.steps);
    }
  };
  visit(drafts);
  return { steps, decisions };
}

function isIf(core: string): boolean {
  const text = core.trim();
  return IF_START.test(text) && !OTHERWISE_START.test(text);
}

/** "If the order is under £50, refund it." → clause "If the order is under £50", action "refund it." */
function splitCondition(core: string): { clause: string; action: string } {
  const text = core.trim();
  const at = conditionEnd(text);
  if (!at) return { clause: text.replace(/:$/, ''), action: '' };
  return { clause: text.slice(0, at.start).trim(), action: text.slice(at.end).trim() };
}

/** Where the condition ends: the first ": " outside brackets and code, else the first ", ", else " then ". */
function conditionEnd(text: string): { start: number; end: number } | undefined {
  let depth = 0;
  let code = false;
  let comma: { start: number; end: number } | undefined;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === '`') code = !code;
    if (code) continue;
    if (char === '(' || char === '[') depth++;
    else if ((char === ')' || char === ']') && depth > 0) depth--;
    else if (depth === 0 && char === ':' && /\s/.test(text[index + 1] ?? '')) return { start: index, end: index + 1 };
    else if (depth === 0 && char === ',' && !comma && /\s/.test(text[index + 1] ?? '')) comma = { start: index, end: index + 1 };
  }
  if (comma) return comma;
  const then = /\s+then\s+/i.exec(text);
  return then ? { start: then.index, end: then.index + then[0].length } : undefined;
}

function isNoteList(list: List): boolean {
  if (list.ordered) return false;
  return list.children.every((item) => {
    const first = item.children[0];
    return first?.type === 'paragraph' && NOTE_ITEM.test(plainText(first.children).trim());
  });
}

/** A text node whose source is exactly its value (no escapes or character references), so offsets map 1:1. */
function isVerbatim(source: string, node: Text): boolean {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  return start !== undefined && end !== undefined && source.slice(start, end) === node.value;
}

function plainOfBlock(node: RootContent): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return plainText(node.children as PhrasingContent[]);
  return '';
}

function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .map((line) => line.trim())
      .find((line) => line !== '') ?? ''
  ).slice(0, 500);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function joinInline(nodes: PhrasingContent[], separator: string): PhrasingContent[] {
  return nodes.flatMap((node, index) => (index === 0 ? [node] : [{ type: 'text', value: separator } as PhrasingContent, node]));
}
