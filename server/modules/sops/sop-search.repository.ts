import { sql, type RawBuilder } from 'kysely';
import type { SopContent, Step } from '../../../common/procedure/model';
import type { Executor } from '../../db/database';
import { isPostgres } from '../../db/dialect';
import { executePrepared } from '../../db/prepared-query';
import type { SopRow } from '../../db/schema';
import { fts5Words, jsonListHolds, tsqueryWords, type WordMatch } from '../../db/text-search';

function collectStepText(steps: readonly Step[], into: string[]): void {
  for (const step of steps) {
    into.push(step.text);
    if (step.detail) into.push(step.detail);
    if (step.referTo) into.push(`Refer to ${step.referTo}`);
    if (step.substeps) collectStepText(step.substeps, into);
    for (const branch of step.branches ?? []) {
      into.push(branch.label);
      collectStepText(branch.steps, into);
      if (branch.end) into.push(branch.end.outcome);
    }
  }
}

/** What the index holds for an SOP: title; body (purpose, scope, roles, steps, tips); glossary. */
export function searchDocumentOf(sop: Pick<SopRow, 'key' | 'title'>, content: SopContent) {
  const body: string[] = [content.purpose, content.scope];
  for (const responsibility of content.responsibilities) body.push(`${responsibility.role}: ${responsibility.duties}`);
  collectStepText(content.procedure, body);
  body.push(content.healthAndSafety, content.equipment, content.tips);
  return {
    title: `${sop.key} ${sop.title}`,
    body: body.filter(Boolean).join('\n'),
    glossary: content.glossary.map((entry) => `${entry.term}: ${entry.definition}`).join('\n'),
  };
}

/** The SOP columns the index keeps beside the text: search filters on them and shows them without reading `sops`. */
export type IndexedSop = Pick<SopRow, 'id' | 'org_id' | 'key' | 'title' | 'category' | 'channels' | 'audience' | 'retired_at'>;
/** A published SOP to index: its row, the label of the version in use, and that version's content. */
export type SopToIndex = { sop: IndexedSop; versionLabel: string; content: SopContent };

export async function removeFromSearchIndex(db: Executor, sopId: string): Promise<void> {
  if (isPostgres(db)) {
    await sql`delete from sop_search where sop_id = ${sopId}`.execute(db);
    return;
  }
  await sql`delete from sop_search where rowid in (select id from sop_search_entries where sop_id = ${sopId})`.execute(db);
  await sql`delete from sop_search_entries where sop_id = ${sopId}`.execute(db);
}

/**
 * Adds SOPs that are not in the index yet, in one statement per table (the bench seed adds
 * thousands). On SQLite the entry comes first: its id becomes the FTS5 rowid.
 */
export async function insertSearchDocuments(db: Executor, documents: readonly SopToIndex[]): Promise<void> {
  if (documents.length === 0) return;
  const rows = documents.map(({ sop, versionLabel, content }) => ({ sop, versionLabel, ...searchDocumentOf(sop, content) }));
  if (isPostgres(db)) {
    const values = rows.map(
      ({ sop, versionLabel, title, body, glossary }) =>
        sql`(${sop.id}, ${sop.org_id}, ${title}, ${body}, ${glossary}, ${sop.key}, ${sop.category}, ${sop.channels}, ${sop.audience}, ${sop.retired_at}, ${versionLabel})`,
    );
    await sql`
      insert into sop_search (sop_id, org_id, title, body, glossary, key, category, channels, audience, retired_at, version_label)
      values ${sql.join(values)}`.execute(db);
    return;
  }
  const entries = rows.map(
    ({ sop, versionLabel }) => sql`(${sop.id}, ${sop.org_id}, ${sop.key}, ${sop.category}, ${sop.channels}, ${sop.audience}, ${sop.retired_at}, ${versionLabel})`,
  );
  await sql`
    insert into sop_search_entries (sop_id, org_id, key, category, channels, audience, retired_at, version_label)
    values ${sql.join(entries)}`.execute(db);
  const texts = rows.map(({ sop, title, body, glossary }) => sql`(${sop.id}, ${title}, ${body}, ${glossary})`);
  await sql`
    with document (sop_id, title, body, glossary) as (values ${sql.join(texts)})
    insert into sop_search (rowid, sop_id, org_id, title, body, glossary)
    select entry.id, entry.sop_id, entry.org_id, document.title, document.body, document.glossary
    from document join sop_search_entries entry on entry.sop_id = document.sop_id`.execute(db);
}

/** Replaces the SOP's entry in the full-text index with the version now in use. */
export async function writeSearchDocument(db: Executor, document: SopToIndex): Promise<void> {
  await removeFromSearchIndex(db, document.sop.id);
  await insertSearchDocuments(db, [document]);
}

