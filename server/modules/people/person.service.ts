import { streamOf } from '../../../common/audit-events';
import type { CreatedPerson, CreatePersonBody, PeopleDirectory, Person, UpdatePersonBody } from '../../../common/api/people';
import type { Db, Executor, Trx } from '../../db/database';
import { newId, now } from '../../db/ids';
import { inTransaction } from '../../db/transaction';
import type { PersonRow } from '../../db/schema';
import { AppError, invalidField, notFound } from '../../errors/app-error';
import { authorize, type Actor } from '../../policy/policy';
import { appendAuditEvent } from '../audit/audit.service';
import { issuePasswordResetLink } from '../auth/password-reset.service';
import * as sessionRepository from '../auth/session.repository';
import { findRolesByIds, listActiveHoldersOfPermission } from '../roles/role.repository';
import { findTeamsByIds, insertTeamMember } from '../teams/team.repository';
import * as personRepository from './person.repository';
import { presentPeople, presentPerson } from './person.presenter';
import type { PeopleFilter } from './person.repository';

// The permission that must always stay with at least one active person, or nobody could repair roles.
const GUARDIAN_PERMISSION = 'roles.manage';

export async function listPeople(db: Db, actor: Actor, filter: PeopleFilter): Promise<Person[]> {
  authorize(actor, 'person.list');
  return presentPeople(db, actor, await personRepository.listPeople(db, actor.orgId, filter));
}

/** Active people by name with their roles, for choosing reviewers and participants. */
export async function listPeopleDirectory(db: Db, actor: Actor): Promise<PeopleDirectory> {
  authorize(actor, 'person.directory');
  const rows = await personRepository.listPeopleDirectory(db, actor.orgId);
  const byPerson = new Map<string, { id: string; name: string; roles: string[] }>();
  for (const row of rows) {
    const entry = byPerson.get(row.id) ?? { id: row.id, name: row.name, roles: [] };
    if (row.role_name) entry.roles.push(row.role_name);
    byPerson.set(row.id, entry);
  }
  return { items: [...byPerson.values()] };
}

async function loadPerson(db: Executor, actor: Actor, personId: string): Promise<PersonRow> {
  const person = await personRepository.findPerson(db, actor.orgId, personId);
  // Another organisation's id is answered exactly like an unknown one.
  if (!person) throw notFound('The person');
  return person;
}

export async function getPerson(db: Db, actor: Actor, personId: string): Promise<Person> {
  authorize(actor, 'person.read', { kind: 'person', id: personId });
  return presentPerson(db, actor, await loadPerson(db, actor, personId));
}

async function assertRolesExist(db: Executor, orgId: string, roleIds: readonly string[]): Promise<void> {
  const found = await findRolesByIds(db, orgId, roleIds);
  const missing = roleIds.findIndex((id) => !found.some((role) => role.id === id));
  if (missing >= 0) throw invalidField(`body.roleIds.${missing}`, 'is not a role of this organisation');
}

async function assertManagerValid(db: Executor, orgId: string, managerId: string | null, personId?: string): Promise<void> {
  if (!managerId) return;
  if (managerId === personId) throw invalidField('body.managerId', 'a person cannot be their own manager');
  if (!(await personRepository.findPerson(db, orgId, managerId))) {
    throw invalidField('body.managerId', 'is not a person of this organisation');
  }
}

async function assertEmailFree(db: Executor, email: string, exceptPersonId?: string): Promise<void> {
  const existing = await personRepository.findPersonByEmail(db, email);
  if (existing && existing.id !== exceptPersonId) {
    throw new AppError('email_taken', `${email} is already used by another person.`, {
      errors: [{ field: 'body.email', message: 'is already in use' }],
    });
  }
}

function isUniqueEmailViolation(error: unknown): boolean {
  const candidate = error as { code?: string; constraint?: string; message?: string };
  return (
    (candidate?.code === '23505' && candidate.constraint === 'people_email_unique') ||
    (candidate?.code === 'SQLITE_CONSTRAINT_UNIQUE' && (candidate.message?.includes('people.email') ?? false))
  );
}

