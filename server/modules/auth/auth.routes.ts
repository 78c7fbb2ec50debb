import { z } from 'zod';
import {
  changePasswordBodySchema,
  completePasswordResetBodySchema,
  meSchema,
  passwordResetStatusSchema,
  signInBodySchema,
  signOutEverywhereResponseSchema,
} from '../../../common/api/auth';
import { actorOf, clearSessionCookie, SESSION_COOKIE, setSessionCookie } from '../../http/access';
import { commonProblems, type App, type RouteDeps } from '../../http/types';
import { changePassword, signIn, signOut, signOutEverywhere } from './auth.service';
import { getMe } from './me.service';
import { completePasswordReset, describePasswordReset } from './password-reset.service';

export function registerAuthRoutes(app: App, { db, config }: RouteDeps): void {
  app.post('/api/v1/auth/sign-in', {
    config: { access: 'public' },
    schema: { tags: ['auth'], summary: 'Sign in with email and password', body: signInBodySchema, response: { 200: meSchema, ...commonProblems } },
    handler: async (request, reply) => {
      const { token, actor, expiresAt } = await signIn(db, config, {
        ...request.body,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
        previousSessionToken: request.cookies[SESSION_COOKIE],
      });
      setSessionCookie(reply, config, token, expiresAt);
      return getMe(db, actor);
    },
  });

  app.post('/api/v1/auth/sign-out', {
    config: { access: 'signed-in' },
    schema: { tags: ['auth'], summary: 'End this session', response: { 204: z.null(), ...commonProblems } },
    handler: async (request, reply) => {
      await signOut(db, actorOf(request));
      clearSessionCookie(reply, config);
      return reply.code(204).send(null);
    },
  });

  app.post('/api/v1/auth/sign-out-everywhere', {
    config: { access: 'signed-in' },
    schema: { tags: ['auth'], summary: 'End every session of the caller', response: { 200: signOutEverywhereResponseSchema, ...commonProblems } },
    handler: async (request, reply) => {
      const sessionsEnded = await signOutEverywhere(db, actorOf(request));
      clearSessionCookie(reply, config);
      return { sessionsEnded };
    },
  });

  app.post('/api/v1/auth/password-reset/status', {
    config: { access: 'public' },
    schema: {
      tags: ['auth'],
      summary: 'Whether a one-time password link still works',
      body: z.strictObject({ token: z.string().min(1).max(200) }),
      response: { 200: passwordResetStatusSchema, ...commonProblems },
    },
    handler: async (request) => describePasswordReset(db, request.body.token),
  });

  app.post('/api/v1/auth/password-reset', {
    config: { access: 'public' },
    schema: {
      tags: ['auth'],
      summary: 'Set a password with a one-time link',
      body: completePasswordResetBodySchema,
      response: { 204: z.null(), ...commonProblems },
    },
    handler: async (request, reply) => {
      await completePasswordReset(db, request.body);
      return reply.code(204).send(null);
    },
  });

  app.get('/api/v1/me', {
    config: { access: 'signed-in' },
    schema: { tags: ['auth'], summary: 'The signed-in person, their permissions and what they may do', response: { 200: meSchema, ...commonProblems } },
    handler: async (request) => getMe(db, actorOf(request)),
  });

  app.post('/api/v1/me/password', {
    config: { access: 'profile.manage' },
    schema: { tags: ['auth'], summary: 'Change your password (ends your other sessions)', body: changePasswordBodySchema, response: { 204: z.null(), ...commonProblems } },
    handler: async (request, reply) => {
      await changePassword(db, actorOf(request), { ...request.body, ip: request.ip });
      return reply.code(204).send(null);
    },
  });
}
