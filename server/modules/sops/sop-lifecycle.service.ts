import { streamOf } from '../../../common/audit-events';
import type { SopVersion } from '../../../common/api/sops';
import type { Db, Executor, Trx } from '../../db/database';
import { newId, now } from '../../db/ids';
import { inTransaction } from '../../db/transaction';
import type { SopRow, SopVersionRow } from '../../db/schema';
import { AppError, forbidden, invalidField, notFound } from '../../errors/app-error';
import { authorize, can, type Actor } from '../../policy/policy';
import { appendAuditEvent } from '../audit/audit.service';
import { verifyPassword } from '../auth/password';
import { findPerson } from '../people/person.repository';
import { addMonths, parseContent } from './sop-content';
import * as reviewRepository from './sop-review.repository';
import { updateSearchEntry, writeSearchDocument } from './sop-search.repository';
import { checkSopStyle } from './sop-style';
import { presentVersion } from './sop.presenter';
import * as sopRepository from './sop.repository';
import { loadSop, loadVersion, openNextDraft } from './sop.service';

type VersionStatus = SopVersionRow['status'];

function record(trx: Trx, actor: Actor, sopId: string, event: Parameters<typeof appendAuditEvent>[1]['event']) {
  return appendAuditEvent(trx, { orgId: actor.orgId, actorId: actor.personId, stream: streamOf('sop', sopId), event });
}

function wrongState(version: SopVersionRow, doing: string): AppError {
  return new AppError('invalid_state', `Version ${version.label} is ${version.status.replace('_', ' ')}: it cannot ${doing}.`);
}

async function assertPeopleExist(db: Executor, orgId: string, ids: readonly string[], field: string): Promise<void> {
  for (const [index, id] of ids.entries()) {
    const person = await findPerson(db, orgId, id);
    if (!person || person.status !== 'active') throw invalidField(`${field}.${index}`, 'is not an active person of this organisation');
  }
}

/** Moves a version from one of `from` to `to`, failing if someone moved it first. */
async function transition(trx: Trx, actor: Actor, version: SopVersionRow, from: readonly VersionStatus[], to: VersionStatus, extra: Partial<SopVersionRow> = {}) {
  const moved = await sopRepository.updateVersionIf(trx, actor.orgId, version.id, { status: from }, { status: to, updated_at: now(), ...extra });
  if (!moved) throw new AppError('version_conflict', 'This version changed state while you were looking at it; reload it.');
}

async function answer(trx: Trx, actor: Actor, sopId: string, versionId: string): Promise<SopVersion> {
  return presentVersion(trx, actor, await loadVersion(trx, actor, sopId, versionId));
}

/** Before review, named people who will use the SOP try the draft and leave comments. */
export async function startTrial(db: Db, actor: Actor, sopId: string, versionId: string, personIds: string[]): Promise<SopVersion> {
  authorize(actor, 'sop.edit-draft');
  return inTransaction(db, async (trx) => {
    const version = await loadVersion(trx, actor, sopId, versionId);
    if (version.status !== 'draft') throw wrongState(version, 'start a staff trial');
    const unique = [...new Set(personIds)];
    await assertPeopleExist(trx, actor.orgId, unique, 'body.personIds');
    const at = now();
    await reviewRepository.insertParticipants(
      trx,
      unique.map((personId) => ({ id: newId(), org_id: actor.orgId, version_id: versionId, person_id: personId, kind: 'trial' as const, added_at: at, completed_at: null })),
    );
    await transition(trx, actor, version, ['draft'], 'trial');
    await record(trx, actor, sopId, { type: 'sop.trial-started', payload: { versionId, participantIds: unique } });
    return answer(trx, actor, sopId, versionId);
  });
}

