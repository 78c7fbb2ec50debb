import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, documentedRoutes, type TestContext } from '../test/harness';
import { registerAccessControl } from './access';

// The sign-in and password-link routes are the only /api/v1 routes open to anonymous callers.
const PUBLIC_ROUTES = new Set(['POST /api/v1/auth/sign-in', 'POST /api/v1/auth/password-reset', 'POST /api/v1/auth/password-reset/status']);
const ANY_ID = '0193a4f2-0000-7000-8000-000000000000';

describe('route access declarations', () => {
  let context: TestContext;

  beforeAll(async () => {
    context = await createTestContext('sqlite');
  });
  afterAll(() => context.close());

  it('refuses to register an /api/v1 route that does not declare config.access', async () => {
    const app = Fastify();
    registerAccessControl(app, { db: context.db, config: context.config });
    expect(() => app.get('/api/v1/forgotten', async () => ({}))).toThrow(/GET \/api\/v1\/forgotten does not declare config\.access/);
    expect(() => app.get('/api/v1/declared', { config: { access: 'signed-in' } }, async () => ({}))).not.toThrow();
    // Outside the API (the web app, health checks) nothing is required.
    expect(() => app.get('/healthz-like', async () => ({}))).not.toThrow();
    await app.close();
  });

  it('answers every documented /api/v1 route, anonymously, with 401, except the public ones', async () => {
    const routes = await documentedRoutes(context.app);
    expect(routes.length).toBeGreaterThan(30);

    const answers: Record<string, number> = {};
    for (const { method, path } of routes) {
      const url = path.replace(/\{[^}]+\}/g, ANY_ID);
      const response = await context.app.inject({ method: method as 'GET', url, payload: method === 'GET' || method === 'DELETE' ? undefined : {} });
      answers[`${method} ${path}`] = response.statusCode;
    }
    const expected = Object.fromEntries(Object.keys(answers).map((route) => [route, PUBLIC_ROUTES.has(route) ? 400 : 401]));
    expect(answers).toEqual(expected);
  });
});
