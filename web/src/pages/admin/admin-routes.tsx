import { createRoute, type AnyRoute } from '@tanstack/react-router';
import { AuditRoutePage } from './audit/audit-page';
import { auditSearchSchema } from './audit/audit-search';
import { PeoplePage } from './people/people-page';
import { PersonRoutePage } from './people/person-page';
import { RolesPage } from './roles/roles-page';
import { SettingsPage } from './settings/settings-page';
import { TeamsPage } from './teams/teams-page';

/** People, teams, roles, audit trail and settings. */
export function createAdminRoutes<TParent extends AnyRoute>(parent: TParent) {
  return [
    createRoute({ getParentRoute: () => parent, path: '/people', component: PeoplePage }),
    createRoute({ getParentRoute: () => parent, path: '/people/$personId', component: PersonRoutePage }),
    createRoute({ getParentRoute: () => parent, path: '/teams', component: TeamsPage }),
    createRoute({ getParentRoute: () => parent, path: '/roles', component: RolesPage }),
    // Filters live in the URL so /audit?personId=… and ?stream=… work as links.
    createRoute({ getParentRoute: () => parent, path: '/audit', validateSearch: auditSearchSchema, component: AuditRoutePage }),
    createRoute({ getParentRoute: () => parent, path: '/settings', component: SettingsPage }),
  ] as const;
}
