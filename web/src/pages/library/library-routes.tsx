import { createRoute, lazyRouteComponent, type AnyRoute } from '@tanstack/react-router';
import { z } from 'zod';
import { LibraryPage } from './library-page';

// The library's list is where everyone lands, so it comes with the app; each other page's code
// (the editor's drag and drop and style checks, the diff, Markdown, the flowchart) is fetched
// when the page is first opened, or when a link to it is hovered.
const SopPage = lazyRouteComponent(() => import('./sop-page'), 'SopPage');
const SopEditorPage = lazyRouteComponent(() => import('./sop-editor-page'), 'SopEditorPage');
const SopPrintPage = lazyRouteComponent(() => import('./sop-print-page'), 'SopPrintPage');
const SopComparePage = lazyRouteComponent(() => import('./sop-compare-page'), 'SopComparePage');
const RegisterPage = lazyRouteComponent(() => import('./register-page'), 'RegisterPage');

const librarySearch = z.object({
  q: z.string().optional(),
  category: z.string().optional(),
  channel: z.string().optional(),
  status: z.enum(['draft', 'published', 'retired']).optional().catch(undefined),
  review: z.enum(['due-soon', 'overdue']).optional().catch(undefined),
  owner: z.enum(['me']).optional().catch(undefined),
  in: z.enum(['published', 'retired', 'any']).optional().catch(undefined),
});

const sopSearch = z.object({
  version: z.string().optional(),
  view: z.enum(['list', 'outline', 'flowchart']).optional().catch(undefined),
});

const compareSearch = z.object({ from: z.string().optional(), to: z.string().optional() });

const registerSearch = z.object({ show: z.enum(['uncovered', 'duplicates']).optional().catch(undefined) });

/** The library of SOPs, the process register, search, the editor and the review workflow. */
export function createLibraryRoutes<TParent extends AnyRoute>(parent: TParent) {
  return [
    createRoute({ getParentRoute: () => parent, path: '/library', validateSearch: librarySearch, component: LibraryPage }),
    createRoute({ getParentRoute: () => parent, path: '/library/$sopId', validateSearch: sopSearch, component: SopPage }),
    createRoute({ getParentRoute: () => parent, path: '/library/$sopId/edit', component: SopEditorPage }),
    createRoute({ getParentRoute: () => parent, path: '/library/$sopId/print', validateSearch: sopSearch, component: SopPrintPage }),
    createRoute({ getParentRoute: () => parent, path: '/library/$sopId/compare', validateSearch: compareSearch, component: SopComparePage }),
    createRoute({ getParentRoute: () => parent, path: '/register', validateSearch: registerSearch, component: RegisterPage }),
  ] as const;
}