/** Adds a person with their roles and teams, and returns a one-time link to set their password. */
export async function createPerson(
  db: Db,
  actor: Actor,
  input: Required<CreatePersonBody>,
  baseUrl: string,
): Promise<CreatedPerson> {
  authorize(actor, 'person.create');
  try {
    return await inTransaction(db, async (trx) => {
      await assertEmailFree(trx, input.email);
      await assertRolesExist(trx, actor.orgId, input.roleIds);
      await assertManagerValid(trx, actor.orgId, input.managerId);
      const teams = await findTeamsByIds(trx, actor.orgId, input.teamIds);
      const missingTeam = input.teamIds.findIndex((id) => !teams.some((team) => team.id === id));
      if (missingTeam >= 0) throw invalidField(`body.teamIds.${missingTeam}`, 'is not a team of this organisation');

      const at = now();
      const person: PersonRow = {
        id: newId(),
        org_id: actor.orgId,
        name: input.name,
        email: input.email,
        status: 'active',
        start_date: input.startDate,
        manager_id: input.managerId,
        password_hash: null,
        password_changed_at: null,
        created_at: at,
        updated_at: at,
        version: 1,
      };
      await personRepository.insertPerson(trx, person);
      await personRepository.replaceRolesOfPerson(trx, actor.orgId, person.id, [...new Set(input.roleIds)]);
      await appendAuditEvent(trx, {
        orgId: actor.orgId,
        actorId: actor.personId,
        stream: streamOf('person', person.id),
        event: {
          type: 'person.created',
          payload: { name: person.name, email: person.email, roleIds: [...new Set(input.roleIds)], startDate: person.start_date, managerId: person.manager_id },
        },
      });
      for (const teamId of new Set(input.teamIds)) {
        await insertTeamMember(trx, { org_id: actor.orgId, team_id: teamId, person_id: person.id, is_lead: 0, added_at: at });
        await appendAuditEvent(trx, {
          orgId: actor.orgId,
          actorId: actor.personId,
          stream: streamOf('team', teamId),
          event: { type: 'team.member-added', payload: { personId: person.id, isLead: false } },
        });
      }
      const setPasswordLink = await issuePasswordResetLink(trx, { orgId: actor.orgId, personId: person.id, actorId: actor.personId, baseUrl });
      return { person: await presentPerson(trx, actor, person), setPasswordLink };
    });
  } catch (error) {
    // Two administrators adding the same email at once: the unique index decides.
    if (isUniqueEmailViolation(error)) await assertEmailFree(db, input.email);
    throw error;
  }
}

async function assertGuardianRemains(trx: Trx, orgId: string, losingPersonId: string): Promise<void> {
  const holders = await listActiveHoldersOfPermission(trx, orgId, GUARDIAN_PERMISSION);
  if (holders.every((holder) => holder === losingPersonId)) {
    throw new AppError('last_administrator', 'At least one active person must keep the permission to manage roles.');
  }
}

function versionConflict(current: Person): AppError {
  return new AppError('version_conflict', 'This person was changed by someone else since you loaded them. Review their changes and try again.', {
    current,
  });
}

