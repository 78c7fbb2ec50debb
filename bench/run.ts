/**
 * `npm run bench [-- [--postgres] [NAME…]]`: runs every `bench/*.bench.ts` (or those whose file
 * name contains one of the NAMEs), each against a baseline measured in the same run, and prints
 * one line per figure:
 *
 *   bench <name> <value> <unit> target <op> <value> <ok|miss>
 *
 * plus context lines starting with `#`. A miss is reported, not failed: the exit code is 0 unless
 * a benchmark crashed (1) or the arguments are wrong (2). Servers run in child processes over
 * temporary data, which is removed at the end, on a crash and on Ctrl-C.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchContext, Benchmark, BenchOptions } from './harness';
import { installSignalHandlers, runCleanups } from './lifecycle';
import { compareThroughput } from './load';
import { figure, figuresPrinted, note } from './report';
import { startBenchServer, type BenchServer } from './server';

const BENCH_DIR = import.meta.dirname;
const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test';

const USAGE = `usage: npm run bench -- [--postgres] [NAME…]

Runs the benchmarks in bench/*.bench.ts (only those whose file name contains a NAME, when given).

  --postgres   run against PostgreSQL: BENCH_DATABASE_URL, or ${DEFAULT_POSTGRES_URL}
               (a fresh schema is created for the run and dropped afterwards)
  --list       list the benchmarks and exit

Environment:
  BENCH_SECONDS=5             seconds per measured run
  BENCH_ROUNDS=3              baseline/measured pairs per figure (the median ratio is reported)
  BENCH_WARMUP_SECONDS=2      warm-up per route before the rounds
  BENCH_CONNECTIONS=50        concurrent connections
  BENCH_DATABASE_URL=postgres://…  run against PostgreSQL (same as --postgres)
  BENCH_SERVER_NODE_OPTIONS   extra node flags for the server process, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"`;

class UsageError extends Error {}

function numberFromEnv(key: string, fallback: number, check: (value: number) => boolean, rule: string): number {
  const raw = process.env[key];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || !check(value)) throw new UsageError(`${key}=${JSON.stringify(raw)}: must be ${rule}`);
  return value;
}

function parseArguments(argv: string[]): { options: BenchOptions; filters: string[]; list: boolean } {
  let postgres = false;
  let list = false;
  const filters: string[] = [];
  for (const arg of argv) {
    if (arg === '--postgres') postgres = true;
    else if (arg === '--list') list = true;
    else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
    else filters.push(arg);
  }
  const databaseUrl = process.env.BENCH_DATABASE_URL || (postgres ? DEFAULT_POSTGRES_URL : undefined);
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) throw new UsageError('BENCH_DATABASE_URL must be a postgres:// URL');
  const options: BenchOptions = {
    seconds: numberFromEnv('BENCH_SECONDS', 5, (value) => value >= 1 && value <= 600, 'a number of seconds from 1 to 600'),
    rounds: numberFromEnv('BENCH_ROUNDS', 3, (value) => Number.isInteger(value) && value >= 1 && value <= 25, 'a whole number from 1 to 25'),
    warmupSeconds: numberFromEnv('BENCH_WARMUP_SECONDS', 2, (value) => value >= 0 && value <= 600, 'a number of seconds from 0 to 600'),
    connections: numberFromEnv('BENCH_CONNECTIONS', 50, (value) => Number.isInteger(value) && value >= 1 && value <= 1000, 'a whole number from 1 to 1000'),
    database: databaseUrl ? { kind: 'postgres', url: databaseUrl } : { kind: 'sqlite' },
    serverNodeFlags: (process.env.BENCH_SERVER_NODE_OPTIONS ?? '').split(/\s+/).filter(Boolean),
  };
  return { options, filters, list };
}

function benchmarkFiles(filters: string[]): string[] {
  const files = fs
    .readdirSync(BENCH_DIR)
    .filter((file) => file.endsWith('.bench.ts'))
    .sort();
  if (filters.length === 0) return files;
  const chosen = files.filter((file) => filters.some((filter) => file.includes(filter)));
  if (chosen.length === 0) throw new UsageError(`no benchmark matches ${filters.join(', ')}; there are: ${files.join(', ')}`);
  return chosen;
}

async function loadBenchmark(file: string): Promise<Benchmark> {
  const module = (await import(pathToFileURL(path.join(BENCH_DIR, file)).href)) as { default?: Partial<Benchmark> };
  const benchmark = module.default;
  if (!benchmark || typeof benchmark.name !== 'string' || typeof benchmark.run !== 'function') {
    throw new Error(`${file} must export default defineBenchmark({ name, description, run })`);
  }
  return benchmark as Benchmark;
}

function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

async function runBenchmark(file: string, options: BenchOptions): Promise<boolean> {
  const started = Date.now();
  const servers: BenchServer[] = [];
  let name = file;
  try {
    const benchmark = await loadBenchmark(file);
    name = benchmark.name;
    const ctx: BenchContext = {
      options,
      startServer: async (serverOptions = {}) => {
        const server = await startBenchServer({ database: options.database, nodeFlags: options.serverNodeFlags, ...serverOptions });
        servers.push(server);
        return server;
      },
      compareThroughput: (server, comparison) => compareThroughput(server.url, comparison, options),
      figure,
      note,
    };
    await benchmark.run(ctx);
    return true;
  } catch (error) {
    console.error(`bench: ${name} crashed: ${describeError(error)}`);
    note(`${name}: crashed (details on stderr)`);
    return false;
  } finally {
    for (const server of servers.reverse()) await server.stop();
    note(`${name}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}

async function main(): Promise<number> {
  installSignalHandlers();
  let parsed: ReturnType<typeof parseArguments>;
  let files: string[];
  try {
    parsed = parseArguments(process.argv.slice(2));
    files = benchmarkFiles(parsed.filters);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`bench: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
  const { options } = parsed;
  if (parsed.list) {
    for (const file of files) {
      const benchmark = await loadBenchmark(file);
      console.log(`${file}\t${benchmark.name}\t${benchmark.description}`);
    }
    return 0;
  }

  const started = Date.now();
  const cpus = os.cpus();
  note(
    `sopdesk bench on ${options.database.kind === 'postgres' ? 'PostgreSQL' : 'SQLite'}: ${files.length} benchmark(s); ` +
      `${options.rounds} rounds × ${options.seconds} s, ${options.warmupSeconds} s warm-up, ${options.connections} connections`,
  );
  note(`node ${process.version}, ${cpus.length} CPU(s) ${cpus[0]?.model.trim() ?? ''}, load average ${os.loadavg().map((value) => value.toFixed(2)).join(' ')}`);

  let crashed = 0;
  for (const file of files) {
    if (!(await runBenchmark(file, options))) crashed++;
  }
  await runCleanups();

  const figures = figuresPrinted();
  const missed = figures.filter((result) => !result.ok).length;
  note(
    `${figures.length} figure(s): ${figures.length - missed} ok, ${missed} miss` +
      `${crashed ? `; ${crashed} benchmark(s) crashed` : ''}; ${((Date.now() - started) / 1000).toFixed(0)} s in all`,
  );
  return crashed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  async (error: unknown) => {
    console.error(`bench: ${describeError(error)}`);
    await runCleanups();
    process.exit(1);
  },
);
