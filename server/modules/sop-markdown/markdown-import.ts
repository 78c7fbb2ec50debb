import type { List, Root, RootContent } from 'mdast';
import { SECTION_TITLES, emptySopContent, type SectionKey, type SopContent, type SopMetadata, type Step } from '../../../common/procedure/model';
import { readFrontMatter } from './front-matter';
import { hasHostileContent, neutraliseHostileContent } from './hostile-content';
import { ImportContext } from './import-context';
import { mapFrontMatter } from './import-front-matter';
import { DEFAULT_MAX_IMPORT_BYTES, decodeMarkdownInput } from './import-input';
import { fitToModelLimits } from './import-limits';
import { allUnits, buildOutline, unitRange, type Outline, type OutlineUnit } from './import-outline';
import { ProcedureBuilder, finishSteps, type DraftStep } from './import-procedure';
import { ImportReportBuilder, type ImportReport } from './import-report';
import { rangeOfBlocks, readPairs, readReferences } from './import-sections';
import { escapeMarkdownText, parseMarkdown, plainText, stringifyBlocks } from './markdown-processor';
import { lineRange } from './markdown-source';
import { TEXT_SECTION_KEYS, type SopVersionInfo, type TextSectionKey } from './sop-markdown-format';
import { parseSopMarkdownTree } from './sop-markdown-parse';
import { hasSopMarkdownMarker } from './sop-markdown-read';

export type ImportOptions = {
  /** Named in the report, and the title of last resort. */
  fileName?: string;
  /** Refuse larger files (default 2 MiB). */
  maxBytes?: number;
  /** Ids for new steps and branches (default: "s1", "s2" … and "b1", "b2" …, in document order). */
  newId?: (kind: 'step' | 'branch') => string;
};

export type ImportResult = {
  /** What the document says about the SOP; the caller supplies the rest (a key, a category …). */
  metadata: Partial<SopMetadata>;
  content: SopContent;
  report: ImportReport;
  /** Only for sopdesk Markdown, which carries its version. */
  version?: SopVersionInfo;
};

type Format = ImportReport['format'];

/**
 * Brings ordinary Markdown (with or without front matter) in as SOP content: headings become sections,
 * numbered lists and "Step N" headings become steps, and everything else is kept as content. Nothing is
 * dropped; the report says, line by line, what went where. sopdesk Markdown is read exactly.
 */
export function importMarkdown(input: string | Uint8Array, options: ImportOptions = {}): ImportResult {
  const source = decodeMarkdownInput(input, options.maxBytes ?? DEFAULT_MAX_IMPORT_BYTES);
  const root = parseMarkdown(source);
  if (hasSopMarkdownMarker(root)) return importSopMarkdown(source, root, options);
  return importMarkdownTree(source, root, options, 'markdown');
}

/**
 * The importer behind `importMarkdown` and `importDocx`: a parsed tree and the text it was parsed from;
 * `notes` are warnings from an earlier stage (the .docx conversion), not tied to a line.
 */
export function importMarkdownTree(source: string, root: Root, options: ImportOptions, format: Format, notes: string[] = []): ImportResult {
  return new MarkdownImport(source, root, options, format, notes).run();
}

class MarkdownImport {
  private readonly report = new ImportReportBuilder();
  private readonly context: ImportContext;
  private readonly content = emptySopContent();
  private readonly textParts: Record<TextSectionKey, string[]> = { purpose: [], scope: [], healthAndSafety: [], equipment: [], tips: [] };
  private readonly additional: Array<{ title: string; body: string }> = [];
  private readonly procedure: ProcedureBuilder;

  constructor(
    source: string,
    private readonly root: Root,
    private readonly options: ImportOptions,
    private readonly format: Format,
    notes: string[],
  ) {
    for (const note of notes) this.report.add('warning', { line: 0, endLine: 0 }, note);
    const front = readFrontMatter(root);
    this.frontMatter = front;
    const neutralised = neutraliseHostileContent(root);
    for (const finding of neutralised.findings) this.report.add('warning', finding, finding.message);
    this.context = new ImportContext(source, neutralised.dirty, this.report);
    this.procedure = new ProcedureBuilder(this.context);
  }

