import { z } from 'zod';
import { searchQuerySchema, searchResultsSchema } from '../../../common/api/search';
import {
  createDraftBodySchema,
  createSopBodySchema,
  listSopsQuerySchema,
  saveDraftBodySchema,
  sopDetailSchema,
  sopFacetsSchema,
  sopsListSchema,
  sopVersionSchema,
  updateSopBodySchema,
} from '../../../common/api/sops';
import { actorOf } from '../../http/access';
import { commonProblems, idParams, type App, type RouteDeps } from '../../http/types';
import { searchSops } from './sop-search.service';
import * as sopService from './sop.service';

export const versionParams = z.strictObject({ id: z.uuid('must be a valid id'), versionId: z.uuid('must be a valid id') });

export function registerSopRoutes(app: App, { db }: RouteDeps): void {
  app.get('/api/v1/sops', {
    config: { access: 'library.read' },
    schema: { tags: ['library'], summary: 'One page of the SOP library in key order, with filters (review due, channel, category, keys …)', querystring: listSopsQuerySchema, response: { 200: sopsListSchema, ...commonProblems } },
    handler: async (request) => sopService.listSops(db, actorOf(request), request.query),
  });

  app.get('/api/v1/sops/facets', {
    config: { access: 'library.read' },
    schema: { tags: ['library'], summary: 'The categories and channels of the SOPs the caller may see, for the library’s filters', response: { 200: sopFacetsSchema, ...commonProblems } },
    handler: async (request) => sopService.getSopFacets(db, actorOf(request)),
  });

  app.post('/api/v1/sops', {
    config: { access: 'sop.create' },
    schema: { tags: ['library'], summary: 'Create an SOP and its first draft from a template', body: createSopBodySchema, response: { 201: sopDetailSchema, ...commonProblems } },
    handler: async (request, reply) => reply.code(201).send((await sopService.createSop(db, actorOf(request), request.body)).sop),
  });

  app.get('/api/v1/sops/:id', {
    config: { access: 'library.read' },
    schema: { tags: ['library'], summary: 'One SOP with its versions', params: idParams, response: { 200: sopDetailSchema, ...commonProblems } },
    handler: async (request) => sopService.getSop(db, actorOf(request), request.params.id),
  });

  app.patch('/api/v1/sops/:id', {
    config: { access: 'sop.update' },
    schema: { tags: ['library'], summary: 'Edit an SOP’s metadata (send the version you read)', params: idParams, body: updateSopBodySchema, response: { 200: sopDetailSchema, ...commonProblems } },
    handler: async (request) => sopService.updateSop(db, actorOf(request), request.params.id, request.body),
  });

  app.post('/api/v1/sops/:id/drafts', {
    config: { access: 'sop.edit-draft' },
    schema: { tags: ['library'], summary: 'Start the next version (major or minor)', params: idParams, body: createDraftBodySchema, response: { 201: sopVersionSchema, ...commonProblems } },
    handler: async (request, reply) => reply.code(201).send(await sopService.createDraft(db, actorOf(request), request.params.id, request.body)),
  });

  app.get('/api/v1/sops/:id/versions/:versionId', {
    config: { access: 'library.read' },
    schema: { tags: ['library'], summary: 'One version with its content, comments and signatures', params: versionParams, response: { 200: sopVersionSchema, ...commonProblems } },
    handler: async (request) => sopService.getVersion(db, actorOf(request), request.params.id, request.params.versionId),
  });

  app.put('/api/v1/sops/:id/versions/:versionId/content', {
    config: { access: 'sop.edit-draft' },
    schema: {
      tags: ['library'],
      summary: 'Save a draft (send the revision you started from; a stale one is refused with 409 and the stored version)',
      params: versionParams,
      body: saveDraftBodySchema,
      response: { 200: sopVersionSchema, ...commonProblems },
    },
    handler: async (request) => sopService.saveDraft(db, actorOf(request), request.params.id, request.params.versionId, request.body),
  });

  app.get('/api/v1/search', {
    config: { access: 'library.read' },
    schema: { tags: ['library'], summary: 'Full-text search over published SOPs', querystring: searchQuerySchema, response: { 200: searchResultsSchema, ...commonProblems } },
    handler: async (request) => {
      const { q, ...filters } = request.query;
      return searchSops(db, actorOf(request), q, filters);
    },
  });
}
