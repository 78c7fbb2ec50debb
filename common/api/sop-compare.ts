import { z } from 'zod';
import { STEP_ATTRIBUTES } from '../procedure/diff';
import { idField } from './fields';
import { versionSummarySchema } from './sops';

export const compareQuerySchema = z.strictObject({
  from: idField.describe('The older version (any two versions of the SOP can be compared, in either order)'),
  to: idField,
});

const wordChange = z.object({ kind: z.enum(['same', 'added', 'removed']), text: z.string() });
const stepLocation = z.object({ number: z.string(), parentId: z.string().nullable(), branchId: z.string().nullable(), index: z.number().int(), text: z.string() });

export const sopComparisonSchema = z
  .object({
    sopId: z.string(),
    from: versionSummarySchema.pick({ id: true, number: true, label: true, status: true, changeKind: true, changeSummary: true, createdAt: true, effectiveAt: true }),
    to: versionSummarySchema.pick({ id: true, number: true, label: true, status: true, changeKind: true, changeSummary: true, createdAt: true, effectiveAt: true }),
    changed: z.boolean(),
    sections: z.array(
      z.object({
        section: z.string(),
        title: z.string(),
        changed: z.boolean(),
        words: z.array(wordChange),
        items: z.array(z.object({ key: z.string(), change: z.enum(['added', 'removed', 'changed', 'unchanged']), words: z.array(wordChange) })).optional(),
      }),
    ),
    procedure: z.object({
      changed: z.boolean(),
      summary: z.object({
        added: z.number().int(),
        removed: z.number().int(),
        moved: z.number().int(),
        reworded: z.number().int(),
        attributesChanged: z.number().int(),
        unchanged: z.number().int(),
      }),
      steps: z.array(
        z.object({
          stepId: z.string(),
          change: z.enum(['added', 'removed', 'kept']),
          moved: z.boolean(),
          reworded: z.boolean(),
          attributesChanged: z.boolean(),
          from: stepLocation.nullable(),
          to: stepLocation.nullable(),
          text: z.array(wordChange).optional(),
          detail: z.array(wordChange).optional(),
          attributes: z.array(z.object({ attribute: z.enum(STEP_ATTRIBUTES), from: z.unknown(), to: z.unknown() })),
        }),
      ),
    }),
  })
  .meta({ id: 'SopComparison' });

export type SopComparison = z.infer<typeof sopComparisonSchema>;
