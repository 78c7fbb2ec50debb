import { z } from 'zod';

// The structured SOP: a procedure is data, not free text, so that one source renders as a list,
// an outline, a checklist and a flowchart, and so that step ids survive from version to version
// (feedback and analytics follow a step, not a line number).

export const STEP_KINDS = ['action', 'decision', 'referral', 'record'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export const RECORD_FIELD_TYPES = ['text', 'number', 'date', 'choice'] as const;

/** A stable id: short, URL-safe, unique within the SOP, kept across versions. */
export const stepIdSchema = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z0-9_-]+$/, 'must contain only letters, digits, "-" and "_"');

export const recordFieldSchema = z.strictObject({
  key: z
    .string()
    .min(1)
    .max(60)
    .regex(/^[a-z][a-z0-9_]*$/, 'must be lower_snake_case'),
  label: z.string().trim().min(1).max(120),
  type: z.enum(RECORD_FIELD_TYPES),
  required: z.boolean().default(false),
  /** The allowed values of a `choice` field. */
  options: z.array(z.string().trim().min(1).max(120)).max(50).optional(),
});

export const governedActionRefSchema = z.strictObject({
  /** Key of a governed action in the organisation's list: refund, replacement, credit, goodwill, fee-waiver … */
  key: z
    .string()
    .min(1)
    .max(60)
    .regex(/^[a-z][a-z0-9-]*$/, 'must be lower-kebab-case'),
  hasAmount: z.boolean(),
});

export type RecordField = z.infer<typeof recordFieldSchema>;
export type GovernedActionRef = z.infer<typeof governedActionRefSchema>;

export type Step = {
  id: string;
  kind: StepKind;
  /** One imperative instruction: "Confirm the order number." */
  text: string;
  /** Markdown: why, hints, scripts to read out. Sanitised when rendered. */
  detail?: string;
  /** Who performs it; defaults to the SOP's main role. */
  role?: string;
  substeps?: Step[];
  /** decision: named branches, each with its own steps; a branch rejoins unless it ends the procedure. */
  branches?: Branch[];
  /** referral: the role the case is handed over to. */
  referTo?: string;
  /** action: a governed action (refund …), checked against the authority matrix on a case. */
  action?: GovernedActionRef;
  /** record: evidence that must be captured. */
  record?: { fields: RecordField[]; note?: boolean; attachment?: boolean };
  /** Key of another SOP this step points to (e.g. "CS-REF-001"). */
  sopRef?: string;
};

export type Branch = {
  id: string;
  /** The condition or answer that leads here: "Yes", "Under £50", "Customer is injured". */
  label: string;
  steps: Step[];
  /** Present when this branch ends the procedure instead of rejoining. */
  end?: { outcome: string };
};

export const stepSchema: z.ZodType<Step> = z.lazy(() =>
  z.strictObject({
    id: stepIdSchema,
    kind: z.enum(STEP_KINDS),
    text: z.string().trim().min(1, 'must not be empty').max(500),
    detail: z.string().max(20_000).optional(),
    role: z.string().trim().min(1).max(80).optional(),
    substeps: z.array(stepSchema).max(200).optional(),
    branches: z.array(branchSchema).max(20).optional(),
    referTo: z.string().trim().min(1).max(80).optional(),
    action: governedActionRefSchema.optional(),
    record: z
      .strictObject({
        fields: z.array(recordFieldSchema).max(50),
        note: z.boolean().optional(),
        attachment: z.boolean().optional(),
      })
      .optional(),
    sopRef: z.string().trim().min(1).max(40).optional(),
  }),
) as z.ZodType<Step>;

export const branchSchema: z.ZodType<Branch> = z.lazy(() =>
  z.strictObject({
    id: stepIdSchema,
    label: z.string().trim().min(1, 'must not be empty').max(200),
    steps: z.array(stepSchema).max(500),
    end: z.strictObject({ outcome: z.string().trim().min(1).max(200) }).optional(),
  }),
) as z.ZodType<Branch>;

export const REFERENCE_KINDS = ['sop', 'policy', 'document', 'link'] as const;

/** The sections every version of an SOP has, in the order they are shown and exported. */
export const sopContentSchema = z.strictObject({
  /** Why this procedure matters (Markdown). */
  purpose: z.string().max(20_000).default(''),
  /** What it covers and what it does not (Markdown). */
  scope: z.string().max(20_000).default(''),
  responsibilities: z
    .array(z.strictObject({ role: z.string().trim().min(1).max(80), duties: z.string().trim().min(1).max(2000) }))
    .max(50)
    .default([]),
  procedure: z.array(stepSchema).max(500).default([]),
  /** Markdown; "None." is an explicit, acceptable answer. */
  healthAndSafety: z.string().max(20_000).default(''),
  equipment: z.string().max(20_000).default(''),
  glossary: z
    .array(z.strictObject({ term: z.string().trim().min(1).max(120), definition: z.string().trim().min(1).max(2000) }))
    .max(200)
    .default([]),
  tips: z.string().max(20_000).default(''),
  references: z
    .array(
      z.strictObject({
        kind: z.enum(REFERENCE_KINDS),
        /** An SOP key for kind "sop"; a title or URL otherwise. */
        target: z.string().trim().min(1).max(500),
        label: z.string().trim().max(200).optional(),
      }),
    )
    .max(100)
    .default([]),
  /** Content that fits no standard section (kept by the importer so that no text is ever dropped). */
  additionalSections: z
    .array(z.strictObject({ title: z.string().trim().min(1).max(200), body: z.string().max(100_000) }))
    .max(50)
    .default([]),
});

export type SopContent = z.infer<typeof sopContentSchema>;

/** The standard sections, by key, with the titles shown to people and used in the Markdown format. */
export const SECTION_TITLES = {
  purpose: 'Purpose',
  scope: 'Scope',
  responsibilities: 'Responsibilities',
  procedure: 'Procedure',
  healthAndSafety: 'Health and safety',
  equipment: 'Equipment and systems',
  glossary: 'Glossary',
  tips: 'Hints and tips',
  references: 'References',
} as const satisfies Record<Exclude<keyof SopContent, 'additionalSections'>, string>;

export type SectionKey = keyof typeof SECTION_TITLES;

export const CHANGE_KINDS = ['major', 'minor'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export const SOP_KEY_PATTERN = /^[A-Z][A-Z0-9]{1,9}(-[A-Z0-9]{1,10}){0,3}-\d{3,5}$/;

/** Metadata of an SOP (not of a version): what the library lists and filters on. */
export const sopMetadataSchema = z.strictObject({
  key: z.string().trim().regex(SOP_KEY_PATTERN, 'must look like CS-REF-001 (capital letters, dashes, a number)'),
  title: z.string().trim().min(3).max(200),
  category: z.string().trim().min(1).max(80),
  channels: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
  /** Email or name of the owner as written in a document; resolved to a person on import. */
  owner: z.string().trim().max(200).optional(),
  audience: z.array(z.string().trim().min(1).max(80)).max(20).default([]),
  reviewIntervalMonths: z.number().int().min(1).max(12).default(12),
});

export type SopMetadata = z.infer<typeof sopMetadataSchema>;

/** An empty content object with every section present. */
export function emptySopContent(): SopContent {
  return sopContentSchema.parse({});
}
