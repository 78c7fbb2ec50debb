import { z } from 'zod';
import { CHANGE_KINDS, SOP_KEY_PATTERN, sopContentSchema, sopMetadataSchema } from '../procedure/model';
import { idField, longText } from './fields';

export const VERSION_STATUSES = ['draft', 'trial', 'in_review', 'approved', 'scheduled', 'published', 'superseded', 'retired'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

export const SIGNATURE_MEANINGS = ['approved-as-author', 'approved-as-reviewer', 'approved-for-use'] as const;

const person = z.object({ id: z.string(), name: z.string() });

export const versionSummarySchema = z.object({
  id: z.string(),
  number: z.number().int(),
  label: z.string(),
  changeKind: z.enum(CHANGE_KINDS),
  changeSummary: z.string(),
  status: z.enum(VERSION_STATUSES),
  createdAt: z.string(),
  createdBy: person.nullable(),
  effectiveAt: z.string().nullable(),
  approvedAt: z.string().nullable(),
});

export const sopSummarySchema = z
  .object({
    id: z.string(),
    key: z.string(),
    title: z.string(),
    category: z.string(),
    channels: z.array(z.string()),
    audience: z.array(z.string()),
    owner: person.nullable(),
    reviewIntervalMonths: z.number().int(),
    status: z.enum(['draft', 'published', 'retired']).describe('draft: never published'),
    processId: z.string().nullable(),
    published: versionSummarySchema.nullable(),
    draft: versionSummarySchema.nullable(),
    nextReviewDue: z.string().nullable(),
    reviewState: z.enum(['not-due', 'due-soon', 'overdue', 'not-published']),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'SopSummary' });

export const participantSchema = z.object({
  person,
  kind: z.enum(['reviewer', 'trial', 'approver']),
  completedAt: z.string().nullable(),
});

export const commentSchema = z.object({
  id: z.string(),
  kind: z.enum(['review', 'trial']),
  author: person,
  section: z.string(),
  stepId: z.string().nullable(),
  body: z.string(),
  status: z.enum(['open', 'resolved', 'accepted', 'declined']),
  resolutionNote: z.string().nullable(),
  resolvedBy: person.nullable(),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
});

export const signatureSchema = z.object({
  id: z.string(),
  signer: person,
  meaning: z.enum(SIGNATURE_MEANINGS),
  contentHash: z.string(),
  signedAt: z.string(),
});

export const styleFindingSchema = z.object({
  ruleId: z.string(),
  severity: z.enum(['error', 'warning']),
  message: z.string(),
  why: z.string().optional(),
  section: z.string(),
  stepId: z.string().optional(),
  stepNumber: z.string().optional(),
});

export const sopVersionSchema = versionSummarySchema
  .extend({
    sopId: z.string(),
    content: sopContentSchema,
    contentHash: z.string(),
    revision: z.number().int().describe('Send back when saving; a stale revision is refused with 409'),
    participants: z.array(participantSchema),
    comments: z.array(commentSchema),
    signatures: z.array(signatureSchema),
    findings: z.array(styleFindingSchema),
    can: z.object({
      edit: z.boolean(),
      startTrial: z.boolean(),
      submit: z.boolean(),
      comment: z.boolean(),
      completeReview: z.boolean(),
      approve: z.boolean(),
      returnToDraft: z.boolean(),
      publish: z.boolean(),
    }),
  })
  .meta({ id: 'SopVersion' });

export const sopDetailSchema = sopSummarySchema
  .extend({
    versions: z.array(versionSummarySchema),
    periodicReviews: z.array(z.object({ reviewer: person, outcome: z.enum(['still-correct', 'new-draft']), note: z.string(), reviewedAt: z.string() })),
    can: z.object({ update: z.boolean(), createDraft: z.boolean(), retire: z.boolean(), recordReview: z.boolean() }),
  })
  .meta({ id: 'SopDetail' });

/** A comma-separated list of SOP keys, as a query parameter (at most 50). */
const sopKeyList = z
  .string()
  .max(2000)
  .transform((value) => [...new Set(value.split(',').map((key) => key.trim()).filter(Boolean))])
  .pipe(z.array(z.string().regex(SOP_KEY_PATTERN, 'must be SOP keys like CS-REF-001, separated by commas')).min(1, 'must name at least one key').max(50, 'must name at most 50 keys'));

export const listSopsQuerySchema = z.strictObject({
  q: z.string().trim().max(200).optional().describe('Matches key or title'),
  category: z.string().max(80).optional(),
  channel: z.string().max(40).optional(),
  status: z.enum(['draft', 'published', 'retired']).optional(),
  review: z.enum(['due-soon', 'overdue']).optional(),
  ownerId: idField.optional(),
  keys: sopKeyList.optional().describe('Only the SOPs with these keys: comma-separated, at most 50'),
  after: z.string().regex(SOP_KEY_PATTERN, 'must be the nextCursor of the previous page').optional().describe('Cursor: the nextCursor of the previous page'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** A page of the library, in key order. `total` counts every SOP the filters keep that the caller may see. */
export const sopsListSchema = z.object({
  items: z.array(sopSummarySchema),
  total: z.number().int(),
  nextCursor: z.string().nullable(),
  can: z.object({ create: z.boolean() }),
});

/** What the library's filters offer: the categories and channels of the SOPs the caller may see. */
export const sopFacetsSchema = z.object({
  categories: z.array(z.string()),
  channels: z.array(z.string()),
  total: z.number().int(),
  can: z.object({ create: z.boolean() }),
});

export const createSopBodySchema = sopMetadataSchema.omit({ owner: true }).extend({
  ownerId: idField.nullable().default(null),
  processId: idField.nullable().default(null),
  templateId: z.string().max(60).default('simple-list'),
});

export const updateSopBodySchema = z.strictObject({
  version: z.number().int().min(1),
  title: sopMetadataSchema.shape.title.optional(),
  category: sopMetadataSchema.shape.category.optional(),
  // unwrap(): the create schema defaults these to [], and a default would turn "not sent" into "none".
  channels: sopMetadataSchema.shape.channels.unwrap().optional(),
  audience: sopMetadataSchema.shape.audience.unwrap().optional(),
  reviewIntervalMonths: z.number().int().min(1, 'must be at least 1 month').max(12, 'must be at most 12 months: every SOP is reviewed at least yearly').optional(),
  ownerId: idField.nullable().optional(),
  processId: idField.nullable().optional(),
});

export const saveDraftBodySchema = z.strictObject({
  revision: z.number().int().min(1),
  content: sopContentSchema,
  changeSummary: longText(2000).optional(),
  changeKind: z.enum(CHANGE_KINDS).optional(),
});

export const createDraftBodySchema = z.strictObject({
  changeKind: z.enum(CHANGE_KINDS),
  changeSummary: longText(2000).pipe(z.string().min(1, 'say what changes and why')),
});

export const peopleIdsBodySchema = z.strictObject({ personIds: z.array(idField).min(1, 'name at least one person').max(50) });

export const submitForReviewBodySchema = z.strictObject({
  reviewerIds: z.array(idField).min(1, 'name at least one subject expert').max(20),
  approverIds: z.array(idField).max(10).default([]),
});

export const addCommentBodySchema = z.strictObject({
  section: z.string().min(1).max(40),
  stepId: z.string().max(40).nullable().default(null),
  body: longText(5000).pipe(z.string().min(1, 'must not be empty')),
});

export const resolveCommentBodySchema = z.strictObject({
  status: z.enum(['resolved', 'accepted', 'declined']),
  note: longText(2000).default(''),
});

export const approveBodySchema = z.strictObject({
  password: z.string().min(1, 'is required to sign').max(256),
  meaning: z.enum(SIGNATURE_MEANINGS).default('approved-for-use'),
});

export const returnToDraftBodySchema = z.strictObject({ reason: longText(2000).pipe(z.string().min(3, 'say why (at least 3 characters)')) });

export const publishBodySchema = z.strictObject({
  effectiveAt: z.iso.datetime({ offset: true }).nullable().default(null).describe('null: now'),
});

export const retireBodySchema = z.strictObject({ reason: longText(2000).pipe(z.string().min(3, 'say why (at least 3 characters)')) });

export const periodicReviewBodySchema = z.strictObject({
  outcome: z.enum(['still-correct', 'new-draft']),
  note: longText(2000).default(''),
});

export type SopSummary = z.infer<typeof sopSummarySchema>;
export type SopDetail = z.infer<typeof sopDetailSchema>;
export type SopVersion = z.infer<typeof sopVersionSchema>;
export type VersionSummary = z.infer<typeof versionSummarySchema>;
export type SopsList = z.infer<typeof sopsListSchema>;
export type SopFacets = z.infer<typeof sopFacetsSchema>;
export type ListSopsQuery = z.input<typeof listSopsQuerySchema>;
export type CreateSopBody = z.input<typeof createSopBodySchema>;
export type UpdateSopBody = z.infer<typeof updateSopBodySchema>;
export type SaveDraftBody = z.input<typeof saveDraftBodySchema>;
export type StyleFinding = z.infer<typeof styleFindingSchema>;
export type SopComment = z.infer<typeof commentSchema>;
