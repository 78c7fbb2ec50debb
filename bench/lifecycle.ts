/**
 * Whatever a benchmark starts (server processes, load generators, temporary files and schemas)
 * registers its clean-up here, so that it is undone on every way out: normal end, a crashed
 * benchmark, Ctrl-C / SIGTERM, and — for what can be undone synchronously — process exit.
 */

type Cleanup = {
  name: string;
  /** The orderly way: stop gracefully, drop the schema, remove the files. */
  run: () => Promise<void> | void;
  /** The last resort on process exit, when nothing asynchronous can run any more (SIGKILL a child, rmSync). */
  sync?: () => void;
};

const cleanups: Cleanup[] = [];
const CLEANUP_TIMEOUT_MS = 15_000;

/** Registers a clean-up; the returned function runs it now (once) and forgets it. */
export function onCleanup(name: string, run: Cleanup['run'], sync?: Cleanup['sync']): () => Promise<void> {
  const entry: Cleanup = { name, run, sync };
  cleanups.push(entry);
  let done: Promise<void> | null = null;
  return () => {
    done ??= (async () => {
      const index = cleanups.indexOf(entry);
      if (index >= 0) cleanups.splice(index, 1);
      await runOne(entry);
    })();
    return done;
  };
}

async function runOne(entry: Cleanup): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      Promise.resolve().then(entry.run),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${CLEANUP_TIMEOUT_MS / 1000} s`)), CLEANUP_TIMEOUT_MS);
      }),
    ]);
  } catch (error) {
    console.error(`bench: clean-up "${entry.name}" failed: ${error instanceof Error ? error.message : String(error)}`);
    try {
      entry.sync?.();
    } catch {
      // Nothing more to try.
    }
  } finally {
    clearTimeout(timer);
  }
}

/** Runs every registered clean-up, newest first. */
export async function runCleanups(): Promise<void> {
  while (cleanups.length > 0) await runOne(cleanups.pop()!);
}

let installed = false;
let interrupted = false;

/** Ctrl-C and SIGTERM clean up and exit; a second signal skips straight to the synchronous last resorts. */
export function installSignalHandlers(): void {
  if (installed) return;
  installed = true;
  const onSignal = (signal: NodeJS.Signals, code: number) => {
    if (interrupted) {
      console.error(`bench: ${signal} again; killing what is left`);
      process.exit(code);
    }
    interrupted = true;
    console.error(`bench: ${signal}; stopping and cleaning up`);
    void runCleanups().finally(() => process.exit(code));
  };
  process.on('SIGINT', () => onSignal('SIGINT', 130));
  process.on('SIGTERM', () => onSignal('SIGTERM', 143));
  process.on('exit', () => {
    for (const entry of cleanups.splice(0).reverse()) {
      try {
        entry.sync?.();
      } catch {
        // Best effort: the process is leaving.
      }
    }
  });
}

/** Whether the run was interrupted: benchmarks stop starting new work. */
export function wasInterrupted(): boolean {
  return interrupted;
}
