import { SECTION_TITLES, type SopContent, type Step } from '../../../common/procedure/model';
import type { ImportReportBuilder } from './import-report';
import { escapeMarkdownText } from './markdown-processor';
import { indentLines } from './markdown-source';
import { TEXT_SECTION_KEYS } from './sop-markdown-format';

// The model caps lengths and counts. An import never drops what does not fit: it moves it where there is
// room (a step's detail, an additional section) and says so.

const LIMITS = {
  section: 20_000,
  title: 200,
  body: 100_000,
  sections: 50,
  text: 500,
  detail: 20_000,
  label: 200,
  procedure: 500,
  substeps: 200,
  branchSteps: 500,
  branches: 20,
  responsibilities: 50,
  glossary: 200,
  references: 100,
};

export function fitToModelLimits(content: SopContent, report: ImportReportBuilder): void {
  const overflow: Array<{ title: string; body: string }> = [];
  const warn = (message: string) => report.add('warning', { line: 0, endLine: 0 }, message);

  for (const key of TEXT_SECTION_KEYS) {
    if (content[key].length <= LIMITS.section) continue;
    const [head, tail] = splitAt(content[key], LIMITS.section);
    content[key] = head;
    overflow.push({ title: `${SECTION_TITLES[key]} (continued)`, body: tail });
    warn(`${SECTION_TITLES[key]} is longer than ${LIMITS.section} characters; the rest is in "${SECTION_TITLES[key]} (continued)".`);
  }

  const fitStepList = (steps: Step[], max: number, owner: Step | undefined, where: string): Step[] => {
    for (const step of steps) fitStep(step);
    if (steps.length <= max) return steps;
    const kept = steps.slice(0, max);
    const extra = stepsAsMarkdown(steps.slice(max));
    const last = kept.at(-1) ?? owner;
    warn(`${where} has more than ${max} steps; the last ${steps.length - max} were kept as text in the detail of step ${last?.id ?? '?'}.`);
    if (last) last.detail = last.detail ? `${last.detail}\n\n${extra}` : extra;
    return kept;
  };
  const fitStep = (step: Step): void => {
    if (step.text.length > LIMITS.text) {
      const [head, tail] = splitAtWord(step.text, LIMITS.text);
      step.text = head;
      step.detail = step.detail ? `${tail}\n\n${step.detail}` : tail;
    }
    if (step.detail !== undefined && step.detail.length > LIMITS.detail) {
      const [head, tail] = splitAt(step.detail, LIMITS.detail);
      step.detail = head;
      overflow.push({ title: `Step ${step.id} (continued)`, body: tail });
      warn(`The detail of step ${step.id} is longer than ${LIMITS.detail} characters; the rest is in "Step ${step.id} (continued)".`);
    }
    if (step.substeps) step.substeps = fitStepList(step.substeps, LIMITS.substeps, step, `Step ${step.id}`);
    if (step.branches) {
      if (step.branches.length > LIMITS.branches) {
        const extra = step.branches.splice(LIMITS.branches);
        const markdown = extra.map((branch) => `- **${escapeMarkdownText(branch.label)}**\n\n  ${indentLines(stepsAsMarkdown(branch.steps), 2)}`).join('\n\n');
        step.detail = step.detail ? `${step.detail}\n\n${markdown}` : markdown;
        warn(`Decision ${step.id} has more than ${LIMITS.branches} branches; the others were kept as text in its detail.`);
      }
      for (const branch of step.branches) {
        if (branch.label.length > LIMITS.label) {
          const full = branch.label;
          branch.label = splitAtWord(full, LIMITS.label)[0];
          step.detail = step.detail ? `${step.detail}\n\n${escapeMarkdownText(full)}` : escapeMarkdownText(full);
        }
        branch.steps = fitStepList(branch.steps, LIMITS.branchSteps, step, `A branch of step ${step.id}`);
      }
    }
  };
  content.procedure = fitStepList(content.procedure, LIMITS.procedure, undefined, 'The procedure');

  const fitPairs = <T>(entries: T[], max: number, title: string, toMarkdown: (entry: T) => string): T[] => {
    if (entries.length <= max) return entries;
    overflow.push({ title: `${title} (continued)`, body: entries.slice(max).map(toMarkdown).join('\n') });
    warn(`${title} has more than ${max} entries; the rest are in "${title} (continued)".`);
    return entries.slice(0, max);
  };
  content.responsibilities = fitPairs(content.responsibilities, LIMITS.responsibilities, SECTION_TITLES.responsibilities, (entry) => `- **${escapeMarkdownText(entry.role)}**: ${escapeMarkdownText(entry.duties)}`);
  content.glossary = fitPairs(content.glossary, LIMITS.glossary, SECTION_TITLES.glossary, (entry) => `- **${escapeMarkdownText(entry.term)}**: ${escapeMarkdownText(entry.definition)}`);
  content.references = fitPairs(content.references, LIMITS.references, SECTION_TITLES.references, (entry) => `- ${escapeMarkdownText([entry.target, entry.label].filter(Boolean).join(' — '))}`);

  const sections: Array<{ title: string; body: string }> = [];
  for (const section of [...content.additionalSections, ...overflow]) {
    let title = section.title.trim() || 'Untitled';
    let body = section.body;
    if (title.length > LIMITS.title) {
      body = `**${escapeMarkdownText(title)}**\n\n${body}`;
      title = splitAtWord(title, LIMITS.title)[0];
    }
    let part = 1;
    while (body.length > LIMITS.body) {
      const [head, tail] = splitAt(body, LIMITS.body);
      sections.push({ title: part === 1 ? title : continued(title, part), body: head });
      body = tail;
      part++;
    }
    sections.push({ title: part === 1 ? title : continued(title, part), body });
  }
  if (sections.length > LIMITS.sections) {
    const [last, ...extra] = sections.splice(LIMITS.sections - 1);
    const merged = [last, ...extra].filter((section) => section !== undefined);
    sections.push({ title: 'More sections', body: merged.map((section) => `### ${escapeMarkdownText(section.title)}\n\n${section.body}`).join('\n\n').slice(0, LIMITS.body) });
    warn(`More than ${LIMITS.sections} additional sections; the last ${merged.length} were merged into "More sections".`);
  }
  content.additionalSections = sections;
}

