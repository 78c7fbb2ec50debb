import { streamOf } from '../../../common/audit-events';
import type { StyleRuleSettingsAnswer, UpdateStyleRuleSettingsBody } from '../../../common/api/style-rules';
import { DEFAULT_STYLE_RULE_SETTINGS, STYLE_RULES, styleRuleSettingsSchema, type StyleRuleSettings } from '../../../common/procedure/style-rules';
import type { Db, Executor } from '../../db/database';
import { now } from '../../db/ids';
import { inTransaction } from '../../db/transaction';
import { AppError } from '../../errors/app-error';
import { authorize, can, type Actor } from '../../policy/policy';
import { appendAuditEvent } from '../audit/audit.service';

// Style-rule settings live in org_settings under one key: a JSON object validated by the same zod
// schema the editor uses, with the row's version for optimistic concurrency.

const KEY = 'style-rules';

type StoredSettings = { settings: StyleRuleSettings; version: number; updatedAt: string | null };

/** The organisation's settings, or the defaults (version 0) when it never changed them. */
export async function loadStyleRuleSettings(db: Executor, orgId: string): Promise<StoredSettings> {
  const row = await db.selectFrom('org_settings').select(['value', 'version', 'updated_at']).where('org_id', '=', orgId).where('key', '=', KEY).executeTakeFirst();
  if (!row) return { settings: DEFAULT_STYLE_RULE_SETTINGS, version: 0, updatedAt: null };
  // A value stored by an older release that no longer parses falls back to the defaults rather
  // than blocking every SOP page; saving the settings again replaces it.
  const parsed = styleRuleSettingsSchema.safeParse(JSON.parse(row.value));
  return { settings: parsed.success ? parsed.data : DEFAULT_STYLE_RULE_SETTINGS, version: row.version, updatedAt: row.updated_at };
}

function present(actor: Actor, stored: StoredSettings): StyleRuleSettingsAnswer {
  return {
    settings: stored.settings,
    defaults: DEFAULT_STYLE_RULE_SETTINGS,
    rules: STYLE_RULES.map((rule) => ({ ...rule, severities: [...rule.severities], enabled: stored.settings.rules[rule.id] })),
    version: stored.version,
    updatedAt: stored.updatedAt,
    can: { update: can(actor, 'settings.manage') },
  };
}

export async function getStyleRuleSettings(db: Db, actor: Actor): Promise<StyleRuleSettingsAnswer> {
  authorize(actor, 'library.read');
  return present(actor, await loadStyleRuleSettings(db, actor.orgId));
}

/** Replaces the organisation's settings; refused with 409 (and the stored settings) if someone saved first. */
export async function updateStyleRuleSettings(db: Db, actor: Actor, input: UpdateStyleRuleSettingsBody): Promise<StyleRuleSettingsAnswer> {
  authorize(actor, 'settings.manage');
  const { version, ...body } = input;
  const settings = styleRuleSettingsSchema.parse(body);
  return inTransaction(db, async (trx) => {
    const current = await loadStyleRuleSettings(trx, actor.orgId);
    const conflict = async () =>
      new AppError('version_conflict', 'The style rules were changed by someone else since you loaded them.', { current: present(actor, await loadStyleRuleSettings(trx, actor.orgId)) });
    if (current.version !== version) throw await conflict();
    if (JSON.stringify(current.settings) === JSON.stringify(settings)) return present(actor, current);
    const at = now();
    const value = JSON.stringify(settings);
    const written =
      version === 0
        ? await trx
            .insertInto('org_settings')
            .values({ org_id: actor.orgId, key: KEY, value, updated_at: at, version: 1 })
            .onConflict((oc) => oc.columns(['org_id', 'key']).doNothing())
            .executeTakeFirst()
            .then((result) => Number(result.numInsertedOrUpdatedRows ?? 0))
        : await trx
            .updateTable('org_settings')
            .set({ value, updated_at: at, version: version + 1 })
            .where('org_id', '=', actor.orgId)
            .where('key', '=', KEY)
            .where('version', '=', version)
            .executeTakeFirst()
            .then((result) => Number(result.numUpdatedRows));
    if (written !== 1) throw await conflict();
    await appendAuditEvent(trx, {
      orgId: actor.orgId,
      actorId: actor.personId,
      stream: streamOf('org', actor.orgId),
      event: { type: 'settings.updated', payload: { key: KEY, value: settings } },
    });
    return present(actor, { settings, version: version + 1, updatedAt: at });
  });
}
