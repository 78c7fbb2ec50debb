import type { Db, Trx } from './database';
import { isPostgres } from './dialect';
import { SqliteGroupCommit, type Unit } from './group-commit';

const MAX_ATTEMPTS = 5;

/**
 * Whether an error is a conflict that a fresh attempt can resolve: a unique violation on an audit
 * stream's sequence (two writers appended at once) or a PostgreSQL serialization failure or deadlock.
 */
export function isRetryableConflict(error: unknown): boolean {
  const candidate = error as { code?: string; constraint?: string; message?: string };
  if (candidate?.code === '40001' || candidate?.code === '40P01') return true;
  if (candidate?.code === '23505') return candidate.constraint === 'audit_events_stream_seq_unique';
  if (candidate?.code === 'SQLITE_CONSTRAINT_UNIQUE' || candidate?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return candidate.message?.includes('audit_events.seq') ?? false;
  }
  return candidate?.code === 'SQLITE_BUSY';
}

/** A short, jittered pause lets the winner of a race commit before the retry reads again. */
function retryPause(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
}

const groupCommits = new WeakMap<Db, SqliteGroupCommit>();

function groupCommitOf(db: Db): SqliteGroupCommit {
  let committer = groupCommits.get(db);
  if (!committer) {
    const created = new SqliteGroupCommit(db, (error, unit: Unit<unknown>) => {
      if (unit.attempt >= MAX_ATTEMPTS || !isRetryableConflict(error)) return false;
      unit.attempt += 1;
      void retryPause(unit.attempt).then(() => created.enqueue(unit));
      return true;
    });
    committer = created;
    groupCommits.set(db, committer);
  }
  return committer;
}

/** Batches and use cases of the SQLite group commit so far (zero on PostgreSQL). */
export function groupCommitStats(db: Db): { batches: number; units: number } {
  return groupCommits.get(db)?.stats ?? { batches: 0, units: 0 };
}

/**
 * Runs one use case in one transaction: its state change and its audit events commit together or
 * not at all. Retried from the start when a concurrent writer won a race for the same audit stream.
 * On SQLite, use cases that arrive together share one COMMIT (see group-commit.ts), each still
 * all-or-nothing; PostgreSQL runs each in its own transaction on a pooled connection.
 */
export async function inTransaction<T>(db: Db, work: (trx: Trx) => Promise<T>): Promise<T> {
  if (!isPostgres(db)) return groupCommitOf(db).run(work);
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(work);
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || !isRetryableConflict(error)) throw error;
      await retryPause(attempt);
    }
  }
}
