import { sql, type Kysely } from 'kysely';

// Audit events are append-only, and the database refuses to delete one. Removing a whole
// organisation — the demo, to load it afresh — must take its audit trail with it. The guard now
// lets an event go only while its organisation is marked for removal (`removal_started_at`), which
// sopdesk sets, in the same transaction, just before deleting everything of that organisation
// and the organisation itself. Any other delete is refused as before.

async function isPostgres(db: Kysely<unknown>): Promise<boolean> {
  return sql<{ v: string }>`select version() as v`
    .execute(db)
    .then((result) => result.rows[0]?.v.startsWith('PostgreSQL') ?? false)
    .catch(() => false);
}

const DELETE_REFUSED = 'audit events are append-only';

async function setGuard(db: Kysely<unknown>, allowRemoval: boolean): Promise<void> {
  if (await isPostgres(db)) {
    const deleteCheck = allowRemoval
      ? sql.raw(`if tg_op = 'DELETE' then
          if exists (select 1 from organisations where id = old.org_id and removal_started_at is not null) then
            return old;
          end if;
          raise exception '${DELETE_REFUSED}';
        end if;`)
      : sql.raw(`if tg_op = 'DELETE' then
          raise exception '${DELETE_REFUSED}';
        end if;`);
    await sql`
      create or replace function audit_events_guard() returns trigger language plpgsql as $$
      begin
        ${deleteCheck}
        if new.id <> old.id or new.org_id <> old.org_id or new.stream <> old.stream or new.seq <> old.seq
          or new.occurred_at <> old.occurred_at or new.type <> old.type or new.payload_digest <> old.payload_digest
          or new.prev_hash <> old.prev_hash or new.hash <> old.hash
          or new.actor_id is distinct from old.actor_id
          or (new.payload is not null and new.payload is distinct from old.payload) then
          raise exception 'audit events are append-only: only a payload may be erased';
        end if;
        return new;
      end $$`.execute(db);
    return;
  }
  await sql`drop trigger audit_events_no_delete`.execute(db);
  const when = allowRemoval ? sql`when not exists (select 1 from organisations where id = old.org_id and removal_started_at is not null)` : sql``;
  await sql`
    create trigger audit_events_no_delete before delete on audit_events ${when}
    begin select raise(abort, ${sql.raw(`'${DELETE_REFUSED}'`)}); end`.execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('organisations').addColumn('removal_started_at', 'text').execute();
  await setGuard(db, true);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await setGuard(db, false);
  await db.schema.alterTable('organisations').dropColumn('removal_started_at').execute();
}
