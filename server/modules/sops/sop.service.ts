import { streamOf } from '../../../common/audit-events';
import type { CreateSopBody, SaveDraftBody, SopDetail, SopFacets, SopsList, SopVersion, UpdateSopBody } from '../../../common/api/sops';
import type { ChangeKind, SopContent } from '../../../common/procedure/model';
import { findBuiltInTemplate } from '../../../common/procedure/templates';
import type { Db, Executor, Trx } from '../../db/database';
import { newId, now } from '../../db/ids';
import { inTransaction } from '../../db/transaction';
import type { SopRow, SopVersionRow } from '../../db/schema';
import { AppError, alreadyInUse, invalidField, notFound } from '../../errors/app-error';
import { authorize, can, type Actor } from '../../policy/policy';
import { appendAuditEvent } from '../audit/audit.service';
import { findPerson } from '../people/person.repository';
import { hashContent, isPublicVersion, nextVersionLabel, parseContent } from './sop-content';
import { listParticipants } from './sop-review.repository';
import { updateSearchEntry } from './sop-search.repository';
import { presentSopDetail, presentSops, presentVersion, todayAndDueSoon } from './sop.presenter';
import * as sopRepository from './sop.repository';

export async function loadSop(db: Executor, actor: Actor, sopId: string): Promise<SopRow> {
  const sop = await sopRepository.findSop(db, actor.orgId, sopId);
  if (!sop) throw notFound('The SOP');
  return sop;
}

/** A version the caller may see: published history for everyone, drafts for authors, approvers and named participants. */
export async function loadVersion(db: Executor, actor: Actor, sopId: string, versionId: string): Promise<SopVersionRow> {
  const version = await sopRepository.findVersion(db, actor.orgId, versionId);
  if (!version || version.sop_id !== sopId) throw notFound('The SOP version');
  if (!isPublicVersion(version)) {
    const participantIds = (await listParticipants(db, actor.orgId, versionId)).map((participant) => participant.person_id);
    // A draft is not secret from its participants, but it does not exist for anyone else.
    if (!can(actor, 'sop.read-drafts', { kind: 'sop-version', participantIds })) throw notFound('The SOP version');
  }
  return version;
}

function viewerOf(actor: Actor): sopRepository.SopViewer {
  return { personId: actor.personId, seesAllDrafts: can(actor, 'sop.read-drafts') };
}

/**
 * One page of the library. Visibility is decided in SQL, so a page is always full: an SOP with no
 * version the caller may see (never published, and no draft that names them) does not exist for them.
 */
export async function listSops(
  db: Db,
  actor: Actor,
  query: Omit<sopRepository.SopFilter, 'today' | 'dueSoonBefore'> & { after?: string; limit: number },
): Promise<SopsList> {
  authorize(actor, 'library.read');
  const { after, limit, ...filters } = query;
  const filter = { ...filters, ...todayAndDueSoon() };
  const viewer = viewerOf(actor);
  const [page, total] = await Promise.all([
    sopRepository.listSopsPage(db, actor.orgId, filter, viewer, { after, limit }),
    sopRepository.countSops(db, actor.orgId, filter, viewer),
  ]);
  // The presenter still picks which versions each item shows (the draft only to those who may see it).
  const items = (await presentSops(db, actor, page.items)).map(({ versions: _versions, ...summary }) => summary);
  return { items, total, nextCursor: page.nextCursor, can: { create: can(actor, 'sop.create') } };
}

/** The categories and channels the library's filters offer, taken from the SOPs the caller may see only. */
export async function getSopFacets(db: Db, actor: Actor): Promise<SopFacets> {
  authorize(actor, 'library.read');
  const groups = await sopRepository.listFacetGroups(db, actor.orgId, viewerOf(actor));
  // Code-unit order, as SQLite sorted the categories before: the same answer whatever the engine's collation.
  const sorted = (values: Iterable<string>) => [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    categories: sorted(groups.map((group) => group.category)),
    channels: sorted(groups.flatMap((group) => group.channels)),
    total: groups.reduce((sum, group) => sum + group.count, 0),
    can: { create: can(actor, 'sop.create') },
  };
}

