import { compareQuerySchema, sopComparisonSchema } from '../../../common/api/sop-compare';
import { actorOf } from '../../http/access';
import { commonProblems, idParams, type App, type RouteDeps } from '../../http/types';
import { compareSopVersions } from './sop-compare.service';

export function registerSopCompareRoutes(app: App, { db }: RouteDeps): void {
  app.get('/api/v1/sops/:id/compare', {
    config: { access: 'library.read' },
    schema: {
      tags: ['library'],
      summary: 'Compare two versions of an SOP: sections word by word, steps added, removed, moved, reworded or changed',
      params: idParams,
      querystring: compareQuerySchema,
      response: { 200: sopComparisonSchema, ...commonProblems },
    },
    handler: async (request) => compareSopVersions(db, actorOf(request), request.params.id, request.query.from, request.query.to),
  });
}