  private readonly frontMatter: ReturnType<typeof readFrontMatter>;

  run(): ImportResult {
    const mapping = this.frontMatter ? mapFrontMatter(this.frontMatter, this.report) : { metadata: {}, kept: [] };
    const metadata: Partial<SopMetadata> = { ...mapping.metadata };
    const outline = buildOutline(this.root);
    const purposeStart: string[] = [];
    if (mapping.description) purposeStart.push(escapeMarkdownText(mapping.description));
    this.readTitle(outline, metadata, purposeStart);

    const drafts = this.readProcedure(outline);
    for (const unit of outline.units) this.placeUnit(unit);

    if (outline.preamble.length > 0) {
      purposeStart.push(this.context.blocksMarkdown(outline.preamble, 0, 'purpose'));
      this.report.add('mapped', rangeOfBlocks(outline.preamble), 'Text before the first section heading → Purpose.', 'purpose');
    }
    this.textParts.purpose.unshift(...purposeStart.filter((part) => part.trim() !== ''));
    for (const key of TEXT_SECTION_KEYS) this.content[key] = this.textParts[key].join('\n\n');
    if (mapping.kept.length > 0) this.additional.push({ title: 'Document properties', body: mapping.kept.join('\n') });
    this.content.additionalSections = this.additional;

    const ids = new Map<DraftStep, string>();
    this.content.procedure = finishSteps(drafts, this.options.newId ?? sequentialIds(), ids);
    for (const { item, step } of this.procedure.stepTargets) {
      const id = ids.get(step);
      if (id) item.target = `step ${id}`;
    }
    fitToModelLimits(this.content, this.report);

    const counts = countSteps(this.content.procedure);
    const sections = (Object.keys(SECTION_TITLES) as SectionKey[]).filter((key) => {
      const value = this.content[key];
      return Array.isArray(value) ? value.length > 0 : value !== '';
    });
    const { items, summary } = this.report.finish({ ...counts, sections, additionalSections: this.content.additionalSections.length });
    const report: ImportReport = { format: this.format, items, summary };
    if (this.options.fileName !== undefined) report.fileName = this.options.fileName;
    return { metadata, content: this.content, report };
  }

  /** Front matter title, else the document's H1, else the file name. */
  private readTitle(outline: Outline, metadata: Partial<SopMetadata>, purposeStart: string[]): void {
    const heading = outline.titleHeading;
    const headingText = heading ? plainText(heading.children).replace(/\s+/g, ' ').trim() : '';
    if (heading && metadata.title === undefined && headingText.length >= 3 && headingText.length <= 200) {
      metadata.title = headingText;
      this.report.add('mapped', lineRange(heading), 'Title heading → metadata title.', 'metadata.title');
    } else if (heading && headingText !== metadata.title) {
      purposeStart.push(`**${escapeMarkdownText(headingText)}**`);
      this.report.add('kept-as-content', lineRange(heading), 'The title heading differs from the front-matter title (or does not fit as a title); kept at the start of Purpose.', 'purpose');
    } else if (heading) {
      this.report.add('mapped', lineRange(heading), 'Title heading → metadata title (same as the front matter).', 'metadata.title');
    }
    if (metadata.title === undefined) {
      const fromName = titleFromFileName(this.options.fileName);
      if (fromName) {
        metadata.title = fromName;
        this.report.add('warning', { line: 1, endLine: 1 }, `No title in the document; "${fromName}" was taken from the file name.`, 'metadata.title');
      } else {
        this.report.add('warning', { line: 1, endLine: 1 }, 'No title in the document and no file name: the SOP needs a title.', 'metadata.title');
      }
    }
  }

