/**
 * Issue 2, item 9: an authenticated write — `POST /api/v1/teams` with a session cookie and the
 * CSRF header, which creates a team and appends its `team.created` audit event (hash chain) in
 * one transaction — at ≥ 0.3× the throughput of the bare `GET /bench/hello` route.
 */
import { randomBytes } from 'node:crypto';
import { defineBenchmark } from './harness';

export default defineBenchmark({
  name: 'team-create-vs-hello',
  description: 'POST /api/v1/teams (session cookie + CSRF; team and audit event) against the bare GET /bench/hello',
  async run(ctx) {
    const server = await ctx.startServer();
    const session = await server.signInAdmin();
    // Team names are unique per organisation: every request gets its own.
    const run = randomBytes(3).toString('hex');
    let sequence = 0;
    await ctx.compareThroughput(server, {
      figure: 'team-create-vs-hello',
      target: { op: '>=', value: 0.3 },
      baseline: { path: '/bench/hello' },
      measured: {
        method: 'POST',
        path: '/api/v1/teams',
        headers: session.writeHeaders,
        body: () => JSON.stringify({ name: `Bench team ${run}-${++sequence}`, description: 'Created by the benchmark.' }),
        expectStatus: 201,
      },
    });
  },
});
