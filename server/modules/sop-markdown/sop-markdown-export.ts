import YAML from 'yaml';
import { SECTION_TITLES, type SopContent, type SopMetadata, type Step } from '../../../common/procedure/model';
import { formatAttributeBlock, type AttributeBlock } from './attribute-block';
import { escapeMarkdownText, stringifyBlocks } from './markdown-processor';
import { indentLines } from './markdown-source';
import {
  EXACT_TEXT_FENCE,
  FORMAT_MARKER,
  FORMAT_VERSION,
  REFERENCE_KIND_LABELS,
  REFERENCE_LABEL_SEPARATOR,
  type SopVersionInfo,
} from './sop-markdown-format';
import { findRoundTripMismatch } from './sop-markdown-verify';

/**
 * The SOP as sopdesk Markdown (FORMAT.md): front matter, then every section under its own heading, the
 * procedure as nested numbered lists. `parseSopMarkdown` reads it back to the same values.
 */
export function exportSopMarkdown(metadata: SopMetadata, content: SopContent, version: SopVersionInfo): string {
  // Most text reads back exactly as plain Markdown. The few values that don't (a detail with an unclosed
  // fence, a duty that ends in something like an attribute block …) are found by reading the result back,
  // and only those are written in an exact, less pretty form.
  const exact = new Set<string>();
  for (;;) {
    const markdown = renderSopMarkdown(metadata, content, version, exact);
    const mismatch = findRoundTripMismatch(markdown, metadata, content, version);
    if (mismatch === undefined) return markdown;
    const escalated = exact.has(mismatch) ? `${mismatch}.*` : mismatch;
    if (exact.has(escalated)) throw new Error(`sopdesk Markdown cannot represent ${mismatch} exactly.`);
    exact.add(escalated);
  }
}

function renderSopMarkdown(metadata: SopMetadata, content: SopContent, version: SopVersionInfo, exact: Set<string>): string {
  const parts = [renderFrontMatter(metadata, version), `# ${escapeMarkdownText(metadata.title)}`];
  const section = (title: string, body: string) => parts.push(body === '' ? `## ${title}` : `## ${title}\n\n${body}`);

  for (const key of ['purpose', 'scope'] as const) section(SECTION_TITLES[key], markdownBody(content[key], key, exact));
  section(
    SECTION_TITLES.responsibilities,
    content.responsibilities
      .map((entry, index) => labelledItem(entry.role, entry.duties, exact, `responsibilities.${index}`, { role: entry.role, duties: entry.duties }))
      .join('\n'),
  );
  section(SECTION_TITLES.procedure, renderSteps(content.procedure, 'procedure', exact));
  for (const key of ['healthAndSafety', 'equipment'] as const) section(SECTION_TITLES[key], markdownBody(content[key], key, exact));
  section(
    SECTION_TITLES.glossary,
    content.glossary
      .map((entry, index) => labelledItem(entry.term, entry.definition, exact, `glossary.${index}`, { term: entry.term, definition: entry.definition }))
      .join('\n'),
  );
  section(SECTION_TITLES.tips, markdownBody(content.tips, 'tips', exact));
  section(
    SECTION_TITLES.references,
    content.references
      .map((reference, index) => {
        const right = reference.label === undefined ? reference.target : `${reference.target}${REFERENCE_LABEL_SEPARATOR}${reference.label}`;
        const overrides: Record<string, string> = { target: reference.target };
        if (reference.label !== undefined) overrides.label = reference.label;
        return labelledItem(REFERENCE_KIND_LABELS[reference.kind], right, exact, `references.${index}`, overrides);
      })
      .join('\n'),
  );
  content.additionalSections.forEach((extra, index) => {
    const path = `additionalSections.${index}`;
    const title = exact.has(`${path}.title`)
      ? `${escapeMarkdownText(oneLine(extra.title))} ${formatAttributeBlock({ entries: [['title', extra.title]] })}`
      : escapeMarkdownText(extra.title);
    parts.push(extra.body === '' && !exact.has(`${path}.body`) ? `## ${title}` : `## ${title}\n\n${markdownBody(extra.body, `${path}.body`, exact)}`);
  });
  return `${parts.join('\n\n')}\n`;
}

function renderFrontMatter(metadata: SopMetadata, version: SopVersionInfo): string {
  const data: Record<string, unknown> = {
    [FORMAT_MARKER]: FORMAT_VERSION,
    key: metadata.key,
    title: metadata.title,
    category: metadata.category,
    channels: metadata.channels,
  };
  if (metadata.owner !== undefined) data.owner = metadata.owner;
  data.audience = metadata.audience;
  data.reviewIntervalMonths = metadata.reviewIntervalMonths;
  data.version = version.label;
  data.changeKind = version.changeKind;
  data.changeSummary = version.changeSummary;
  if (version.status !== undefined) data.status = version.status;
  return `---\n${YAML.stringify(data, { lineWidth: 0 }).trimEnd()}\n---`;
}

