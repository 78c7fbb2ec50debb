import { isDeepStrictEqual } from 'node:util';
import type { Branch, SopContent, SopMetadata, Step } from '../../../common/procedure/model';
import { parseMarkdown } from './markdown-processor';
import { TEXT_SECTION_KEYS, type SopVersionInfo } from './sop-markdown-format';
import { readSopMarkdown } from './sop-markdown-read';

/**
 * Reads exported Markdown back and names the first value (in document order) that did not come back
 * the same, as the exporter's path for it ("procedure.2.detail", "glossary.0" …); undefined when all did.
 */
export function findRoundTripMismatch(markdown: string, metadata: SopMetadata, content: SopContent, version: SopVersionInfo): string | undefined {
  const reading = readSopMarkdown(markdown, parseMarkdown(markdown));
  const front = reading.frontMatter;
  const expectedFront: Record<string, unknown> = { ...metadata, version: version.label, changeKind: version.changeKind, changeSummary: version.changeSummary };
  if (version.status !== undefined) expectedFront.status = version.status;
  for (const [key, value] of Object.entries(expectedFront)) {
    if (value !== undefined && !isDeepStrictEqual(front[key], value)) return 'metadata';
  }
  const read = reading.content;
  for (const key of ['purpose', 'scope'] as const) if (read[key] !== content[key]) return key;
  const responsibilities = firstDifference(content.responsibilities, read.responsibilities);
  if (responsibilities !== undefined) return `responsibilities.${responsibilities}`;
  const procedure = compareSteps(content.procedure, read.procedure, 'procedure', 'scope');
  if (procedure !== undefined) return procedure;
  for (const key of TEXT_SECTION_KEYS) if (read[key] !== content[key]) return key;
  const glossary = firstDifference(content.glossary, read.glossary);
  if (glossary !== undefined) return `glossary.${glossary}`;
  const references = firstDifference(content.references, read.references);
  if (references !== undefined) return `references.${references}`;
  const count = Math.max(content.additionalSections.length, read.additionalSections.length);
  for (let index = 0; index < count; index++) {
    const expected = content.additionalSections[index];
    const actual = read.additionalSections[index];
    const path = `additionalSections.${Math.min(index, content.additionalSections.length - 1)}`;
    if (expected?.title !== actual?.title) return `${path}.title`;
    if (expected?.body !== actual?.body) return `${path}.body`;
  }
  return undefined;
}

function firstDifference<T>(expected: T[], actual: T[]): number | undefined {
  const count = Math.max(expected.length, actual.length);
  for (let index = 0; index < count; index++) {
    if (!isDeepStrictEqual(expected[index], actual[index])) return Math.min(index, expected.length - 1);
  }
  return undefined;
}

/** `ownerPath`: what to blame when steps appear where none were written (the owner's detail turned into steps). */
function compareSteps(expected: Step[], actual: Step[], path: string, ownerPath: string): string | undefined {
  const count = Math.max(expected.length, actual.length);
  for (let index = 0; index < count; index++) {
    const want = expected[index];
    const got = actual[index];
    if (!want) return expected.length === 0 ? ownerPath : `${path}.${expected.length - 1}.*`;
    const stepPath = `${path}.${index}`;
    if (!got) return `${stepPath}.text`;
    if (want.text !== got.text) return `${stepPath}.text`;
    // A detail that swallows what follows it (an unclosed fence …) also loses the step's fields and
    // sub-steps, so the detail is compared before them.
    if ((want.detail ?? '') !== (got.detail ?? '')) return `${stepPath}.detail`;
    if (!isDeepStrictEqual(ownFields(want), ownFields(got))) return `${stepPath}.text`;
    const wantFields = want.record?.fields ?? [];
    const gotFields = got.record?.fields ?? [];
    const field = firstDifference(wantFields, gotFields);
    if (field !== undefined) return field < 0 ? `${stepPath}.detail` : `${stepPath}.field.${field}`;
    const substeps = compareSteps(want.substeps ?? [], got.substeps ?? [], `${stepPath}.substeps`, `${stepPath}.detail`);
    if (substeps !== undefined) return substeps;
    const branches = compareBranches(want.branches ?? [], got.branches ?? [], `${stepPath}.branches`, `${stepPath}.detail`);
    if (branches !== undefined) return branches;
  }
  return undefined;
}

function compareBranches(expected: Branch[], actual: Branch[], path: string, ownerPath: string): string | undefined {
  const count = Math.max(expected.length, actual.length);
  for (let index = 0; index < count; index++) {
    const want = expected[index];
    const got = actual[index];
    if (!want) return expected.length === 0 ? ownerPath : `${path}.${expected.length - 1}.label`;
    const branchPath = `${path}.${index}`;
    if (!got || got.id !== want.id || got.label !== want.label || !isDeepStrictEqual(got.end, want.end)) return `${branchPath}.label`;
    const steps = compareSteps(want.steps, got.steps, `${branchPath}.steps`, `${branchPath}.label`);
    if (steps !== undefined) return steps;
  }
  return undefined;
}

function ownFields(step: Step): unknown {
  return {
    id: step.id,
    kind: step.kind,
    role: step.role,
    referTo: step.referTo,
    action: step.action,
    sopRef: step.sopRef,
    note: step.record?.note,
    attachment: step.record?.attachment,
    hasRecord: step.record !== undefined,
  };
}
