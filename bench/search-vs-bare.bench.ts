/**
 * Issue 3, performance: search over 10,000 published SOPs through the HTTP API — session cookie,
 * the library.read permission, ranking of every match (bm25 / ts_rank), filters, highlighted
 * title and snippet, the result rows and the response schema — at ≥ 0.5× the throughput of
 * GET /bench/search in the same server, which runs only the bare full-text query (match +
 * organisation, limit 20) for the same terms. Both sides rotate through the same six three-word queries, so that no single cached plan
 * or page decides the figure. On SQLite and, with --postgres, on PostgreSQL.
 */
import { defineBenchmark } from './harness';

/** Three words an agent on a call would type, each with a filter the search page offers. */
const QUERIES: { q: string; filter: Record<string, string> }[] = [
  { q: 'damaged parcel courier', filter: { channel: 'phone' } },
  { q: 'refund receipt voucher', filter: { category: 'Refunds' } },
  { q: 'lost loyalty card', filter: { role: 'Agent' } },
  { q: 'locked account password', filter: { channel: 'email' } },
  { q: 'wet floor accident', filter: { category: 'Health and safety' } },
  { q: 'overdue invoice instalment', filter: { status: 'published' } },
];

type Seeded = { sops: number; averageBodyChars: number; seedSeconds: number };

const query = (parameters: Record<string, string>) => new URLSearchParams(parameters).toString();

export default defineBenchmark({
  name: 'search-vs-bare',
  description: 'GET /api/v1/search over 10,000 published SOPs against the bare full-text query (GET /bench/search)',
  async run(ctx) {
    const server = await ctx.startServer({ setupModule: 'bench/seed-sops.ts' });
    const seeded = server.setup as Seeded;
    const session = await server.signInAdmin();
    const measuredPaths = QUERIES.map(({ q, filter }) => `/api/v1/search?${query({ q, ...filter })}`);
    const baselinePaths = QUERIES.map(({ q }) => `/bench/search?${query({ q, org: server.organisation.id })}`);

    // How much each query finds, so that the figure can be read: a query matching nothing would be cheap on both sides.
    const counts: string[] = [];
    for (const [index, path] of measuredPaths.entries()) {
      const [full, bare] = await Promise.all([
        fetch(`${server.url}${path}&limit=50`, { headers: session.readHeaders }).then((response) => response.json() as Promise<{ items: unknown[] }>),
        fetch(`${server.url}${baselinePaths[index]}`).then((response) => response.json() as Promise<{ ids: string[] }>),
      ]);
      if (full.items.length === 0 || bare.ids.length === 0) throw new Error(`the query "${QUERIES[index]!.q}" finds nothing; the seed and the queries disagree`);
      counts.push(`"${QUERIES[index]!.q}" ${full.items.length === 50 ? '50+' : full.items.length}`);
    }
    ctx.note(`search-vs-bare: ${seeded.sops} published SOPs seeded in ${seeded.seedSeconds.toFixed(1)} s on ${server.dialect} (index body ${seeded.averageBodyChars} characters on average)`);
    ctx.note(`search-vs-bare: results with filters (limit 50): ${counts.join(', ')}`);

    await ctx.compareThroughput(server, {
      figure: 'search-vs-bare',
      target: { op: '>=', value: 0.5 },
      baseline: { label: 'GET /bench/search (bare query)', path: baselinePaths[0]!, paths: baselinePaths, expectStatus: 200 },
      measured: { label: 'GET /api/v1/search', path: measuredPaths[0]!, paths: measuredPaths, headers: session.readHeaders, expectStatus: 200 },
    });
  },
});
