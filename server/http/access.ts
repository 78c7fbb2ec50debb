import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config';
import type { Db } from '../db/database';
import { AppError } from '../errors/app-error';
import { resolveApiToken, resolveSession, type AuthenticatedActor } from '../modules/auth/auth.service';
import { safeEqual } from '../modules/auth/tokens';
import { authorize, type Action } from '../policy/policy';

export const SESSION_COOKIE = 'sopdesk_session';

/**
 * What a route requires, declared in its `config.access`: `public`, `signed-in` (any person; the
 * service checks anything finer), or a policy action checked before the handler runs. Every
 * /api route must declare one; a test enforces it.
 */
export type RouteAccess = 'public' | 'signed-in' | Action;

// Augmenting Fastify's types is only possible with interface merging.
/* eslint-disable @typescript-eslint/consistent-type-definitions */
declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    actor: AuthenticatedActor | null;
  }
}
/* eslint-enable @typescript-eslint/consistent-type-definitions */

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The actor of an authenticated request; routes that require sign-in can rely on it. */
export function actorOf(request: FastifyRequest): AuthenticatedActor {
  if (!request.actor) throw new AppError('unauthenticated', 'Sign in to continue.');
  return request.actor;
}

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new AppError('unauthenticated', 'The Authorization header must be "Bearer <token>".');
  return match[1]!;
}

export function setSessionCookie(reply: FastifyReply, config: Config, token: string, expiresAt: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.secureCookies,
    expires: new Date(expiresAt),
  });
}

export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: config.secureCookies });
}

/** Authenticates every /api request (session cookie or bearer token), checks CSRF and the route's access. */
export function registerAccessControl(app: FastifyInstance, deps: { db: Db; config: Config }): void {
  app.decorateRequest('actor', null);

  // Refused when the route is added, so a forgotten declaration stops start-up (and every test)
  // instead of surfacing as a 500 on the route's first request.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/v1/') && !route.config?.access) {
      throw new Error(`${String(route.method)} ${route.url} does not declare config.access (see server/http/access.ts)`);
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/v1/')) return;
    const access = request.routeOptions.config?.access;
    if (!access) {
      // Unknown routes fall through to the 404 handler; a known route without a declaration is a bug.
      if (request.routeOptions.url) throw new AppError('internal', 'This route does not declare its access rule.');
      return;
    }

    const token = bearerToken(request);
    const cookie = request.cookies[SESSION_COOKIE];
    if (token || cookie) {
      const resolved = token ? await resolveApiToken(deps.db, token) : await resolveSession(deps.db, deps.config, cookie!);
      if (typeof resolved === 'string') {
        if (!token) clearSessionCookie(reply, deps.config);
        if (access !== 'public') {
          throw new AppError(resolved, resolved === 'session_expired' ? 'Your session has expired; sign in again.' : 'Sign in to continue.');
        }
      } else {
        request.actor = resolved;
      }
    }
    if (access === 'public') return;
    const actor = actorOf(request);

    // A cookie is sent by the browser on its own, so cookie-authenticated writes must prove they
    // come from our page; bearer tokens are never sent implicitly and need no such proof.
    if (actor.via === 'session' && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !actor.csrfToken || !safeEqual(sent, actor.csrfToken)) {
        throw new AppError('csrf_failed', 'The request is missing a valid X-CSRF-Token header; reload the page and try again.');
      }
    }
    if (access !== 'signed-in') authorize(actor, access);
  });
}
