import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// better-sqlite3 runs on the event loop's thread, and a WAL checkpoint writes the database file
// and waits for the disk (fsync): tens to hundreds of milliseconds during which no request is
// served. The server hands checkpoints to a worker thread with its own connection instead; a
// PASSIVE checkpoint never blocks the writer, and the main connection's automatic checkpoint
// stays as a backstop should the worker fall behind.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const SQLite = require(workerData.driverPath);
const db = new SQLite(workerData.file);
db.pragma('busy_timeout = 5000');
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage({ error: String(error) });
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

export type Checkpointer = { stop(): Promise<void> };

/** Checkpoints the WAL of the SQLite file every `intervalMs`, off the main thread. */
export function startBackgroundCheckpoints(file: string, options: { intervalMs?: number; onError?: (message: string) => void } = {}): Checkpointer {
  const driverPath = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driverPath, intervalMs: options.intervalMs ?? 1000 } });
  let exited = false;
  worker.on('message', (message: { error?: string }) => {
    if (message.error) options.onError?.(message.error);
  });
  // A worker that cannot open the file must not take the server down: the main connection's own
  // automatic checkpoint still runs.
  worker.on('error', (error) => options.onError?.(String(error)));
  worker.once('exit', () => {
    exited = true;
  });
  worker.unref();
  return {
    stop: () =>
      exited
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            // A last checkpoint normally takes milliseconds; never let it hold a shutdown up.
            const timer = setTimeout(() => void worker.terminate(), 5000);
            worker.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            worker.postMessage('stop');
          }),
  };
}