  /** A procedure heading; else "Step N" headings; else the largest numbered list; else none. */
  private readProcedure(outline: Outline): DraftStep[] {
    const units = findProcedureUnits(outline.units);
    if (units.length > 0) {
      const drafts: DraftStep[] = [];
      for (const unit of units) {
        unit.consumed = true;
        const container = this.procedure.fromSection(unit);
        this.report.add('mapped', unitRange(unit, false), `Heading "${unit.title}" → Procedure.`, 'procedure');
        drafts.push(...container.steps);
        if (container.intro.length > 0) {
          this.additional.push({ title: unit.title, body: this.context.blocksMarkdown(container.intro, 0, `additional section "${unit.title}"`) });
          this.report.add('kept-as-content', rangeOfBlocks(container.intro), `Text before the first step of "${unit.title}" is not a step; kept as the additional section "${unit.title}".`, `additional section "${unit.title}"`);
        }
      }
      return drafts;
    }
    const stepUnits = findStepHeadingGroup(outline.units);
    if (stepUnits.length > 0) {
      const first = stepUnits[0] as OutlineUnit;
      const last = stepUnits.at(-1) as OutlineUnit;
      this.report.add('warning', { line: unitRange(first).line, endLine: unitRange(last).endLine }, 'No procedure heading: the "Step N" headings were taken as the procedure.', 'procedure');
      return this.procedure.fromHeadings(stepUnits);
    }
    const largest = findLargestOrderedList(outline);
    if (largest) {
      largest.owner.splice(largest.owner.indexOf(largest.list), 1);
      const drafts = this.procedure.fromList(largest.list);
      const range = lineRange(largest.list);
      this.report.add('mapped', range, `Numbered list → ${drafts.length} step${drafts.length === 1 ? '' : 's'} of the procedure.`, 'procedure');
      this.report.add(
        'warning',
        range,
        `No procedure heading: the largest numbered list (lines ${range.line}–${range.endLine}, ${largest.list.children.length} items) was taken as the procedure; check that it is one.`,
        'procedure',
      );
      return drafts;
    }
    this.report.add('warning', { line: 1, endLine: 1 }, 'No procedure found (no procedure heading, "Step N" headings or numbered list): all the text was kept in sections.', 'procedure');
    return [];
  }

  private placeUnit(unit: OutlineUnit): void {
    if (unit.consumed) {
      // A procedure's sub-headings that mean another section ("Notes", "Definitions") are not steps.
      for (const child of unit.children) if (!child.consumed) this.placeUnit(child);
      return;
    }
    const key = unit.key;
    if (key && (TEXT_SECTION_KEYS as readonly string[]).includes(key)) {
      this.placeTextSection(unit, key as TextSectionKey);
    } else if (key === 'responsibilities' || key === 'glossary' || key === 'references') {
      this.placeListSection(unit, key);
    } else {
      this.placeAdditional(unit, `Heading "${unit.title}" matches no standard section; kept as an additional section.`);
    }
  }

  private placeTextSection(unit: OutlineUnit, key: TextSectionKey): void {
    const title = SECTION_TITLES[key];
    const body = this.context.blocksMarkdown(unit.blocks, 0, title);
    if (body !== '') this.textParts[key].push(body);
    this.report.add('mapped', unitRange(unit, false), `Heading "${unit.title}" → ${title}.`, key);
    for (const child of unit.children) this.placeUnit(child);
  }

