import { streamOf } from '../../../common/audit-events';
import { SEEDED_GOVERNED_ACTIONS, type GovernedAction } from '../../../common/api/settings';
import type { Db, Executor, Trx } from '../../db/database';
import { newId, now } from '../../db/ids';
import { inTransaction } from '../../db/transaction';
import { alreadyInUse } from '../../errors/app-error';
import { authorize, type Actor } from '../../policy/policy';
import { appendAuditEvent } from '../audit/audit.service';

function present(row: { id: string; key: string; label: string; has_amount: number }): GovernedAction {
  return { id: row.id, key: row.key, label: row.label, hasAmount: row.has_amount === 1 };
}

export async function listGovernedActions(db: Executor, orgId: string): Promise<GovernedAction[]> {
  const rows = await db.selectFrom('governed_actions').selectAll().where('org_id', '=', orgId).orderBy('label').execute();
  return rows.map(present);
}

/** Seeds the standard list for a new organisation, inside its creating transaction. */
export async function seedGovernedActions(trx: Trx, orgId: string): Promise<void> {
  const at = now();
  await trx
    .insertInto('governed_actions')
    .values(SEEDED_GOVERNED_ACTIONS.map((action) => ({ id: newId(), org_id: orgId, key: action.key, label: action.label, has_amount: action.hasAmount ? 1 : 0, created_at: at })))
    .execute();
}

/** Adds a governed action (the list of actions an SOP step can name and the authority matrix governs). */
export async function createGovernedAction(db: Db, actor: Actor, input: { key: string; label: string; hasAmount: boolean }): Promise<GovernedAction> {
  authorize(actor, 'settings.manage');
  return inTransaction(db, async (trx) => {
    const existing = await trx.selectFrom('governed_actions').select('id').where('org_id', '=', actor.orgId).where('key', '=', input.key).executeTakeFirst();
    if (existing) throw alreadyInUse('body.key', `The action "${input.key}" already exists.`);
    const row = { id: newId(), org_id: actor.orgId, key: input.key, label: input.label, has_amount: input.hasAmount ? 1 : 0, created_at: now() };
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