/** A comment on a section or a step, from a trial participant, a reviewer, an author or an approver. */
export async function addComment(
  db: Db,
  actor: Actor,
  sopId: string,
  versionId: string,
  input: { section: string; stepId: string | null; body: string },
): Promise<SopVersion> {
  return inTransaction(db, async (trx) => {
    const version = await loadVersion(trx, actor, sopId, versionId);
    const participants = await reviewRepository.listParticipants(trx, actor.orgId, versionId);
    authorize(actor, 'sop.comment', { kind: 'sop-version', participantIds: participants.map((participant) => participant.person_id) });
    if (version.status !== 'trial' && version.status !== 'in_review') throw wrongState(version, 'take comments');
    const kind = version.status === 'trial' ? 'trial' : 'review';
    const commentId = newId();
    await reviewRepository.insertComment(trx, {
      id: commentId,
      org_id: actor.orgId,
      version_id: versionId,
      author_id: actor.personId,
      kind,
      section: input.section,
      step_id: input.stepId,
      body: input.body,
      status: 'open',
      resolution_note: null,
      resolved_by: null,
      created_at: now(),
      resolved_at: null,
    });
    await record(trx, actor, sopId, { type: 'sop.comment-added', payload: { versionId, commentId, kind, section: input.section, stepId: input.stepId } });
    return answer(trx, actor, sopId, versionId);
  });
}

/** The author accepts or declines a trial comment (a decline needs a reason), or resolves a review comment. */
export async function resolveComment(
  db: Db,
  actor: Actor,
  sopId: string,
  versionId: string,
  commentId: string,
  input: { status: 'resolved' | 'accepted' | 'declined'; note: string },
): Promise<SopVersion> {
  authorize(actor, 'sop.edit-draft');
  return inTransaction(db, async (trx) => {
    await loadVersion(trx, actor, sopId, versionId);
    const comment = await reviewRepository.findComment(trx, actor.orgId, commentId);
    if (!comment || comment.version_id !== versionId) throw notFound('The comment');
    if (comment.kind === 'trial' && input.status === 'resolved') throw invalidField('body.status', 'a trial comment is accepted or declined');
    if (comment.kind === 'review' && input.status !== 'resolved') throw invalidField('body.status', 'a review comment is resolved');
    if (input.status === 'declined' && input.note.trim().length < 3) throw invalidField('body.note', 'say why the comment is declined');
    const done = await reviewRepository.resolveComment(trx, actor.orgId, commentId, {
      status: input.status,
      resolution_note: input.note || null,
      resolved_by: actor.personId,
      resolved_at: now(),
    });
    if (!done) throw new AppError('invalid_state', 'This comment has already been dealt with.');
    await record(trx, actor, sopId, { type: 'sop.comment-resolved', payload: { versionId, commentId, status: input.status, note: input.note } });
    return answer(trx, actor, sopId, versionId);
  });
}

/**
 * Sends a draft to the named subject experts. Style and structure errors block it, and so does a
 * trial comment nobody has accepted or declined.
 */
export async function submitForReview(
  db: Db,
  actor: Actor,
  sopId: string,
  versionId: string,
  input: { reviewerIds: string[]; approverIds: string[] },
): Promise<SopVersion> {
  authorize(actor, 'sop.edit-draft');
  return inTransaction(db, async (trx) => {
    const version = await loadVersion(trx, actor, sopId, versionId);
    if (version.status !== 'draft' && version.status !== 'trial') throw wrongState(version, 'be sent for review');
    const errors = (await checkSopStyle(trx, actor.orgId, parseContent(version.content))).filter((finding) => finding.severity === 'error');
    if (errors.length > 0) {
      throw new AppError('style_errors', `Fix ${errors.length} style or structure error${errors.length === 1 ? '' : 's'} before sending for review.`, {
        errors: errors.map((finding) => ({ field: `content.${finding.section}${finding.stepId ? `.${finding.stepId}` : ''}`, message: finding.message })),
        findings: errors,
      });
    }
    const openTrial = await reviewRepository.countOpenComments(trx, actor.orgId, versionId, 'trial');
    if (openTrial > 0) throw new AppError('invalid_state', `Accept or decline the ${openTrial} open trial comment${openTrial === 1 ? '' : 's'} first.`);
    const reviewerIds = [...new Set(input.reviewerIds)];
    const approverIds = [...new Set(input.approverIds)];
    await assertPeopleExist(trx, actor.orgId, reviewerIds, 'body.reviewerIds');
    await assertPeopleExist(trx, actor.orgId, approverIds, 'body.approverIds');
    const at = now();
    await reviewRepository.insertParticipants(trx, [
      ...reviewerIds.map((personId) => ({ id: newId(), org_id: actor.orgId, version_id: versionId, person_id: personId, kind: 'reviewer' as const, added_at: at, completed_at: null })),
      ...approverIds.map((personId) => ({ id: newId(), org_id: actor.orgId, version_id: versionId, person_id: personId, kind: 'approver' as const, added_at: at, completed_at: null })),
    ]);
    // Trial participants have finished once the draft moves on.
    for (const participant of await reviewRepository.listParticipants(trx, actor.orgId, versionId)) {
      if (participant.kind === 'trial') await reviewRepository.completeParticipation(trx, actor.orgId, versionId, participant.person_id, 'trial', at);
    }
    await transition(trx, actor, version, ['draft', 'trial'], 'in_review', { submitted_at: at });
    await record(trx, actor, sopId, { type: 'sop.submitted', payload: { versionId, reviewerIds, approverIds, contentHash: version.content_hash } });
    return answer(trx, actor, sopId, versionId);
  });
}

