import { describe, expect, it } from 'vitest';
import { PERMISSION_KEYS, SEEDED_ROLES, type Permission } from '../../common/permissions';
import { AppError } from '../errors/app-error';
import { authorize, can, describeAbilities, type Action, type Actor } from './policy';

const SELF = '0193a4f2-0000-7000-8000-00000000aaaa';
const OTHER = '0193a4f2-0000-7000-8000-00000000bbbb';

type SeededRole = 'Agent' | 'Senior agent' | 'Supervisor' | 'Quality manager' | 'Administrator';
const ROLE_NAMES: SeededRole[] = ['Agent', 'Senior agent', 'Supervisor', 'Quality manager', 'Administrator'];

function actorWith(permissions: readonly Permission[], via: Actor['via'] = 'session'): Actor {
  return { personId: SELF, orgId: 'org', permissions: new Set(permissions), via };
}

function actorOfRole(name: SeededRole): Actor {
  const role = SEEDED_ROLES.find((candidate) => candidate.name === name);
  if (!role) throw new Error(`no seeded role ${name}`);
  return actorWith(role.permissions);
}

const EVERYONE = ROLE_NAMES;
const READERS: SeededRole[] = ['Senior agent', 'Supervisor', 'Quality manager', 'Administrator'];
const QUALITY: SeededRole[] = ['Quality manager', 'Administrator'];
const ADMIN: SeededRole[] = ['Administrator'];

// Written out by hand rather than derived from the permissions, so that a change to a seeded role
// or to a rule shows up here as a decision somebody has to make. A Record over Action makes the
// compiler insist on every action.
const ALLOWED_WITHOUT_RESOURCE: Record<Action, SeededRole[]> = {
  'profile.manage': EVERYONE,
  'person.list': READERS,
  'person.directory': READERS,
  'person.read': READERS,
  'person.create': ADMIN,
  'person.update': ADMIN,
  'person.suspend': ADMIN,
  'person.issue-reset': ADMIN,
  'role.list': READERS,
  'role.manage': ADMIN,
  'team.list': READERS,
  'team.read': READERS,
  'team.manage': ADMIN,
  'audit.read': QUALITY,
  'audit.erase': ADMIN,
  'library.read': EVERYONE,
  'sop.create': QUALITY,
  'sop.update': QUALITY,
  'sop.read-drafts': QUALITY,
  'sop.edit-draft': QUALITY,
  'sop.comment': QUALITY,
  'sop.approve': QUALITY,
  'sop.publish': QUALITY,
  'sop.retire': QUALITY,
  'sop.record-review': QUALITY,
  'process.manage': QUALITY,
  'settings.manage': ADMIN,
};
const ACTIONS = Object.keys(ALLOWED_WITHOUT_RESOURCE) as Action[];

describe('can(actor, action) for the seeded roles', () => {
  const cases = ACTIONS.flatMap((action) => ROLE_NAMES.map((role) => [action, role, ALLOWED_WITHOUT_RESOURCE[action].includes(role)] as const));

  it.each(cases)('%s by %s → %s', (action, role, expected) => {
    expect(can(actorOfRole(role), action)).toBe(expected);
  });

  it('gives a person with no permissions only their profile and the published library', () => {
    const nobody = actorWith([]);
    expect(ACTIONS.filter((action) => can(nobody, action))).toEqual(['profile.manage', 'library.read']);
  });

  it('gives a person with every permission every action', () => {
    const everything = actorWith(PERMISSION_KEYS);
    expect(ACTIONS.filter((action) => !can(everything, action))).toEqual([]);
  });

  it('decides the same whether the actor came by session or by API token', () => {
    for (const role of ROLE_NAMES) {
      const permissions = SEEDED_ROLES.find((candidate) => candidate.name === role)!.permissions;
      for (const action of ACTIONS) expect(can(actorWith(permissions, 'token'), action)).toBe(can(actorWith(permissions, 'session'), action));
    }
  });
});

