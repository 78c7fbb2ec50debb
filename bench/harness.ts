/**
 * What a benchmark is and what it gets to work with.
 *
 * Adding a benchmark: create `bench/<name>.bench.ts` whose default export is
 * `defineBenchmark({ name, description, run })`; `npm run bench` finds it. In `run`, start the
 * server you need with `ctx.startServer()` (stopped for you afterwards; pass a `setupModule` to
 * seed more data, e.g. 10,000 SOPs, inside the server process before it listens), and print each
 * figure once — `ctx.compareThroughput(...)` for "route X at ≥ k× baseline route Y", or
 * `ctx.figure(...)` for anything measured another way — plus any `ctx.note(...)` context lines.
 * Targets are ratios against a baseline measured in the same run wherever possible: the machine
 * is shared and noisy, so absolute timings are context, not targets.
 */
import type { Db, Dialect } from '../server/db/database';
import type { App } from '../server/http/types';
import type { Comparison } from './load';
import type { figure, FigureResult, note } from './report';
import type { BenchServer, DatabaseChoice } from './server';

export type BenchOptions = {
  /** Seconds per measured run (BENCH_SECONDS). */
  seconds: number;
  /** Baseline/measured pairs per figure (BENCH_ROUNDS). */
  rounds: number;
  /** Seconds of warm-up per route before the rounds (BENCH_WARMUP_SECONDS). */
  warmupSeconds: number;
  /** Concurrent connections of the load generator (BENCH_CONNECTIONS). */
  connections: number;
  database: DatabaseChoice;
  /** Extra node flags for server processes (BENCH_SERVER_NODE_OPTIONS), e.g. --cpu-prof. */
  serverNodeFlags: string[];
};

export type BenchContext = {
  options: BenchOptions;
  /** Starts the application in its own process over a fresh database; stopped when the benchmark ends. */
  startServer(options?: { setupModule?: string; serveWeb?: boolean }): Promise<BenchServer>;
  /** Measures `comparison.measured` against `comparison.baseline` on `server` and prints the figure. */
  compareThroughput(server: BenchServer, comparison: Comparison): Promise<FigureResult>;
  figure: typeof figure;
  note: typeof note;
};

export type Benchmark = {
  /** Short and stable; also what `npm run bench -- NAME` filters on. */
  name: string;
  description: string;
  run(ctx: BenchContext): Promise<void>;
};

export function defineBenchmark(benchmark: Benchmark): Benchmark {
  return benchmark;
}

/**
 * The default export of a setup module (StartServerOptions.setupModule): runs in the server
 * process after migration and seeding, before it listens; what it returns (JSON) reaches the
 * benchmark as `server.setup`.
 */
export type BenchSetup = (input: { app: App; db: Db; dialect: Dialect; orgId: string; adminId: string }) => Promise<unknown>;