/** A named reviewer says they have finished reviewing. */
export async function completeReview(db: Db, actor: Actor, sopId: string, versionId: string): Promise<SopVersion> {
  return inTransaction(db, async (trx) => {
    const version = await loadVersion(trx, actor, sopId, versionId);
    if (version.status !== 'in_review') throw wrongState(version, 'be reviewed');
    if (!(await reviewRepository.completeParticipation(trx, actor.orgId, versionId, actor.personId, 'reviewer', now()))) {
      throw new AppError('forbidden', 'You are not a reviewer of this version, or you have already completed your review.');
    }
    await record(trx, actor, sopId, { type: 'sop.review-completed', payload: { versionId } });
    return answer(trx, actor, sopId, versionId);
  });
}

/**
 * An approver signs electronically: they re-enter their password, and the signature records its
 * meaning and the content hash they saw. The version is approved when every reviewer has finished,
 * no review comment is open, and every named approver (or, if none was named, one) has signed.
 */
export async function approveVersion(
  db: Db,
  actor: Actor,
  sopId: string,
  versionId: string,
  input: { password: string; meaning: 'approved-as-author' | 'approved-as-reviewer' | 'approved-for-use' },
): Promise<SopVersion> {
  authorize(actor, 'sop.approve');
  const signer = await findPerson(db, actor.orgId, actor.personId);
  if (!signer?.password_hash || !(await verifyPassword(signer.password_hash, input.password))) {
    throw new AppError('invalid_credentials', 'The password is incorrect; the signature was not recorded.', { errors: [{ field: 'body.password', message: 'is incorrect' }] });
  }
  return inTransaction(db, async (trx) => {
    const version = await loadVersion(trx, actor, sopId, versionId);
    if (version.status !== 'in_review') throw wrongState(version, 'be approved');
    const participants = await reviewRepository.listParticipants(trx, actor.orgId, versionId);
    const pendingReviewers = participants.filter((participant) => participant.kind === 'reviewer' && !participant.completed_at);
    if (pendingReviewers.length > 0) {
      throw new AppError('invalid_state', `Waiting for ${pendingReviewers.map((participant) => participant.name).join(', ')} to finish reviewing.`);
    }
    const open = await reviewRepository.countOpenComments(trx, actor.orgId, versionId);
    if (open > 0) throw new AppError('invalid_state', `Resolve the ${open} open comment${open === 1 ? '' : 's'} first.`);
    const namedApprovers = participants.filter((participant) => participant.kind === 'approver');
    if (namedApprovers.length > 0 && !namedApprovers.some((participant) => participant.person_id === actor.personId)) {
      throw new AppError('forbidden', 'Only the approvers named for this version can sign it.');
    }
    if ((await reviewRepository.listSignatures(trx, actor.orgId, versionId)).some((signature) => signature.signer_id === actor.personId)) {
      throw new AppError('invalid_state', 'You have already signed this version.');
    }
    const signatureId = newId();
    const signedAt = now();
    await reviewRepository.insertSignature(trx, {
      id: signatureId,
      org_id: actor.orgId,
      version_id: versionId,
      signer_id: actor.personId,
      meaning: input.meaning,
      content_hash: version.content_hash,
      signed_at: signedAt,
    });
    await reviewRepository.completeParticipation(trx, actor.orgId, versionId, actor.personId, 'approver', signedAt);
    await record(trx, actor, sopId, { type: 'sop.signed', payload: { versionId, signatureId, meaning: input.meaning, contentHash: version.content_hash } });
    const signatures = await reviewRepository.listSignatures(trx, actor.orgId, versionId);
    const everyoneSigned = namedApprovers.every((participant) => signatures.some((signature) => signature.signer_id === participant.person_id));
    if (everyoneSigned) {
      await transition(trx, actor, version, ['in_review'], 'approved', { approved_at: signedAt });
      await record(trx, actor, sopId, { type: 'sop.approved', payload: { versionId, contentHash: version.content_hash } });
    }
    return answer(trx, actor, sopId, versionId);
  });
}