/** A Markdown section body or step detail as written, or its exact JSON form when plain Markdown would not read back the same. */
function markdownBody(value: string, path: string, exact: Set<string>): string {
  if (!exact.has(path) && !exact.has(`${path}.*`)) return value;
  const json = JSON.stringify(value);
  const longestRun = Math.max(0, ...(json.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return `${fence}${EXACT_TEXT_FENCE}\n${json}\n${fence}`;
}

/** `- **Left**: right`, with the exact values in an attribute block when plain Markdown would not carry them. */
function labelledItem(left: string, right: string, exact: Set<string>, path: string, overrides: Record<string, string>): string {
  const useExact = exact.has(path) || exact.has(`${path}.*`);
  const rightText = useExact ? `: ${oneLine(right)} ${formatAttributeBlock({ entries: Object.entries(overrides) })}` : `: ${right}`;
  const paragraph = stringifyBlocks([
    { type: 'paragraph', children: [{ type: 'strong', children: [{ type: 'text', value: useExact ? oneLine(left) : left }] }, { type: 'text', value: rightText }] },
  ]);
  return listItem('-', paragraph);
}

function renderSteps(steps: Step[], path: string, exact: Set<string>): string {
  const items = steps.map((step, index) => listItem(`${index + 1}.`, renderStep(step, `${path}.${index}`, exact)));
  return items.join(items.some((item) => item.includes('\n')) ? '\n\n' : '\n');
}

function renderStep(step: Step, path: string, exact: Set<string>): string {
  const all = exact.has(`${path}.*`);
  const block: AttributeBlock = { id: step.id, entries: [] };
  if (step.kind !== 'action') block.entries.push(['kind', step.kind]);
  if (step.role !== undefined) block.entries.push(['role', step.role]);
  if (step.referTo !== undefined) block.entries.push(['referTo', step.referTo]);
  if (step.action) {
    block.entries.push(['action', step.action.key]);
    block.entries.push(['amount', step.action.hasAmount ? 'yes' : 'no']);
  }
  if (step.sopRef !== undefined) block.entries.push(['sop', step.sopRef]);
  if (step.record) {
    if (step.record.note !== undefined) block.entries.push(['note', step.record.note ? true : 'false']);
    if (step.record.attachment !== undefined) block.entries.push(['attachment', step.record.attachment ? true : 'false']);
    if (step.record.fields.length === 0 && step.record.note === undefined && step.record.attachment === undefined) block.entries.push(['record', true]);
  }
  const exactText = all || exact.has(`${path}.text`);
  if (exactText) block.entries.push(['text', step.text]);
  const parts = [escapeMarkdownText(`${exactText ? oneLine(step.text) : step.text} ${formatAttributeBlock(block)}`)];

  if (step.detail !== undefined && step.detail !== '') parts.push(markdownBody(step.detail, `${path}.detail`, exact));
  if (step.record && step.record.fields.length > 0) {
    parts.push(
      step.record.fields
        .map((field, index) => {
          const fieldBlock: AttributeBlock = { entries: [['field', field.key], ['type', field.type]] };
          if (field.required) fieldBlock.entries.push(['required', true]);
          for (const option of field.options ?? []) fieldBlock.entries.push(['option', option]);
          const exactLabel = all || exact.has(`${path}.field.${index}`);
          if (exactLabel) fieldBlock.entries.push(['label', field.label]);
          return listItem('-', escapeMarkdownText(`${exactLabel ? oneLine(field.label) : field.label} ${formatAttributeBlock(fieldBlock)}`));
        })
        .join('\n'),
    );
  }
  if (step.substeps && step.substeps.length > 0) parts.push(renderSteps(step.substeps, `${path}.substeps`, exact));
  if (step.branches && step.branches.length > 0) {
    parts.push(
      step.branches
        .map((branch, index) => {
          const branchPath = `${path}.branches.${index}`;
          const branchBlock: AttributeBlock = { id: branch.id, entries: [] };
          if (branch.end) branchBlock.entries.push(['end', branch.end.outcome]);
          const exactLabel = all || exact.has(`${branchPath}.label`);
          if (exactLabel) branchBlock.entries.push(['label', branch.label]);
          const visibleLabel = exactLabel ? oneLine(branch.label) : branch.label;
          const tail = `${visibleLabel}: ${formatAttributeBlock(branchBlock)}`;
          // "**If** Yes:", but "Otherwise:" and "If the order is late:" say their condition themselves.
          const head = stringifyBlocks([
            {
              type: 'paragraph',
              children: SELF_CONDITIONED.test(visibleLabel)
                ? [{ type: 'text', value: tail }]
                : [{ type: 'strong', children: [{ type: 'text', value: 'If' }] }, { type: 'text', value: ` ${tail}` }],
            },
          ]);
          const body = branch.steps.length > 0 ? `${head}\n\n${renderSteps(branch.steps, `${branchPath}.steps`, exact)}` : head;
          return listItem('-', body);
        })
        .join('\n\n'),
    );
  }
  return parts.join('\n\n');
}

const SELF_CONDITIONED = /^(?:if|otherwise|else|when|unless|in case)\b/i;

function listItem(bullet: string, body: string): string {
  return `${bullet} ${indentLines(body, bullet.length + 1)}`;
}

/** Visible text when the exact value travels in an attribute: one line, so it cannot disturb the structure. */
function oneLine(value: string): string {
  return value.replace(/\s+/g, ' ').trim() || '…';
}

