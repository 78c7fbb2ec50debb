/**
 * Load generation with autocannon, in this (the bench) process, against the server's process.
 *
 * `compareThroughput` is the shape of most figures: a route measured against a baseline route of
 * the same server in the same run, alternating the two so that a noisy, shared machine affects
 * both alike, and reporting the median of the per-round ratios.
 */
import autocannon from 'autocannon';
import { onCleanup, wasInterrupted } from './lifecycle';
import { figure, median, note, type FigureResult, type Target } from './report';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type LoadSpec = {
  /** How the context lines name it, e.g. `GET /api/v1/me`; defaults to method and path. */
  label?: string;
  method?: Method;
  path: string;
  /** When given, requests cycle through these paths (so that one cached answer cannot decide a figure); `path` names the spec. */
  paths?: readonly string[];
  headers?: Record<string, string>;
  /** A fixed body, or a function called for every request (for unique names and the like). */
  body?: string | (() => string);
  /** The status that counts as success (default: any 2xx). */
  expectStatus?: number;
};

export type LoadOptions = { seconds: number; connections: number };

export type LoadResult = {
  label: string;
  /** Successful responses per second. */
  rps: number;
  /** Latency in milliseconds. */
  p50: number;
  p99: number;
  ok: number;
  seconds: number;
};

export function labelOf(spec: LoadSpec): string {
  return spec.label ?? `${spec.method ?? 'GET'} ${spec.path}`;
}

/** Asks once more, outside the load, to show what the server says when a run saw failures. */
async function sampleAnswer(baseUrl: string, spec: LoadSpec): Promise<string> {
  try {
    const body = typeof spec.body === 'function' ? spec.body() : spec.body;
    const response = await fetch(`${baseUrl}${spec.path}`, { method: spec.method ?? 'GET', headers: spec.headers, body });
    return `a sample request now answers ${response.status}: ${(await response.text()).slice(0, 300)}`;
  } catch (error) {
    return `a sample request now fails: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** Runs one load of `seconds` against `baseUrl`; throws when any request failed or was answered with a wrong status. */
export async function runLoad(baseUrl: string, spec: LoadSpec, options: LoadOptions): Promise<LoadResult> {
  const makeBody = spec.body;
  const paths = spec.paths;
  let next = 0;
  const request: autocannon.Request = {
    method: spec.method ?? 'GET',
    path: spec.path,
    headers: spec.headers,
    ...(typeof makeBody === 'function' || paths
      ? {
          setupRequest: (raw: autocannon.Request) => ({
            ...raw,
            ...(paths ? { path: paths[next++ % paths.length]! } : {}),
            ...(typeof makeBody === 'function' ? { body: makeBody() } : { body: makeBody }),
          }),
        }
      : { body: makeBody }),
  };
  const label = labelOf(spec);
  if (wasInterrupted()) throw new Error(`${label}: not started, the run was interrupted`);
  let statusMismatch = 0;
  let finished = false;
  let release: (() => Promise<void>) | undefined;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: baseUrl,
        connections: options.connections,
        pipelining: 1,
        duration: options.seconds,
        requests: [request],
      },
      (error: unknown, outcome: autocannon.Result) => (error ? reject(error) : resolve(outcome)),
    );
    // Ctrl-C stops a running load at once instead of waiting for its end (see lifecycle.ts).
    release = onCleanup(`load ${label}`, () => {
      if (!finished) instance.stop();
    });
    if (spec.expectStatus !== undefined) {
      const expected = spec.expectStatus;
      instance.on('response', (_client, statusCode) => {
        if (statusCode !== expected) statusMismatch++;
      });
    }
  }).finally(() => {
    finished = true;
    void release?.();
  });

  const expectation = spec.expectStatus ?? '2xx';
  const failed = spec.expectStatus === undefined ? result.non2xx : statusMismatch;
  const ok = result.requests.total - failed;
  if (result.errors > 0 || failed > 0) {
    throw new Error(
      `${label}: ${result.errors} connection errors (${result.timeouts} timeouts) and ${failed} answers other than ${expectation} ` +
        `(2xx ${result['2xx']}, 4xx ${result['4xx']}, 5xx ${result['5xx']}) out of ${result.requests.total}; ${await sampleAnswer(baseUrl, spec)}`,
    );
  }
  if (ok === 0) throw new Error(`${label}: no successful response in ${options.seconds} s`);
  return { label, rps: ok / result.duration, p50: result.latency.p50, p99: result.latency.p99, ok, seconds: result.duration };
}

export type Comparison = {
  /** The figure's name, e.g. `me-vs-hello`. */
  figure: string;
  target: Target;
  baseline: LoadSpec;
  measured: LoadSpec;
};

export type ComparisonSettings = LoadOptions & { rounds: number; warmupSeconds: number };

const round0 = (value: number) => Math.round(value).toString();
const ms = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)} ms`;

/**
 * Warms both routes up, then runs `rounds` rounds of baseline and measured loads (alternating
 * which goes first), and prints the median ratio measured/baseline as the figure, with the
 * absolute throughput and latencies as context lines.
 */
export async function compareThroughput(baseUrl: string, comparison: Comparison, settings: ComparisonSettings): Promise<FigureResult> {
  const { figure: name, baseline, measured } = comparison;
  const load = (spec: LoadSpec, seconds: number) => runLoad(baseUrl, spec, { seconds, connections: settings.connections });
  note(
    `${name}: ${labelOf(measured)} against ${labelOf(baseline)}; ${settings.rounds} rounds of ${settings.seconds} s each ` +
      `after ${settings.warmupSeconds} s warm-up, ${settings.connections} connections`,
  );
  if (settings.warmupSeconds > 0) {
    await load(baseline, settings.warmupSeconds);
    await load(measured, settings.warmupSeconds);
  }
  const baselines: LoadResult[] = [];
  const measurements: LoadResult[] = [];
  const ratios: number[] = [];
  for (let round = 1; round <= settings.rounds; round++) {
    let b: LoadResult;
    let m: LoadResult;
    if (round % 2 === 1) {
      b = await load(baseline, settings.seconds);
      m = await load(measured, settings.seconds);
    } else {
      m = await load(measured, settings.seconds);
      b = await load(baseline, settings.seconds);
    }
    baselines.push(b);
    measurements.push(m);
    ratios.push(m.rps / b.rps);
    note(`${name} round ${round}: ${b.label} ${round0(b.rps)} req/s, ${m.label} ${round0(m.rps)} req/s, ratio ${(m.rps / b.rps).toFixed(3)}`);
  }
  for (const runs of [baselines, measurements]) {
    note(
      `${name} ${runs[0]!.label}: ${round0(median(runs.map((run) => run.rps)))} req/s, ` +
        `latency median ${ms(median(runs.map((run) => run.p50)))}, p99 ${ms(median(runs.map((run) => run.p99)))} (medians over rounds)`,
    );
  }
  return figure({ name, value: median(ratios), unit: 'ratio', target: comparison.target });
}

