import type { Person } from '../../../common/api/people';
import type { Executor } from '../../db/database';
import type { PersonRow } from '../../db/schema';
import { can, type Actor } from '../../policy/policy';
import { findMembershipsOfPeople, findPeopleNames } from './person.repository';

/** Shapes people for the API, with their roles, teams, manager and what the caller may do to them. */
export async function presentPeople(db: Executor, actor: Actor, rows: PersonRow[]): Promise<Person[]> {
  const ids = rows.map((row) => row.id);
  const managerIds = [...new Set(rows.map((row) => row.manager_id).filter((id): id is string => id !== null))];
  const [memberships, managers] = await Promise.all([
    findMembershipsOfPeople(db, actor.orgId, ids),
    findPeopleNames(db, actor.orgId, managerIds),
  ]);
  const managerNames = new Map(managers.map((manager) => [manager.id, manager.name]));
  return rows.map((row) => {
    const resource = { kind: 'person', id: row.id } as const;
    return {
      id: row.id,
      name: row.name,
      email: row.email,
      status: row.status,
      startDate: row.start_date,
      manager: row.manager_id ? { id: row.manager_id, name: managerNames.get(row.manager_id) ?? '' } : null,
      roles: memberships.roles.filter((role) => role.person_id === row.id).map(({ id, name }) => ({ id, name })),
      teams: memberships.teams.filter((team) => team.person_id === row.id).map(({ id, name }) => ({ id, name })),
      hasPassword: row.password_hash !== null,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      version: row.version,
      can: {
        update: can(actor, 'person.update', resource),
        suspend: can(actor, 'person.suspend', resource),
        issueReset: can(actor, 'person.issue-reset', resource),
      },
    };
  });
}

export async function presentPerson(db: Executor, actor: Actor, row: PersonRow): Promise<Person> {
  const [person] = await presentPeople(db, actor, [row]);
  return person!;
}