/** After a metadata change or retirement: the indexed title and what search filters on; the text stays. */
export async function updateSearchEntry(db: Executor, sop: IndexedSop): Promise<void> {
  const title = `${sop.key} ${sop.title}`;
  if (isPostgres(db)) {
    await sql`
      update sop_search set title = ${title}, category = ${sop.category}, channels = ${sop.channels}, audience = ${sop.audience}, retired_at = ${sop.retired_at}
      where sop_id = ${sop.id}`.execute(db);
    return;
  }
  await sql`
    update sop_search_entries set category = ${sop.category}, channels = ${sop.channels}, audience = ${sop.audience}, retired_at = ${sop.retired_at}
    where sop_id = ${sop.id}`.execute(db);
  await sql`update sop_search set title = ${title} where rowid in (select id from sop_search_entries where sop_id = ${sop.id}) and title <> ${title}`.execute(db);
}

export type SearchFilters = { channel?: string; category?: string; role?: string; status: 'published' | 'retired' | 'any'; limit: number };

/** One result, in rank order: the indexed title ("KEY Title") and body, and what the page shows of the SOP (no score: see decision 0007). */
export type RankedSop = {
  sop_id: string;
  indexed_title: string;
  body: string;
  key: string;
  category: string;
  channels: string;
  retired_at: string | null;
  version_label: string;
};

function filterConditions(db: Executor, table: 'entry' | 'sop_search', orgId: string, filters: SearchFilters): RawBuilder<unknown> {
  const column = (name: string) => sql.ref(`${table}.${name}`);
  const conditions = [sql`${column('org_id')} = ${orgId}`];
  if (filters.status === 'published') conditions.push(sql`${column('retired_at')} is null`);
  if (filters.status === 'retired') conditions.push(sql`${column('retired_at')} is not null`);
  if (filters.category) conditions.push(sql`${column('category')} = ${filters.category}`);
  if (filters.channel) conditions.push(jsonListHolds(db, `${table}.channels`, filters.channel));
  if (filters.role) conditions.push(jsonListHolds(db, `${table}.audience`, filters.role));
  return sql.join(conditions, sql` and `);
}

/**
 * A page of the SOPs that have every word (or, with `match: 'any'`, at least one), best first.
 * Every match that passes the filters is ranked; only the page's rows are then read in full.
 * `indexedWords` says which words the index knows: PostgreSQL leaves stop words ("the", "and")
 * out of documents and queries alike.
 */
export async function findRankedSops(
  db: Executor,
  orgId: string,
  words: readonly string[],
  filters: SearchFilters,
  match: WordMatch = 'every',
): Promise<{ hits: RankedSop[]; indexedWords: boolean[] }> {
  if (isPostgres(db)) {
    // ts_rank over the stored, weighted tsvector (title A, glossary B, body C); ties in SOP id
    // order. One table, no join, no subquery; a prepared statement for each shape (which filters,
    // how many words), planned once per connection. With any word, a result holding more of them
    // ranks higher.
    const query = tsqueryWords(words, match);
    const result = await executePrepared(db, sql<RankedSop & { indexed_words: boolean[] }>`
      select sop_id, ts_rank(document, to_tsquery('english', ${query})) as rank, title as indexed_title, body, key, category, channels, retired_at, version_label,
        array[${sql.join(words.map((word) => sql`ts_lexize('english_stem', ${word}) <> '{}'`))}] as indexed_words
      from sop_search
      where document @@ to_tsquery('english', ${query}) and ${filterConditions(db, 'sop_search', orgId, filters)}
      order by rank desc, sop_id
      limit ${filters.limit}`);
    return { hits: result.rows, indexedWords: result.rows[0]?.indexed_words ?? words.map(() => true) };
  }
  // bm25 weights per column (sop_id, org_id, title, body, glossary): a title hit counts most, and
  // with any word, so do more of the words (bm25 sums over them). Calling bm25() in the ranking
  // subquery (rather than ordering by FTS5's rank column) lets the filters run first, so only the
  // SOPs they keep are ranked; ties in index order. The page's texts are then read by rowid.
  const result = await sql<RankedSop>`
    select page.sop_id, page_text.title as indexed_title, page_text.body,
      page.key, page.category, page.channels, page.retired_at, page.version_label
    from (
      select entry.*, bm25(sop_search, 0, 0, 10.0, 1.0, 4.0) as score
      from sop_search join sop_search_entries entry on entry.id = sop_search.rowid
      where sop_search match ${fts5Words(words, match)} and ${filterConditions(db, 'entry', orgId, filters)}
      order by score, entry.id
      limit ${filters.limit}
    ) page
    join sop_search page_text on page_text.rowid = page.id
    order by page.score, page.id`.execute(db);
  return { hits: result.rows, indexedWords: words.map(() => true) };
}
