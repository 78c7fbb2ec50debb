import { sql } from 'kysely';
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
  keys?: readonly string[];
  today: string;
  dueSoonBefore: string;
};

/** Who is reading the library: someone who may read drafts sees every SOP; anyone else only those with a version they may see. */
export type SopViewer = { personId: string; seesAllDrafts: boolean };

/**
 * The SOPs of the organisation the viewer may see. Anyone may see a version that was ever in use
 * (the rule of `isPublicVersion`: published, superseded, or retired after being in effect) and a
 * draft they are named on; an SOP with no such version does not exist for them.
 */
function visibleSops(db: Executor, orgId: string, viewer: SopViewer) {
  const query = db.selectFrom('sops').where('sops.org_id', '=', orgId);
  if (viewer.seesAllDrafts) return query;
  return query.where((eb) =>
    eb.exists(
      eb
        .selectFrom('sop_versions')
        .select(sql.lit(1).as('one'))
        .where('sop_versions.org_id', '=', orgId)
        .whereRef('sop_versions.sop_id', '=', 'sops.id')
        .where((version) =>
          version.or([
            version('sop_versions.status', 'in', ['published', 'superseded']),
            version.and([version('sop_versions.status', '=', 'retired'), version('sop_versions.effective_at', 'is not', null)]),
            version.exists(
              version
                .selectFrom('sop_participants')
                .select(sql.lit(1).as('one'))
                .where('sop_participants.org_id', '=', orgId)
                .where('sop_participants.person_id', '=', viewer.personId)
                .whereRef('sop_participants.version_id', '=', 'sop_versions.id'),
            ),
          ]),
        ),
    ),
  );
}

/** The visible SOPs the library's filters keep (no cursor): what a page is taken from and `total` counts. */
function filteredSops(db: Executor, orgId: string, filter: SopFilter, viewer: SopViewer) {
  let query = visibleSops(db, orgId, viewer);
  if (filter.q) query = query.where(containsText(['sops.title', 'sops.key'], filter.q));
  if (filter.category) query = query.where('sops.category', '=', filter.category);
  if (filter.channel) query = query.where(jsonListHolds(db, 'sops.channels', filter.channel));
  if (filter.ownerId) query = query.where('sops.owner_id', '=', filter.ownerId);
  if (filter.keys) query = query.where('sops.key', 'in', filter.keys);
  if (filter.status === 'retired') query = query.where('sops.retired_at', 'is not', null);
  if (filter.status === 'published') query = query.where('sops.retired_at', 'is', null).where('sops.published_version_id', 'is not', null);
  if (filter.status === 'draft') query = query.where('sops.retired_at', 'is', null).where('sops.published_version_id', 'is', null);
  if (filter.review === 'overdue') query = query.where('sops.retired_at', 'is', null).where('sops.next_review_due', '<', filter.today);
  if (filter.review === 'due-soon') {
    query = query.where('sops.retired_at', 'is', null).where('sops.next_review_due', '>=', filter.today).where('sops.next_review_due', '<', filter.dueSoonBefore);
  }
  return query;
}

/**
 * One page of the library in key order (keys are unique per organisation, so the key after the
 * last item is a stable cursor). Reads one row more than the page to tell whether another follows.
 */
export async function listSopsPage(db: Executor, orgId: string, filter: SopFilter, viewer: SopViewer, page: { after?: string; limit: number }) {
  let query = filteredSops(db, orgId, filter, viewer).selectAll('sops');
  if (page.after) query = query.where('sops.key', '>', page.after);
  const rows = await query.orderBy('sops.key').limit(page.limit + 1).execute();
  const hasMore = rows.length > page.limit;
  const items = hasMore ? rows.slice(0, page.limit) : rows;
  return { items, nextCursor: hasMore ? items[items.length - 1]!.key : null };
}

/** How many visible SOPs the filters keep, on every page. */
export async function countSops(db: Executor, orgId: string, filter: SopFilter, viewer: SopViewer): Promise<number> {
  const row = await filteredSops(db, orgId, filter, viewer)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Each distinct (category, channels) pair of the visible SOPs, with how many SOPs have it: the library's facets. */
export async function listFacetGroups(db: Executor, orgId: string, viewer: SopViewer) {
  const rows = await visibleSops(db, orgId, viewer)
    .select((eb) => ['sops.category', 'sops.channels', eb.fn.countAll<number | string>().as('n')])
    .groupBy(['sops.category', 'sops.channels'])
    .execute();
  return rows.map((row) => ({ category: row.category, channels: JSON.parse(row.channels) as string[], count: Number(row.n) }));
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
