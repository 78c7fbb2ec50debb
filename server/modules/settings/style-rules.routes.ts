import { styleRuleSettingsAnswerSchema, updateStyleRuleSettingsBodySchema } from '../../../common/api/style-rules';
import { actorOf } from '../../http/access';
import { commonProblems, type App, type RouteDeps } from '../../http/types';
import { getStyleRuleSettings, updateStyleRuleSettings } from './style-rules.service';

export function registerStyleRuleRoutes(app: App, { db }: RouteDeps): void {
  app.get('/api/v1/settings/style-rules', {
    config: { access: 'library.read' },
    schema: {
      tags: ['settings'],
      summary: 'The style and structure rules SOPs are checked against, as this organisation has set them',
      response: { 200: styleRuleSettingsAnswerSchema, ...commonProblems },
    },
    handler: async (request) => getStyleRuleSettings(db, actorOf(request)),
  });

  app.put('/api/v1/settings/style-rules', {
    config: { access: 'settings.manage' },
    schema: {
      tags: ['settings'],
      summary: 'Switch style rules on or off and change their thresholds (send the version you read)',
      body: updateStyleRuleSettingsBodySchema,
      response: { 200: styleRuleSettingsAnswerSchema, ...commonProblems },
    },
    handler: async (request) => updateStyleRuleSettings(db, actorOf(request), request.body),
  });
}
