import type { SopContent } from '../../../common/procedure/model';

// What the HTML and PDF renderers share: the published manual of one organisation as plain data,
// loaded once, so that both formats say exactly the same thing.

export type ManualApproval = {
  signerName: string;
  meaning: string;
  signedAt: string;
  contentHash: string;
};

export type ManualSop = {
  id: string;
  key: string;
  title: string;
  category: string;
  channels: string[];
  audience: string[];
  ownerName: string | null;
  versionLabel: string;
  changeSummary: string;
  effectiveAt: string | null;
  nextReviewDue: string | null;
  contentHash: string;
  approvals: ManualApproval[];
  content: SopContent;
};

export type Manual = {
  organisation: { name: string; slug: string };
  generatedAt: string;
  sops: ManualSop[];
  /** Labels of the organisation's governed actions by key ("refund" → "Refund"). */
  governedActions: Map<string, string>;
};

export type ManualCategory = { name: string; sops: ManualSop[] };

/** SOPs grouped by category, categories and SOPs in the order the table of contents shows them. */
export function groupByCategory(sops: readonly ManualSop[]): ManualCategory[] {
  const groups = new Map<string, ManualSop[]>();
  for (const sop of [...sops].sort((a, b) => a.category.localeCompare(b.category) || a.key.localeCompare(b.key))) {
    const group = groups.get(sop.category) ?? [];
    group.push(sop);
    groups.set(sop.category, group);
  }
  return [...groups].map(([name, members]) => ({ name, sops: members }));
}

const LONG_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "25 November 2025" from an ISO instant or a YYYY-MM-DD date; an em dash when there is none. */
export function formatDate(value: string | null): string {
  if (!value) return '—';
  const date = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  return Number.isNaN(date.getTime()) ? value : LONG_DATE.format(date);
}

const MEANINGS: Record<string, string> = {
  'approved-as-author': 'Approved as author',
  'approved-as-reviewer': 'Approved as reviewer',
  'approved-for-use': 'Approved for use',
};

export function describeMeaning(meaning: string): string {
  return MEANINGS[meaning] ?? meaning;
}

/** The first characters of a content hash: enough to compare with the record, short enough to print. */
export function shortHash(hash: string): string {
  return hash.slice(0, 12);
}

/** A file name people recognise: `acme-customer-service-manual-2025-11-25.pdf`. */
export function manualFileName(manual: Pick<Manual, 'organisation' | 'generatedAt'>, extension: 'pdf' | 'html'): string {
  const slug = manual.organisation.slug.replace(/[^a-z0-9-]+/gi, '-').toLowerCase() || 'sopdesk';
  return `${slug}-customer-service-manual-${manual.generatedAt.slice(0, 10)}.${extension}`;
}

/** The anchor of an SOP in the HTML and the named destination in the PDF. */
export function sopAnchor(key: string): string {
  return `sop-${key}`;
}
