/**
 * The benchmark report: exactly one line per figure,
 *
 *   bench <name> <value> <unit> target <op> <value> <ok|miss>
 *
 * and any number of context lines starting with `#` (absolute throughput, latencies, rounds), which
 * are information, never targets. Anything else a benchmark wants to say goes to stderr.
 */

export type TargetOp = '>=' | '>' | '<=' | '<';
export type Target = { op: TargetOp; value: number };

export type Figure = {
  /** A short, stable name without spaces, e.g. `me-vs-hello`. */
  name: string;
  value: number;
  /** e.g. `ratio`, `sops/s`, `ms`. */
  unit: string;
  target: Target;
  /** Digits after the decimal point in the printed value (default 2). */
  digits?: number;
};

export type FigureResult = Figure & { ok: boolean };

const printed: FigureResult[] = [];

export function meetsTarget(value: number, target: Target): boolean {
  switch (target.op) {
    case '>=':
      return value >= target.value;
    case '>':
      return value > target.value;
    case '<=':
      return value <= target.value;
    case '<':
      return value < target.value;
  }
}

const TOKEN = /^[^\s#]+$/;

/** Prints a figure's line and remembers it for the summary. */
export function figure(input: Figure): FigureResult {
  if (!TOKEN.test(input.name)) throw new Error(`figure name must be one word without "#": ${JSON.stringify(input.name)}`);
  if (!TOKEN.test(input.unit)) throw new Error(`figure unit must be one word without "#": ${JSON.stringify(input.unit)}`);
  if (!Number.isFinite(input.value)) throw new Error(`figure ${input.name}: value is not a finite number (${input.value})`);
  // The verdict is taken on the printed (rounded) value, so the line never contradicts itself.
  const shown = input.value.toFixed(input.digits ?? 2);
  const ok = meetsTarget(Number(shown), input.target);
  console.log(`bench ${input.name} ${shown} ${input.unit} target ${input.target.op} ${input.target.value} ${ok ? 'ok' : 'miss'}`);
  const result = { ...input, ok };
  printed.push(result);
  return result;
}

/** Context lines: information for the reader, never a target. */
export function note(text: string): void {
  for (const line of text.split('\n')) console.log(line ? `# ${line}` : '#');
}

/** Every figure printed so far in this run. */
export function figuresPrinted(): readonly FigureResult[] {
  return printed;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
