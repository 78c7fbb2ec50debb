import { z } from 'zod';
import { idField, label, longText } from './fields';

export const PROCESS_STATUSES = ['no-sop', 'drafting', 'published'] as const;

export const processSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    category: z.string(),
    channels: z.array(z.string()),
    owner: z.object({ id: z.string(), name: z.string() }).nullable(),
    notes: z.string(),
    status: z.enum(PROCESS_STATUSES).describe('Derived from the SOPs linked to the process'),
    sops: z.array(z.object({ id: z.string(), key: z.string(), title: z.string(), status: z.enum(['draft', 'published', 'retired']) })),
    likelyDuplicates: z.array(z.object({ id: z.string(), name: z.string(), similarity: z.number() })),
    version: z.number().int(),
    can: z.object({ update: z.boolean(), delete: z.boolean() }),
  })
  .meta({ id: 'Process' });

export const processRegisterSchema = z.object({
  items: z.array(processSchema),
  coverage: z.object({ total: z.number().int(), published: z.number().int(), drafting: z.number().int(), noSop: z.number().int() }),
  can: z.object({ create: z.boolean() }),
});

export const createProcessBodySchema = z.strictObject({
  name: label(160),
  description: longText(4000).default(''),
  category: label(80),
  channels: z.array(label(40)).max(20).default([]),
  ownerId: idField.nullable().default(null),
  notes: longText(20000).default('').describe('What the staff who do the work said'),
});

export const updateProcessBodySchema = z.strictObject({
  version: z.number().int().min(1),
  name: label(160).optional(),
  description: longText(4000).optional(),
  category: label(80).optional(),
  channels: z.array(label(40)).max(20).optional(),
  ownerId: idField.nullable().optional(),
  notes: longText(20000).optional(),
});

export type BusinessProcess = z.infer<typeof processSchema>;
export type ProcessRegister = z.infer<typeof processRegisterSchema>;
export type CreateProcessBody = z.input<typeof createProcessBodySchema>;
export type UpdateProcessBody = z.infer<typeof updateProcessBodySchema>;
