import { createRoute, lazyRouteComponent, type AnyRoute } from '@tanstack/react-router';
import { auditSearchSchema } from './audit/audit-search';

// Each page's code is fetched when it is first opened (or a link to it is hovered).
const PeoplePage = lazyRouteComponent(() => import('./people/people-page'), 'PeoplePage');
const PersonRoutePage = lazyRouteComponent(() => import('./people/person-page'), 'PersonRoutePage');
const TeamsPage = lazyRouteComponent(() => import('./teams/teams-page'), 'TeamsPage');
const RolesPage = lazyRouteComponent(() => import('./roles/roles-page'), 'RolesPage');
const AuditRoutePage = lazyRouteComponent(() => import('./audit/audit-page'), 'AuditRoutePage');
const SettingsPage = lazyRouteComponent(() => import('./settings/settings-page'), 'SettingsPage');

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
