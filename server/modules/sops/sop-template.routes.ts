import { z } from 'zod';
import { createSopTemplateBodySchema, sopTemplatesSchema, sopTemplateSummarySchema } from '../../../common/api/sop-templates';
import { actorOf } from '../../http/access';
import { commonProblems, idParams, type App, type RouteDeps } from '../../http/types';
import { createSopTemplate, deleteSopTemplate, listSopTemplates } from './sop-template.service';

export function registerSopTemplateRoutes(app: App, { db }: RouteDeps): void {
  app.get('/api/v1/sop-templates', {
    config: { access: 'library.read' },
    schema: { tags: ['library'], summary: 'Templates to start an SOP from: the built-in ones and the organisation’s own', response: { 200: sopTemplatesSchema, ...commonProblems } },
    handler: async (request) => listSopTemplates(db, actorOf(request)),
  });

  app.post('/api/v1/sop-templates', {
    config: { access: 'sop.create' },
    schema: {
      tags: ['library'],
      summary: 'Save content (e.g. a good SOP’s) as a template for the organisation',
      body: createSopTemplateBodySchema,
      response: { 201: sopTemplateSummarySchema, ...commonProblems },
    },
    handler: async (request, reply) => reply.code(201).send(await createSopTemplate(db, actorOf(request), request.body)),
  });

  app.delete('/api/v1/sop-templates/:id', {
    config: { access: 'sop.create' },
    schema: { tags: ['library'], summary: 'Remove one of the organisation’s templates', params: idParams, response: { 204: z.null(), ...commonProblems } },
    handler: async (request, reply) => {
      await deleteSopTemplate(db, actorOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  });
}
