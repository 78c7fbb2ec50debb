import { createRoute, type AnyRoute } from '@tanstack/react-router';
import { ComingSoonPage } from '../coming-soon-page';

/** People, teams, roles, audit trail and settings. */
export function createAdminRoutes<TParent extends AnyRoute>(parent: TParent) {
  return [
    createRoute({ getParentRoute: () => parent, path: '/people', component: () => <ComingSoonPage title="People" description="" /> }),
  ] as const;
}
