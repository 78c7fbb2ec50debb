import { streamOf } from '../../../common/audit-events';
import type { Organisation, UpdateOrganisationBody } from '../../../common/api/settings';
import { SEEDED_ROLES } from '../../../common/permissions';
import type { Db, Executor } from '../../db/database';
import { newId, now } from '../../db/ids';
import { inTransaction } from '../../db/transaction';
import { AppError, notFound } from '../../errors/app-error';
import { authorize, can, type Actor } from '../../policy/policy';
import { appendAuditEvent } from '../audit/audit.service';
import { insertRole } from '../roles/role.repository';
import { seedGovernedActions } from '../settings/governed-action.service';
import * as organisationRepository from './organisation.repository';

export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return slug || 'organisation';
}

/** Creates an organisation with the seeded roles and governed actions, and records them in the audit trail. */
export async function createOrganisation(db: Db, input: { name: string; slug?: string; actorId?: string | null }) {
  return inTransaction(db, async (trx) => {
    const slug = input.slug ?? slugify(input.name);
    if (await organisationRepository.findOrganisationBySlug(trx, slug)) {
      throw new AppError('name_taken', `An organisation with the address "${slug}" already exists.`);
    }
    const organisation = { id: newId(), name: input.name, slug, created_at: now(), version: 1 };
    await organisationRepository.insertOrganisation(trx, organisation);
    await appendAuditEvent(trx, {
      orgId: organisation.id,
      actorId: input.actorId ?? null,
      stream: streamOf('org', organisation.id),
      event: { type: 'organisation.created', payload: { name: organisation.name, slug } },
    });
    const roles: Record<string, string> = {};
    for (const seeded of SEEDED_ROLES) {
      const role = {
        id: newId(),
        org_id: organisation.id,
        name: seeded.name,
        description: seeded.description,
        permissions: JSON.stringify(seeded.permissions),
        created_at: organisation.created_at,
        updated_at: organisation.created_at,
        version: 1,
      };
      await insertRole(trx, role);
      await appendAuditEvent(trx, {
        orgId: organisation.id,
        actorId: input.actorId ?? null,
        stream: streamOf('role', role.id),
        event: {
          type: 'role.created',
          payload: { name: seeded.name, description: seeded.description, permissions: [...seeded.permissions] },
        },
      });
      roles[seeded.name] = role.id;
    }
    await seedGovernedActions(trx, organisation.id);
    return { organisation, roleIdsByName: roles };
  });
}

async function loadOrganisation(db: Executor, actor: Actor): Promise<Organisation> {
  const row = await organisationRepository.findOrganisation(db, actor.orgId);
  if (!row) throw notFound('The organisation');
  return { id: row.id, name: row.name, slug: row.slug, version: row.version, can: { update: can(actor, 'settings.manage') } };
}

/** The caller's organisation, and whether they may rename it. */
export function getOrganisation(db: Db, actor: Actor): Promise<Organisation> {
  return loadOrganisation(db, actor);
}

/** Renames the caller's organisation; its slug (in addresses) stays. A stale version is refused with 409. */
export async function renameOrganisation(db: Db, actor: Actor, input: UpdateOrganisationBody): Promise<Organisation> {
  authorize(actor, 'settings.manage');
  return inTransaction(db, async (trx) => {
    const before = await loadOrganisation(trx, actor);
    const conflict = async () =>
      new AppError('version_conflict', 'The organisation was renamed by someone else since you loaded it.', { current: await loadOrganisation(trx, actor) });
    if (before.version !== input.version) throw await conflict();
    if (input.name === undefined || input.name === before.name) return before;
    const renamed = await organisationRepository.renameOrganisation(trx, actor.orgId, input.version, input.name);
    if (!renamed) throw await conflict();
    await appendAuditEvent(trx, {
      orgId: actor.orgId,
      actorId: actor.personId,
      stream: streamOf('org', actor.orgId),
      event: { type: 'organisation.renamed', payload: { from: before.name, to: input.name } },
    });
    return loadOrganisation(trx, actor);
  });
}
