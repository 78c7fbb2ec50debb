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
  for (const { key, free } of keysFor(email, ip)) {
    const row = await db.selectFrom('sign_in_throttle').selectAll().where('key', '=', key).executeTakeFirst();
    const stale = row && at.getTime() - Date.parse(row.updated_at) > FAILURE_MEMORY_MS;
    const failures = (row && !stale ? row.failures : 0) + 1;
    const lockSeconds = failures > free ? Math.min(MAX_LOCK_SECONDS, 2 ** (failures - free - 1)) : 0;
    const values = {
      failures,
      locked_until: lockSeconds > 0 ? new Date(at.getTime() + lockSeconds * 1000).toISOString() : null,
      updated_at: at.toISOString(),
    };
    await db
      .insertInto('sign_in_throttle')
      .values({ key, ...values })
      .onConflict((oc) => oc.column('key').doUpdateSet(values))
      .execute();
  }
}

/** A successful sign-in clears the email's count (not the address's: one address may try many emails). */
export async function clearFailures(db: Executor, email: string): Promise<void> {
  await db.deleteFrom('sign_in_throttle').where('key', '=', `email:${hashSecret(email)}`).execute();
}
