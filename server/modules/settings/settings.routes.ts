import { createGovernedActionBodySchema, governedActionSchema, governedActionsSchema } from '../../../common/api/settings';
import { actorOf } from '../../http/access';
import { commonProblems, type App, type RouteDeps } from '../../http/types';
import { can } from '../../policy/policy';
import { createGovernedAction, listGovernedActions } from './governed-action.service';

export function registerSettingsRoutes(app: App, { db }: RouteDeps): void {
  app.get('/api/v1/governed-actions', {
    config: { access: 'library.read' },
    schema: { tags: ['settings'], summary: 'Governed actions an SOP step can name (refund, replacement …)', response: { 200: governedActionsSchema, ...commonProblems } },
    handler: async (request) => {
      const actor = actorOf(request);
      return { items: await listGovernedActions(db, actor.orgId), can: { create: can(actor, 'settings.manage') } };
    },
  });

  app.post('/api/v1/governed-actions', {
    config: { access: 'settings.manage' },
    schema: { tags: ['settings'], summary: 'Add a governed action', body: createGovernedActionBodySchema, response: { 201: governedActionSchema, ...commonProblems } },
    handler: async (request, reply) => reply.code(201).send(await createGovernedAction(db, actorOf(request), request.body)),
  });
}