describe('can(actor, action, resource): rules that depend on the resource', () => {
  const agent = actorOfRole('Agent');
  const administrator = actorOfRole('Administrator');

  it('lets anyone read their own person record, and only readers someone else’s', () => {
    expect(can(agent, 'person.read', { kind: 'person', id: SELF })).toBe(true);
    expect(can(agent, 'person.read', { kind: 'person', id: OTHER })).toBe(false);
    expect(can(actorOfRole('Senior agent'), 'person.read', { kind: 'person', id: OTHER })).toBe(true);
  });

  it('never lets anyone suspend themselves, not even an administrator', () => {
    expect(can(administrator, 'person.suspend', { kind: 'person', id: SELF })).toBe(false);
    expect(can(administrator, 'person.suspend', { kind: 'person', id: OTHER })).toBe(true);
    expect(can(agent, 'person.suspend', { kind: 'person', id: OTHER })).toBe(false);
  });

  it('does not let owning a record stand in for permissions to change it', () => {
    for (const action of ['person.update', 'person.issue-reset', 'person.create'] as const) {
      expect(can(agent, action, { kind: 'person', id: SELF })).toBe(false);
    }
  });

  it('lets members read their team, and nobody else without people.read', () => {
    expect(can(agent, 'team.read', { kind: 'team', memberIds: [OTHER, SELF] })).toBe(true);
    expect(can(agent, 'team.read', { kind: 'team', memberIds: [OTHER] })).toBe(false);
    expect(can(agent, 'team.read', { kind: 'team', memberIds: [] })).toBe(false);
    expect(can(actorOfRole('Supervisor'), 'team.read', { kind: 'team', memberIds: [] })).toBe(true);
    expect(can(agent, 'team.manage', { kind: 'team', memberIds: [SELF] })).toBe(false);
  });

  it('lets the people named on a draft read it and comment, but not edit, approve or publish it', () => {
    const draft = { kind: 'sop-version' as const, participantIds: [SELF] };
    expect(can(agent, 'sop.read-drafts', draft)).toBe(true);
    expect(can(agent, 'sop.comment', draft)).toBe(true);
    for (const action of ['sop.edit-draft', 'sop.approve', 'sop.publish', 'sop.retire', 'sop.update'] as const) {
      expect(can(agent, action, draft)).toBe(false);
    }
    expect(can(agent, 'sop.read-drafts', { kind: 'sop-version', participantIds: [OTHER] })).toBe(false);
  });

  it('does not let a resource of the wrong kind grant anything', () => {
    expect(can(agent, 'person.read', { kind: 'team', memberIds: [SELF] })).toBe(false);
    expect(can(agent, 'team.read', { kind: 'person', id: SELF })).toBe(false);
    expect(can(agent, 'sop.comment', { kind: 'team', memberIds: [SELF] })).toBe(false);
  });

  it('lets any one of several qualifying permissions suffice', () => {
    expect(can(actorWith(['teams.manage']), 'person.list')).toBe(true);
    expect(can(actorWith(['roles.manage']), 'role.list')).toBe(true);
    expect(can(actorWith(['teams.manage']), 'team.read', { kind: 'team', memberIds: [] })).toBe(true);
    expect(can(actorWith(['sops.approve']), 'sop.publish')).toBe(true);
    expect(can(actorWith(['sops.author']), 'sop.approve')).toBe(false);
  });
});

describe('authorize and describeAbilities', () => {
  it('throws a 403 forbidden AppError when refused, and nothing when allowed', () => {
    expect(() => authorize(actorOfRole('Administrator'), 'audit.erase')).not.toThrow();
    try {
      authorize(actorOfRole('Agent'), 'audit.read');
      expect.unreachable('authorize should have thrown');
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'forbidden', status: 403 });
    }
  });

  it.each(ROLE_NAMES)('tells the UI what a %s may do, from the same rules', (role) => {
    const actor = actorOfRole(role);
    expect(describeAbilities(actor)).toEqual({
      listPeople: ALLOWED_WITHOUT_RESOURCE['person.list'].includes(role),
      pickPeople: ALLOWED_WITHOUT_RESOURCE['person.directory'].includes(role),
      managePeople: ALLOWED_WITHOUT_RESOURCE['person.create'].includes(role),
      manageRoles: ALLOWED_WITHOUT_RESOURCE['role.manage'].includes(role),
      manageTeams: ALLOWED_WITHOUT_RESOURCE['team.manage'].includes(role),
      readAudit: ALLOWED_WITHOUT_RESOURCE['audit.read'].includes(role),
      eraseAudit: ALLOWED_WITHOUT_RESOURCE['audit.erase'].includes(role),
      authorSops: ALLOWED_WITHOUT_RESOURCE['sop.create'].includes(role),
      approveSops: ALLOWED_WITHOUT_RESOURCE['sop.approve'].includes(role),
      manageSettings: ALLOWED_WITHOUT_RESOURCE['settings.manage'].includes(role),
    });
  });
});