export async function getSop(db: Db, actor: Actor, sopId: string): Promise<SopDetail> {
  authorize(actor, 'library.read');
  const detail = await presentSopDetail(db, actor, await loadSop(db, actor, sopId));
  if (detail.versions.length === 0) throw notFound('The SOP');
  return detail;
}

export async function getVersion(db: Db, actor: Actor, sopId: string, versionId: string): Promise<SopVersion> {
  return presentVersion(db, actor, await loadVersion(db, actor, sopId, versionId));
}

async function assertOwnerValid(db: Executor, orgId: string, ownerId: string | null | undefined): Promise<void> {
  if (ownerId && !(await findPerson(db, orgId, ownerId))) throw invalidField('body.ownerId', 'is not a person of this organisation');
}

async function assertProcessValid(db: Executor, orgId: string, processId: string | null | undefined): Promise<void> {
  if (!processId) return;
  const process = await db.selectFrom('processes').select('id').where('org_id', '=', orgId).where('id', '=', processId).executeTakeFirst();
  if (!process) throw invalidField('body.processId', 'is not a process of this organisation');
}

async function templateContent(db: Executor, orgId: string, templateId: string): Promise<SopContent> {
  const builtIn = findBuiltInTemplate(templateId);
  if (builtIn) return structuredClone(builtIn.content);
  const custom = await db.selectFrom('sop_templates').select('content').where('org_id', '=', orgId).where('id', '=', templateId).executeTakeFirst();
  if (!custom) throw invalidField('body.templateId', 'is not a template of this organisation');
  return parseContent(custom.content);
}

/** Inserts a new draft version inside the caller's transaction and records it. */
export async function insertDraftVersion(
  trx: Trx,
  actor: Actor,
  input: { sopId: string; content: SopContent; changeKind: ChangeKind; changeSummary: string; fromVersion: SopVersionRow | null; number: number; label: string },
): Promise<SopVersionRow> {
  const at = now();
  const version: SopVersionRow = {
    id: newId(),
    org_id: actor.orgId,
    sop_id: input.sopId,
    number: input.number,
    label: input.label,
    change_kind: input.changeKind,
    change_summary: input.changeSummary,
    status: 'draft',
    content: JSON.stringify(input.content),
    content_hash: hashContent(input.content),
    revision: 1,
    created_by: actor.personId,
    created_at: at,
    updated_at: at,
    submitted_at: null,
    approved_at: null,
    effective_at: null,
    superseded_at: null,
  };
  await sopRepository.insertVersion(trx, version);
  await appendAuditEvent(trx, {
    orgId: actor.orgId,
    actorId: actor.personId,
    stream: streamOf('sop', input.sopId),
    event: {
      type: 'sop.draft-created',
      payload: { versionId: version.id, label: version.label, changeKind: version.change_kind, changeSummary: version.change_summary, fromVersionId: input.fromVersion?.id ?? null },
    },
  });
  return version;
}

function keyTaken(key: string): AppError {
  return alreadyInUse('body.key', `The key ${key} is already used by another SOP.`);
}

/** Creates an SOP and its first draft (version 1.0) from a template, or from given content (an import). */
export async function createSop(
  db: Db,
  actor: Actor,
  input: Required<CreateSopBody>,
  options: { content?: SopContent; changeSummary?: string } = {},
): Promise<{ sop: SopDetail; versionId: string }> {
  authorize(actor, 'sop.create');
  return inTransaction(db, async (trx) => {
    const { sop, version } = await insertNewSop(trx, actor, input, options);
    return { sop: await presentSopDetail(trx, actor, sop), versionId: version.id };
  });
}

