import { z } from 'zod';
import { label } from './fields';

export const governedActionSchema = z.object({ id: z.string(), key: z.string(), label: z.string(), hasAmount: z.boolean() }).meta({ id: 'GovernedAction' });

export const governedActionsSchema = z.object({ items: z.array(governedActionSchema), can: z.object({ create: z.boolean() }) });

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