  private placeListSection(unit: OutlineUnit, key: 'responsibilities' | 'glossary' | 'references'): void {
    const title = SECTION_TITLES[key];
    let mapped = 0;
    let leftovers: string[];
    if (key === 'references') {
      const reading = readReferences(unit.blocks, this.context);
      this.content.references.push(...reading.references);
      mapped = reading.references.length;
      leftovers = reading.leftovers;
    } else {
      const limits = key === 'glossary' ? { left: 120, right: 2000 } : { left: 80, right: 2000 };
      const reading = readPairs(unit.blocks, this.context, limits);
      mapped = reading.pairs.length;
      leftovers = reading.leftovers;
      if (key === 'glossary') this.content.glossary.push(...reading.pairs.map((pair) => ({ term: pair.left, definition: pair.right })));
      else this.content.responsibilities.push(...reading.pairs.map((pair) => ({ role: pair.left, duties: pair.right })));
    }
    if (mapped === 0) {
      this.placeAdditional(unit, `Heading "${unit.title}" looks like ${title}, but nothing under it reads as ${key === 'references' ? 'a list of references' : 'a list of "**Name**: text" items'}; kept as an additional section.`);
      return;
    }
    this.report.add('mapped', unitRange(unit, false), `Heading "${unit.title}" → ${title} (${mapped} entr${mapped === 1 ? 'y' : 'ies'}).`, key);
    if (leftovers.length > 0) {
      this.additional.push({ title: unit.title, body: leftovers.join('\n\n') });
      this.report.add('kept-as-content', unitRange(unit, false), `Text under "${unit.title}" that is not ${key === 'references' ? 'a reference' : 'a "**Name**: text" item'} was kept as the additional section "${unit.title}".`, `additional section "${unit.title}"`);
    }
    for (const child of unit.children) this.placeUnit(child);
  }

  /** An additional section titled after the heading, with its unmapped sub-headings inside it. */
  private placeAdditional(unit: OutlineUnit, reason: string): void {
    const target = `additional section "${unit.title}"`;
    const parts = [this.context.blocksMarkdown(unit.blocks, 0, target)];
    this.report.add('unmapped', unitRange(unit, false), reason, target);
    const merge = (parent: OutlineUnit) => {
      for (const child of parent.children) {
        if (child.consumed || child.key) {
          this.placeUnit(child);
          continue;
        }
        parts.push(this.context.headingMarkdown(child.heading, child.heading.depth - unit.heading.depth + 2));
        parts.push(this.context.blocksMarkdown(child.blocks, 0, target));
        this.report.add('unmapped', unitRange(child, false), `Heading "${child.title}" kept as a sub-heading of "${unit.title}".`, target);
        merge(child);
      }
    };
    merge(unit);
    this.additional.push({ title: unit.title, body: parts.filter((part) => part.trim() !== '').join('\n\n') });
  }
}

/** sopdesk Markdown is read exactly; only raw HTML and script links in its Markdown are made inert. */
function importSopMarkdown(source: string, root: Root, options: ImportOptions): ImportResult {
  const hostile = hasHostileContent(root);
  const parsed = parseSopMarkdownTree(source, root);
  const report = new ImportReportBuilder();
  const lines = source.split('\n').length;
  report.add('mapped', { line: 1, endLine: lines }, 'sopdesk Markdown: read exactly (metadata, version, sections, steps with their ids).', 'sop');
  for (const warning of parsed.warnings) {
    const line = Number(/^Line (\d+):/.exec(warning)?.[1] ?? 1);
    report.add('warning', { line, endLine: line }, warning);
  }
  if (hostile) neutraliseMarkdownFields(parsed.content, report);
  const counts = countSteps(parsed.content.procedure);
  const sections = (Object.keys(SECTION_TITLES) as SectionKey[]).filter((key) => {
    const value = parsed.content[key];
    return Array.isArray(value) ? value.length > 0 : value !== '';
  });
  const { items, summary } = report.finish({ ...counts, sections, additionalSections: parsed.content.additionalSections.length });
  const result: ImportReport = { format: 'sopdesk-markdown', items, summary };
  if (options.fileName !== undefined) result.fileName = options.fileName;
  return { metadata: parsed.metadata, content: parsed.content, report: result, version: parsed.version };
}

