import type { Executor } from '../../db/database';
import type { SopCommentTable, SopParticipantTable, SopPeriodicReviewTable, SopSignatureTable } from '../../db/schema';

export async function insertParticipants(db: Executor, participants: SopParticipantTable[]): Promise<void> {
  if (participants.length > 0) await db.insertInto('sop_participants').values(participants).execute();
}

export function listParticipants(db: Executor, orgId: string, versionId: string) {
  return db
    .selectFrom('sop_participants')
    .innerJoin('people', 'people.id', 'sop_participants.person_id')
    .select(['sop_participants.id', 'sop_participants.person_id', 'sop_participants.kind', 'sop_participants.completed_at', 'people.name'])
    .where('sop_participants.org_id', '=', orgId)
    .where('sop_participants.version_id', '=', versionId)
    .orderBy('sop_participants.added_at')
    .execute();
}

export async function completeParticipation(db: Executor, orgId: string, versionId: string, personId: string, kind: SopParticipantTable['kind'], at: string): Promise<boolean> {
  const result = await db
    .updateTable('sop_participants')
    .set({ completed_at: at })
    .where('org_id', '=', orgId)
    .where('version_id', '=', versionId)
    .where('person_id', '=', personId)
    .where('kind', '=', kind)
    .where('completed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertComment(db: Executor, comment: SopCommentTable): Promise<void> {
  await db.insertInto('sop_comments').values(comment).execute();
}

export function findComment(db: Executor, orgId: string, commentId: string) {
  return db.selectFrom('sop_comments').selectAll().where('org_id', '=', orgId).where('id', '=', commentId).executeTakeFirst();
}

export function listComments(db: Executor, orgId: string, versionId: string) {
  return db
    .selectFrom('sop_comments')
    .innerJoin('people as author', 'author.id', 'sop_comments.author_id')
    .leftJoin('people as resolver', 'resolver.id', 'sop_comments.resolved_by')
    .selectAll('sop_comments')
    .select(['author.name as author_name', 'resolver.name as resolver_name'])
    .where('sop_comments.org_id', '=', orgId)
    .where('sop_comments.version_id', '=', versionId)
    .orderBy('sop_comments.created_at')
    .execute();
}

export async function resolveComment(
  db: Executor,
  orgId: string,
  commentId: string,
  changes: Pick<SopCommentTable, 'status' | 'resolution_note' | 'resolved_by' | 'resolved_at'>,
): Promise<boolean> {
  const result = await db
    .updateTable('sop_comments')
    .set(changes)
    .where('org_id', '=', orgId)
    .where('id', '=', commentId)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function countOpenComments(db: Executor, orgId: string, versionId: string, kind?: SopCommentTable['kind']): Promise<number> {
  let query = db
    .selectFrom('sop_comments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('org_id', '=', orgId)
    .where('version_id', '=', versionId)
    .where('status', '=', 'open');
  if (kind) query = query.where('kind', '=', kind);
  return Number((await query.executeTakeFirstOrThrow()).n);
}

export async function insertSignature(db: Executor, signature: SopSignatureTable): Promise<void> {
  await db.insertInto('sop_signatures').values(signature).execute();
}

export function listSignatures(db: Executor, orgId: string, versionId: string) {
  return db
    .selectFrom('sop_signatures')
    .innerJoin('people', 'people.id', 'sop_signatures.signer_id')
    .selectAll('sop_signatures')
    .select('people.name as signer_name')
    .where('sop_signatures.org_id', '=', orgId)
    .where('sop_signatures.version_id', '=', versionId)
    .orderBy('sop_signatures.signed_at')
    .execute();
}

export async function insertPeriodicReview(db: Executor, review: SopPeriodicReviewTable): Promise<void> {
  await db.insertInto('sop_periodic_reviews').values(review).execute();
}

export function listPeriodicReviews(db: Executor, orgId: string, sopId: string) {
  return db
    .selectFrom('sop_periodic_reviews')
    .innerJoin('people', 'people.id', 'sop_periodic_reviews.reviewer_id')
    .selectAll('sop_periodic_reviews')
    .select('people.name as reviewer_name')
    .where('sop_periodic_reviews.org_id', '=', orgId)
    .where('sop_periodic_reviews.sop_id', '=', sopId)
    .orderBy('sop_periodic_reviews.reviewed_at', 'desc')
    .execute();
}

/** The versions a person was named on (reviewer, trial participant, approver): drafts they may see. */
export async function listVersionIdsOfParticipant(db: Executor, orgId: string, personId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('sop_participants')
    .select('version_id')
    .where('org_id', '=', orgId)
    .where('person_id', '=', personId)
    .execute();
  return new Set(rows.map((row) => row.version_id));
}
