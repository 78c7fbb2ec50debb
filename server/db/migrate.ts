import { Migrator, sql, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely';
import type { Db } from './database';
import * as foundation from './migrations/2026-11-25-0001-foundation';
import * as library from './migrations/2026-11-25-0002-library';
import * as personRolesByPerson from './migrations/2026-12-01-0001-person-roles-by-person';
import * as searchFilters from './migrations/2026-12-01-0002-search-filters';
import * as organisationRemoval from './migrations/2026-12-02-0001-organisation-removal';
import * as governedActionEdits from './migrations/2026-12-02-0002-governed-action-edits';
import * as organisationRename from './migrations/2026-12-02-0003-organisation-rename';

// Listed explicitly (not read from the folder) so that migrations work the same under tsx,
// vitest and a bundled build. Names sort by their timestamp.
const migrations: Record<string, Migration> = {
  '2026-11-25-0001-foundation': foundation,
  '2026-11-25-0002-library': library,
  '2026-12-01-0001-person-roles-by-person': personRolesByPerson,
  '2026-12-01-0002-search-filters': searchFilters,
  '2026-12-02-0001-organisation-removal': organisationRemoval,
  '2026-12-02-0002-governed-action-edits': governedActionEdits,
  '2026-12-02-0003-organisation-rename': organisationRename,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/**
 * The PostgreSQL schema the connection works in, or undefined on SQLite. Kysely's migrator looks
 * for its bookkeeping tables in every schema unless told which one, so a kysely_migration table of
 * another schema in the same database (another application, a parallel test) would make it skip
 * creating ours and fail.
 */
async function currentPostgresSchema(db: Db): Promise<string | undefined> {
  try {
    const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
    return rows[0]?.schema ?? undefined;
  } catch {
    return undefined;
  }
}

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Db): Promise<MigrationResultSet> {
  const migrator = new Migrator({ db, provider, migrationTableSchema: await currentPostgresSchema(db) });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((entry) => entry.status === 'Error');
    const reason = result.error instanceof Error ? result.error.message : String(result.error);
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${reason}`, { cause: result.error });
  }
  return result;
}
