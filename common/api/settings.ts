import { z } from 'zod';
import { label, versionField } from './fields';

export const governedActionSchema = z
  .object({
    id: z.string(),
    key: z.string().describe('What steps refer to; never changes'),
    label: z.string(),
    hasAmount: z.boolean().describe('Whether a step naming it carries an amount by default'),
    retiredAt: z.string().nullable().describe('Set when it is no longer offered for new steps; steps that name it keep it'),
    version: z.number().int(),
  })
  .meta({ id: 'GovernedAction' });

export const governedActionsSchema = z.object({ items: z.array(governedActionSchema), can: z.object({ create: z.boolean(), update: z.boolean() }) });

export const createGovernedActionBodySchema = z.strictObject({
  key: z
    .string()
    .trim()
    .min(2)
    .max(60)
    .regex(/^[a-z][a-z0-9-]*$/, 'must be lower-kebab-case, e.g. goodwill-gesture'),
  label: label(80),
  hasAmount: z.boolean(),
});

export const updateGovernedActionBodySchema = z.strictObject({
  version: z.number().int().min(1),
  label: label(80).optional(),
  hasAmount: z.boolean().optional(),
  retired: z.boolean().optional().describe('true: no longer offered for new steps; false: offered again'),
});

export const organisationSchema = z
  .object({
    id: z.string(),
    name: z.string().describe('Heads every page and the printed manual'),
    slug: z.string().describe('Short name in addresses; never changes'),
    version: z.number().int(),
    can: z.object({ update: z.boolean() }),
  })
  .meta({ id: 'Organisation' });

export const updateOrganisationBodySchema = z.strictObject({
  version: versionField,
  name: label(120).optional(),
});

/** The governed actions every organisation starts with. */
export const SEEDED_GOVERNED_ACTIONS = [
  { key: 'refund', label: 'Refund', hasAmount: true },
  { key: 'replacement', label: 'Replacement', hasAmount: false },
  { key: 'credit', label: 'Account credit', hasAmount: true },
  { key: 'goodwill-gesture', label: 'Goodwill gesture', hasAmount: true },
  { key: 'fee-waiver', label: 'Fee waiver', hasAmount: true },
] as const;

export type GovernedAction = z.infer<typeof governedActionSchema>;
export type GovernedActions = z.infer<typeof governedActionsSchema>;
export type UpdateGovernedActionBody = z.infer<typeof updateGovernedActionBodySchema>;
export type Organisation = z.infer<typeof organisationSchema>;
export type UpdateOrganisationBody = z.infer<typeof updateOrganisationBodySchema>;
