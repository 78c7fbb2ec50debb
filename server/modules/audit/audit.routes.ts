import { z } from 'zod';
import { problemSchema } from '../../../common/api/problem';
import { streamOf } from '../../../common/audit-events';
import {
  auditCheckpointSchema,
  auditEventsPageSchema,
  checkpointFileName,
  eraseAuditPayloadBodySchema,
  listAuditEventsQuerySchema,
  verificationResultSchema,
  verifyAuditBodySchema,
} from '../../../common/api/audit';
import { actorOf } from '../../http/access';
import { commonProblems, idParams, type App, type RouteDeps } from '../../http/types';
import { can } from '../../policy/policy';
import * as auditRepository from './audit.repository';
import { takeAuditCheckpoint, verifyAgainstCheckpoint } from './audit-checkpoint.service';
import { eraseAuditPayload, verifyAuditChains } from './audit.service';
import { describeStreams } from './stream-subjects';

// A checkpoint lists every stream's head (~130 bytes each), so a large organisation's can exceed
// the default body limit. The body is read only after access control has accepted the caller.
const VERIFY_BODY_LIMIT = 64 * 1024 * 1024;

export function registerAuditRoutes(app: App, { db }: RouteDeps): void {
  app.get('/api/v1/audit/events', {
    config: { access: 'audit.read' },
    schema: {
      tags: ['audit'],
      summary: 'Audit events, newest first, with filters',
      querystring: listAuditEventsQuerySchema,
      response: { 200: auditEventsPageSchema, ...commonProblems },
    },
    handler: async (request) => {
      const actor = actorOf(request);
      const { limit, ...filter } = request.query;
      const from = filter.from ? new Date(filter.from).toISOString() : undefined;
      const to = filter.to ? new Date(filter.to).toISOString() : undefined;
      // One more than asked tells whether there is a next page.
      const rows = await auditRepository.listAuditEvents(db, actor.orgId, { ...filter, from, to, limit: limit + 1 });
      const page = rows.slice(0, limit);
      // Who acted is named as their own stream is: one look-up per kind for the whole page.
      const actorStreams = page.flatMap((row) => (row.actor_id ? [streamOf('person', row.actor_id)] : []));
      const subjects = await describeStreams(db, actor.orgId, [...new Set([...page.map((row) => row.stream), ...actorStreams])]);
      return {
        items: page.map((row) => ({
          id: row.id,
          stream: row.stream,
          subject: subjects.get(row.stream) ?? null,
          seq: row.seq,
          occurredAt: row.occurred_at,
          actor: row.actor_id ? { id: row.actor_id, name: subjects.get(streamOf('person', row.actor_id)) ?? '(unknown)' } : null,
          type: row.type,
          payload: row.payload === null ? null : (JSON.parse(row.payload) as unknown),
          erasedAt: row.erased_at,
          payloadDigest: row.payload_digest,
          prevHash: row.prev_hash,
          hash: row.hash,
        })),
        nextCursor: rows.length > limit ? page[page.length - 1]!.id : null,
        can: { erase: can(actor, 'audit.erase') },
      };
    },
  });

  app.get('/api/v1/audit/checkpoint', {
    config: { access: 'audit.read' },
    schema: {
      tags: ['audit'],
      summary: 'Download a checkpoint: the head of every stream now, to keep outside the database',
      description:
        'A JSON file to store where the database’s administrators cannot reach it. Sent back later in the `checkpoint` field of POST /api/v1/audit/verify, it shows whether the last events of a stream, a whole stream, or a stream rewritten from its start have gone since.',
      response: { 200: auditCheckpointSchema, ...commonProblems },
    },
    handler: async (request, reply) => {
      const checkpoint = await takeAuditCheckpoint(db, actorOf(request).orgId);
      reply.header('content-disposition', `attachment; filename="${checkpointFileName(checkpoint)}"`).header('cache-control', 'private, no-store');
      return checkpoint;
    },
  });

  app.post('/api/v1/audit/verify', {
    config: { access: 'audit.read' },
    bodyLimit: VERIFY_BODY_LIMIT,
    schema: {
      tags: ['audit'],
      summary: 'Verify the hash chains (all streams, or one), optionally against a checkpoint',
      description:
        'Without `checkpoint`, walks the chains and reports the first broken event (`checkpoint` is null in the answer). With a checkpoint from GET /api/v1/audit/checkpoint, first refuses it with 422 when it was altered (`checkpoint_altered`, naming `body.checkpoint.digest`) or is another organisation’s (`checkpoint_other_organisation`, naming `body.checkpoint.organisation.id`), then lists every head it saw that the database no longer holds, then walks the chains.',
      body: verifyAuditBodySchema,
      response: { 200: verificationResultSchema, ...commonProblems, 422: problemSchema },
    },
    handler: async (request) => {
      const { orgId } = actorOf(request);
      const { stream, checkpoint } = request.body;
      if (checkpoint) return verifyAgainstCheckpoint(db, orgId, checkpoint, { stream });
      return { ...(await verifyAuditChains(db, orgId, { stream })), checkpoint: null };
    },
  });

  app.post('/api/v1/audit/events/:id/erase', {
    config: { access: 'audit.erase' },
    schema: {
      tags: ['audit'],
      summary: 'Erase an event’s payload (right to erasure); the chain still verifies',
      params: idParams,
      body: eraseAuditPayloadBodySchema,
      response: { 204: z.null(), ...commonProblems },
    },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      await eraseAuditPayload(db, { orgId: actor.orgId, actorId: actor.personId, eventId: request.params.id, reason: request.body.reason });
      return reply.code(204).send(null);
    },
  });
}