function continued(title: string, part: number): string {
  const suffix = ` (continued ${part})`;
  return `${title.slice(0, LIMITS.title - suffix.length)}${suffix}`;
}

/** Splits before `limit` at a blank line if there is one in the second half, else at the limit. */
function splitAt(text: string, limit: number): [string, string] {
  const blank = text.lastIndexOf('\n\n', limit);
  const at = blank > limit / 2 ? blank : limit;
  return [text.slice(0, at).trimEnd(), text.slice(at).replace(/^\s+/, '')];
}

function splitAtWord(text: string, limit: number): [string, string] {
  const space = text.lastIndexOf(' ', limit);
  const at = space > limit / 2 ? space : limit;
  return [text.slice(0, at).trim(), text.slice(at).trim()];
}

function stepsAsMarkdown(steps: Step[]): string {
  return steps
    .map((step, index) => {
      const bullet = `${index + 1}.`;
      const parts = [escapeMarkdownText(step.text)];
      if (step.detail) parts.push(step.detail);
      if (step.substeps?.length) parts.push(stepsAsMarkdown(step.substeps));
      for (const branch of step.branches ?? []) parts.push(`- **${escapeMarkdownText(branch.label)}**\n\n  ${indentLines(stepsAsMarkdown(branch.steps), 2)}`);
      return `${bullet} ${indentLines(parts.join('\n\n'), bullet.length + 1)}`;
    })
    .join('\n\n');
}
