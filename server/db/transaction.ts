import type { Db, Trx } from './database';

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

/**
 * Runs one use case in one transaction: its state change and its audit events commit together or
 * not at all. Retried from the start when a concurrent writer won a race for the same audit stream.
 */
export async function inTransaction<T>(db: Db, work: (trx: Trx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(work);
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || !isRetryableConflict(error)) throw error;
      // A short, jittered pause lets the winner commit before the retry reads the stream again.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
    }
  }
}
