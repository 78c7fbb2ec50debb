import { createHash } from 'node:crypto';
import { sopContentSchema, type ChangeKind, type SopContent } from '../../../common/procedure/model';
import { canonicalJson } from '../audit/audit-hash';

/** SHA-256 of the canonical content: what reviewers saw and approvers sign. */
export function hashContent(content: SopContent): string {
  return createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex');
}

export function parseContent(json: string): SopContent {
  return sopContentSchema.parse(JSON.parse(json));
}

/** "1.0" → "2.0" for a major change, "1.1" for a minor one. */
export function nextVersionLabel(previous: string | null, kind: ChangeKind): string {
  if (!previous) return '1.0';
  const [major = 1, minor = 0] = previous.split('.').map(Number);
  return kind === 'major' ? `${major + 1}.0` : `${major}.${minor + 1}`;
}

/** YYYY-MM-DD, `months` after the given instant (clamped to the month's last day). */
export function addMonths(isoInstant: string, months: number): string {
  const date = new Date(isoInstant);
  const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date.getUTCDate(), lastDay));
  return target.toISOString().slice(0, 10);
}

/**
 * Whether a version was ever in use, and so belongs to the readable history. A draft closed by
 * retiring its SOP is marked retired too, but it was never published and stays private.
 */
export function isPublicVersion(version: { status: string; effective_at: string | null }): boolean {
  return version.status === 'published' || version.status === 'superseded' || (version.status === 'retired' && version.effective_at !== null);
}
