import { z } from 'zod';
import { addTeamMemberBodySchema, createTeamBodySchema, teamSchema, teamsListSchema, updateTeamBodySchema } from '../../../common/api/teams';
import { actorOf } from '../../http/access';
import { commonProblems, idParams, type App, type RouteDeps } from '../../http/types';
import { can } from '../../policy/policy';
import * as teamService from './team.service';

const memberParams = z.strictObject({ id: z.uuid('must be a valid id'), personId: z.uuid('must be a valid id') });

export function registerTeamRoutes(app: App, { db }: RouteDeps): void {
  app.get('/api/v1/teams', {
    config: { access: 'team.list' },
    schema: { tags: ['teams'], summary: 'Teams and their members', response: { 200: teamsListSchema, ...commonProblems } },
    handler: async (request) => {
      const actor = actorOf(request);
      return { items: await teamService.listTeams(db, actor), can: { create: can(actor, 'team.manage') } };
    },
  });

  app.post('/api/v1/teams', {
    config: { access: 'team.manage' },
    schema: { tags: ['teams'], summary: 'Create a team', body: createTeamBodySchema, response: { 201: teamSchema, ...commonProblems } },
    handler: async (request, reply) => reply.code(201).send(await teamService.createTeam(db, actorOf(request), request.body)),
  });

  app.get('/api/v1/teams/:id', {
    config: { access: 'signed-in' },
    schema: { tags: ['teams'], summary: 'One team', params: idParams, response: { 200: teamSchema, ...commonProblems } },
    handler: async (request) => teamService.getTeam(db, actorOf(request), request.params.id),
  });

  app.patch('/api/v1/teams/:id', {
    config: { access: 'team.manage' },
    schema: { tags: ['teams'], summary: 'Rename or describe a team (send the version you read)', params: idParams, body: updateTeamBodySchema, response: { 200: teamSchema, ...commonProblems } },
    handler: async (request) => teamService.updateTeam(db, actorOf(request), request.params.id, request.body),
  });

  app.delete('/api/v1/teams/:id', {
    config: { access: 'team.manage' },
    schema: { tags: ['teams'], summary: 'Delete a team', params: idParams, response: { 204: z.null(), ...commonProblems } },
    handler: async (request, reply) => {
      await teamService.deleteTeam(db, actorOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  });

  app.put('/api/v1/teams/:id/members/:personId', {
    config: { access: 'team.manage' },
    schema: { tags: ['teams'], summary: 'Add a member or set whether they lead the team', params: memberParams, body: addTeamMemberBodySchema, response: { 200: teamSchema, ...commonProblems } },
    handler: async (request) => teamService.putTeamMember(db, actorOf(request), request.params.id, request.params.personId, request.body),
  });

  app.delete('/api/v1/teams/:id/members/:personId', {
    config: { access: 'team.manage' },
    schema: { tags: ['teams'], summary: 'Remove a member', params: memberParams, response: { 200: teamSchema, ...commonProblems } },
    handler: async (request) => teamService.removeTeamMember(db, actorOf(request), request.params.id, request.params.personId),
  });
}
