import type { SopDetail, SopSummary, SopVersion, VersionSummary } from '../../../common/api/sops';
import type { Executor } from '../../db/database';
import type { SopRow, SopVersionRow } from '../../db/schema';
import { can, type Actor } from '../../policy/policy';
import { findPeopleNames } from '../people/person.repository';
import { isPublicVersion, parseContent } from './sop-content';
import { checkSopStyle } from './sop-style';
import * as reviewRepository from './sop-review.repository';
import * as sopRepository from './sop.repository';

type VersionSummaryRow = Awaited<ReturnType<typeof sopRepository.listVersionSummaries>>[number];

const DUE_SOON_DAYS = 30;

export function todayAndDueSoon(at = new Date()): { today: string; dueSoonBefore: string } {
  return {
    today: at.toISOString().slice(0, 10),
    dueSoonBefore: new Date(at.getTime() + DUE_SOON_DAYS * 86_400_000).toISOString().slice(0, 10),
  };
}

export function reviewStateOf(sop: Pick<SopRow, 'next_review_due' | 'published_version_id' | 'retired_at'>, at = new Date()): SopSummary['reviewState'] {
  if (!sop.published_version_id || sop.retired_at || !sop.next_review_due) return 'not-published';
  const { today, dueSoonBefore } = todayAndDueSoon(at);
  if (sop.next_review_due < today) return 'overdue';
  if (sop.next_review_due < dueSoonBefore) return 'due-soon';
  return 'not-due';
}

function presentVersionSummary(row: VersionSummaryRow, names: Map<string, string>): VersionSummary {
  return {
    id: row.id,
    number: row.number,
    label: row.label,
    changeKind: row.change_kind,
    changeSummary: row.change_summary,
    status: row.status,
    createdAt: row.created_at,
    createdBy: row.created_by ? { id: row.created_by, name: names.get(row.created_by) ?? '' } : null,
    effectiveAt: row.effective_at,
    approvedAt: row.approved_at,
  };
}

const OPEN_STATUSES = new Set(['draft', 'trial', 'in_review', 'approved', 'scheduled']);

/** SOPs for lists: metadata, the version in use and the draft in progress (if the caller may see drafts). */
export async function presentSops(db: Executor, actor: Actor, rows: SopRow[]): Promise<Array<SopSummary & { versions: VersionSummary[] }>> {
  const versions = await sopRepository.listVersionSummaries(db, actor.orgId, rows.map((row) => row.id));
  const personIds = new Set<string>();
  for (const row of rows) if (row.owner_id) personIds.add(row.owner_id);
  for (const version of versions) if (version.created_by) personIds.add(version.created_by);
  const names = new Map((await findPeopleNames(db, actor.orgId, [...personIds])).map((person) => [person.id, person.name]));
  const seeDrafts = can(actor, 'sop.read-drafts');
  // People named on a draft (reviewers, trial participants) see that draft, and only that one.
  const participating = seeDrafts ? new Set<string>() : await reviewRepository.listVersionIdsOfParticipant(db, actor.orgId, actor.personId);
  const visibleToCaller = (version: VersionSummary) =>
    seeDrafts ||
    participating.has(version.id) ||
    isPublicVersion({ status: version.status, effective_at: version.effectiveAt });
  return rows.map((row) => {
    const own = versions.filter((version) => version.sop_id === row.id).map((version) => presentVersionSummary(version, names));
    const published = own.find((version) => version.id === row.published_version_id) ?? null;
    const draft = own.find((version) => OPEN_STATUSES.has(version.status) && visibleToCaller(version)) ?? null;
    return {
      id: row.id,
      key: row.key,
      title: row.title,
      category: row.category,
      channels: JSON.parse(row.channels) as string[],
      audience: JSON.parse(row.audience) as string[],
      owner: row.owner_id ? { id: row.owner_id, name: names.get(row.owner_id) ?? '' } : null,
      reviewIntervalMonths: row.review_interval_months,
      status: row.retired_at ? 'retired' : row.published_version_id ? 'published' : 'draft',
      processId: row.process_id,
      published,
      draft,
      nextReviewDue: row.next_review_due,
      reviewState: reviewStateOf(row),
      updatedAt: row.updated_at,
      version: row.version,
      versions: own.filter(visibleToCaller),
    };
  });
}

