import type { Executor } from '../../db/database';
import type { TeamMemberTable, TeamTable } from '../../db/schema';

export async function insertTeam(db: Executor, team: TeamTable): Promise<void> {
  await db.insertInto('teams').values(team).execute();
}

export function findTeam(db: Executor, orgId: string, teamId: string) {
  return db.selectFrom('teams').selectAll().where('org_id', '=', orgId).where('id', '=', teamId).executeTakeFirst();
}

export function findTeamByName(db: Executor, orgId: string, name: string) {
  return db.selectFrom('teams').selectAll().where('org_id', '=', orgId).where('name', '=', name).executeTakeFirst();
}

export function findTeamsByIds(db: Executor, orgId: string, teamIds: readonly string[]) {
  if (teamIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('teams').selectAll().where('org_id', '=', orgId).where('id', 'in', teamIds).execute();
}

export function listTeams(db: Executor, orgId: string) {
  return db.selectFrom('teams').selectAll().where('org_id', '=', orgId).orderBy('name').execute();
}

/** Members of the given teams with their names, leads first. */
export function listMembersOfTeams(db: Executor, orgId: string, teamIds: readonly string[]) {
  if (teamIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('team_members')
    .innerJoin('people', 'people.id', 'team_members.person_id')
    .select(['team_members.team_id', 'team_members.person_id', 'team_members.is_lead', 'people.name', 'people.email'])
    .where('team_members.org_id', '=', orgId)
    .where('team_members.team_id', 'in', teamIds)
    .orderBy('team_members.is_lead', 'desc')
    .orderBy('people.name')
    .execute();
}

export async function updateTeamIfVersion(
  db: Executor,
  orgId: string,
  teamId: string,
  expectedVersion: number,
  changes: Partial<Pick<TeamTable, 'name' | 'description'>> & { updated_at: string },
): Promise<boolean> {
  const result = await db
    .updateTable('teams')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('org_id', '=', orgId)
    .where('id', '=', teamId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Membership changes bump the team's version so concurrent editors notice them. */
export async function bumpTeamVersion(db: Executor, orgId: string, teamId: string, at: string): Promise<void> {
  await db
    .updateTable('teams')
    .set((eb) => ({ updated_at: at, version: eb('version', '+', 1) }))
    .where('org_id', '=', orgId)
    .where('id', '=', teamId)
    .execute();
}

export async function deleteTeam(db: Executor, orgId: string, teamId: string): Promise<void> {
  await db.deleteFrom('team_members').where('org_id', '=', orgId).where('team_id', '=', teamId).execute();
  await db.deleteFrom('teams').where('org_id', '=', orgId).where('id', '=', teamId).execute();
}

export async function insertTeamMember(db: Executor, member: TeamMemberTable): Promise<void> {
  await db.insertInto('team_members').values(member).execute();
}

export function findTeamMember(db: Executor, orgId: string, teamId: string, personId: string) {
  return db
    .selectFrom('team_members')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('team_id', '=', teamId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
}

export async function setTeamLead(db: Executor, orgId: string, teamId: string, personId: string, isLead: boolean): Promise<void> {
  await db
    .updateTable('team_members')
    .set({ is_lead: isLead ? 1 : 0 })
    .where('org_id', '=', orgId)
    .where('team_id', '=', teamId)
    .where('person_id', '=', personId)
    .execute();
}

export async function deleteTeamMember(db: Executor, orgId: string, teamId: string, personId: string): Promise<void> {
  await db.deleteFrom('team_members').where('org_id', '=', orgId).where('team_id', '=', teamId).where('person_id', '=', personId).execute();
}
