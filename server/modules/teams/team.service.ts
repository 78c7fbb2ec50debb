import { streamOf } from '../../../common/audit-events';
import type { CreateTeamBody, Team, UpdateTeamBody } from '../../../common/api/teams';
import type { Db, Executor } from '../../db/database';
import { newId, now } from '../../db/ids';
import { inTransaction } from '../../db/transaction';
import { refuseUniqueViolation } from '../../db/unique-violation';
import type { TeamRow } from '../../db/schema';
import { AppError, alreadyInUse, notFound } from '../../errors/app-error';
import { authorize, can, type Actor } from '../../policy/policy';
import { appendAuditEvent } from '../audit/audit.service';
import { findPerson } from '../people/person.repository';
import * as teamRepository from './team.repository';

type TeamMemberRow = Awaited<ReturnType<typeof teamRepository.listMembersOfTeams>>[number];

async function presentTeams(db: Executor, actor: Actor, rows: TeamRow[], knownMembers?: TeamMemberRow[]): Promise<Team[]> {
  const members = knownMembers ?? (await teamRepository.listMembersOfTeams(db, actor.orgId, rows.map((row) => row.id)));
  const manage = can(actor, 'team.manage');
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    description: row.description,
    members: members
      .filter((member) => member.team_id === row.id)
      .map((member) => ({ personId: member.person_id, name: member.name, email: member.email, isLead: member.is_lead === 1 })),
    version: row.version,
    can: { update: manage, delete: manage },
  }));
}

async function loadTeam(db: Executor, actor: Actor, teamId: string): Promise<TeamRow> {
  const team = await teamRepository.findTeam(db, actor.orgId, teamId);
  if (!team) throw notFound('The team');
  return team;
}

async function presentTeam(db: Executor, actor: Actor, teamId: string): Promise<Team> {
  const [team] = await presentTeams(db, actor, [await loadTeam(db, actor, teamId)]);
  return team!;
}

export async function listTeams(db: Db, actor: Actor): Promise<Team[]> {
  authorize(actor, 'team.list');
  return presentTeams(db, actor, await teamRepository.listTeams(db, actor.orgId));
}

export async function getTeam(db: Db, actor: Actor, teamId: string): Promise<Team> {
  const team = await presentTeam(db, actor, teamId);
  authorize(actor, 'team.read', { kind: 'team', memberIds: team.members.map((member) => member.personId) });
  return team;
}

// assertNameFree cannot see a team a concurrent transaction is creating; the constraint catches that one.
const TEAM_NAME_UNIQUE = { name: 'teams_org_name_unique', sqliteColumns: 'teams.org_id, teams.name' };

function nameTaken(name: string): AppError {
  return alreadyInUse('body.name', `A team called "${name}" already exists.`);
}

async function assertNameFree(db: Executor, orgId: string, name: string, exceptId?: string): Promise<void> {
  const existing = await teamRepository.findTeamByName(db, orgId, name);
  if (existing && existing.id !== exceptId) throw nameTaken(name);
}

export async function createTeam(db: Db, actor: Actor, input: Required<CreateTeamBody>): Promise<Team> {
  authorize(actor, 'team.manage');
  return refuseUniqueViolation(TEAM_NAME_UNIQUE, () => nameTaken(input.name), () =>
    inTransaction(db, async (trx) => {
      // No look-up first: the unique constraint refuses a taken name, and refuseUniqueViolation
      // turns that into the same 409 a look-up would have given.
      const at = now();
      const team = { id: newId(), org_id: actor.orgId, name: input.name, description: input.description, created_at: at, updated_at: at, version: 1 };
      await teamRepository.insertTeam(trx, team);
      await appendAuditEvent(trx, {
        orgId: actor.orgId,
        actorId: actor.personId,
        stream: streamOf('team', team.id),
        event: { type: 'team.created', payload: { name: team.name, description: team.description } },
      });
      // A new team has no members yet: nothing to read back.
      const [presented] = await presentTeams(trx, actor, [team], []);
      return presented!;
    }),
  );
}

