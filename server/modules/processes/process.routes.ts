import { z } from 'zod';
import { createProcessBodySchema, processRegisterSchema, processSchema, updateProcessBodySchema } from '../../../common/api/processes';
import { actorOf } from '../../http/access';
import { commonProblems, idParams, type App, type RouteDeps } from '../../http/types';
import * as processService from './process.service';

export function registerProcessRoutes(app: App, { db }: RouteDeps): void {
  app.get('/api/v1/processes', {
    config: { access: 'library.read' },
    schema: { tags: ['register'], summary: 'The process register with statuses, likely duplicates and coverage', response: { 200: processRegisterSchema, ...commonProblems } },
    handler: async (request) => processService.getProcessRegister(db, actorOf(request)),
  });

  app.post('/api/v1/processes', {
    config: { access: 'process.manage' },
    schema: { tags: ['register'], summary: 'Add a process to the register', body: createProcessBodySchema, response: { 201: processSchema, ...commonProblems } },
    handler: async (request, reply) => reply.code(201).send(await processService.createProcess(db, actorOf(request), request.body)),
  });

  app.patch('/api/v1/processes/:id', {
    config: { access: 'process.manage' },
    schema: { tags: ['register'], summary: 'Edit a process (send the version you read)', params: idParams, body: updateProcessBodySchema, response: { 200: processSchema, ...commonProblems } },
    handler: async (request) => processService.updateProcess(db, actorOf(request), request.params.id, request.body),
  });

  app.delete('/api/v1/processes/:id', {
    config: { access: 'process.manage' },
    schema: { tags: ['register'], summary: 'Remove a process (its SOPs stay, unlinked)', params: idParams, response: { 204: z.null(), ...commonProblems } },
    handler: async (request, reply) => {
      await processService.deleteProcess(db, actorOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  });
}
