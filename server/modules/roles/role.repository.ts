import type { Permission } from '../../../common/permissions';
import type { Executor } from '../../db/database';
import type { RoleRow, RoleTable } from '../../db/schema';

export function parsePermissions(row: Pick<RoleRow, 'permissions'>): Permission[] {
  return JSON.parse(row.permissions) as Permission[];
}

export async function insertRole(db: Executor, role: RoleTable): Promise<void> {
  await db.insertInto('roles').values(role).execute();
}

export function findRole(db: Executor, orgId: string, roleId: string) {
  return db.selectFrom('roles').selectAll().where('org_id', '=', orgId).where('id', '=', roleId).executeTakeFirst();
}

export function findRoleByName(db: Executor, orgId: string, name: string) {
  return db.selectFrom('roles').selectAll().where('org_id', '=', orgId).where('name', '=', name).executeTakeFirst();
}

/** Roles with how many people hold each. */
export function listRolesWithCounts(db: Executor, orgId: string) {
  return db
    .selectFrom('roles')
    .leftJoin('person_roles', 'person_roles.role_id', 'roles.id')
    .selectAll('roles')
    .select((eb) => eb.fn.count<number>('person_roles.person_id').as('member_count'))
    .where('roles.org_id', '=', orgId)
    .groupBy(['roles.id', 'roles.org_id', 'roles.name', 'roles.description', 'roles.permissions', 'roles.created_at', 'roles.updated_at', 'roles.version'])
    .orderBy('roles.name')
    .execute();
}

export function findRolesByIds(db: Executor, orgId: string, roleIds: readonly string[]) {
  if (roleIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('roles').selectAll().where('org_id', '=', orgId).where('id', 'in', roleIds).execute();
}

/** Updates a role only if nobody changed it since `expectedVersion`; returns whether it did. */
export async function updateRoleIfVersion(
  db: Executor,
  orgId: string,
  roleId: string,
  expectedVersion: number,
  changes: Partial<Pick<RoleTable, 'name' | 'description' | 'permissions'>> & { updated_at: string },
): Promise<boolean> {
  const result = await db
    .updateTable('roles')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('org_id', '=', orgId)
    .where('id', '=', roleId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteRole(db: Executor, orgId: string, roleId: string): Promise<void> {
  await db.deleteFrom('roles').where('org_id', '=', orgId).where('id', '=', roleId).execute();
}

export async function countRoleMembers(db: Executor, orgId: string, roleId: string): Promise<number> {
  const row = await db
    .selectFrom('person_roles')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('org_id', '=', orgId)
    .where('role_id', '=', roleId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Active people who hold some role granting `permission`: used to keep at least one administrator. */
export async function listActiveHoldersOfPermission(db: Executor, orgId: string, permission: Permission): Promise<string[]> {
  const rows = await db
    .selectFrom('person_roles')
    .innerJoin('roles', 'roles.id', 'person_roles.role_id')
    .innerJoin('people', 'people.id', 'person_roles.person_id')
    .select(['person_roles.person_id', 'roles.permissions'])
    .where('person_roles.org_id', '=', orgId)
    .where('people.status', '=', 'active')
    .execute();
  const holders = new Set<string>();
  for (const row of rows) if (parsePermissions(row).includes(permission)) holders.add(row.person_id);
  return [...holders];
}

/** The union of permissions of a person's roles, and the roles themselves. */
export async function findRolesOfPerson(db: Executor, orgId: string, personId: string) {
  return db
    .selectFrom('person_roles')
    .innerJoin('roles', 'roles.id', 'person_roles.role_id')
    .select(['roles.id', 'roles.name', 'roles.permissions'])
    .where('person_roles.org_id', '=', orgId)
    .where('person_roles.person_id', '=', personId)
    .orderBy('roles.name')
    .execute();
}
