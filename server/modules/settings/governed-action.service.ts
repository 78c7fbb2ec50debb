import { sql } from 'kysely';
import { streamOf } from '../../../common/audit-events';
import { SEEDED_GOVERNED_ACTIONS, type GovernedAction, type UpdateGovernedActionBody } from '../../../common/api/settings';
import type { Db, Executor, Trx } from '../../db/database';
import { newId, now } from '../../db/ids';
import { inTransaction } from '../../db/transaction';
import { alreadyInUse, AppError, notFound } from '../../errors/app-error';
import { authorize, type Actor } from '../../policy/policy';
import { appendAuditEvent } from '../audit/audit.service';

type GovernedActionRow = { id: string; key: string; label: string; has_amount: number; retired_at: string | null; version: number };

function present(row: GovernedActionRow): GovernedAction {
  return { id: row.id, key: row.key, label: row.label, hasAmount: row.has_amount === 1, retiredAt: row.retired_at, version: row.version };
}

export async function listGovernedActions(db: Executor, orgId: string): Promise<GovernedAction[]> {
  // Those still offered first, then the retired ones; each group by label.
  const rows = await db
    .selectFrom('governed_actions')
    .selectAll()
    .where('org_id', '=', orgId)
    .orderBy(sql`case when retired_at is null then 0 else 1 end`)
    .orderBy('label')
    .orderBy('key')
    .execute();
  return rows.map(present);
}

/** Seeds the standard list for a new organisation, inside its creating transaction. */
export async function seedGovernedActions(trx: Trx, orgId: string): Promise<void> {
  const at = now();
  await trx
    .insertInto('governed_actions')
    .values(
      SEEDED_GOVERNED_ACTIONS.map((action) => ({ id: newId(), org_id: orgId, key: action.key, label: action.label, has_amount: action.hasAmount ? 1 : 0, created_at: at, version: 1, retired_at: null })),
    )
    .execute();
}

/** Adds a governed action (the list of actions an SOP step can name and the authority matrix governs). */
export async function createGovernedAction(db: Db, actor: Actor, input: { key: string; label: string; hasAmount: boolean }): Promise<GovernedAction> {
  authorize(actor, 'settings.manage');
  return inTransaction(db, async (trx) => {
    const existing = await trx.selectFrom('governed_actions').select('id').where('org_id', '=', actor.orgId).where('key', '=', input.key).executeTakeFirst();
    if (existing) throw alreadyInUse('body.key', `The action "${input.key}" already exists.`);
    const row = { id: newId(), org_id: actor.orgId, key: input.key, label: input.label, has_amount: input.hasAmount ? 1 : 0, created_at: now(), version: 1, retired_at: null };
    await trx.insertInto('governed_actions').values(row).execute();
    await appendAuditEvent(trx, {
      orgId: actor.orgId,
      actorId: actor.personId,
      stream: streamOf('org', actor.orgId),
      event: { type: 'governed-action.created', payload: { key: row.key, label: row.label, hasAmount: input.hasAmount } },
    });
    return present(row);
  });
}

async function loadGovernedAction(db: Executor, orgId: string, id: string): Promise<GovernedActionRow> {
  const row = await db.selectFrom('governed_actions').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('The governed action');
  return row;
}

/**
 * Rewords a governed action, changes whether steps naming it carry an amount by default, or
 * retires it (no longer offered for new steps) and brings it back. Its key stays: published
 * steps refer to it, and they keep it whatever happens here.
 */
export async function updateGovernedAction(db: Db, actor: Actor, id: string, input: UpdateGovernedActionBody): Promise<GovernedAction> {
  authorize(actor, 'settings.manage');
  return inTransaction(db, async (trx) => {
    const before = await loadGovernedAction(trx, actor.orgId, id);
    const conflict = async () =>
      new AppError('version_conflict', 'This governed action was changed by someone else since you loaded it.', { current: present(await loadGovernedAction(trx, actor.orgId, id)) });
    if (before.version !== input.version) throw await conflict();
    const hasAmount = input.hasAmount === undefined ? before.has_amount : input.hasAmount ? 1 : 0;
    const retiredAt = input.retired === undefined ? before.retired_at : input.retired ? (before.retired_at ?? now()) : null;
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    if (input.label !== undefined && input.label !== before.label) changes.label = { from: before.label, to: input.label };
    if (hasAmount !== before.has_amount) changes.hasAmount = { from: before.has_amount === 1, to: hasAmount === 1 };
    if ((retiredAt === null) !== (before.retired_at === null)) changes.retired = { from: before.retired_at !== null, to: retiredAt !== null };
    if (Object.keys(changes).length === 0) return present(before);
    const result = await trx
      .updateTable('governed_actions')
      .set({ label: input.label ?? before.label, has_amount: hasAmount, retired_at: retiredAt, version: before.version + 1 })
      .where('org_id', '=', actor.orgId)
      .where('id', '=', id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw await conflict();
    await appendAuditEvent(trx, {
      orgId: actor.orgId,
      actorId: actor.personId,
      stream: streamOf('org', actor.orgId),
      event: { type: 'governed-action.updated', payload: { key: before.key, changes } },
    });
    return present(await loadGovernedAction(trx, actor.orgId, id));
  });
}
