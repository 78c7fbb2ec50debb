import YAML from 'yaml';
import { SOP_KEY_PATTERN, type SopMetadata } from '../../../common/procedure/model';
import type { FrontMatter } from './front-matter';
import type { ImportReportBuilder } from './import-report';
import { escapeMarkdownText } from './markdown-processor';

// Front matter in the wild uses many names for the same thing. The ones that mean an SOP field fill it;
// every other key is kept, with its value, in a "Document properties" section and reported.

export type FrontMatterMapping = {
  metadata: Partial<SopMetadata>;
  /** A description or summary: it becomes the start of the purpose. */
  description?: string;
  /** Markdown list items for the keys that map to nothing. */
  kept: string[];
};

type Field = 'title' | 'description' | 'category' | 'channels' | 'audience' | 'owner' | 'key' | 'reviewIntervalMonths';

const FIELD_BY_KEY: Record<string, Field> = {
  title: 'title',
  name: 'title',
  description: 'description',
  summary: 'description',
  abstract: 'description',
  purpose: 'description',
  category: 'category',
  categories: 'category',
  channel: 'channels',
  channels: 'channels',
  audience: 'audience',
  audiences: 'audience',
  roles: 'audience',
  owner: 'owner',
  owners: 'owner',
  author: 'owner',
  authors: 'owner',
  maintainer: 'owner',
  key: 'key',
  sopkey: 'key',
  sopid: 'key',
  id: 'key',
  documentid: 'key',
  reviewintervalmonths: 'reviewIntervalMonths',
  reviewinterval: 'reviewIntervalMonths',
  reviewmonths: 'reviewIntervalMonths',
  reviewcycle: 'reviewIntervalMonths',
};

export function mapFrontMatter(front: FrontMatter, report: ImportReportBuilder): FrontMatterMapping {
  const mapping: FrontMatterMapping = { metadata: {}, kept: [] };
  for (const [key, value] of Object.entries(front.data)) {
    const line = front.keyLines.get(key) ?? front.line;
    const range = { line, endLine: nextKeyLine(front, key) };
    const field = FIELD_BY_KEY[key.toLowerCase().replace(/[\s_-]+/g, '')];
    const rest = field ? applyField(mapping, field, value) : value;
    if (field && rest === KEEP_ORIGINAL) {
      mapping.kept.push(propertyItem(key, value));
      report.add('mapped', range, `Front matter "${key}" → metadata ${field}; its original text was kept in "Document properties".`, `metadata.${field}`);
      continue;
    }
    if (field && rest === undefined) {
      report.add('mapped', range, `Front matter "${key}" → ${field === 'description' ? 'the start of Purpose' : `metadata ${field}`}.`, field === 'description' ? 'purpose' : `metadata.${field}`);
      continue;
    }
    if (rest === null || rest === undefined || rest === '') {
      report.add('unmapped', range, `Front matter "${key}" is empty.`);
      continue;
    }
    mapping.kept.push(propertyItem(key, rest));
    report.add(
      'unmapped',
      range,
      field ? `Front matter "${key}" could not all be used for ${field} (too long, not the expected form, or more than one value); the rest was kept.` : `Front matter "${key}" matches no SOP field; kept in "Document properties".`,
      'additional section "Document properties"',
    );
  }
  return mapping;
}

/** Returned when a value was used but written differently ("6 months"): the original is kept too. */
const KEEP_ORIGINAL = Symbol('keep the original text');

/** Sets the field from the value; returns what could not be used (undefined when all of it was). */
function applyField(mapping: FrontMatterMapping, field: Field, value: unknown): unknown {
  const metadata = mapping.metadata;
  switch (field) {
    case 'title': {
      const text = scalar(value);
      if (text === undefined || text.length < 3 || text.length > 200) return value;
      metadata.title = text;
      return undefined;
    }
    case 'description': {
      const text = scalar(value);
      if (text === undefined) return value;
      mapping.description = text;
      return undefined;
    }
    case 'category': {
      const [first, ...more] = list(value);
      if (first === undefined || first.length > 80) return value;
      metadata.category = first;
      return more.length > 0 ? more : undefined;
    }
    case 'channels':
    case 'audience': {
      const limit = field === 'channels' ? 40 : 80;
      const values = list(value);
      const fitting = values.filter((entry) => entry.length <= limit).slice(0, 20);
      if (fitting.length === 0) return value;
      metadata[field] = fitting;
      const rest = values.filter((entry) => !fitting.includes(entry));
      return rest.length > 0 ? rest : undefined;
    }
    case 'owner': {
      const [first, ...more] = list(value);
      if (first === undefined || first.length > 200) return value;
      metadata.owner = first;
      return more.length > 0 ? more : undefined;
    }
    case 'key': {
      const text = scalar(value);
      if (text === undefined || !SOP_KEY_PATTERN.test(text.toUpperCase())) return value;
      metadata.key = text.toUpperCase();
      return metadata.key === text ? undefined : KEEP_ORIGINAL;
    }
    case 'reviewIntervalMonths': {
      const months = typeof value === 'number' ? value : Number(/^\s*(\d+)\s*(?:months?)?\s*$/i.exec(String(value))?.[1]);
      if (!Number.isInteger(months) || months < 1 || months > 12) return value;
      metadata.reviewIntervalMonths = months;
      return String(value).trim() === String(months) ? undefined : KEEP_ORIGINAL;
    }
  }
}

function scalar(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** A YAML list, or a comma-separated string, as trimmed strings. */
function list(value: unknown): string[] {
  const values = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [value];
  return values.map((entry) => scalar(entry)).filter((entry): entry is string => entry !== undefined);
}

function propertyItem(key: string, value: unknown): string {
  const label = `- **${escapeMarkdownText(key)}**:`;
  if (Array.isArray(value) && value.every((entry) => scalar(entry) !== undefined)) return `${label} ${escapeMarkdownText(value.map((entry) => scalar(entry)).join(', '))}`;
  const text = scalar(value);
  if (text !== undefined && !text.includes('\n')) return `${label} ${escapeMarkdownText(text)}`;
  const yaml = (typeof value === 'string' ? value : YAML.stringify(value)).trimEnd();
  const fence = '`'.repeat(Math.max(3, ...(yaml.match(/`+/g) ?? []).map((run) => run.length + 1)));
  return `${label}\n\n  ${fence}${typeof value === 'string' ? '' : 'yaml'}\n${yaml
    .split('\n')
    .map((line) => (line === '' ? '' : `  ${line}`))
    .join('\n')}\n  ${fence}`;
}

/** The line before the next key (a value may span lines). */
function nextKeyLine(front: FrontMatter, key: string): number {
  const line = front.keyLines.get(key) ?? front.line;
  let next = front.endLine;
  for (const other of front.keyLines.values()) if (other > line && other < next) next = other;
  return Math.max(line, next - 1);
}
