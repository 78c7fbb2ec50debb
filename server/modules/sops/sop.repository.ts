import type { Executor } from '../../db/database';
import { containsText, jsonListHolds } from '../../db/text-search';
import type { SopTable, SopVersionTable } from '../../db/schema';

export async function insertSop(db: Executor, sop: SopTable): Promise<void> {
  await db.insertInto('sops').values(sop).execute();
}

export function findSop(db: Executor, orgId: string, sopId: string) {
  return db.selectFrom('sops').selectAll().where('org_id', '=', orgId).where('id', '=', sopId).executeTakeFirst();
}

export function findSopByKey(db: Executor, orgId: string, key: string) {
  return db.selectFrom('sops').selectAll().where('org_id', '=', orgId).where('key', '=', key).executeTakeFirst();
}

export type SopFilter = {
  q?: string;
  category?: string;
  channel?: string;
  status?: 'draft' | 'published' | 'retired';
  review?: 'due-soon' | 'overdue';
  ownerId?: string;
  today: string;
  dueSoonBefore: string;
};

export function listSops(db: Executor, orgId: string, filter: SopFilter) {
  let query = db.selectFrom('sops').selectAll().where('org_id', '=', orgId);
  if (filter.q) {
    query = query.where(containsText(['title', 'key'], filter.q));
  }
  if (filter.category) query = query.where('category', '=', filter.category);
  if (filter.channel) query = query.where(jsonListHolds(db, 'channels', filter.channel));
  if (filter.ownerId) query = query.where('owner_id', '=', filter.ownerId);
  if (filter.status === 'retired') query = query.where('retired_at', 'is not', null);
  if (filter.status === 'published') query = query.where('retired_at', 'is', null).where('published_version_id', 'is not', null);
  if (filter.status === 'draft') query = query.where('retired_at', 'is', null).where('published_version_id', 'is', null);
  if (filter.review === 'overdue') query = query.where('retired_at', 'is', null).where('next_review_due', '<', filter.today);
  if (filter.review === 'due-soon') {
    query = query.where('retired_at', 'is', null).where('next_review_due', '>=', filter.today).where('next_review_due', '<', filter.dueSoonBefore);
  }
  return query.orderBy('key').execute();
}

export function listCategories(db: Executor, orgId: string) {
  return db.selectFrom('sops').select('category').distinct().where('org_id', '=', orgId).orderBy('category').execute();
}

export async function updateSop(db: Executor, orgId: string, sopId: string, changes: Partial<Omit<SopTable, 'id' | 'org_id' | 'version'>>): Promise<void> {
  await db
    .updateTable('sops')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('org_id', '=', orgId)
    .where('id', '=', sopId)
    .execute();
}

export async function updateSopIfVersion(
  db: Executor,
  orgId: string,
  sopId: string,
  expectedVersion: number,
  changes: Partial<Omit<SopTable, 'id' | 'org_id' | 'version'>>,
): Promise<boolean> {
  const result = await db
    .updateTable('sops')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('org_id', '=', orgId)
    .where('id', '=', sopId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertVersion(db: Executor, version: SopVersionTable): Promise<void> {
  await db.insertInto('sop_versions').values(version).execute();
}

export function findVersion(db: Executor, orgId: string, versionId: string) {
  return db.selectFrom('sop_versions').selectAll().where('org_id', '=', orgId).where('id', '=', versionId).executeTakeFirst();
}

/** Versions without their content, newest first. */
export function listVersionSummaries(db: Executor, orgId: string, sopIds: readonly string[]) {
  if (sopIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('sop_versions')
    .select([
      'id',
      'sop_id',
      'number',
      'label',
      'change_kind',
      'change_summary',
      'status',
      'created_at',
      'created_by',
      'effective_at',
      'approved_at',
    ])
    .where('org_id', '=', orgId)
    .where('sop_id', 'in', sopIds)
    .orderBy('number', 'desc')
    .execute();
}

export function findLatestVersion(db: Executor, orgId: string, sopId: string) {
  return db.selectFrom('sop_versions').selectAll().where('org_id', '=', orgId).where('sop_id', '=', sopId).orderBy('number', 'desc').limit(1).executeTakeFirst();
}

/** Updates a version only while it is still at the status (and revision, if given) the caller saw. */
export async function updateVersionIf(
  db: Executor,
  orgId: string,
  versionId: string,
  expected: { status?: readonly SopVersionTable['status'][]; revision?: number },
  changes: Partial<Omit<SopVersionTable, 'id' | 'org_id' | 'sop_id' | 'number'>>,
): Promise<boolean> {
  let query = db.updateTable('sop_versions').set(changes).where('org_id', '=', orgId).where('id', '=', versionId);
  if (expected.status) query = query.where('status', 'in', expected.status);
  if (expected.revision !== undefined) query = query.where('revision', '=', expected.revision);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Scheduled versions whose effective time has come, across organisations (for the publishing job). */
export function listDueScheduledVersions(db: Executor, at: string) {
  return db.selectFrom('sop_versions').select(['id', 'org_id', 'sop_id']).where('status', '=', 'scheduled').where('effective_at', '<=', at).execute();
}
