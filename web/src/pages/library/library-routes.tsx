import { createRoute, type AnyRoute } from '@tanstack/react-router';
import { ComingSoonPage } from '../coming-soon-page';

/** The library of SOPs, the process register, search, the editor and the review workflow. */
export function createLibraryRoutes<TParent extends AnyRoute>(parent: TParent) {
  return [
    createRoute({ getParentRoute: () => parent, path: '/library', component: () => <ComingSoonPage title="Library" description="" /> }),
  ] as const;
}
