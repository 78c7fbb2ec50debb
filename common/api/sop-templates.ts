import { z } from 'zod';
import { sopContentSchema } from '../procedure/model';
import { label, longText } from './fields';

export const sopTemplateSummarySchema = z
  .object({ id: z.string(), name: z.string(), description: z.string(), builtIn: z.boolean(), can: z.object({ delete: z.boolean() }) })
  .meta({ id: 'SopTemplate' });

export const sopTemplatesSchema = z.object({
  items: z.array(sopTemplateSummarySchema),
  can: z.object({ create: z.boolean() }),
});

export const createSopTemplateBodySchema = z.strictObject({
  name: label(80),
  description: longText(500).default(''),
  content: sopContentSchema.describe('What a new SOP from this template starts with, e.g. the content of a version'),
});

export type SopTemplateSummary = z.infer<typeof sopTemplateSummarySchema>;
export type SopTemplates = z.infer<typeof sopTemplatesSchema>;
export type CreateSopTemplateBody = z.input<typeof createSopTemplateBodySchema>;
