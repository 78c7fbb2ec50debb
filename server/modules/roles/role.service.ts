import { streamOf } from '../../../common/audit-events';
import type { CreateRoleBody, Role, UpdateRoleBody } from '../../../common/api/roles';
import { PERMISSIONS, type Permission } from '../../../common/permissions';
import type { Db, Executor } from '../../db/database';
import { newId, now } from '../../db/ids';
import { inTransaction } from '../../db/transaction';
import { refuseUniqueViolation } from '../../db/unique-violation';
import { AppError, alreadyInUse, notFound } from '../../errors/app-error';
import { authorize, can, type Actor } from '../../policy/policy';
import { appendAuditEvent } from '../audit/audit.service';
import * as roleRepository from './role.repository';

type RoleWithCount = Awaited<ReturnType<typeof roleRepository.listRolesWithCounts>>[number];

function presentRole(actor: Actor, row: RoleWithCount): Role {
  const manage = can(actor, 'role.manage');
  const memberCount = Number(row.member_count);
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    permissions: roleRepository.parsePermissions(row),
    memberCount,
    version: row.version,
    can: { update: manage, delete: manage && memberCount === 0 },
  };
}

async function loadRole(db: Executor, actor: Actor, roleId: string): Promise<Role> {
  const role = (await roleRepository.listRolesWithCounts(db, actor.orgId)).find((row) => row.id === roleId);
  if (!role) throw notFound('The role');
  return presentRole(actor, role);
}

export async function listRoles(db: Db, actor: Actor) {
  authorize(actor, 'role.list');
  const rows = await roleRepository.listRolesWithCounts(db, actor.orgId);
  return {
    items: rows.map((row) => presentRole(actor, row)),
    permissions: Object.entries(PERMISSIONS).map(([key, description]) => ({ key, description })),
    can: { create: can(actor, 'role.manage') },
  };
}

// assertNameFree cannot see a role a concurrent transaction is creating; the constraint catches that one.
const ROLE_NAME_UNIQUE = { name: 'roles_org_name_unique', sqliteColumns: 'roles.org_id, roles.name' };

function nameTaken(name: string): AppError {
  return alreadyInUse('body.name', `A role called "${name}" already exists.`);
}

async function assertNameFree(db: Executor, orgId: string, name: string, exceptId?: string): Promise<void> {
  const existing = await roleRepository.findRoleByName(db, orgId, name);
  if (existing && existing.id !== exceptId) throw nameTaken(name);
}

export async function createRole(db: Db, actor: Actor, input: Required<CreateRoleBody>): Promise<Role> {
  authorize(actor, 'role.manage');
  return refuseUniqueViolation(ROLE_NAME_UNIQUE, () => nameTaken(input.name), () =>
    inTransaction(db, async (trx) => {
      await assertNameFree(trx, actor.orgId, input.name);
      const at = now();
      const permissions = [...new Set(input.permissions)] as Permission[];
      const role = {
        id: newId(),
        org_id: actor.orgId,
        name: input.name,
        description: input.description,
        permissions: JSON.stringify(permissions),
        created_at: at,
        updated_at: at,
        version: 1,
      };
      await roleRepository.insertRole(trx, role);
      await appendAuditEvent(trx, {
        orgId: actor.orgId,
        actorId: actor.personId,
        stream: streamOf('role', role.id),
        event: { type: 'role.created', payload: { name: role.name, description: role.description, permissions } },
      });
      return loadRole(trx, actor, role.id);
    }),
  );
}

export async function updateRole(db: Db, actor: Actor, roleId: string, input: UpdateRoleBody): Promise<Role> {
  authorize(actor, 'role.manage');
  return refuseUniqueViolation(ROLE_NAME_UNIQUE, () => nameTaken(input.name ?? ''), () =>
    inTransaction(db, async (trx) => {
      const before = await loadRole(trx, actor, roleId);
      const conflict = async () =>
        new AppError('version_conflict', 'This role was changed by someone else since you loaded it.', { current: await loadRole(trx, actor, roleId) });
      if (before.version !== input.version) throw await conflict();
      if (input.name !== undefined) await assertNameFree(trx, actor.orgId, input.name, roleId);
      const permissions = input.permissions ? ([...new Set(input.permissions)] as Permission[]) : undefined;
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      if (input.name !== undefined && input.name !== before.name) changes.name = { from: before.name, to: input.name };
      if (input.description !== undefined && input.description !== before.description) {
        changes.description = { from: before.description, to: input.description };
      }
      if (permissions && [...permissions].sort().join() !== [...before.permissions].sort().join()) {
        changes.permissions = { from: before.permissions, to: permissions };
      }
      // Nothing to change: no write, so the version stays and nobody editing on it gets a conflict.
      if (Object.keys(changes).length === 0) return loadRole(trx, actor, roleId);
      const ok = await roleRepository.updateRoleIfVersion(trx, actor.orgId, roleId, input.version, {
        name: input.name,
        description: input.description,
        permissions: permissions ? JSON.stringify(permissions) : undefined,
        updated_at: now(),
      });
      if (!ok) throw await conflict();
      if (changes.permissions && (await roleRepository.listActiveHoldersOfPermission(trx, actor.orgId, 'roles.manage')).length === 0) {
        throw new AppError('last_administrator', 'This change would leave nobody able to manage roles; keep "roles.manage" on at least one role held by an active person.');
      }
      if (Object.keys(changes).length > 0) {
        await appendAuditEvent(trx, {
          orgId: actor.orgId,
          actorId: actor.personId,
          stream: streamOf('role', roleId),
          event: { type: 'role.updated', payload: { changes } },
        });
      }
      return loadRole(trx, actor, roleId);
    }),
  );
}

export async function deleteRole(db: Db, actor: Actor, roleId: string): Promise<void> {
  authorize(actor, 'role.manage');
  await inTransaction(db, async (trx) => {
    const role = await loadRole(trx, actor, roleId);
    const members = await roleRepository.countRoleMembers(trx, actor.orgId, roleId);
    if (members > 0) {
      throw new AppError('role_in_use', `${members} ${members === 1 ? 'person holds' : 'people hold'} the role "${role.name}"; give them another role first.`);
    }
    await roleRepository.deleteRole(trx, actor.orgId, roleId);
    await appendAuditEvent(trx, {
      orgId: actor.orgId,
      actorId: actor.personId,
      stream: streamOf('role', roleId),
      event: { type: 'role.deleted', payload: { name: role.name } },
    });
  });
}
