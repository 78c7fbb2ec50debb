import { z } from 'zod';

// The audit page keeps its filters in the URL, so /audit?personId=… and ?stream=… are links one can share.
// A malformed value is dropped rather than failing the page.
export const auditSearchSchema = z.object({
  stream: z.string().max(200).optional().catch(undefined),
  type: z.string().max(100).optional().catch(undefined),
  personId: z.uuid().optional().catch(undefined),
  from: z.iso.datetime({ offset: true }).optional().catch(undefined),
  to: z.iso.datetime({ offset: true }).optional().catch(undefined),
});

export type AuditSearch = z.infer<typeof auditSearchSchema>;

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** A datetime-local value (the reader's wall clock) as ISO 8601 with the reader's offset, e.g. 2025-03-01T09:30:00+01:00. */
export function localInputToIso(value: string): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return undefined;
  const offsetMinutes = -date.getTimezoneOffset();
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const absolute = Math.abs(offsetMinutes);
  return `${value.length === 16 ? `${value}:00` : value}${sign}${pad(Math.floor(absolute / 60))}:${pad(absolute % 60)}`;
}

/** An ISO timestamp as a datetime-local value in the reader's time zone. */
export function isoToLocalInput(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
