import type { Executor } from '../../db/database';
import { hashSecret } from './tokens';

// Failures are counted per email (whether or not it exists, so the answers reveal nothing) and per
// client address. Past a few free attempts each failure doubles the wait, up to a ceiling.
const FREE_FAILURES_PER_EMAIL = 5;
const FREE_FAILURES_PER_ADDRESS = 50;
const MAX_LOCK_SECONDS = 15 * 60;
// Failures older than this are forgotten.
const FAILURE_MEMORY_MS = 24 * 60 * 60 * 1000;

function keysFor(email: string, ip: string): Array<{ key: string; free: number }> {
  return [
    { key: `email:${hashSecret(email)}`, free: FREE_FAILURES_PER_EMAIL },
    { key: `ip:${ip}`, free: FREE_FAILURES_PER_ADDRESS },
  ];
}

/** Seconds to wait before another attempt is allowed, or 0. */
export async function secondsUntilAllowed(db: Executor, email: string, ip: string, at: Date): Promise<number> {
  const keys = keysFor(email, ip).map((entry) => entry.key);
  const rows = await db.selectFrom('sign_in_throttle').selectAll().where('key', 'in', keys).execute();
  let wait = 0;
  for (const row of rows) {
    if (row.locked_until) wait = Math.max(wait, (Date.parse(row.locked_until) - at.getTime()) / 1000);
  }
  return Math.max(0, Math.ceil(wait));
}

export async function recordFailure(db: Executor, email: string, ip: string, at: Date): Promise<void> {
  const updatedAt = at.toISOString();
  const forgetBefore = new Date(at.getTime() - FAILURE_MEMORY_MS).toISOString();
  for (const { key, free } of keysFor(email, ip)) {
    // One atomic upsert: simultaneous failures each count. Reading the count and writing it back
    // would lose some of them, and parallel guessing would never reach the lock.
    const { failures } = await db
      .insertInto('sign_in_throttle')
      .values({ key, failures: 1, locked_until: null, updated_at: updatedAt })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet((eb) => ({
          failures: eb
            .case()
            .when('sign_in_throttle.updated_at', '<', forgetBefore)
            .then(1)
            .else(eb('sign_in_throttle.failures', '+', 1))
            .end(),
          updated_at: updatedAt,
        })),
      )
      .returning('failures')
      .executeTakeFirstOrThrow();
    const lockSeconds = failures > free ? Math.min(MAX_LOCK_SECONDS, 2 ** (failures - free - 1)) : 0;
    if (lockSeconds === 0) continue;
    const lockedUntil = new Date(at.getTime() + lockSeconds * 1000).toISOString();
    // Never shorten a lock a concurrent, later failure has already lengthened.
    await db
      .updateTable('sign_in_throttle')
      .set({ locked_until: lockedUntil })
      .where('key', '=', key)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', lockedUntil)]))
      .execute();
  }
}

/** A successful sign-in clears the email's count (not the address's: one address may try many emails). */
export async function clearFailures(db: Executor, email: string): Promise<void> {
  await db.deleteFrom('sign_in_throttle').where('key', '=', `email:${hashSecret(email)}`).execute();
}
