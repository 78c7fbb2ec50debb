import { jsonArrayFrom as postgresJsonArrayFrom } from 'kysely/helpers/postgres';
import { jsonArrayFrom as sqliteJsonArrayFrom } from 'kysely/helpers/sqlite';
import { prepareQuery } from '../../db/prepared-query';
import { isPostgres } from '../../db/dialect';
import type { Executor } from '../../db/database';
import { containsText } from '../../db/text-search';
import type { PersonRow, PersonTable } from '../../db/schema';

export async function insertPerson(db: Executor, person: PersonTable): Promise<void> {
  await db.insertInto('people').values(person).execute();
}

export function findPerson(db: Executor, orgId: string, personId: string): Promise<PersonRow | undefined> {
  return db.selectFrom('people').selectAll().where('org_id', '=', orgId).where('id', '=', personId).executeTakeFirst();
}

/** Sign-in looks a person up across organisations: an email address identifies one person. */
export function findPersonByEmail(db: Executor, email: string): Promise<PersonRow | undefined> {
  return db.selectFrom('people').selectAll().where('email', '=', email).executeTakeFirst();
}

export type PeopleFilter = { q?: string; status?: 'active' | 'suspended'; roleId?: string; teamId?: string };

export function listPeople(db: Executor, orgId: string, filter: PeopleFilter): Promise<PersonRow[]> {
  let query = db.selectFrom('people').selectAll('people').where('people.org_id', '=', orgId);
  if (filter.status) query = query.where('people.status', '=', filter.status);
  if (filter.q) {
    query = query.where(containsText(['people.name', 'people.email'], filter.q));
  }
  if (filter.roleId) {
    const roleId = filter.roleId;
    query = query.where((eb) =>
      eb.exists(
        eb.selectFrom('person_roles').select('person_roles.person_id').whereRef('person_roles.person_id', '=', 'people.id').where('person_roles.role_id', '=', roleId),
      ),
    );
  }
  if (filter.teamId) {
    const teamId = filter.teamId;
    query = query.where((eb) =>
      eb.exists(
        eb.selectFrom('team_members').select('team_members.person_id').whereRef('team_members.person_id', '=', 'people.id').where('team_members.team_id', '=', teamId),
      ),
    );
  }
  return query.orderBy('people.name').orderBy('people.id').execute();
}

/** Role and team names for a set of people, in two queries rather than two per person. */
export async function findMembershipsOfPeople(db: Executor, orgId: string, personIds: readonly string[]) {
  if (personIds.length === 0) return { roles: [], teams: [] };
  const [roles, teams] = await Promise.all([
    db
      .selectFrom('person_roles')
      .innerJoin('roles', 'roles.id', 'person_roles.role_id')
      .select(['person_roles.person_id', 'roles.id', 'roles.name'])
      .where('person_roles.org_id', '=', orgId)
      .where('person_roles.person_id', 'in', personIds)
      .orderBy('roles.name')
      .execute(),
    db
      .selectFrom('team_members')
      .innerJoin('teams', 'teams.id', 'team_members.team_id')
      .select(['team_members.person_id', 'teams.id', 'teams.name'])
      .where('team_members.org_id', '=', orgId)
      .where('team_members.person_id', 'in', personIds)
      .orderBy('teams.name')
      .execute(),
  ]);
  return { roles, teams };
}

export function findPeopleNames(db: Executor, orgId: string, personIds: readonly string[]) {
  if (personIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('people').select(['id', 'name']).where('org_id', '=', orgId).where('id', 'in', personIds).execute();
}

/** Updates a person only if nobody changed them since `expectedVersion`; returns whether it did. */
export async function updatePersonIfVersion(
  db: Executor,
  orgId: string,
  personId: string,
  expectedVersion: number,
  changes: Partial<Omit<PersonTable, 'id' | 'org_id' | 'version' | 'created_at'>>,
): Promise<boolean> {
  const result = await db
    .updateTable('people')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('org_id', '=', orgId)
    .where('id', '=', personId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function updatePerson(
  db: Executor,
  orgId: string,
  personId: string,
  changes: Partial<Omit<PersonTable, 'id' | 'org_id' | 'version' | 'created_at'>>,
): Promise<void> {
  await db
    .updateTable('people')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('org_id', '=', orgId)
    .where('id', '=', personId)
    .execute();
}

export async function replaceRolesOfPerson(db: Executor, orgId: string, personId: string, roleIds: readonly string[]): Promise<void> {
  await db.deleteFrom('person_roles').where('org_id', '=', orgId).where('person_id', '=', personId).execute();
  if (roleIds.length > 0) {
    await db
      .insertInto('person_roles')
      .values(roleIds.map((roleId) => ({ org_id: orgId, person_id: personId, role_id: roleId })))
      .execute();
  }
}

type PersonForMe = {
  id: string;
  name: string;
  email: string;
  start_date: string | null;
  organisation_name: string;
  organisation_slug: string;
  /** JSON text on SQLite, already parsed on PostgreSQL. */
  teams: string | Array<{ id: string; name: string }>;
};

const personForMe = prepareQuery<{ orgId: string; personId: string }, PersonForMe>((db, slot) => {
  const jsonArrayFrom = isPostgres(db) ? postgresJsonArrayFrom : sqliteJsonArrayFrom;
  return db
    .selectFrom('people')
    .innerJoin('organisations', 'organisations.id', 'people.org_id')
    .select((eb) => [
      'people.id',
      'people.name',
      'people.email',
      'people.start_date',
      'organisations.name as organisation_name',
      'organisations.slug as organisation_slug',
      jsonArrayFrom(
        eb
          .selectFrom('team_members')
          .innerJoin('teams', 'teams.id', 'team_members.team_id')
          .select(['teams.id', 'teams.name'])
          .whereRef('team_members.person_id', '=', 'people.id')
          .whereRef('team_members.org_id', '=', 'people.org_id')
          .orderBy('teams.name'),
      ).as('teams'),
    ])
    .where('people.org_id', '=', slot.orgId)
    .where('people.id', '=', slot.personId) as never;
});

/** A person with their organisation and their teams, in one query: what /me shows on every page. */
export async function findPersonForMe(db: Executor, orgId: string, personId: string) {
  const row = (await personForMe(db, { orgId, personId })).rows[0];
  if (!row) return undefined;
  const teams = typeof row.teams === 'string' ? (JSON.parse(row.teams) as Array<{ id: string; name: string }>) : row.teams;
  return { ...row, teams };
}

/** Active people and the names of their roles, one row per role, ordered by name. */
export function listPeopleDirectory(db: Executor, orgId: string) {
  return db
    .selectFrom('people')
    .leftJoin('person_roles', (join) => join.onRef('person_roles.person_id', '=', 'people.id').onRef('person_roles.org_id', '=', 'people.org_id'))
    .leftJoin('roles', 'roles.id', 'person_roles.role_id')
    .select(['people.id', 'people.name', 'roles.name as role_name'])
    .where('people.org_id', '=', orgId)
    .where('people.status', '=', 'active')
    .orderBy('people.name')
    .orderBy('people.id')
    .orderBy('roles.name')
    .execute();
}