/**
 * The rows and audit events of a new SOP and its first draft, inside the caller's transaction (the
 * caller authorizes); for a caller that records more in the same transaction and needs no detail back.
 */
export async function insertNewSop(
  trx: Trx,
  actor: Actor,
  input: Required<CreateSopBody>,
  options: { content?: SopContent; changeSummary?: string } = {},
): Promise<{ sop: SopRow; version: SopVersionRow }> {
  if (await sopRepository.findSopByKey(trx, actor.orgId, input.key)) throw keyTaken(input.key);
  await assertOwnerValid(trx, actor.orgId, input.ownerId);
  await assertProcessValid(trx, actor.orgId, input.processId);
  const content = options.content ?? (await templateContent(trx, actor.orgId, input.templateId));
  const at = now();
  const sop: SopRow = {
    id: newId(),
    org_id: actor.orgId,
    key: input.key,
    title: input.title,
    category: input.category,
    channels: JSON.stringify(input.channels),
    audience: JSON.stringify(input.audience),
    owner_id: input.ownerId ?? actor.personId,
    review_interval_months: input.reviewIntervalMonths,
    process_id: input.processId,
    published_version_id: null,
    next_review_due: null,
    retired_at: null,
    created_at: at,
    updated_at: at,
    version: 1,
  };
  await sopRepository.insertSop(trx, sop);
  await appendAuditEvent(trx, {
    orgId: actor.orgId,
    actorId: actor.personId,
    stream: streamOf('sop', sop.id),
    event: { type: 'sop.created', payload: { key: sop.key, title: sop.title, category: sop.category, templateId: options.content ? null : input.templateId } },
  });
  const version = await insertDraftVersion(trx, actor, {
    sopId: sop.id,
    content,
    changeKind: 'major',
    changeSummary: options.changeSummary ?? 'First version.',
    fromVersion: null,
    number: 1,
    label: '1.0',
  });
  return { sop, version };
}

export async function updateSop(db: Db, actor: Actor, sopId: string, input: UpdateSopBody): Promise<SopDetail> {
  authorize(actor, 'sop.update');
  return inTransaction(db, async (trx) => {
    const before = await loadSop(trx, actor, sopId);
    const conflict = async () =>
      new AppError('version_conflict', 'This SOP was changed by someone else since you loaded it.', { current: await presentSopDetail(trx, actor, await loadSop(trx, actor, sopId)) });
    if (before.version !== input.version) throw await conflict();
    if (before.retired_at) throw new AppError('invalid_state', 'A retired SOP cannot be changed.');
    await assertOwnerValid(trx, actor.orgId, input.ownerId);
    await assertProcessValid(trx, actor.orgId, input.processId);
    const update: Partial<SopRow> = {};
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    const set = <K extends keyof SopRow>(name: string, column: K, value: SopRow[K] | undefined) => {
      if (value === undefined || value === before[column]) return;
      changes[name] = { from: before[column], to: value };
      update[column] = value;
    };
    set('title', 'title', input.title);
    set('category', 'category', input.category);
    set('channels', 'channels', input.channels && JSON.stringify(input.channels));
    set('audience', 'audience', input.audience && JSON.stringify(input.audience));
    set('reviewIntervalMonths', 'review_interval_months', input.reviewIntervalMonths);
    set('ownerId', 'owner_id', input.ownerId);
    set('processId', 'process_id', input.processId);
    // Nothing to change: no write, so the version stays and nobody editing on it gets a conflict.
    if (Object.keys(changes).length === 0) return presentSopDetail(trx, actor, before);
    if (!(await sopRepository.updateSopIfVersion(trx, actor.orgId, sopId, input.version, { ...update, updated_at: now() }))) throw await conflict();
    const after = await loadSop(trx, actor, sopId);
    if ((changes.title || changes.category || changes.channels || changes.audience) && after.published_version_id) await updateSearchEntry(trx, after);
    if (Object.keys(changes).length > 0) {
      await appendAuditEvent(trx, { orgId: actor.orgId, actorId: actor.personId, stream: streamOf('sop', sopId), event: { type: 'sop.updated', payload: { changes } } });
    }
    return presentSopDetail(trx, actor, after);
  });
}

