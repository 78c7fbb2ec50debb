import type { Executor } from '../../db/database';
import type { ProcessTable } from '../../db/schema';

export async function insertProcess(db: Executor, process: ProcessTable): Promise<void> {
  await db.insertInto('processes').values(process).execute();
}

export function findProcess(db: Executor, orgId: string, processId: string) {
  return db.selectFrom('processes').selectAll().where('org_id', '=', orgId).where('id', '=', processId).executeTakeFirst();
}

export function findProcessByName(db: Executor, orgId: string, name: string) {
  return db.selectFrom('processes').selectAll().where('org_id', '=', orgId).where('name', '=', name).executeTakeFirst();
}

export function listProcesses(db: Executor, orgId: string) {
  return db.selectFrom('processes').selectAll().where('org_id', '=', orgId).orderBy('category').orderBy('name').execute();
}

/** The SOPs linked to processes, for their status. */
export function listSopsOfProcesses(db: Executor, orgId: string) {
  return db
    .selectFrom('sops')
    .select(['id', 'key', 'title', 'process_id', 'published_version_id', 'retired_at'])
    .where('org_id', '=', orgId)
    .where('process_id', 'is not', null)
    .orderBy('key')
    .execute();
}

export async function updateProcessIfVersion(
  db: Executor,
  orgId: string,
  processId: string,
  expectedVersion: number,
  changes: Partial<Omit<ProcessTable, 'id' | 'org_id' | 'version' | 'created_at'>>,
): Promise<boolean> {
  const result = await db
    .updateTable('processes')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('org_id', '=', orgId)
    .where('id', '=', processId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteProcess(db: Executor, orgId: string, processId: string): Promise<void> {
  await db.updateTable('sops').set({ process_id: null }).where('org_id', '=', orgId).where('process_id', '=', processId).execute();
  await db.deleteFrom('processes').where('org_id', '=', orgId).where('id', '=', processId).execute();
}
