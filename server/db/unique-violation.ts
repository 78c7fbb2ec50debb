/** A unique constraint as each engine names it in its error: PostgreSQL by name, SQLite by its columns. */
export type UniqueConstraint = { name: string; sqliteColumns: string };

/**
 * Whether an error is a violation of this unique constraint. A check-then-insert cannot see a row
 * a concurrent transaction is inserting, so the constraint decides, and the service translates it.
 */
export function isUniqueViolation(error: unknown, constraint: UniqueConstraint): boolean {
  const candidate = error as { code?: string; constraint?: string; message?: string };
  if (candidate?.code === '23505') return candidate.constraint === constraint.name;
  return candidate?.code === 'SQLITE_CONSTRAINT_UNIQUE' && (candidate.message?.includes(constraint.sqliteColumns) ?? false);
}

/** Runs `work`; if it breaks `constraint` (a concurrent writer got there first), throws `refusal()` instead. */
export async function refuseUniqueViolation<T>(constraint: UniqueConstraint, refusal: () => Error, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error, constraint)) throw refusal();
    throw error;
  }
}