/** Sends a version in trial, review or approval back to draft, with the reason recorded. */
export async function returnToDraft(db: Db, actor: Actor, sopId: string, versionId: string, reason: string): Promise<SopVersion> {
  return inTransaction(db, async (trx) => {
    const version = await loadVersion(trx, actor, sopId, versionId);
    if (!['trial', 'in_review', 'approved'].includes(version.status)) throw wrongState(version, 'return to draft');
    if (!can(actor, 'sop.edit-draft') && !can(actor, 'sop.approve')) throw forbidden();
    // Signatures applied to the content as it was no longer stand once it can change.
    await trx.deleteFrom('sop_signatures').where('org_id', '=', actor.orgId).where('version_id', '=', versionId).execute();
    await trx.deleteFrom('sop_participants').where('org_id', '=', actor.orgId).where('version_id', '=', versionId).where('kind', 'in', ['reviewer', 'approver']).execute();
    await transition(trx, actor, version, ['trial', 'in_review', 'approved'], 'draft', { submitted_at: null, approved_at: null });
    await record(trx, actor, sopId, { type: 'sop.returned-to-draft', payload: { versionId, reason } });
    return answer(trx, actor, sopId, versionId);
  });
}

/** Makes a version the one in use: the previous one is superseded, the review clock restarts, search sees it. */
async function activateVersion(trx: Trx, actor: Actor | null, orgId: string, sop: SopRow, version: SopVersionRow, effectiveAt: string): Promise<boolean> {
  // The conditional update is the claim: whoever loses it (another instance, a second click) writes nothing.
  const claimed = await sopRepository.updateVersionIf(trx, orgId, version.id, { status: ['approved', 'scheduled'] }, { status: 'published', effective_at: effectiveAt, updated_at: effectiveAt });
  if (!claimed) return false;
  const previousId = sop.published_version_id;
  if (previousId) {
    await sopRepository.updateVersionIf(trx, orgId, previousId, { status: ['published'] }, { status: 'superseded', superseded_at: effectiveAt, updated_at: effectiveAt });
  }
  await sopRepository.updateSop(trx, orgId, sop.id, {
    published_version_id: version.id,
    next_review_due: addMonths(effectiveAt, sop.review_interval_months),
    updated_at: effectiveAt,
  });
  await writeSearchDocument(trx, { sop, versionLabel: version.label, content: parseContent(version.content) });
  await appendAuditEvent(trx, {
    orgId,
    actorId: actor?.personId ?? null,
    stream: streamOf('sop', sop.id),
    event: { type: 'sop.published', payload: { versionId: version.id, label: version.label, effectiveAt, supersededVersionId: previousId } },
  });
  return true;
}

/** Publishes an approved version now, or schedules it; the version in use stays until then. */
export async function publishVersion(db: Db, actor: Actor, sopId: string, versionId: string, effectiveAt: string | null): Promise<SopVersion> {
  authorize(actor, 'sop.publish');
  return inTransaction(db, async (trx) => {
    const sop = await loadSop(trx, actor, sopId);
    const version = await loadVersion(trx, actor, sopId, versionId);
    if (version.status !== 'approved') throw wrongState(version, 'be published (only an approved version can)');
    const at = now();
    const when = effectiveAt ? new Date(effectiveAt).toISOString() : at;
    if (when > at) {
      await transition(trx, actor, version, ['approved'], 'scheduled', { effective_at: when });
      await record(trx, actor, sopId, { type: 'sop.publication-scheduled', payload: { versionId, effectiveAt: when } });
    } else {
      if (!(await activateVersion(trx, actor, actor.orgId, sop, version, at))) {
        throw new AppError('version_conflict', 'This version was published by someone else a moment ago; reload it.');
      }
    }
    return answer(trx, actor, sopId, versionId);
  });
}