export async function presentSopDetail(db: Executor, actor: Actor, row: SopRow): Promise<SopDetail> {
  const [summary] = await presentSops(db, actor, [row]);
  const reviews = await reviewRepository.listPeriodicReviews(db, actor.orgId, row.id);
  const active = !row.retired_at;
  return {
    ...summary!,
    periodicReviews: reviews.map((review) => ({
      reviewer: { id: review.reviewer_id, name: review.reviewer_name },
      outcome: review.outcome,
      note: review.note,
      reviewedAt: review.reviewed_at,
    })),
    can: {
      update: active && can(actor, 'sop.update'),
      createDraft: active && can(actor, 'sop.edit-draft') && summary!.draft === null,
      retire: active && can(actor, 'sop.retire'),
      recordReview: active && can(actor, 'sop.record-review') && row.published_version_id !== null,
    },
  };
}

/** One version with its content, review state and what the caller may do with it now. */
export async function presentVersion(db: Executor, actor: Actor, version: SopVersionRow): Promise<SopVersion> {
  const [participants, comments, signatures, creator] = await Promise.all([
    reviewRepository.listParticipants(db, actor.orgId, version.id),
    reviewRepository.listComments(db, actor.orgId, version.id),
    reviewRepository.listSignatures(db, actor.orgId, version.id),
    version.created_by ? findPeopleNames(db, actor.orgId, [version.created_by]) : Promise.resolve([]),
  ]);
  const content = parseContent(version.content);
  const participantIds = participants.map((participant) => participant.person_id);
  const resource = { kind: 'sop-version', participantIds } as const;
  const isParticipant = (kind: string) => participants.some((p) => p.person_id === actor.personId && p.kind === kind && p.completed_at === null);
  const editable = version.status === 'draft' || version.status === 'trial';
  const findings = await checkSopStyle(db, actor.orgId, content);
  return {
    id: version.id,
    sopId: version.sop_id,
    number: version.number,
    label: version.label,
    changeKind: version.change_kind,
    changeSummary: version.change_summary,
    status: version.status,
    createdAt: version.created_at,
    createdBy: creator[0] ? { id: creator[0].id, name: creator[0].name } : null,
    effectiveAt: version.effective_at,
    approvedAt: version.approved_at,
    content,
    contentHash: version.content_hash,
    revision: version.revision,
    participants: participants.map((participant) => ({
      person: { id: participant.person_id, name: participant.name },
      kind: participant.kind,
      completedAt: participant.completed_at,
    })),
    comments: comments.map((comment) => ({
      id: comment.id,
      kind: comment.kind,
      author: { id: comment.author_id, name: comment.author_name },
      section: comment.section,
      stepId: comment.step_id,
      body: comment.body,
      status: comment.status,
      resolutionNote: comment.resolution_note,
      resolvedBy: comment.resolved_by ? { id: comment.resolved_by, name: comment.resolver_name ?? '' } : null,
      createdAt: comment.created_at,
      resolvedAt: comment.resolved_at,
    })),
    signatures: signatures.map((signature) => ({
      id: signature.id,
      signer: { id: signature.signer_id, name: signature.signer_name },
      meaning: signature.meaning as SopVersion['signatures'][number]['meaning'],
      contentHash: signature.content_hash,
      signedAt: signature.signed_at,
    })),
    findings,
    can: {
      edit: editable && can(actor, 'sop.edit-draft'),
      startTrial: version.status === 'draft' && can(actor, 'sop.edit-draft'),
      submit: editable && can(actor, 'sop.edit-draft'),
      comment: (version.status === 'trial' || version.status === 'in_review') && can(actor, 'sop.comment', resource),
      completeReview: version.status === 'in_review' && isParticipant('reviewer'),
      approve: version.status === 'in_review' && can(actor, 'sop.approve') && !signatures.some((signature) => signature.signer_id === actor.personId),
      returnToDraft: ['trial', 'in_review', 'approved'].includes(version.status) && (can(actor, 'sop.edit-draft') || can(actor, 'sop.approve')),
      publish: version.status === 'approved' && can(actor, 'sop.publish'),
    },
  };
}
