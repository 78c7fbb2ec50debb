import { z } from 'zod';
import { problemSchema } from '../../../common/api/problem';
import {
  addCommentBodySchema,
  approveBodySchema,
  peopleIdsBodySchema,
  periodicReviewBodySchema,
  publishBodySchema,
  resolveCommentBodySchema,
  retireBodySchema,
  returnToDraftBodySchema,
  sopVersionSchema,
  submitForReviewBodySchema,
} from '../../../common/api/sops';
import { actorOf } from '../../http/access';
import { commonProblems, idParams, type App, type RouteDeps } from '../../http/types';
import * as lifecycle from './sop-lifecycle.service';
import { versionParams } from './sop.routes';

const commentParams = versionParams.extend({ commentId: z.uuid('must be a valid id') });
const versionAnswer = { 200: sopVersionSchema, ...commonProblems };

export function registerSopLifecycleRoutes(app: App, { db }: RouteDeps): void {
  const base = '/api/v1/sops/:id/versions/:versionId';

  app.post(`${base}/trial`, {
    config: { access: 'sop.edit-draft' },
    schema: { tags: ['library'], summary: 'Start a staff trial of a draft with named people', params: versionParams, body: peopleIdsBodySchema, response: versionAnswer },
    handler: async (request) => lifecycle.startTrial(db, actorOf(request), request.params.id, request.params.versionId, request.body.personIds),
  });

  app.post(`${base}/comments`, {
    config: { access: 'signed-in' },
    schema: { tags: ['library'], summary: 'Comment on a section or step (trial participants, reviewers, authors)', params: versionParams, body: addCommentBodySchema, response: versionAnswer },
    handler: async (request) => lifecycle.addComment(db, actorOf(request), request.params.id, request.params.versionId, request.body),
  });

  app.post(`${base}/comments/:commentId/resolution`, {
    config: { access: 'sop.edit-draft' },
    schema: { tags: ['library'], summary: 'Accept or decline (with a reason) a trial comment, or resolve a review comment', params: commentParams, body: resolveCommentBodySchema, response: versionAnswer },
    handler: async (request) => lifecycle.resolveComment(db, actorOf(request), request.params.id, request.params.versionId, request.params.commentId, request.body),
  });

  app.post(`${base}/submit`, {
    config: { access: 'sop.edit-draft' },
    schema: { tags: ['library'], summary: 'Send for expert review (style errors and open trial comments block it)', params: versionParams, body: submitForReviewBodySchema, response: { ...versionAnswer, 422: problemSchema } },
    handler: async (request) => lifecycle.submitForReview(db, actorOf(request), request.params.id, request.params.versionId, request.body),
  });

  app.post(`${base}/review-complete`, {
    config: { access: 'signed-in' },
    schema: { tags: ['library'], summary: 'A named reviewer finishes their review', params: versionParams, response: versionAnswer },
    handler: async (request) => lifecycle.completeReview(db, actorOf(request), request.params.id, request.params.versionId),
  });

  app.post(`${base}/approve`, {
    config: { access: 'sop.approve' },
    schema: { tags: ['library'], summary: 'Sign electronically (re-enter your password)', params: versionParams, body: approveBodySchema, response: versionAnswer },
    handler: async (request) => lifecycle.approveVersion(db, actorOf(request), request.params.id, request.params.versionId, request.body),
  });

  app.post(`${base}/return`, {
    config: { access: 'signed-in' },
    schema: { tags: ['library'], summary: 'Return to draft with a reason', params: versionParams, body: returnToDraftBodySchema, response: versionAnswer },
    handler: async (request) => lifecycle.returnToDraft(db, actorOf(request), request.params.id, request.params.versionId, request.body.reason),
  });

  app.post(`${base}/publish`, {
    config: { access: 'sop.publish' },
    schema: { tags: ['library'], summary: 'Publish an approved version now or at a set time', params: versionParams, body: publishBodySchema, response: versionAnswer },
    handler: async (request) => lifecycle.publishVersion(db, actorOf(request), request.params.id, request.params.versionId, request.body.effectiveAt),
  });

  app.post('/api/v1/sops/:id/retire', {
    config: { access: 'sop.retire' },
    schema: { tags: ['library'], summary: 'Retire an SOP (its history stays readable)', params: idParams, body: retireBodySchema, response: { 204: z.null(), ...commonProblems } },
    handler: async (request, reply) => {
      await lifecycle.retireSop(db, actorOf(request), request.params.id, request.body.reason);
      return reply.code(204).send(null);
    },
  });

  app.post('/api/v1/sops/:id/periodic-reviews', {
    config: { access: 'sop.record-review' },
    schema: {
      tags: ['library'],
      summary: 'Record the periodic review: still correct (restarts the clock) or a new draft',
      params: idParams,
      body: periodicReviewBodySchema,
      response: { 200: z.object({ draft: sopVersionSchema.nullable() }), ...commonProblems },
    },
    handler: async (request) => ({ draft: await lifecycle.recordPeriodicReview(db, actorOf(request), request.params.id, request.body) }),
  });
}
