import { z } from 'zod';
import { STYLE_RULE_IDS, styleRuleSettingsSchema } from '../procedure/style-rules';

/** The organisation's style-rule settings, the defaults they differ from, and what each rule checks. */
export const styleRuleSettingsAnswerSchema = z
  .object({
    settings: styleRuleSettingsSchema,
    defaults: styleRuleSettingsSchema,
    rules: z.array(
      z.object({
        id: z.enum(STYLE_RULE_IDS),
        title: z.string(),
        why: z.string(),
        severities: z.array(z.enum(['error', 'warning'])),
        enabled: z.boolean(),
      }),
    ),
    version: z.number().int().describe('0 while the organisation uses the defaults; send it back when saving'),
    updatedAt: z.string().nullable(),
    can: z.object({ update: z.boolean() }),
  })
  .meta({ id: 'StyleRuleSettings' });

/** Replaces the settings; omitted fields take their defaults. A stale version is refused with 409. */
export const updateStyleRuleSettingsBodySchema = styleRuleSettingsSchema.extend({
  version: z.number().int().min(0),
});

export type StyleRuleSettingsAnswer = z.infer<typeof styleRuleSettingsAnswerSchema>;
export type UpdateStyleRuleSettingsBody = z.input<typeof updateStyleRuleSettingsBodySchema>;
