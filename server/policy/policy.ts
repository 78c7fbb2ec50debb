import type { Permission } from '../../common/permissions';
import { forbidden } from '../errors/app-error';

/** Who is asking: the signed-in person (by session or API token) and what their roles allow. */
export type Actor = {
  personId: string;
  orgId: string;
  permissions: ReadonlySet<Permission>;
  via: 'session' | 'token';
};

/** Everything a route or service can ask permission for. */
export type Action =
  | 'profile.manage'
  | 'person.list'
  | 'person.directory'
  | 'person.read'
  | 'person.create'
  | 'person.update'
  | 'person.suspend'
  | 'person.issue-reset'
  | 'role.list'
  | 'role.manage'
  | 'team.list'
  | 'team.read'
  | 'team.manage'
  | 'audit.read'
  | 'audit.erase'
  | 'library.read'
  | 'sop.create'
  | 'sop.update'
  | 'sop.read-drafts'
  | 'sop.edit-draft'
  | 'sop.comment'
  | 'sop.approve'
  | 'sop.publish'
  | 'sop.retire'
  | 'sop.record-review'
  | 'process.manage'
  | 'settings.manage';

export type Resource =
  | { kind: 'person'; id: string }
  | { kind: 'team'; memberIds: readonly string[] }
  /** A draft: the people named to trial or review it may see it and comment on it. */
  | { kind: 'sop-version'; participantIds: readonly string[] };

function has(actor: Actor, ...permissions: Permission[]): boolean {
  return permissions.some((permission) => actor.permissions.has(permission));
}

/** The one place that says who may do what. Pure, so it is tested exhaustively. */
export function can(actor: Actor, action: Action, resource?: Resource): boolean {
  switch (action) {
    case 'profile.manage':
      return true;
    case 'person.list':
    case 'team.list':
    case 'role.list':
      return has(actor, 'people.read', 'people.manage', 'roles.manage', 'teams.manage');
    case 'person.directory':
      // Names and roles only: what an author needs to name reviewers and trial participants.
      return has(actor, 'people.read', 'people.manage', 'sops.author', 'sops.approve', 'training.manage');
    case 'person.read':
      return (resource?.kind === 'person' && resource.id === actor.personId) || has(actor, 'people.read', 'people.manage');
    case 'team.read':
      return (
        (resource?.kind === 'team' && resource.memberIds.includes(actor.personId)) ||
        has(actor, 'people.read', 'people.manage', 'teams.manage')
      );
    case 'person.create':
    case 'person.update':
    case 'person.issue-reset':
      return has(actor, 'people.manage');
    case 'person.suspend':
      // Nobody suspends themselves: it would lock out the last person able to undo it.
      return has(actor, 'people.manage') && !(resource?.kind === 'person' && resource.id === actor.personId);
    case 'role.manage':
      return has(actor, 'roles.manage');
    case 'team.manage':
      return has(actor, 'teams.manage');
    case 'audit.read':
      return has(actor, 'audit.read');
    case 'audit.erase':
      return has(actor, 'audit.erase');
    case 'library.read':
      // Everyone who works under the procedures may read the published ones and the register.
      return true;
    case 'sop.create':
    case 'sop.update':
    case 'sop.edit-draft':
    case 'sop.record-review':
    case 'process.manage':
      return has(actor, 'sops.author');
    case 'sop.read-drafts':
    case 'sop.comment':
      return (
        has(actor, 'sops.author', 'sops.approve') ||
        (resource?.kind === 'sop-version' && resource.participantIds.includes(actor.personId))
      );
    case 'sop.approve':
    case 'sop.retire':
      return has(actor, 'sops.approve');
    case 'sop.publish':
      return has(actor, 'sops.author', 'sops.approve');
    case 'settings.manage':
      return has(actor, 'settings.manage');
  }
}

/** Throws 403 unless `can` allows it. */
export function authorize(actor: Actor, action: Action, resource?: Resource): void {
  if (!can(actor, action, resource)) throw forbidden();
}

/** What the UI may offer the caller, derived from the same rules. */
export function describeAbilities(actor: Actor) {
  return {
    listPeople: can(actor, 'person.list'),
    pickPeople: can(actor, 'person.directory'),
    managePeople: can(actor, 'person.create'),
    manageRoles: can(actor, 'role.manage'),
    manageTeams: can(actor, 'team.manage'),
    readAudit: can(actor, 'audit.read'),
    eraseAudit: can(actor, 'audit.erase'),
    authorSops: can(actor, 'sop.create'),
    approveSops: can(actor, 'sop.approve'),
    manageSettings: can(actor, 'settings.manage'),
  };
}
