import { z } from 'zod';
import {
  auditEventsPageSchema,
  eraseAuditPayloadBodySchema,
  listAuditEventsQuerySchema,
  verificationResultSchema,
  verifyAuditBodySchema,
} from '../../../common/api/audit';
import { actorOf } from '../../http/access';
import { commonProblems, idParams, type App, type RouteDeps } from '../../http/types';
import { can } from '../../policy/policy';
import { findPeopleNames } from '../people/person.repository';
import * as auditRepository from './audit.repository';
import { eraseAuditPayload, verifyAuditChains } from './audit.service';

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
      const actorIds = [...new Set(page.map((row) => row.actor_id).filter((id): id is string => id !== null))];
      const names = new Map((await findPeopleNames(db, actor.orgId, actorIds)).map((person) => [person.id, person.name]));
      return {
        items: page.map((row) => ({
          id: row.id,
          stream: row.stream,
          seq: row.seq,
          occurredAt: row.occurred_at,
          actor: row.actor_id ? { id: row.actor_id, name: names.get(row.actor_id) ?? '(unknown)' } : null,
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

  app.post('/api/v1/audit/verify', {
    config: { access: 'audit.read' },
    schema: {
      tags: ['audit'],
      summary: 'Verify the hash chains (all streams, or one)',
      body: verifyAuditBodySchema,
      response: { 200: verificationResultSchema, ...commonProblems },
    },
    handler: async (request) => verifyAuditChains(db, actorOf(request).orgId, { stream: request.body.stream }),
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
