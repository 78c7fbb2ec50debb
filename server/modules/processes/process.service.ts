import { streamOf } from '../../../common/audit-events';
import type { BusinessProcess, CreateProcessBody, ProcessRegister, UpdateProcessBody } from '../../../common/api/processes';
import { findLikelyDuplicates } from '../../../common/similarity';
import type { Db, Executor } from '../../db/database';
import { newId, now } from '../../db/ids';
import { inTransaction } from '../../db/transaction';
import type { ProcessTable } from '../../db/schema';
import { AppError, alreadyInUse, invalidField, notFound } from '../../errors/app-error';
import { authorize, can, type Actor } from '../../policy/policy';
import { appendAuditEvent } from '../audit/audit.service';
import { findPeopleNames, findPerson } from '../people/person.repository';
import * as processRepository from './process.repository';

/** The whole register: each process with its status (from its SOPs), likely duplicates, and coverage. */
export async function getProcessRegister(db: Executor, actor: Actor): Promise<ProcessRegister> {
  authorize(actor, 'library.read');
  const [rows, sops] = await Promise.all([processRepository.listProcesses(db, actor.orgId), processRepository.listSopsOfProcesses(db, actor.orgId)]);
  const owners = new Map((await findPeopleNames(db, actor.orgId, [...new Set(rows.flatMap((row) => (row.owner_id ? [row.owner_id] : [])))])).map((p) => [p.id, p.name]));
  const duplicates = findLikelyDuplicates(rows);
  const manage = can(actor, 'process.manage');
  const items: BusinessProcess[] = rows.map((row) => {
    const linked = sops
      .filter((sop) => sop.process_id === row.id)
      .map((sop) => ({ id: sop.id, key: sop.key, title: sop.title, status: sop.retired_at ? ('retired' as const) : sop.published_version_id ? ('published' as const) : ('draft' as const) }));
    const status = linked.some((sop) => sop.status === 'published') ? 'published' : linked.some((sop) => sop.status === 'draft') ? 'drafting' : 'no-sop';
    return {
      id: row.id,
      name: row.name,
      description: row.description,
      category: row.category,
      channels: JSON.parse(row.channels) as string[],
      owner: row.owner_id ? { id: row.owner_id, name: owners.get(row.owner_id) ?? '' } : null,
      notes: row.notes,
      status,
      sops: linked,
      likelyDuplicates: duplicates.get(row.id) ?? [],
      version: row.version,
      can: { update: manage, delete: manage },
    };
  });
  return {
    items,
    coverage: {
      total: items.length,
      published: items.filter((item) => item.status === 'published').length,
      drafting: items.filter((item) => item.status === 'drafting').length,
      noSop: items.filter((item) => item.status === 'no-sop').length,
    },
    can: { create: manage },
  };
}

async function presentOne(db: Executor, actor: Actor, processId: string): Promise<BusinessProcess> {
  const found = (await getProcessRegister(db, actor)).items.find((item) => item.id === processId);
  if (!found) throw notFound('The process');
  return found;
}

async function assertOwner(db: Executor, orgId: string, ownerId: string | null | undefined): Promise<void> {
  if (ownerId && !(await findPerson(db, orgId, ownerId))) throw invalidField('body.ownerId', 'is not a person of this organisation');
}

async function assertNameFree(db: Executor, orgId: string, name: string, exceptId?: string): Promise<void> {
  const existing = await processRepository.findProcessByName(db, orgId, name);
  if (existing && existing.id !== exceptId) {
    throw alreadyInUse('body.name', `A process called "${name}" is already in the register.`);
  }
}

export async function createProcess(db: Db, actor: Actor, input: Required<CreateProcessBody>): Promise<BusinessProcess> {
  authorize(actor, 'process.manage');
  return inTransaction(db, async (trx) => {
    await assertNameFree(trx, actor.orgId, input.name);
    await assertOwner(trx, actor.orgId, input.ownerId);
    const at = now();
    const process: ProcessTable = {
      id: newId(),
      org_id: actor.orgId,
      name: input.name,
      description: input.description,
      category: input.category,
      channels: JSON.stringify(input.channels),
      owner_id: input.ownerId,
      notes: input.notes,
      created_at: at,
      updated_at: at,
      version: 1,
    };
    await processRepository.insertProcess(trx, process);
    await appendAuditEvent(trx, {
      orgId: actor.orgId,
      actorId: actor.personId,
      stream: streamOf('process', process.id),
      event: { type: 'process.created', payload: { name: process.name, category: process.category } },
    });
    return presentOne(trx, actor, process.id);
  });
}

export async function updateProcess(db: Db, actor: Actor, processId: string, input: UpdateProcessBody): Promise<BusinessProcess> {
  authorize(actor, 'process.manage');
  return inTransaction(db, async (trx) => {
    const before = await processRepository.findProcess(trx, actor.orgId, processId);
    if (!before) throw notFound('The process');
    const conflict = async () => new AppError('version_conflict', 'This process was changed by someone else since you loaded it.', { current: await presentOne(trx, actor, processId) });
    if (before.version !== input.version) throw await conflict();
    if (input.name !== undefined) await assertNameFree(trx, actor.orgId, input.name, processId);
    await assertOwner(trx, actor.orgId, input.ownerId);
    const next = {
      name: input.name,
      description: input.description,
      category: input.category,
      channels: input.channels && JSON.stringify(input.channels),
      owner_id: input.ownerId,
      notes: input.notes,
    };
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const [column, value] of Object.entries(next)) {
      const previous = before[column as keyof typeof next];
      if (value !== undefined && value !== previous) changes[column] = { from: previous, to: value };
    }
    // Nothing to change: no write, so the version stays and nobody editing on it gets a conflict.
    if (Object.keys(changes).length === 0) return presentOne(trx, actor, processId);
    if (!(await processRepository.updateProcessIfVersion(trx, actor.orgId, processId, input.version, { ...next, updated_at: now() }))) throw await conflict();
    if (Object.keys(changes).length > 0) {
      await appendAuditEvent(trx, { orgId: actor.orgId, actorId: actor.personId, stream: streamOf('process', processId), event: { type: 'process.updated', payload: { changes } } });
    }
    return presentOne(trx, actor, processId);
  });
}

export async function deleteProcess(db: Db, actor: Actor, processId: string): Promise<void> {
  authorize(actor, 'process.manage');
  await inTransaction(db, async (trx) => {
    const process = await processRepository.findProcess(trx, actor.orgId, processId);
    if (!process) throw notFound('The process');
    await processRepository.deleteProcess(trx, actor.orgId, processId);
    await appendAuditEvent(trx, { orgId: actor.orgId, actorId: actor.personId, stream: streamOf('process', processId), event: { type: 'process.deleted', payload: { name: process.name } } });
  });
}
