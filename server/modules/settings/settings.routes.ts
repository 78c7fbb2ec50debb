import {
  createGovernedActionBodySchema,
  governedActionSchema,
  governedActionsSchema,
  organisationSchema,
  updateGovernedActionBodySchema,
  updateOrganisationBodySchema,
} from '../../../common/api/settings';
import { actorOf } from '../../http/access';
import { commonProblems, idParams, type App, type RouteDeps } from '../../http/types';
import { can } from '../../policy/policy';
import { getOrganisation, renameOrganisation } from '../organisations/organisation.service';
import { createGovernedAction, listGovernedActions, updateGovernedAction } from './governed-action.service';

export function registerSettingsRoutes(app: App, { db }: RouteDeps): void {
  app.get('/api/v1/organisation', {
    config: { access: 'signed-in' },
    schema: { tags: ['settings'], summary: 'Your organisation: its name, short name and version', response: { 200: organisationSchema, ...commonProblems } },
    handler: async (request) => getOrganisation(db, actorOf(request)),
  });

  app.patch('/api/v1/organisation', {
    config: { access: 'settings.manage' },
    schema: {
      tags: ['settings'],
      summary: 'Rename your organisation (its short name in addresses stays)',
      body: updateOrganisationBodySchema,
      response: { 200: organisationSchema, ...commonProblems },
    },
    handler: async (request) => renameOrganisation(db, actorOf(request), request.body),
  });

  app.get('/api/v1/governed-actions', {
    config: { access: 'library.read' },
    schema: { tags: ['settings'], summary: 'Governed actions an SOP step can name (refund, replacement …)', response: { 200: governedActionsSchema, ...commonProblems } },
    handler: async (request) => {
      const actor = actorOf(request);
      const manages = can(actor, 'settings.manage');
      return { items: await listGovernedActions(db, actor.orgId), can: { create: manages, update: manages } };
    },
  });

  app.post('/api/v1/governed-actions', {
    config: { access: 'settings.manage' },
    schema: { tags: ['settings'], summary: 'Add a governed action', body: createGovernedActionBodySchema, response: { 201: governedActionSchema, ...commonProblems } },
    handler: async (request, reply) => reply.code(201).send(await createGovernedAction(db, actorOf(request), request.body)),
  });

  app.patch('/api/v1/governed-actions/:id', {
    config: { access: 'settings.manage' },
    schema: {
      tags: ['settings'],
      summary: 'Reword a governed action, change its amount default, or retire it (its key stays)',
      params: idParams,
      body: updateGovernedActionBodySchema,
      response: { 200: governedActionSchema, ...commonProblems },
    },
    handler: async (request) => updateGovernedAction(db, actorOf(request), request.params.id, request.body),
  });
}
