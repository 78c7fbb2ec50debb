import type { Me } from '../../../common/api/auth';
import type { Permission } from '../../../common/permissions';
import type { Db } from '../../db/database';
import { notFound } from '../../errors/app-error';
import { describeAbilities } from '../../policy/policy';
import { findPersonForMe } from '../people/person.repository';
import type { AuthenticatedActor } from './auth.service';

// The sorted list of a permission set, made once per set (the sets are shared: auth.service.ts).
const sortedLists = new WeakMap<ReadonlySet<Permission>, Permission[]>();

function sortedPermissions(permissions: ReadonlySet<Permission>): Permission[] {
  let sorted = sortedLists.get(permissions);
  if (!sorted) {
    sorted = [...permissions].sort();
    sortedLists.set(permissions, sorted);
  }
  return [...sorted];
}

/** The caller as the web app needs them: who, where, which roles, and what they may do. */
export async function getMe(db: Db, actor: AuthenticatedActor): Promise<Me> {
  // Every page asks for this: one query, the roles came with the actor's permissions.
  const person = await findPersonForMe(db, actor.orgId, actor.personId);
  if (!person) throw notFound('The person');
  const teams = person.teams;
  return {
    person: { id: person.id, name: person.name, email: person.email, startDate: person.start_date },
    organisation: { id: actor.orgId, name: person.organisation_name, slug: person.organisation_slug },
    roles: [...actor.roles],
    teams,
    permissions: sortedPermissions(actor.permissions),
    can: describeAbilities(actor),
    csrfToken: actor.csrfToken,
    authenticatedVia: actor.via,
  };
}