/** Edits a person; refused with 409 and the current record if someone else saved first. */
export async function updatePerson(db: Db, actor: Actor, personId: string, input: UpdatePersonBody): Promise<Person> {
  authorize(actor, 'person.update', { kind: 'person', id: personId });
  return inTransaction(db, async (trx) => {
    const before = await loadPerson(trx, actor, personId);
    if (before.version !== input.version) throw versionConflict(await presentPerson(trx, actor, before));
    if (input.email !== undefined) await assertEmailFree(trx, input.email, personId);
    if (input.managerId !== undefined) await assertManagerValid(trx, actor.orgId, input.managerId, personId);

    const changes: Record<string, { from: unknown; to: unknown }> = {};
    const update: Partial<PersonRow> = {};
    const fields = [
      ['name', 'name'],
      ['email', 'email'],
      ['startDate', 'start_date'],
      ['managerId', 'manager_id'],
    ] as const;
    for (const [inputKey, column] of fields) {
      const value = input[inputKey];
      if (value !== undefined && value !== before[column]) {
        changes[inputKey] = { from: before[column], to: value };
        (update as Record<string, unknown>)[column] = value;
      }
    }
    const currentRoleIds = input.roleIds ? (await presentPerson(trx, actor, before)).roles.map((role) => role.id).sort() : [];
    const nextRoleIds = input.roleIds ? [...new Set(input.roleIds)].sort() : currentRoleIds;
    const rolesChanged = currentRoleIds.join() !== nextRoleIds.join();
    // Nothing to change: no write, so the version stays and nobody editing on it gets a conflict.
    if (Object.keys(changes).length === 0 && !rolesChanged) return presentPerson(trx, actor, before);
    const at = now();
    const updated = await personRepository.updatePersonIfVersion(trx, actor.orgId, personId, input.version, { ...update, updated_at: at });
    if (!updated) throw versionConflict(await presentPerson(trx, actor, await loadPerson(trx, actor, personId)));
    if (Object.keys(changes).length > 0) {
      await appendAuditEvent(trx, {
        orgId: actor.orgId,
        actorId: actor.personId,
        stream: streamOf('person', personId),
        event: { type: 'person.updated', payload: { changes } },
      });
    }
    if (rolesChanged) {
      await assertRolesExist(trx, actor.orgId, nextRoleIds);
      await personRepository.replaceRolesOfPerson(trx, actor.orgId, personId, nextRoleIds);
      await assertGuardianRemains(trx, actor.orgId, '');
      await appendAuditEvent(trx, {
        orgId: actor.orgId,
        actorId: actor.personId,
        stream: streamOf('person', personId),
        event: { type: 'person.roles-changed', payload: { from: currentRoleIds, to: nextRoleIds } },
      });
    }
    return presentPerson(trx, actor, await loadPerson(trx, actor, personId));
  });
}

/** Suspends a person: every session ends at once and their API tokens stop working. */
export async function suspendPerson(db: Db, actor: Actor, personId: string): Promise<Person> {
  authorize(actor, 'person.suspend', { kind: 'person', id: personId });
  return inTransaction(db, async (trx) => {
    const person = await loadPerson(trx, actor, personId);
    if (person.status === 'suspended') throw new AppError('invalid_state', `${person.name} is already suspended.`);
    await assertGuardianRemains(trx, actor.orgId, personId);
    const at = now();
    await personRepository.updatePerson(trx, actor.orgId, personId, { status: 'suspended', updated_at: at });
    const sessionsEnded = await sessionRepository.revokeSessionsOfPerson(trx, actor.orgId, personId, at);
    await appendAuditEvent(trx, {
      orgId: actor.orgId,
      actorId: actor.personId,
      stream: streamOf('person', personId),
      event: { type: 'person.suspended', payload: { sessionsEnded } },
    });
    return presentPerson(trx, actor, await loadPerson(trx, actor, personId));
  });
}

export async function reactivatePerson(db: Db, actor: Actor, personId: string): Promise<Person> {
  authorize(actor, 'person.suspend', { kind: 'person', id: personId });
  return inTransaction(db, async (trx) => {
    const person = await loadPerson(trx, actor, personId);
    if (person.status === 'active') throw new AppError('invalid_state', `${person.name} is already active.`);
    await personRepository.updatePerson(trx, actor.orgId, personId, { status: 'active', updated_at: now() });
    await appendAuditEvent(trx, {
      orgId: actor.orgId,
      actorId: actor.personId,
      stream: streamOf('person', personId),
      event: { type: 'person.reactivated', payload: {} },
    });
    return presentPerson(trx, actor, await loadPerson(trx, actor, personId));
  });
}

/** An administrator issues a one-time link with which the person sets a new password. */
export async function issuePasswordReset(db: Db, actor: Actor, personId: string, baseUrl: string) {
  authorize(actor, 'person.issue-reset', { kind: 'person', id: personId });
  return inTransaction(db, async (trx) => {
    const person = await loadPerson(trx, actor, personId);
    if (person.status !== 'active') throw new AppError('invalid_state', `${person.name} is suspended; reactivate them first.`);
    return issuePasswordResetLink(trx, { orgId: actor.orgId, personId, actorId: actor.personId, baseUrl });
  });
}
