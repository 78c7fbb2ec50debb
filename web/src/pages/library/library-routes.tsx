import { createRoute, type AnyRoute } from '@tanstack/react-router';
import { z } from 'zod';
import { LibraryPage } from './library-page';
import { RegisterPage } from './register-page';
import { SopComparePage } from './sop-compare-page';
import { SopEditorPage } from './sop-editor-page';
import { SopPage } from './sop-page';
import { SopPrintPage } from './sop-print-page';

const librarySearch = z.object({
  q: z.string().optional(),
  category: z.string().optional(),
  channel: z.string().optional(),
  status: z.enum(['draft', 'published', 'retired']).optional().catch(undefined),
  review: z.enum(['due-soon', 'overdue']).optional().catch(undefined),
  in: z.enum(['published', 'retired', 'any']).optional().catch(undefined),
});

const sopSearch = z.object({
  version: z.string().optional(),
  view: z.enum(['list', 'outline', 'flowchart']).optional().catch(undefined),
});

const compareSearch = z.object({ from: z.string().optional(), to: z.string().optional() });

/** The library of SOPs, the process register, search, the editor and the review workflow. */
export function createLibraryRoutes<TParent extends AnyRoute>(parent: TParent) {
  return [
    createRoute({ getParentRoute: () => parent, path: '/library', validateSearch: librarySearch, component: LibraryPage }),
    createRoute({ getParentRoute: () => parent, path: '/library/$sopId', validateSearch: sopSearch, component: SopPage }),
    createRoute({ getParentRoute: () => parent, path: '/library/$sopId/edit', component: SopEditorPage }),
    createRoute({ getParentRoute: () => parent, path: '/library/$sopId/print', validateSearch: sopSearch, component: SopPrintPage }),
    createRoute({ getParentRoute: () => parent, path: '/library/$sopId/compare', validateSearch: compareSearch, component: SopComparePage }),
    createRoute({ getParentRoute: () => parent, path: '/register', component: RegisterPage }),
  ] as const;
}
