import { sql, type Kysely } from 'kysely';

// Search ranks every match of a query, so what it costs per matching SOP decides its speed; and
// it shows a page of results, so what it costs per shown SOP counts too.
//
// SQLite: the channel, category, role and status filters were read from `sops` through the SOP id
// stored in the FTS5 row — a read of the whole indexed text per match — before bm25 could skip
// the SOPs they leave out. `sop_search_entries` keeps what search filters on and shows, in a small
// row whose key is the FTS5 rowid: a match is filtered with one integer look-up, only the
// survivors are ranked, and a result needs no look-up in `sops` or `sop_versions`.
//
// PostgreSQL: the stored tsvector was moved out of line (TOAST) because the row, with its body,
// passed 2 kB; ranking fetched it from the TOAST table once per match. With `storage main` it is
// the last column to leave the row, and rows up to 4 kB stay whole. The same columns join the row,
// so that one query on one table ranks and returns the page: planning the join to `sops` and
// `sop_versions` took longer than running it.

async function isPostgres(db: Kysely<unknown>): Promise<boolean> {
  return sql<{ v: string }>`select version() as v`
    .execute(db)
    .then((result) => result.rows[0]?.v.startsWith('PostgreSQL') ?? false)
    .catch(() => false);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  if (await isPostgres(db)) {
    // Before the rows are rewritten below, so that the rewrite keeps every tsvector in its row.
    await sql`alter table sop_search alter column document set storage main`.execute(db);
    // Rows up to 4 kB stay whole, uncompressed: the page's bodies are read without a TOAST look-up.
    await sql`alter table sop_search set (toast_tuple_target = 4080)`.execute(db);
    await sql`
      alter table sop_search
        add column key text, add column category text, add column channels text, add column audience text,
        add column retired_at text, add column version_label text`.execute(db);
    await sql`
      update sop_search
      set key = sops.key, category = sops.category, channels = sops.channels, audience = sops.audience,
        retired_at = sops.retired_at, version_label = sop_versions.label
      from sops join sop_versions on sop_versions.id = sops.published_version_id
      where sops.id = sop_search.sop_id`.execute(db);
    await sql`
      alter table sop_search
        alter column key set not null, alter column category set not null, alter column channels set not null,
        alter column audience set not null, alter column version_label set not null`.execute(db);
    return;
  }
  await sql`
    create table sop_search_entries (
      id integer primary key,
      sop_id text not null unique references sops(id),
      org_id text not null references organisations(id),
      key text not null,
      category text not null,
      channels text not null,
      audience text not null,
      retired_at text,
      version_label text not null
    )`.execute(db);
  await sql`
    insert into sop_search_entries (id, sop_id, org_id, key, category, channels, audience, retired_at, version_label)
    select sop_search.rowid, sops.id, sops.org_id, sops.key, sops.category, sops.channels, sops.audience, sops.retired_at, sop_versions.label
    from sop_search join sops on sops.id = sop_search.sop_id join sop_versions on sop_versions.id = sops.published_version_id`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (await isPostgres(db)) {
    await sql`
      alter table sop_search
        drop column key, drop column category, drop column channels, drop column audience,
        drop column retired_at, drop column version_label`.execute(db);
    await sql`alter table sop_search alter column document set storage extended`.execute(db);
    return;
  }
  await sql`drop table sop_search_entries`.execute(db);
}