export async function updateTeam(db: Db, actor: Actor, teamId: string, input: UpdateTeamBody): Promise<Team> {
  authorize(actor, 'team.manage');
  return refuseUniqueViolation(TEAM_NAME_UNIQUE, () => nameTaken(input.name ?? ''), () =>
    inTransaction(db, async (trx) => {
      const before = await loadTeam(trx, actor, teamId);
      const conflict = async () =>
        new AppError('version_conflict', 'This team was changed by someone else since you loaded it.', { current: await presentTeam(trx, actor, teamId) });
      if (before.version !== input.version) throw await conflict();
      if (input.name !== undefined) await assertNameFree(trx, actor.orgId, input.name, teamId);
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      if (input.name !== undefined && input.name !== before.name) changes.name = { from: before.name, to: input.name };
      if (input.description !== undefined && input.description !== before.description) {
        changes.description = { from: before.description, to: input.description };
      }
      // Nothing to change: no write, so the version stays and nobody editing on it gets a conflict.
      if (Object.keys(changes).length === 0) return presentTeam(trx, actor, teamId);
      const ok = await teamRepository.updateTeamIfVersion(trx, actor.orgId, teamId, input.version, {
        name: input.name,
        description: input.description,
        updated_at: now(),
      });
      if (!ok) throw await conflict();
      if (Object.keys(changes).length > 0) {
        await appendAuditEvent(trx, {
          orgId: actor.orgId,
          actorId: actor.personId,
          stream: streamOf('team', teamId),
          event: { type: 'team.updated', payload: { changes } },
        });
      }
      return presentTeam(trx, actor, teamId);
    }),
  );
}

export async function deleteTeam(db: Db, actor: Actor, teamId: string): Promise<void> {
  authorize(actor, 'team.manage');
  await inTransaction(db, async (trx) => {
    const team = await loadTeam(trx, actor, teamId);
    await teamRepository.deleteTeam(trx, actor.orgId, teamId);
    await appendAuditEvent(trx, {
      orgId: actor.orgId,
      actorId: actor.personId,
      stream: streamOf('team', teamId),
      event: { type: 'team.deleted', payload: { name: team.name } },
    });
  });
}

/** Adds a person to a team, or changes whether they lead it. */
export async function putTeamMember(db: Db, actor: Actor, teamId: string, personId: string, input: { isLead: boolean }): Promise<Team> {
  authorize(actor, 'team.manage');
  return inTransaction(db, async (trx) => {
    await loadTeam(trx, actor, teamId);
    if (!(await findPerson(trx, actor.orgId, personId))) throw notFound('The person');
    const existing = await teamRepository.findTeamMember(trx, actor.orgId, teamId, personId);
    const at = now();
    if (existing && (existing.is_lead === 1) === input.isLead) return presentTeam(trx, actor, teamId);
    if (existing) await teamRepository.setTeamLead(trx, actor.orgId, teamId, personId, input.isLead);
    else await teamRepository.insertTeamMember(trx, { org_id: actor.orgId, team_id: teamId, person_id: personId, is_lead: input.isLead ? 1 : 0, added_at: at });
    await teamRepository.bumpTeamVersion(trx, actor.orgId, teamId, at);
    await appendAuditEvent(trx, {
      orgId: actor.orgId,
      actorId: actor.personId,
      stream: streamOf('team', teamId),
      event: { type: 'team.member-added', payload: { personId, isLead: input.isLead } },
    });
    return presentTeam(trx, actor, teamId);
  });
}

export async function removeTeamMember(db: Db, actor: Actor, teamId: string, personId: string): Promise<Team> {
  authorize(actor, 'team.manage');
  return inTransaction(db, async (trx) => {
    await loadTeam(trx, actor, teamId);
    if (!(await teamRepository.findTeamMember(trx, actor.orgId, teamId, personId))) throw notFound('The team member');
    await teamRepository.deleteTeamMember(trx, actor.orgId, teamId, personId);
    await teamRepository.bumpTeamVersion(trx, actor.orgId, teamId, now());
    await appendAuditEvent(trx, {
      orgId: actor.orgId,
      actorId: actor.personId,
      stream: streamOf('team', teamId),
      event: { type: 'team.member-removed', payload: { personId } },
    });
    return presentTeam(trx, actor, teamId);
  });
}
