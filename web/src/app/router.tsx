import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, createRoute, createRouter, lazyRouteComponent, Outlet, redirect } from '@tanstack/react-router';
import { z } from 'zod';
import { ME_KEY, fetchMe } from '../api/session';
import { createAdminRoutes } from '../pages/admin/admin-routes';
import { ComingSoonPage } from '../pages/coming-soon-page';
import { createLibraryRoutes } from '../pages/library/library-routes';
import { NotFoundPage } from '../pages/not-found-page';
import { PageError, PagePending } from '../pages/route-states';
import { SignInPage } from '../pages/sign-in-page';
import { AppLayout } from './app-layout';

const ProfilePage = lazyRouteComponent(() => import('../pages/profile/profile-page'), 'ProfilePage');
const ResetPasswordPage = lazyRouteComponent(() => import('../pages/reset-password-page'), 'ResetPasswordPage');

export type RouterContext = { queryClient: QueryClient };

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: NotFoundPage,
});

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  validateSearch: z.object({ redirect: z.string().optional() }),
  component: SignInPage,
});

const resetPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/reset-password',
  component: ResetPasswordPage,
});

/** Every page behind sign-in: loads the signed-in person first, or sends the visitor to sign in. */
export const signedInRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'signed-in',
  beforeLoad: async ({ context, location }) => {
    const me = await context.queryClient.ensureQueryData({ queryKey: ME_KEY, queryFn: fetchMe });
    if (!me) throw redirect({ to: '/sign-in', search: { redirect: location.href === '/' ? undefined : location.href } });
    return { me };
  },
  component: AppLayout,
});

const homeRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/library' });
  },
});

const profileRoute = createRoute({ getParentRoute: () => signedInRoute, path: '/profile', component: ProfilePage });

const casesRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/cases',
  component: () => (
    <ComingSoonPage
      title="Cases"
      description="Follow a published procedure as a checklist on each customer case, with authority limits enforced, approvals and referrals to the right role, and a tamper-evident log."
    />
  ),
});
const trainingRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/training',
  component: () => (
    <ComingSoonPage
      title="Training"
      description="Procedures assigned to roles, teams and people, with a signed “read and understood” for each version and short tests before the signature counts."
    />
  ),
});
const insightsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/insights',
  component: () => (
    <ComingSoonPage
      title="Insights"
      description="What the cases and staff feedback teach: steps that are skipped, stall or escalate, and the procedures that need improving."
    />
  ),
});

const routeTree = rootRoute.addChildren([
  signInRoute,
  resetPasswordRoute,
  signedInRoute.addChildren([homeRoute, profileRoute, casesRoute, trainingRoute, insightsRoute, ...createLibraryRoutes(signedInRoute), ...createAdminRoutes(signedInRoute)]),
]);

export function buildRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: 'intent',
    defaultPreloadStaleTime: 0,
    scrollRestoration: true,
    // A page whose code is still loading, or that failed to load or render, says so inside the layout.
    defaultPendingComponent: PagePending,
    defaultErrorComponent: PageError,
  });
}

declare module '@tanstack/react-router' {
  // Registering the router's type is done by interface merging.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface Register {
    router: ReturnType<typeof buildRouter>;
  }
}
