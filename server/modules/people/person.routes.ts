import {
  createdPersonSchema,
  createPersonBodySchema,
  listPeopleQuerySchema,
  passwordResetLinkSchema,
  peopleDirectorySchema,
  peopleListSchema,
  personSchema,
  updatePersonBodySchema,
} from '../../../common/api/people';
import { actorOf } from '../../http/access';
import { baseUrlOf, commonProblems, idParams, type App, type RouteDeps } from '../../http/types';
import { can } from '../../policy/policy';
import * as personService from './person.service';

export function registerPersonRoutes(app: App, { db, config }: RouteDeps): void {
  app.get('/api/v1/people', {
    config: { access: 'person.list' },
    schema: { tags: ['people'], summary: 'List people', querystring: listPeopleQuerySchema, response: { 200: peopleListSchema, ...commonProblems } },
    handler: async (request) => {
      const actor = actorOf(request);
      return { items: await personService.listPeople(db, actor, request.query), can: { create: can(actor, 'person.create') } };
    },
  });

  app.get('/api/v1/people/directory', {
    config: { access: 'person.directory' },
    schema: {
      tags: ['people'],
      summary: 'Active people by name with their roles, for naming reviewers and participants',
      response: { 200: peopleDirectorySchema, ...commonProblems },
    },
    handler: async (request) => personService.listPeopleDirectory(db, actorOf(request)),
  });

  app.post('/api/v1/people', {
    config: { access: 'person.create' },
    schema: {
      tags: ['people'],
      summary: 'Add a person; returns a one-time link for them to set their password',
      body: createPersonBodySchema,
      response: { 201: createdPersonSchema, ...commonProblems },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await personService.createPerson(db, actorOf(request), request.body, baseUrlOf(request, config))),
  });

  app.get('/api/v1/people/:id', {
    config: { access: 'signed-in' },
    schema: { tags: ['people'], summary: 'One person', params: idParams, response: { 200: personSchema, ...commonProblems } },
    handler: async (request) => personService.getPerson(db, actorOf(request), request.params.id),
  });

  app.patch('/api/v1/people/:id', {
    config: { access: 'person.update' },
    schema: {
      tags: ['people'],
      summary: 'Edit a person (send the version you read)',
      params: idParams,
      body: updatePersonBodySchema,
      response: { 200: personSchema, ...commonProblems },
    },
    handler: async (request) => personService.updatePerson(db, actorOf(request), request.params.id, request.body),
  });

  app.post('/api/v1/people/:id/suspend', {
    config: { access: 'signed-in' },
    schema: { tags: ['people'], summary: 'Suspend a person; their sessions end at once', params: idParams, response: { 200: personSchema, ...commonProblems } },
    handler: async (request) => personService.suspendPerson(db, actorOf(request), request.params.id),
  });

  app.post('/api/v1/people/:id/reactivate', {
    config: { access: 'signed-in' },
    schema: { tags: ['people'], summary: 'Reactivate a suspended person', params: idParams, response: { 200: personSchema, ...commonProblems } },
    handler: async (request) => personService.reactivatePerson(db, actorOf(request), request.params.id),
  });

  app.post('/api/v1/people/:id/password-reset', {
    config: { access: 'person.issue-reset' },
    schema: {
      tags: ['people'],
      summary: 'Issue a one-time link to set a new password',
      params: idParams,
      response: { 201: passwordResetLinkSchema, ...commonProblems },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await personService.issuePasswordReset(db, actorOf(request), request.params.id, baseUrlOf(request, config))),
  });
}
