import { CompiledQuery } from 'kysely';
import type { Db, Trx } from './database';

/** At most this many use cases share one SQLite transaction. */
const MAX_BATCH = 64;

const SAVEPOINT = CompiledQuery.raw('savepoint sopdesk_unit');
const RELEASE = CompiledQuery.raw('release sopdesk_unit');
const ROLLBACK_TO = CompiledQuery.raw('rollback to sopdesk_unit');

export type Unit<T> = {
  work: (trx: Trx) => Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
  /** 1 on the first run; counted up when a retryable conflict puts the unit back in the queue. */
  attempt: number;
};

/** How a unit that failed inside a batch is handled: retried in a later batch, or rejected. */
export type RetryDecision = (error: unknown, unit: Unit<unknown>) => boolean;

export type GroupCommitStats = { batches: number; units: number };

/**
 * Group commit for the single SQLite connection. Every write use case runs in a transaction, and on
 * SQLite the COMMIT (writing the touched pages to the write-ahead log) costs more than the rest of a
 * small write. Use cases that arrive while the connection is busy are queued, and the next batch
 * runs them one after another in one transaction, each inside its own savepoint: a use case that
 * fails rolls back to its savepoint alone, and the others commit. No use case learns its result
 * before the COMMIT that makes it durable has returned; if that COMMIT fails, every use case of the
 * batch fails with its error.
 *
 * Batching adds no wait: a batch starts on the event loop's next turn after the first use case is
 * queued (so requests read in the same turn share it), and the next batch as soon as one ends.
 * Use cases still run one at a time, as they did behind the connection's mutex, so each sees the
 * writes of those before it, exactly as if they had committed in that order.
 */
export class SqliteGroupCommit {
  readonly #db: Db;
  readonly #shouldRetry: RetryDecision;
  #queue: Array<Unit<unknown>> = [];
  #running = false;
  #scheduled = false;
  readonly #stats: GroupCommitStats = { batches: 0, units: 0 };

  constructor(db: Db, shouldRetry: RetryDecision) {
    this.#db = db;
    this.#shouldRetry = shouldRetry;
  }

  /** Counts since start, for tests and diagnostics. */
  get stats(): GroupCommitStats {
    return { ...this.#stats };
  }

  run<T>(work: (trx: Trx) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.enqueue({ work, resolve, reject, attempt: 1 } as Unit<unknown>);
    });
  }

  /** Queues a unit (again, after a retryable conflict). */
  enqueue(unit: Unit<unknown>): void {
    this.#queue.push(unit);
    this.#schedule();
  }

  #schedule(): void {
    if (this.#running || this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      void this.#runBatch();
    });
  }

  async #runBatch(): Promise<void> {
    if (this.#running || this.#queue.length === 0) return;
    this.#running = true;
    const batch = this.#queue.splice(0, MAX_BATCH);
    const done: Array<{ unit: Unit<unknown>; value: unknown }> = [];
    const failed: Array<{ unit: Unit<unknown>; error: unknown }> = [];
    let next = 0;
    try {
      await this.#db.transaction().execute(async (trx) => {
        for (; next < batch.length; next++) {
          const unit = batch[next]!;
          await trx.executeQuery(SAVEPOINT);
          try {
            const value = await unit.work(trx);
            await trx.executeQuery(RELEASE);
            done.push({ unit, value });
          } catch (error) {
            // If SQLite ended the whole transaction (an I/O error, a full disk), this throws and
            // the batch ends: the use cases that ran are failed below, the rest are queued again.
            await trx.executeQuery(ROLLBACK_TO);
            await trx.executeQuery(RELEASE);
            failed.push({ unit, error });
          }
        }
      });
    } catch (batchError) {
      this.#finish(Math.min(next + 1, batch.length));
      for (const { unit } of done) unit.reject(batchError);
      const unitInFlight = batch[next];
      if (unitInFlight) unitInFlight.reject(batchError);
      for (const { unit, error } of failed) unit.reject(error);
      this.#queue.unshift(...batch.slice(next + 1));
      this.#continue();
      return;
    }
    this.#finish(batch.length);
    for (const { unit, value } of done) unit.resolve(value);
    for (const { unit, error } of failed) {
      if (!this.#shouldRetry(error, unit)) unit.reject(error);
    }
    this.#continue();
  }

  #finish(units: number): void {
    this.#stats.batches += 1;
    this.#stats.units += units;
    this.#running = false;
  }

  #continue(): void {
    if (this.#queue.length > 0) this.#schedule();
  }
}