/** Starts the next version from the one in use; only one open draft at a time. */
export async function createDraft(db: Db, actor: Actor, sopId: string, input: { changeKind: ChangeKind; changeSummary: string }): Promise<SopVersion> {
  authorize(actor, 'sop.edit-draft');
  return inTransaction(db, (trx) => openNextDraft(trx, actor, sopId, input));
}

/** The body of `createDraft`, for use cases that open a draft inside their own transaction. */
export async function openNextDraft(trx: Trx, actor: Actor, sopId: string, input: { changeKind: ChangeKind; changeSummary: string }): Promise<SopVersion> {
  const sop = await loadSop(trx, actor, sopId);
  if (sop.retired_at) throw new AppError('invalid_state', 'A retired SOP cannot get a new draft.');
  const latest = await sopRepository.findLatestVersion(trx, actor.orgId, sopId);
  if (latest && ['draft', 'trial', 'in_review', 'approved', 'scheduled'].includes(latest.status)) {
    throw new AppError('invalid_state', `Version ${latest.label} is still ${latest.status.replace('_', ' ')}; finish or return it before starting another.`);
  }
  const base = sop.published_version_id ? await sopRepository.findVersion(trx, actor.orgId, sop.published_version_id) : latest;
  const version = await insertDraftVersion(trx, actor, {
    sopId,
    content: base ? parseContent(base.content) : await templateContent(trx, actor.orgId, 'simple-list'),
    changeKind: input.changeKind,
    changeSummary: input.changeSummary,
    fromVersion: base ?? null,
    number: (latest?.number ?? 0) + 1,
    label: nextVersionLabel(base?.label ?? null, input.changeKind),
  });
  return presentVersion(trx, actor, version);
}

/**
 * Saves a draft (autosave). The caller sends the revision it started from; if someone saved in
 * between, nothing is written and the answer is 409 with the stored version, so the editor can
 * offer to merge or keep theirs. Approved versions are immutable.
 */
export async function saveDraft(db: Db, actor: Actor, sopId: string, versionId: string, input: SaveDraftBody): Promise<SopVersion> {
  authorize(actor, 'sop.edit-draft');
  return inTransaction(db, async (trx) => {
    const version = await loadVersion(trx, actor, sopId, versionId);
    if (version.status !== 'draft' && version.status !== 'trial') {
      throw new AppError('invalid_state', `Version ${version.label} is ${version.status.replace('_', ' ')} and can no longer be edited; start a new draft instead.`);
    }
    if (version.revision !== input.revision) {
      throw new AppError('version_conflict', 'Someone else saved this draft since you opened it.', { current: await presentVersion(trx, actor, version) });
    }
    const content = input.content as SopContent;
    const contentHash = hashContent(content);
    const saved = await sopRepository.updateVersionIf(
      trx,
      actor.orgId,
      versionId,
      { status: ['draft', 'trial'], revision: input.revision },
      {
        content: JSON.stringify(content),
        content_hash: contentHash,
        revision: input.revision + 1,
        updated_at: now(),
        ...(input.changeSummary !== undefined ? { change_summary: input.changeSummary } : {}),
      },
    );
    if (!saved) throw new AppError('version_conflict', 'Someone else saved this draft since you opened it.', { current: await presentVersion(trx, actor, await loadVersion(trx, actor, sopId, versionId)) });
    await appendAuditEvent(trx, {
      orgId: actor.orgId,
      actorId: actor.personId,
      stream: streamOf('sop', sopId),
      event: { type: 'sop.draft-saved', payload: { versionId, revision: input.revision + 1, contentHash } },
    });
    return presentVersion(trx, actor, await loadVersion(trx, actor, sopId, versionId));
  });
}
