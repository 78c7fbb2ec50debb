/**
 * Issue 2, item 9: an authenticated read — `GET /api/v1/me` with a session cookie (session lookup,
 * permissions, person, organisation, roles and teams, response validation) — at ≥ 0.5× the
 * throughput of the bare `GET /bench/hello` route of the same server.
 */
import { defineBenchmark } from './harness';

export default defineBenchmark({
  name: 'me-vs-hello',
  description: 'GET /api/v1/me (session cookie) against the bare GET /bench/hello',
  async run(ctx) {
    const server = await ctx.startServer();
    const session = await server.signInAdmin();
    await ctx.compareThroughput(server, {
      figure: 'me-vs-hello',
      target: { op: '>=', value: 0.5 },
      baseline: { path: '/bench/hello' },
      measured: { path: '/api/v1/me', headers: session.readHeaders, expectStatus: 200 },
    });
  },
});
