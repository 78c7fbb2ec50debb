import { sql } from 'kysely';
import type { Db, Trx } from '../../db/database';
import { isPostgres } from '../../db/dialect';

/**
 * For tests that play an attacker with write access to the database: runs `work` with the
 * append-only triggers of audit_events out of the way, and puts them back before committing.
 */
export async function tamperWithAuditEvents(db: Db, work: (trx: Trx) => Promise<void>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (isPostgres(trx)) {
      await sql.raw('alter table audit_events disable trigger audit_events_guard').execute(trx);
      await work(trx);
      await sql.raw('alter table audit_events enable trigger audit_events_guard').execute(trx);
      return;
    }
    const triggers = await sql<{ name: string; sql: string }>`select name, sql from sqlite_master where type = 'trigger' and tbl_name = 'audit_events'`.execute(trx);
    for (const trigger of triggers.rows) await sql.raw(`drop trigger ${trigger.name}`).execute(trx);
    await work(trx);
    for (const trigger of triggers.rows) await sql.raw(trigger.sql).execute(trx);
  });
}