/**
 * Publishes scheduled versions whose time has come. Safe to run on every instance at once: each
 * version is switched by a conditional update, and only the instance whose update wins records it.
 */
export async function publishDueVersions(db: Db, at = now()): Promise<number> {
  let published = 0;
  for (const due of await sopRepository.listDueScheduledVersions(db, at)) {
    await inTransaction(db, async (trx) => {
      const version = await sopRepository.findVersion(trx, due.org_id, due.id);
      const sop = await sopRepository.findSop(trx, due.org_id, due.sop_id);
      if (!version || !sop || version.status !== 'scheduled') return;
      if (await activateVersion(trx, null, due.org_id, sop, version, version.effective_at ?? at)) published++;
    });
  }
  return published;
}

/** Retires an SOP: it leaves use (search shows it only when asked for retired SOPs); its history stays readable. */
export async function retireSop(db: Db, actor: Actor, sopId: string, reason: string): Promise<void> {
  authorize(actor, 'sop.retire');
  await inTransaction(db, async (trx) => {
    const sop = await loadSop(trx, actor, sopId);
    if (sop.retired_at) throw new AppError('invalid_state', `${sop.key} is already retired.`);
    const at = now();
    if (sop.published_version_id) {
      await sopRepository.updateVersionIf(trx, actor.orgId, sop.published_version_id, { status: ['published'] }, { status: 'retired', updated_at: at });
    }
    await trx
      .updateTable('sop_versions')
      .set({ status: 'retired', updated_at: at })
      .where('org_id', '=', actor.orgId)
      .where('sop_id', '=', sopId)
      .where('status', 'in', ['draft', 'trial', 'in_review', 'approved', 'scheduled'])
      .execute();
    await sopRepository.updateSop(trx, actor.orgId, sopId, { retired_at: at, next_review_due: null, updated_at: at });
    if (sop.published_version_id) await updateSearchEntry(trx, { ...sop, retired_at: at });
    await record(trx, actor, sopId, { type: 'sop.retired', payload: { reason } });
  });
}

/**
 * The yearly (or sooner) review: "still correct" restarts the clock from today; "new draft" opens
 * the next version for the changes the review found.
 */
export async function recordPeriodicReview(db: Db, actor: Actor, sopId: string, input: { outcome: 'still-correct' | 'new-draft'; note: string }): Promise<SopVersion | null> {
  authorize(actor, 'sop.record-review');
  return inTransaction(db, async (trx) => {
    const sop = await loadSop(trx, actor, sopId);
    if (sop.retired_at || !sop.published_version_id) throw new AppError('invalid_state', 'Only a published SOP is reviewed.');
    const at = now();
    const nextReviewDue = input.outcome === 'still-correct' ? addMonths(at, sop.review_interval_months) : sop.next_review_due;
    await reviewRepository.insertPeriodicReview(trx, {
      id: newId(),
      org_id: actor.orgId,
      sop_id: sopId,
      version_id: sop.published_version_id,
      reviewer_id: actor.personId,
      outcome: input.outcome,
      note: input.note,
      reviewed_at: at,
    });
    if (input.outcome === 'still-correct') await sopRepository.updateSop(trx, actor.orgId, sopId, { next_review_due: nextReviewDue, updated_at: at });
    await record(trx, actor, sopId, {
      type: 'sop.periodic-review-recorded',
      payload: { versionId: sop.published_version_id, outcome: input.outcome, note: input.note, nextReviewDue },
    });
    if (input.outcome === 'still-correct') return null;
    // The review found changes: the next draft opens in the same transaction as the review record.
    return openNextDraft(trx, actor, sopId, { changeKind: 'major', changeSummary: input.note || 'Changes found at the periodic review.' });
  });
}
