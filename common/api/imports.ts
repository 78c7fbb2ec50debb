import { z } from 'zod';

export const IMPORT_MAX_BYTES = 2 * 1024 * 1024;

export const importBodySchema = z.strictObject({
  fileName: z
    .string()
    .trim()
    .min(1)
    .max(255)
    .regex(/\.(md|markdown|txt|docx)$/i, 'must end in .md, .markdown, .txt or .docx'),
  contentBase64: z.string().min(1, 'the file is empty').max(Math.ceil((IMPORT_MAX_BYTES * 4) / 3) + 16, 'the file is larger than 2 MiB'),
  dryRun: z.boolean().default(false),
});

export const importReportItemSchema = z.object({
  line: z.number().int(),
  endLine: z.number().int(),
  kind: z.enum(['mapped', 'kept-as-content', 'unmapped', 'warning']),
  target: z.string().optional(),
  message: z.string(),
});

export const importResultSchema = z.object({
  fileName: z.string(),
  dryRun: z.boolean(),
  sop: z.object({ id: z.string(), key: z.string(), title: z.string(), versionId: z.string() }).nullable(),
  metadata: z.object({ key: z.string(), title: z.string(), category: z.string() }),
  stats: z.object({ steps: z.number().int(), decisions: z.number().int(), sections: z.number().int(), additionalSections: z.number().int() }),
  report: z.object({ items: z.array(importReportItemSchema), summary: z.string() }),
});

export type ImportBody = z.input<typeof importBodySchema>;
export type ImportResult = z.infer<typeof importResultSchema>;
