import { z } from 'zod';

// Every audit event type, one discriminated union in one file. A payload holds what changed;
// personal data in it (names, emails) can later be erased without breaking the chain.

const id = z.string();
const changes = z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() }));

export const auditEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('organisation.created'), payload: z.object({ name: z.string(), slug: z.string() }) }),
  z.object({ type: z.literal('organisation.renamed'), payload: z.object({ from: z.string(), to: z.string() }) }),
  z.object({
    type: z.literal('person.created'),
    payload: z.object({
      name: z.string(),
      email: z.string(),
      roleIds: z.array(id),
      startDate: z.string().nullable(),
      managerId: id.nullable(),
    }),
  }),
  z.object({ type: z.literal('person.updated'), payload: z.object({ changes }) }),
  z.object({ type: z.literal('person.roles-changed'), payload: z.object({ from: z.array(id), to: z.array(id) }) }),
  z.object({ type: z.literal('person.suspended'), payload: z.object({ sessionsEnded: z.number().int() }) }),
  z.object({ type: z.literal('person.reactivated'), payload: z.object({}) }),
  z.object({ type: z.literal('person.password-changed'), payload: z.object({ via: z.enum(['profile', 'reset-link', 'cli']) }) }),
  z.object({ type: z.literal('person.password-reset-issued'), payload: z.object({ resetId: id, expiresAt: z.string() }) }),
  z.object({ type: z.literal('person.signed-in'), payload: z.object({ ip: z.string().nullable(), userAgent: z.string().nullable() }) }),
  z.object({ type: z.literal('person.signed-out'), payload: z.object({}) }),
  z.object({ type: z.literal('person.signed-out-everywhere'), payload: z.object({ sessionsEnded: z.number().int() }) }),
  z.object({
    type: z.literal('api-token.created'),
    payload: z.object({ tokenId: id, name: z.string(), expiresAt: z.string().nullable() }),
  }),
  z.object({ type: z.literal('api-token.revoked'), payload: z.object({ tokenId: id, name: z.string() }) }),
  z.object({
    type: z.literal('role.created'),
    payload: z.object({ name: z.string(), description: z.string(), permissions: z.array(z.string()) }),
  }),
  z.object({ type: z.literal('role.updated'), payload: z.object({ changes }) }),
  z.object({ type: z.literal('role.deleted'), payload: z.object({ name: z.string() }) }),
  z.object({ type: z.literal('team.created'), payload: z.object({ name: z.string(), description: z.string() }) }),
  z.object({ type: z.literal('team.updated'), payload: z.object({ changes }) }),
  z.object({ type: z.literal('team.deleted'), payload: z.object({ name: z.string() }) }),
  z.object({ type: z.literal('team.member-added'), payload: z.object({ personId: id, isLead: z.boolean() }) }),
  z.object({ type: z.literal('team.member-removed'), payload: z.object({ personId: id }) }),
  // The SOP library.
  z.object({
    type: z.literal('sop.created'),
    payload: z.object({ key: z.string(), title: z.string(), category: z.string(), templateId: z.string().nullable() }),
  }),
  z.object({ type: z.literal('sop.updated'), payload: z.object({ changes }) }),
  z.object({
    type: z.literal('sop.draft-created'),
    payload: z.object({ versionId: id, label: z.string(), changeKind: z.enum(['major', 'minor']), changeSummary: z.string(), fromVersionId: id.nullable() }),
  }),
  z.object({ type: z.literal('sop.draft-saved'), payload: z.object({ versionId: id, revision: z.number().int(), contentHash: z.string() }) }),
  z.object({ type: z.literal('sop.imported'), payload: z.object({ versionId: id, fileName: z.string(), unmappedLines: z.number().int() }) }),
  z.object({ type: z.literal('sop.trial-started'), payload: z.object({ versionId: id, participantIds: z.array(id) }) }),
  z.object({ type: z.literal('sop.submitted'), payload: z.object({ versionId: id, reviewerIds: z.array(id), approverIds: z.array(id), contentHash: z.string() }) }),
  z.object({
    type: z.literal('sop.comment-added'),
    payload: z.object({ versionId: id, commentId: id, kind: z.enum(['review', 'trial']), section: z.string(), stepId: z.string().nullable() }),
  }),
  z.object({
    type: z.literal('sop.comment-resolved'),
    payload: z.object({ versionId: id, commentId: id, status: z.enum(['resolved', 'accepted', 'declined']), note: z.string() }),
  }),
  z.object({ type: z.literal('sop.review-completed'), payload: z.object({ versionId: id }) }),
  z.object({ type: z.literal('sop.signed'), payload: z.object({ versionId: id, signatureId: id, meaning: z.string(), contentHash: z.string() }) }),
  z.object({ type: z.literal('sop.approved'), payload: z.object({ versionId: id, contentHash: z.string() }) }),
  z.object({ type: z.literal('sop.returned-to-draft'), payload: z.object({ versionId: id, reason: z.string() }) }),
  z.object({ type: z.literal('sop.publication-scheduled'), payload: z.object({ versionId: id, effectiveAt: z.string() }) }),
  z.object({ type: z.literal('sop.published'), payload: z.object({ versionId: id, label: z.string(), effectiveAt: z.string(), supersededVersionId: id.nullable() }) }),
  z.object({ type: z.literal('sop.retired'), payload: z.object({ reason: z.string() }) }),
  z.object({
    type: z.literal('sop.periodic-review-recorded'),
    payload: z.object({ versionId: id, outcome: z.enum(['still-correct', 'new-draft']), note: z.string(), nextReviewDue: z.string().nullable() }),
  }),
  z.object({ type: z.literal('process.created'), payload: z.object({ name: z.string(), category: z.string() }) }),
  z.object({ type: z.literal('process.updated'), payload: z.object({ changes }) }),
  z.object({ type: z.literal('process.deleted'), payload: z.object({ name: z.string() }) }),
  z.object({ type: z.literal('sop-template.created'), payload: z.object({ templateId: id, name: z.string(), description: z.string() }) }),
  z.object({ type: z.literal('sop-template.deleted'), payload: z.object({ templateId: id, name: z.string() }) }),
  z.object({ type: z.literal('governed-action.created'), payload: z.object({ key: z.string(), label: z.string(), hasAmount: z.boolean() }) }),
  z.object({ type: z.literal('governed-action.updated'), payload: z.object({ key: z.string(), changes }) }),
  z.object({ type: z.literal('template.created'), payload: z.object({ templateId: id, name: z.string() }) }),
  z.object({ type: z.literal('settings.updated'), payload: z.object({ key: z.string(), value: z.unknown() }) }),
  z.object({
    type: z.literal('audit.payload-erased'),
    payload: z.object({ eventId: id, stream: z.string(), seq: z.number().int(), reason: z.string() }),
  }),
]);

export type AuditEventInput = z.infer<typeof auditEventSchema>;
export type AuditEventType = AuditEventInput['type'];
export const AUDIT_EVENT_TYPES = auditEventSchema.options.map((option) => option.shape.type.value) as AuditEventType[];

/** The stream an entity's events belong to, e.g. `person:0193…`. */
export function streamOf(kind: 'org' | 'person' | 'role' | 'team' | 'sop' | 'process', entityId: string): string {
  return `${kind}:${entityId}`;
}
