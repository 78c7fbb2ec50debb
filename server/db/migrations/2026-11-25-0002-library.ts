import { sql, type Kysely } from 'kysely';

// The SOP library: process register, SOPs and their versions, review and approval, periodic
// reviews, governed actions, templates, organisation settings, and the full-text index.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sops')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('org_id', 'text', (col) => col.notNull().references('organisations.id'))
    .addColumn('key', 'text', (col) => col.notNull())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('category', 'text', (col) => col.notNull())
    .addColumn('channels', 'text', (col) => col.notNull())
    .addColumn('audience', 'text', (col) => col.notNull())
    .addColumn('owner_id', 'text', (col) => col.references('people.id'))
    .addColumn('review_interval_months', 'integer', (col) => col.notNull())
    .addColumn('process_id', 'text')
    .addColumn('published_version_id', 'text')
    .addColumn('next_review_due', 'text')
    .addColumn('retired_at', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .addUniqueConstraint('sops_org_key_unique', ['org_id', 'key'])
    .execute();
  await db.schema.createIndex('sops_org_category').on('sops').columns(['org_id', 'category']).execute();
  await db.schema.createIndex('sops_org_review_due').on('sops').columns(['org_id', 'next_review_due']).execute();

  await db.schema
    .createTable('sop_versions')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('org_id', 'text', (col) => col.notNull().references('organisations.id'))
    .addColumn('sop_id', 'text', (col) => col.notNull().references('sops.id'))
    .addColumn('number', 'integer', (col) => col.notNull())
    .addColumn('label', 'text', (col) => col.notNull())
    .addColumn('change_kind', 'text', (col) => col.notNull())
    .addColumn('change_summary', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('content', 'text', (col) => col.notNull())
    .addColumn('content_hash', 'text', (col) => col.notNull())
    .addColumn('revision', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('created_by', 'text', (col) => col.references('people.id'))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('approved_at', 'text')
    .addColumn('effective_at', 'text')
    .addColumn('superseded_at', 'text')
    .addUniqueConstraint('sop_versions_sop_number_unique', ['sop_id', 'number'])
    .execute();
  await db.schema.createIndex('sop_versions_org_status').on('sop_versions').columns(['org_id', 'status']).execute();

  await db.schema
    .createTable('sop_participants')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('org_id', 'text', (col) => col.notNull().references('organisations.id'))
    .addColumn('version_id', 'text', (col) => col.notNull().references('sop_versions.id'))
    .addColumn('person_id', 'text', (col) => col.notNull().references('people.id'))
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('added_at', 'text', (col) => col.notNull())
    .addColumn('completed_at', 'text')
    .addUniqueConstraint('sop_participants_unique', ['version_id', 'person_id', 'kind'])
    .execute();

  await db.schema
    .createTable('sop_comments')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('org_id', 'text', (col) => col.notNull().references('organisations.id'))
    .addColumn('version_id', 'text', (col) => col.notNull().references('sop_versions.id'))
    .addColumn('author_id', 'text', (col) => col.notNull().references('people.id'))
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('section', 'text', (col) => col.notNull())
    .addColumn('step_id', 'text')
    .addColumn('body', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('resolution_note', 'text')
    .addColumn('resolved_by', 'text', (col) => col.references('people.id'))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('resolved_at', 'text')
    .execute();
  await db.schema.createIndex('sop_comments_version').on('sop_comments').columns(['org_id', 'version_id']).execute();

  await db.schema
    .createTable('sop_signatures')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('org_id', 'text', (col) => col.notNull().references('organisations.id'))
    .addColumn('version_id', 'text', (col) => col.notNull().references('sop_versions.id'))
    .addColumn('signer_id', 'text', (col) => col.notNull().references('people.id'))
    .addColumn('meaning', 'text', (col) => col.notNull())
    .addColumn('content_hash', 'text', (col) => col.notNull())
    .addColumn('signed_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('sop_signatures_unique', ['version_id', 'signer_id'])
    .execute();

  await db.schema
    .createTable('sop_periodic_reviews')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('org_id', 'text', (col) => col.notNull().references('organisations.id'))
    .addColumn('sop_id', 'text', (col) => col.notNull().references('sops.id'))
    .addColumn('version_id', 'text', (col) => col.notNull().references('sop_versions.id'))
    .addColumn('reviewer_id', 'text', (col) => col.notNull().references('people.id'))
    .addColumn('outcome', 'text', (col) => col.notNull())
    .addColumn('note', 'text', (col) => col.notNull())
    .addColumn('reviewed_at', 'text', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('processes')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('org_id', 'text', (col) => col.notNull().references('organisations.id'))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('description', 'text', (col) => col.notNull())
    .addColumn('category', 'text', (col) => col.notNull())
    .addColumn('channels', 'text', (col) => col.notNull())
    .addColumn('owner_id', 'text', (col) => col.references('people.id'))
    .addColumn('notes', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .addUniqueConstraint('processes_org_name_unique', ['org_id', 'name'])
    .execute();

  await db.schema
    .createTable('governed_actions')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('org_id', 'text', (col) => col.notNull().references('organisations.id'))
    .addColumn('key', 'text', (col) => col.notNull())
    .addColumn('label', 'text', (col) => col.notNull())
    .addColumn('has_amount', 'integer', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('governed_actions_org_key_unique', ['org_id', 'key'])
    .execute();

  await db.schema
    .createTable('sop_templates')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('org_id', 'text', (col) => col.notNull().references('organisations.id'))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('description', 'text', (col) => col.notNull())
    .addColumn('content', 'text', (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.references('people.id'))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('org_settings')
    .addColumn('org_id', 'text', (col) => col.notNull().references('organisations.id'))
    .addColumn('key', 'text', (col) => col.notNull())
    .addColumn('value', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .addPrimaryKeyConstraint('org_settings_pk', ['org_id', 'key'])
    .execute();

  await createSearchIndex(db);
}

/** Each engine's own full-text index over published SOPs: FTS5 on SQLite, tsvector + GIN on PostgreSQL. */
async function createSearchIndex(db: Kysely<unknown>): Promise<void> {
  const isPostgres = await sql<{ v: string }>`select version() as v`
    .execute(db)
    .then((result) => result.rows[0]?.v.startsWith('PostgreSQL') ?? false)
    .catch(() => false);
  if (isPostgres) {
    await sql`
      create table sop_search (
        sop_id text primary key references sops(id),
        org_id text not null references organisations(id),
        title text not null,
        body text not null,
        glossary text not null,
        document tsvector generated always as (
          setweight(to_tsvector('english', title), 'A') ||
          setweight(to_tsvector('english', glossary), 'B') ||
          setweight(to_tsvector('english', body), 'C')
        ) stored
      )`.execute(db);
    await sql`create index sop_search_document on sop_search using gin (document)`.execute(db);
    await sql`create index sop_search_org on sop_search (org_id)`.execute(db);
    return;
  }
  // Porter stemming so that "refunds" finds "refund"; unicode61 folds accents.
  await sql`
    create virtual table sop_search using fts5(
      sop_id unindexed, org_id unindexed, title, body, glossary,
      tokenize = 'porter unicode61 remove_diacritics 2'
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'sop_search',
    'org_settings',
    'sop_templates',
    'governed_actions',
    'processes',
    'sop_periodic_reviews',
    'sop_signatures',
    'sop_comments',
    'sop_participants',
    'sop_versions',
    'sops',
  ]) {
    await sql`drop table if exists ${sql.table(table)}`.execute(db);
  }
}
