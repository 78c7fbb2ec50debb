/**
 * A diagnostic, not a benchmark (run.ts does not pick it up): where does a request's time go?
 * Starts the bench server once and measures the throughput of a ladder of routes, each adding a
 * layer to the one before — bare route, zod-serialised route, one database query, an /api/v1
 * route refused before any query, the session lookup alone, the whole /api/v1/me, a write:
 *
 *   node bin/run-ts.mjs bench/probe-routes.ts [--postgres] [LABEL…]
 *
 * With LABELs, only the routes whose label contains one of them (e.g. "session cookie"), which
 * keeps a CPU profile of the server to one route.
 *
 * BENCH_SECONDS (default 3) per route, BENCH_CONNECTIONS (50); BENCH_SERVER_NODE_OPTIONS passes
 * flags such as "--cpu-prof --cpu-prof-dir=/tmp/prof" to the server process.
 */
import { randomBytes } from 'node:crypto';
import { installSignalHandlers, runCleanups } from './lifecycle';
import { labelOf, runLoad, type LoadSpec } from './load';
import { note } from './report';
import { startBenchServer } from './server';

installSignalHandlers();
const postgres = process.argv.includes('--postgres') || Boolean(process.env.BENCH_DATABASE_URL);
const url = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const seconds = Number(process.env.BENCH_SECONDS || 3);
const connections = Number(process.env.BENCH_CONNECTIONS || 50);
const filters = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));

try {
  const server = await startBenchServer({
    database: postgres ? { kind: 'postgres', url } : { kind: 'sqlite' },
    nodeFlags: (process.env.BENCH_SERVER_NODE_OPTIONS ?? '').split(/\s+/).filter(Boolean),
  });
  const session = await server.signInAdmin();
  const bearer = await server.createApiToken(session);
  const run = randomBytes(3).toString('hex');
  let sequence = 0;
  const ladder: LoadSpec[] = [
    { label: 'GET /bench/hello (bare)', path: '/bench/hello' },
    { label: 'GET /healthz (zod response schema)', path: '/healthz' },
    { label: 'GET /readyz (one `select 1`)', path: '/readyz' },
    { label: 'GET /api/v1/me, no credentials (401 problem)', path: '/api/v1/me', expectStatus: 401 },
    { label: 'GET /api/v1/bench/signed-in (session lookup, hello answer)', path: '/api/v1/bench/signed-in', headers: session.readHeaders },
    { label: 'GET /api/v1/teams (session; lookup + list)', path: '/api/v1/teams', headers: session.readHeaders },
    { label: 'GET /api/v1/me (bearer token)', path: '/api/v1/me', headers: bearer },
    { label: 'GET /api/v1/me (session cookie)', path: '/api/v1/me', headers: session.readHeaders },
    {
      label: 'POST /api/v1/teams (session + CSRF)',
      method: 'POST',
      path: '/api/v1/teams',
      headers: session.writeHeaders,
      body: () => JSON.stringify({ name: `Probe team ${run}-${++sequence}`, description: 'probe' }),
    },
  ];
  note(`probe on ${server.dialect}: ${seconds} s per route, ${connections} connections, 1 s warm-up each; ratios to the first route`);
  let first = 0;
  for (const spec of ladder.filter((candidate) => filters.length === 0 || filters.some((filter) => labelOf(candidate).includes(filter)))) {
    await runLoad(server.url, spec, { seconds: 1, connections });
    const result = await runLoad(server.url, spec, { seconds, connections });
    first ||= result.rps;
    note(`  ${result.label}: ${Math.round(result.rps)} req/s (${(result.rps / first).toFixed(3)}×), p50 ${result.p50} ms, p99 ${result.p99} ms`);
  }
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await runCleanups();
}