function neutraliseMarkdownFields(content: SopContent, report: ImportReportBuilder): void {
  const clean = (markdown: string, where: string): string => {
    if (!/<|\]\s*[([:]/.test(markdown)) return markdown;
    const root = parseMarkdown(markdown);
    const { findings } = neutraliseHostileContent(root);
    if (findings.length === 0) return markdown;
    for (const finding of findings) report.add('warning', { line: 0, endLine: 0 }, `${where}: ${finding.message}`);
    return stringifyBlocks(root.children);
  };
  for (const key of TEXT_SECTION_KEYS) content[key] = clean(content[key], SECTION_TITLES[key]);
  for (const section of content.additionalSections) section.body = clean(section.body, `Section "${section.title}"`);
  const visit = (steps: Step[]) => {
    for (const step of steps) {
      if (step.detail !== undefined) step.detail = clean(step.detail, `Step ${step.id}`);
      visit(step.substeps ?? []);
      for (const branch of step.branches ?? []) visit(branch.steps);
    }
  };
  visit(content.procedure);
}

function findProcedureUnits(units: readonly OutlineUnit[]): OutlineUnit[] {
  const found: OutlineUnit[] = [];
  for (const unit of units) {
    if (unit.key === 'procedure') found.push(unit);
    else found.push(...findProcedureUnits(unit.children));
  }
  return found;
}

/** The first set of sibling "Step N" headings. */
function findStepHeadingGroup(units: readonly OutlineUnit[]): OutlineUnit[] {
  const steps = units.filter((unit) => unit.step);
  if (steps.length > 0) return steps;
  for (const unit of units) {
    const group = findStepHeadingGroup(unit.children);
    if (group.length > 0) return group;
  }
  return [];
}

/** A heading or lead-in that says the list under it states conditions or examples, not things to do. */
const CRITERIA_TITLE = /\b(criteria|conditions?|requirements?|eligib\w*|qualif\w*|examples?|definitions?|prerequisites?)\b/i;
const CRITERIA_LEAD_IN = /\b(any|all|one|each|none) of the following (is|are|apply|applies|holds?|must be) true\b|\b(criteria|conditions)\b[^.]*:\s*$/i;

function findLargestOrderedList(outline: Outline): { list: List; owner: RootContent[] } | undefined {
  let best: { list: List; owner: RootContent[] } | undefined;
  const consider = (owner: RootContent[], title: string) => {
    for (const [index, block] of owner.entries()) {
      if (block.type !== 'list' || !block.ordered || (best && block.children.length <= best.list.children.length)) continue;
      // With no procedure heading, a numbered list of criteria is not taken for the procedure: it stays in its section.
      const leadIn = owner[index - 1];
      if (CRITERIA_TITLE.test(title) || (leadIn?.type === 'paragraph' && CRITERIA_LEAD_IN.test(plainText(leadIn.children)))) continue;
      best = { list: block, owner };
    }
  };
  consider(outline.preamble, '');
  for (const unit of allUnits(outline.units)) consider(unit.blocks, unit.title);
  return best;
}

function sequentialIds(): (kind: 'step' | 'branch') => string {
  const counters = { step: 0, branch: 0 };
  return (kind) => `${kind === 'step' ? 's' : 'b'}${++counters[kind]}`;
}

function countSteps(steps: readonly Step[]): { steps: number; decisions: number } {
  let count = 0;
  let decisions = 0;
  const visit = (list: readonly Step[]) => {
    for (const step of list) {
      count++;
      if (step.kind === 'decision') decisions++;
      visit(step.substeps ?? []);
      for (const branch of step.branches ?? []) visit(branch.steps);
    }
  };
  visit(steps);
  return { steps: count, decisions };
}

/** "downtime_credits-workflow.html.md" → "Downtime credits workflow". */
function titleFromFileName(fileName: string | undefined): string | undefined {
  if (!fileName) return undefined;
  const base = (fileName.split(/[\\/]/).at(-1) ?? '')
    .replace(/(\.(md|markdown|mdown|txt|docx|html?))+$/i, '')
    .replace(/[_-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (base === '') return undefined;
  const title = base.charAt(0).toUpperCase() + base.slice(1);
  return (title.length < 3 ? `Imported ${title}` : title).slice(0, 200);
}
