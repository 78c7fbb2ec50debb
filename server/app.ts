import fs from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config';
import type { Db } from './db/database';
import { newId } from './db/ids';
import { registerAccessControl } from './http/access';
import { registerProblemHandler, sendProblem } from './http/problem-handler';
import { registerSecurityHeaders } from './http/security-headers';
import type { App } from './http/types';
import { registerAuditRoutes } from './modules/audit/audit.routes';
import { registerAuthRoutes } from './modules/auth/auth.routes';
import { registerExportRoutes } from './modules/export/export.routes';
import { registerHealthRoutes } from './modules/health/health.routes';
import { registerPersonRoutes } from './modules/people/person.routes';
import { registerProcessRoutes } from './modules/processes/process.routes';
import { registerRoleRoutes } from './modules/roles/role.routes';
import { registerSettingsRoutes } from './modules/settings/settings.routes';
import { registerStyleRuleRoutes } from './modules/settings/style-rules.routes';
import { registerSopCompareRoutes } from './modules/sops/sop-compare.routes';
import { registerSopLifecycleRoutes } from './modules/sops/sop-lifecycle.routes';
import { registerSopRoutes } from './modules/sops/sop.routes';
import { registerSopTemplateRoutes } from './modules/sops/sop-template.routes';
import { runBareSearch } from './modules/sops/sop-search.service';
import { registerImportRoutes } from './modules/sop-markdown/import.routes';
import { registerTeamRoutes } from './modules/teams/team.routes';
import { registerApiTokenRoutes } from './modules/tokens/api-token.routes';

export const WEB_DIST = path.resolve(import.meta.dirname, '../web/dist');
const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{8,100}$/;

export type AppOptions = {
  config: Config;
  db: Db;
  logger?: FastifyServerOptions['logger'];
  /** Serve the built web app from web/dist when it exists (off in API tests). */
  serveWeb?: boolean;
  /** Adds the bare route the benchmarks measure against. */
  benchBaseline?: boolean;
};

/** Logs carry request ids but never credentials, cookies or passwords. */
export function loggerOptions(config: Config): FastifyServerOptions['logger'] {
  return {
    level: config.SOPDESK_LOG_LEVEL,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
        '*.password',
        '*.currentPassword',
        '*.newPassword',
        '*.token',
      ],
      censor: '[redacted]',
    },
  };
}

/** Builds the HTTP application: API, OpenAPI document, and the web app. */
export async function buildApp(options: AppOptions): Promise<App> {
  const { config, db } = options;
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: config.SOPDESK_BODY_LIMIT_BYTES,
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID_PATTERN.test(incoming) ? incoming : newId();
    },
    // Long-lived keep-alive connections would otherwise hold a graceful shutdown open.
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  registerProblemHandler(app);

  registerSecurityHeaders(app, { https: config.secureCookies });
  await app.register(fastifyCookie);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'sopdesk API',
        version: '1',
        description:
          'Standard operating procedures for customer service. Errors are application/problem+json with a stable `code`. ' +
          'Authenticate with the session cookie (and X-CSRF-Token on writes) or `Authorization: Bearer <personal API token>`.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'sopdesk_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true }, config: { access: 'public' } }, async () => app.swagger());

  registerAccessControl(app, { db, config });
  const deps = { db, config };
  registerHealthRoutes(app, deps);
  registerAuthRoutes(app, deps);
  registerApiTokenRoutes(app, deps);
  registerPersonRoutes(app, deps);
  registerRoleRoutes(app, deps);
  registerTeamRoutes(app, deps);
  registerAuditRoutes(app, deps);
  registerSopRoutes(app, deps);
  registerSopTemplateRoutes(app, deps);
  registerSopLifecycleRoutes(app, deps);
  registerSopCompareRoutes(app, deps);
  registerProcessRoutes(app, deps);
  registerSettingsRoutes(app, deps);
  registerStyleRuleRoutes(app, deps);
  registerExportRoutes(app, deps);
  registerImportRoutes(app, deps);

  if (options.benchBaseline) {
    app.get('/bench/hello', { config: { access: 'public' } }, async () => ({ hello: 'world' }));
    // The floor of any signed-in route: the session look-up and access check, then hello's answer.
    app.get('/api/v1/bench/signed-in', { config: { access: 'signed-in' }, schema: { hide: true } }, async () => ({ hello: 'world' }));
    // The bare full-text query for the search benchmark's baseline: no auth, ranking or snippets.
    app.get<{ Querystring: { q: string; org: string } }>('/bench/search', { config: { access: 'public' } }, async (request) => ({
      ids: await runBareSearch(db, request.query.org, request.query.q),
    }));
  }

  const servesWeb = options.serveWeb === true && fs.existsSync(path.join(WEB_DIST, 'index.html'));
  if (servesWeb) {
    const assets = path.join(WEB_DIST, 'assets') + path.sep;
    await app.register(fastifyStatic, {
      root: WEB_DIST,
      wildcard: false,
      index: false,
      // Vite names each file under assets/ after its content's hash, so a browser may keep it for
      // good; anything else (the page that lists them, the icon) is checked on every visit.
      setHeaders: (reply, filePath) => {
        reply.header('cache-control', filePath.startsWith(assets) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    // Client-side routes (/people, /audit …) all load the single page; anything else is a 404 problem.
    const isPage = request.method === 'GET' && !request.url.startsWith('/api/') && request.headers.accept?.includes('text/html');
    if (servesWeb && isPage) return reply.type('text/html').sendFile('index.html');
    return sendProblem(reply, request, 'not_found', `No route for ${request.method} ${request.url.split('?')[0]}.`);
  });
  return app;
}
