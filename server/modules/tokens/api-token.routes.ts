import { z } from 'zod';
import { apiTokenSchema, createApiTokenBodySchema, createdApiTokenSchema } from '../../../common/api/auth';
import { actorOf } from '../../http/access';
import { commonProblems, idParams, type App, type RouteDeps } from '../../http/types';
import { createApiToken, listApiTokens, revokeApiToken } from './api-token.service';

export function registerApiTokenRoutes(app: App, { db }: RouteDeps): void {
  app.get('/api/v1/me/tokens', {
    config: { access: 'profile.manage' },
    schema: { tags: ['auth'], summary: 'Your personal API tokens', response: { 200: z.object({ items: z.array(apiTokenSchema) }), ...commonProblems } },
    handler: async (request) => ({ items: await listApiTokens(db, actorOf(request)) }),
  });

  app.post('/api/v1/me/tokens', {
    config: { access: 'profile.manage' },
    schema: {
      tags: ['auth'],
      summary: 'Create a personal API token (shown once)',
      body: createApiTokenBodySchema,
      response: { 201: createdApiTokenSchema, ...commonProblems },
    },
    handler: async (request, reply) => reply.code(201).send(await createApiToken(db, actorOf(request), request.body)),
  });

  app.delete('/api/v1/me/tokens/:id', {
    config: { access: 'profile.manage' },
    schema: { tags: ['auth'], summary: 'Revoke a personal API token', params: idParams, response: { 204: z.null(), ...commonProblems } },
    handler: async (request, reply) => {
      await revokeApiToken(db, actorOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  });
}
