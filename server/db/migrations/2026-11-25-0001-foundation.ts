import { sql, type Kysely } from 'kysely';

// Written with Kysely's schema builder so that one migration serves SQLite and PostgreSQL.
// A committed migration is never edited: add a new file instead.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('organisations')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('slug', 'text', (col) => col.notNull().unique())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('people')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('org_id', 'text', (col) => col.notNull().references('organisations.id'))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('email', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('start_date', 'text')
    .addColumn('manager_id', 'text', (col) => col.references('people.id'))
    .addColumn('password_hash', 'text')
    .addColumn('password_changed_at', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .execute();
  // An email address identifies one person in the whole deployment (it is how they sign in).
  await db.schema.createIndex('people_email_unique').on('people').column('email').unique().execute();
  await db.schema.createIndex('people_org_name').on('people').columns(['org_id', 'name']).execute();

  await db.schema
    .createTable('roles')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('org_id', 'text', (col) => col.notNull().references('organisations.id'))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('description', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('permissions', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .addUniqueConstraint('roles_org_name_unique', ['org_id', 'name'])
    .execute();

  await db.schema
    .createTable('person_roles')
    .addColumn('org_id', 'text', (col) => col.notNull().references('organisations.id'))
    .addColumn('person_id', 'text', (col) => col.notNull().references('people.id'))
    .addColumn('role_id', 'text', (col) => col.notNull().references('roles.id'))
    .addPrimaryKeyConstraint('person_roles_pk', ['person_id', 'role_id'])
    .execute();
  await db.schema.createIndex('person_roles_role').on('person_roles').columns(['org_id', 'role_id']).execute();

  await db.schema
    .createTable('teams')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('org_id', 'text', (col) => col.notNull().references('organisations.id'))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('description', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .addUniqueConstraint('teams_org_name_unique', ['org_id', 'name'])
    .execute();

  await db.schema
    .createTable('team_members')
    .addColumn('org_id', 'text', (col) => col.notNull().references('organisations.id'))
    .addColumn('team_id', 'text', (col) => col.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (col) => col.notNull().references('people.id'))
    .addColumn('is_lead', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('added_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('team_members_pk', ['team_id', 'person_id'])
    .execute();
  await db.schema.createIndex('team_members_person').on('team_members').columns(['org_id', 'person_id']).execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('org_id', 'text', (col) => col.notNull().references('organisations.id'))
    .addColumn('person_id', 'text', (col) => col.notNull().references('people.id'))
    .addColumn('csrf_token', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('last_seen_at', 'text', (col) => col.notNull())
    .addColumn('expires_at', 'text', (col) => col.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('ip', 'text')
    .execute();
  await db.schema.createIndex('sessions_person').on('sessions').columns(['org_id', 'person_id']).execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('org_id', 'text', (col) => col.notNull().references('organisations.id'))
    .addColumn('person_id', 'text', (col) => col.notNull().references('people.id'))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('token_hash', 'text', (col) => col.notNull().unique())
    .addColumn('prefix', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('expires_at', 'text')
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('api_tokens_person').on('api_tokens').columns(['org_id', 'person_id']).execute();

  await db.schema
    .createTable('password_resets')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('org_id', 'text', (col) => col.notNull().references('organisations.id'))
    .addColumn('person_id', 'text', (col) => col.notNull().references('people.id'))
    .addColumn('token_hash', 'text', (col) => col.notNull().unique())
    .addColumn('created_by', 'text', (col) => col.references('people.id'))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('expires_at', 'text', (col) => col.notNull())
    .addColumn('used_at', 'text')
    .execute();

  await db.schema
    .createTable('sign_in_throttle')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('failures', 'integer', (col) => col.notNull())
    .addColumn('locked_until', 'text')
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('audit_events')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('org_id', 'text', (col) => col.notNull().references('organisations.id'))
    .addColumn('stream', 'text', (col) => col.notNull())
    .addColumn('seq', 'integer', (col) => col.notNull())
    .addColumn('occurred_at', 'text', (col) => col.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('type', 'text', (col) => col.notNull())
    .addColumn('payload', 'text')
    .addColumn('payload_digest', 'text', (col) => col.notNull())
    .addColumn('prev_hash', 'text', (col) => col.notNull())
    .addColumn('hash', 'text', (col) => col.notNull())
    .addColumn('erased_at', 'text')
    // The guard against a forked chain: two writers cannot both append sequence N.
    .addUniqueConstraint('audit_events_stream_seq_unique', ['org_id', 'stream', 'seq'])
    .execute();
  await db.schema.createIndex('audit_events_org_time').on('audit_events').columns(['org_id', 'occurred_at']).execute();
  await db.schema.createIndex('audit_events_org_type').on('audit_events').columns(['org_id', 'type']).execute();
  await db.schema.createIndex('audit_events_org_actor').on('audit_events').columns(['org_id', 'actor_id']).execute();

  // Append-only at the database level where the engine allows it: updates may only erase a payload.
  await createAuditGuards(db);
}

async function createAuditGuards(db: Kysely<unknown>): Promise<void> {
  const isPostgres = await sql<{ v: string }>`select version() as v`
    .execute(db)
    .then((result) => result.rows[0]?.v.startsWith('PostgreSQL') ?? false)
    .catch(() => false);
  if (isPostgres) {
    await sql`
      create function audit_events_guard() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' then
          raise exception 'audit events are append-only';
        end if;
        if new.id <> old.id or new.org_id <> old.org_id or new.stream <> old.stream or new.seq <> old.seq
          or new.occurred_at <> old.occurred_at or new.type <> old.type or new.payload_digest <> old.payload_digest
          or new.prev_hash <> old.prev_hash or new.hash <> old.hash
          or new.actor_id is distinct from old.actor_id
          or (new.payload is not null and new.payload is distinct from old.payload) then
          raise exception 'audit events are append-only: only a payload may be erased';
        end if;
        return new;
      end $$`.execute(db);
    await sql`create trigger audit_events_guard before update or delete on audit_events
      for each row execute function audit_events_guard()`.execute(db);
    return;
  }
  await sql`
    create trigger audit_events_no_delete before delete on audit_events
    begin select raise(abort, 'audit events are append-only'); end`.execute(db);
  await sql`
    create trigger audit_events_erase_only before update on audit_events
    when new.id is not old.id or new.org_id is not old.org_id or new.stream is not old.stream or new.seq is not old.seq
      or new.occurred_at is not old.occurred_at or new.type is not old.type or new.payload_digest is not old.payload_digest
      or new.prev_hash is not old.prev_hash or new.hash is not old.hash or new.actor_id is not old.actor_id
      or (new.payload is not null and new.payload is not old.payload)
    begin select raise(abort, 'audit events are append-only: only a payload may be erased'); end`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'audit_events',
    'sign_in_throttle',
    'password_resets',
    'api_tokens',
    'sessions',
    'team_members',
    'teams',
    'person_roles',
    'roles',
    'people',
    'organisations',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
