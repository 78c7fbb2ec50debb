import type { Root } from 'mdast';
import { z } from 'zod';
import { VERSION_STATUSES } from '../../../common/api/sops';
import { CHANGE_KINDS, sopContentSchema, sopMetadataSchema, type SopContent, type SopMetadata } from '../../../common/procedure/model';
import { parseMarkdown } from './markdown-processor';
import { FORMAT_MARKER, FORMAT_VERSION, type SopVersionInfo } from './sop-markdown-format';
import { hasSopMarkdownMarker, readSopMarkdown } from './sop-markdown-read';
import { SopImportError } from './sop-import-error';

export type ParsedSopMarkdown = {
  metadata: SopMetadata;
  content: SopContent;
  version: SopVersionInfo;
  /** What a hand edit left for the reader to interpret (empty for a file as exported). */
  warnings: string[];
};

const versionInfoSchema = z.strictObject({
  label: z.string().trim().min(1).max(20),
  changeKind: z.enum(CHANGE_KINDS),
  changeSummary: z.string().max(2000),
  status: z.enum(VERSION_STATUSES).optional(),
});

const METADATA_KEYS = ['key', 'title', 'category', 'channels', 'owner', 'audience', 'reviewIntervalMonths'] as const;
const KNOWN_KEYS = new Set<string>([FORMAT_MARKER, ...METADATA_KEYS, 'version', 'changeKind', 'changeSummary', 'status']);

/** True when the text is sopdesk Markdown (front matter with `sopdesk: 1`), which `parseSopMarkdown` reads exactly. */
export function isSopMarkdown(text: string): boolean {
  return text.startsWith('---') && hasSopMarkdownMarker(parseMarkdown(text));
}

/** Reads sopdesk Markdown (FORMAT.md) back into the SOP it was exported from, validated against the model. */
export function parseSopMarkdown(text: string): ParsedSopMarkdown {
  const source = text.replace(/^\uFEFF/, '');
  return parseSopMarkdownTree(source, parseMarkdown(source));
}

/** `parseSopMarkdown` for text the caller has parsed already. */
export function parseSopMarkdownTree(source: string, root: Root): ParsedSopMarkdown {
  if (!hasSopMarkdownMarker(root)) {
    throw new SopImportError('import_malformed', `This is not sopdesk Markdown: its front matter has no "${FORMAT_MARKER}: ${FORMAT_VERSION}" line.`, { line: 1 });
  }
  const reading = readSopMarkdown(source, root);
  const front = reading.frontMatter;
  if (front[FORMAT_MARKER] !== FORMAT_VERSION) {
    throw new SopImportError('import_malformed', `This file is sopdesk Markdown version ${String(front[FORMAT_MARKER])}; this sopdesk reads version ${FORMAT_VERSION}.`, { line: 1 });
  }
  const warnings = [...reading.warnings];
  for (const key of Object.keys(front)) if (!KNOWN_KEYS.has(key)) warnings.push(`Front matter key "${key}" is not part of the format and was ignored.`);

  const metadataInput = Object.fromEntries(METADATA_KEYS.filter((key) => front[key] !== undefined).map((key) => [key, front[key]]));
  const metadata = sopMetadataSchema.safeParse(metadataInput);
  if (!metadata.success) throw invalid('front matter', metadata.error);
  const versionInput: Record<string, unknown> = { label: asLabel(front.version), changeKind: front.changeKind, changeSummary: front.changeSummary ?? '' };
  if (front.status !== undefined) versionInput.status = front.status;
  const version = versionInfoSchema.safeParse(versionInput);
  if (!version.success) throw invalid('front matter', version.error);
  const content = sopContentSchema.safeParse(reading.content);
  if (!content.success) throw invalid('content', content.error);
  const versionInfo: SopVersionInfo = { label: version.data.label, changeKind: version.data.changeKind, changeSummary: version.data.changeSummary };
  if (version.data.status !== undefined) versionInfo.status = version.data.status;
  return { metadata: metadata.data, content: content.data, version: versionInfo, warnings };
}

/** A version label written unquoted (`version: 1.0`) reads as a number; it means the label "1.0". */
function asLabel(value: unknown): unknown {
  return typeof value === 'number' ? (Number.isInteger(value) ? value.toFixed(1) : String(value)) : value;
}

function invalid(where: string, error: z.ZodError): SopImportError {
  const issues = error.issues.slice(0, 5).map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  return new SopImportError('import_malformed', `The sopdesk Markdown ${where} is not valid: ${issues.join('; ')}`);
}
