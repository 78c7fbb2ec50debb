import type { Me } from '../../../common/api/auth';
import type { Db } from '../../db/database';
import { notFound } from '../../errors/app-error';
import { describeAbilities } from '../../policy/policy';
import { findOrganisation } from '../organisations/organisation.repository';
import { findPerson } from '../people/person.repository';
import { findRolesOfPerson } from '../roles/role.repository';
import { findTeamsOfPerson } from '../teams/team.repository';
import type { AuthenticatedActor } from './auth.service';

/** The caller as the web app needs them: who, where, which roles, and what they may do. */
export async function getMe(db: Db, actor: AuthenticatedActor): Promise<Me> {
  const [person, organisation, roles, teams] = await Promise.all([
    findPerson(db, actor.orgId, actor.personId),
    findOrganisation(db, actor.orgId),
    findRolesOfPerson(db, actor.orgId, actor.personId),
    findTeamsOfPerson(db, actor.orgId, actor.personId),
  ]);
  if (!person || !organisation) throw notFound('The person');
  return {
    person: { id: person.id, name: person.name, email: person.email, startDate: person.start_date },
    organisation: { id: organisation.id, name: organisation.name, slug: organisation.slug },
    roles: roles.map(({ id, name }) => ({ id, name })),
    teams,
    permissions: [...actor.permissions].sort(),
    can: describeAbilities(actor),
    csrfToken: actor.csrfToken,
    authenticatedVia: actor.via,
  };
}
