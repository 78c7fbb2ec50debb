import { z } from 'zod';
import { idField } from './fields';

export const auditEventViewSchema = z
  .object({
    id: z.string(),
    stream: z.string(),
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

export const verifyAuditBodySchema = z.strictObject({
  stream: z.string().min(1).max(200).optional(),
});

export const verificationResultSchema = z
  .object({
    ok: z.boolean(),
    streamsChecked: z.number().int(),
    eventsChecked: z.number().int(),
    erasedPayloads: z.number().int(),
    firstBreak: z.object({ stream: z.string(), seq: z.number().int(), eventId: z.string(), reason: z.string() }).nullable(),
    verifiedAt: z.string(),
  })
  .meta({ id: 'AuditVerification' });

export const eraseAuditPayloadBodySchema = z.strictObject({
  reason: z.string().trim().min(3, 'say why (at least 3 characters)').max(500),
});

export type AuditEventView = z.infer<typeof auditEventViewSchema>;
export type AuditEventsPage = z.infer<typeof auditEventsPageSchema>;
export type ListAuditEventsQuery = z.input<typeof listAuditEventsQuerySchema>;
export type VerificationResultView = z.infer<typeof verificationResultSchema>;
