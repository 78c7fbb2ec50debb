import { z } from 'zod';
import { idField } from './fields';

export const auditEventViewSchema = z
  .object({
    id: z.string(),
    stream: z.string(),
    subject: z.string().nullable().describe('What the stream is about, by name (an SOP by its key); null once it is gone'),
    seq: z.number().int(),
    occurredAt: z.string(),
    actor: z.object({ id: z.string(), name: z.string() }).nullable(),
    type: z.string(),
    payload: z.unknown().nullable().describe('null once erased'),
    erasedAt: z.string().nullable(),
    payloadDigest: z.string(),
    prevHash: z.string(),
    hash: z.string(),
  })
  .meta({ id: 'AuditEvent' });

export const listAuditEventsQuerySchema = z.strictObject({
  stream: z.string().max(200).optional(),
  type: z.string().max(100).optional(),
  personId: idField.optional().describe('Events about this person or performed by them'),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  before: idField.optional().describe('Cursor: the nextCursor of the previous page'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const auditEventsPageSchema = z.object({
  items: z.array(auditEventViewSchema),
  nextCursor: z.string().nullable(),
  can: z.object({ erase: z.boolean() }),
});

export const CHECKPOINT_FORMAT = 'sopdesk-audit-checkpoint/1';

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 digest: 64 lowercase hexadecimal characters');

/**
 * The heads of an organisation's chains at one moment, to keep outside the database. Verifying
 * against it later proves the database still holds every event it saw (decision 0003).
 */
export const auditCheckpointSchema = z
  .strictObject({
    format: z.literal(CHECKPOINT_FORMAT, `must be "${CHECKPOINT_FORMAT}"`),
    // Copied as they were, never normalised: the digest covers them byte for byte.
    organisation: z.strictObject({ id: idField, slug: z.string().min(1).max(200), name: z.string().min(1).max(500) }),
    takenAt: z.iso.datetime('must be an ISO 8601 date and time'),
    streams: z
      .array(z.strictObject({ stream: z.string().min(1).max(200), seq: z.number().int().min(1), hash: sha256Hex }))
      .max(500_000)
      .describe('The last event of each stream, sorted by stream')
      .superRefine((streams, context) => {
        const seen = new Set<string>();
        streams.forEach((head, index) => {
          if (seen.has(head.stream)) context.addIssue({ code: 'custom', path: [index, 'stream'], message: 'appears twice' });
          seen.add(head.stream);
        });
      }),
    eventCount: z.number().int().min(0),
    digest: sha256Hex.describe('SHA-256 of the canonical JSON (RFC 8785) of every other field'),
  })
  .meta({ id: 'AuditCheckpoint' });

export const verifyAuditBodySchema = z.strictObject({
  stream: z.string().min(1).max(200).optional(),
  checkpoint: auditCheckpointSchema
    .optional()
    .describe('A checkpoint downloaded earlier: its heads must still be in the database (with `stream`, only that stream is compared)'),
});

/** A head the checkpoint saw that the database no longer holds as it was. */
export const missingHeadSchema = z.object({
  stream: z.string(),
  seq: z.number().int().describe('The head the checkpoint saw'),
  headSeq: z.number().int().nullable().describe('The last event of the stream now; null when the stream is gone'),
  kind: z.enum(['events_removed', 'rewritten', 'stream_gone']),
  reason: z.string(),
});

export const verificationResultSchema = z
  .object({
    ok: z.boolean(),
    streamsChecked: z.number().int(),
    eventsChecked: z.number().int(),
    erasedPayloads: z.number().int(),
    firstBreak: z.object({ stream: z.string(), seq: z.number().int(), eventId: z.string(), reason: z.string() }).nullable(),
    verifiedAt: z.string(),
    checkpoint: z
      .object({ takenAt: z.string(), streamsChecked: z.number().int(), missing: z.array(missingHeadSchema) })
      .nullable()
      .describe('null unless a checkpoint was sent; then what it saw that is no longer there (ok is false when anything is)'),
  })
  .meta({ id: 'AuditVerification' });

export const eraseAuditPayloadBodySchema = z.strictObject({
  reason: z.string().trim().min(3, 'say why (at least 3 characters)').max(500),
});

export type AuditEventView = z.infer<typeof auditEventViewSchema>;
export type AuditEventsPage = z.infer<typeof auditEventsPageSchema>;
export type ListAuditEventsQuery = z.input<typeof listAuditEventsQuerySchema>;
export type VerificationResultView = z.infer<typeof verificationResultSchema>;
export type AuditCheckpoint = z.infer<typeof auditCheckpointSchema>;
export type MissingHead = z.infer<typeof missingHeadSchema>;

/** The name a checkpoint is downloaded under, e.g. sopdesk-audit-checkpoint-harbour-hill-2026-12-03.json. */
export function checkpointFileName(checkpoint: Pick<AuditCheckpoint, 'organisation' | 'takenAt'>): string {
  const slug = checkpoint.organisation.slug.replace(/[^a-z0-9-]/gi, '-');
  return `sopdesk-audit-checkpoint-${slug}-${checkpoint.takenAt.slice(0, 10)}.json`;
}
