import { streamOf } from '../../../common/audit-events';
import { SEEDED_ROLES } from '../../../common/permissions';
import type { Db } from '../../db/database';
import { newId, now } from '../../db/ids';
import { inTransaction } from '../../db/transaction';
import { AppError } from '../../errors/app-error';
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
    const organisation = { id: newId(), name: input.name, slug, created_at: now() };
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
