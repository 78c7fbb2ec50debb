import { z } from 'zod';
import { createRoleBodySchema, roleSchema, rolesListSchema, updateRoleBodySchema } from '../../../common/api/roles';
import { actorOf } from '../../http/access';
import { commonProblems, idParams, type App, type RouteDeps } from '../../http/types';
import * as roleService from './role.service';

export function registerRoleRoutes(app: App, { db }: RouteDeps): void {
  app.get('/api/v1/roles', {
    config: { access: 'role.list' },
    schema: { tags: ['roles'], summary: 'Roles, their permissions and the permission catalogue', response: { 200: rolesListSchema, ...commonProblems } },
    handler: async (request) => roleService.listRoles(db, actorOf(request)),
  });

  app.post('/api/v1/roles', {
    config: { access: 'role.manage' },
    schema: { tags: ['roles'], summary: 'Create a role', body: createRoleBodySchema, response: { 201: roleSchema, ...commonProblems } },
    handler: async (request, reply) => reply.code(201).send(await roleService.createRole(db, actorOf(request), request.body)),
  });

  app.patch('/api/v1/roles/:id', {
    config: { access: 'role.manage' },
    schema: { tags: ['roles'], summary: 'Edit a role (send the version you read)', params: idParams, body: updateRoleBodySchema, response: { 200: roleSchema, ...commonProblems } },
    handler: async (request) => roleService.updateRole(db, actorOf(request), request.params.id, request.body),
  });

  app.delete('/api/v1/roles/:id', {
    config: { access: 'role.manage' },
    schema: { tags: ['roles'], summary: 'Delete a role nobody holds', params: idParams, response: { 204: z.null(), ...commonProblems } },
    handler: async (request, reply) => {
      await roleService.deleteRole(db, actorOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  });
}
