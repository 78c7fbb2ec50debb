import { sql } from 'kysely';
import type { Highlighted, SearchResults } from '../../../common/api/search';
import type { Db, Executor } from '../../db/database';
import { authorize, type Actor } from '../../policy/policy';
import { isPostgres } from '../../db/dialect';

// Marks that cannot occur in stored text (control characters are refused on input), turned into
// segments before anything leaves the server.
const OPEN = '\u0001';
const CLOSE = '\u0002';

/** Words of the query: letters and digits only, so nothing the user types is search syntax. */
export function searchTerms(query: string): string[] {
  return (query.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 12);
}

/** FTS5: every word must appear; the last may be a prefix ("refu" finds "refund") as people type. */
function fts5Query(terms: string[]): string {
  return terms.map((term, index) => `"${term}"${index === terms.length - 1 ? '*' : ''}`).join(' ');
}

function tsQuery(terms: string[]): string {
  return terms.map((term, index) => `${term}${index === terms.length - 1 ? ':*' : ''}`).join(' & ');
}

export function toSegments(marked: string): Highlighted {
  const segments: Highlighted = [];
  for (const part of marked.split(OPEN)) {
    const [inside, after] = part.includes(CLOSE) ? part.split(CLOSE, 2) : [null, part];
    if (inside) segments.push({ text: inside, match: true });
    if (after) segments.push({ text: after, match: false });
  }
  return segments.length > 0 ? segments : [{ text: marked, match: false }];
}

type SearchFilters = { channel?: string; category?: string; role?: string; status: 'published' | 'retired' | 'any'; limit: number };

type Row = {
  sop_id: string;
  rank: number;
  title_marked: string;
  snippet_marked: string;
  key: string;
  title: string;
  category: string;
  channels: string;
  retired_at: string | null;
  label: string | null;
};

// What a result shows of the SOP, read in the same query: a second query by `sops.id in (…)`
// made SQLite walk every SOP of the organisation through the org_id index (10,000 rows for 20).
const SOP_COLUMNS = sql`sops.key, sops.title, sops.category, sops.channels, sops.retired_at, sop_versions.label`;

async function runQuery(db: Executor, orgId: string, terms: string[], filters: SearchFilters): Promise<Row[]> {
  const conditions = [sql`sops.org_id = ${orgId}`];
  if (filters.status === 'published') conditions.push(sql`sops.retired_at is null`);
  if (filters.status === 'retired') conditions.push(sql`sops.retired_at is not null`);
  if (filters.category) conditions.push(sql`sops.category = ${filters.category}`);
  if (filters.channel) conditions.push(sql`sops.channels like ${`%${JSON.stringify(filters.channel)}%`}`);
  if (filters.role) conditions.push(sql`sops.audience like ${`%${JSON.stringify(filters.role)}%`}`);
  const where = sql.join(conditions, sql` and `);
  if (isPostgres(db)) {
    const result = await sql<Row>`
      select s.sop_id, ts_rank_cd(s.document, q) as rank,
        ts_headline('english', s.title, q, ${`StartSel=${OPEN}, StopSel=${CLOSE}, HighlightAll=true`}) as title_marked,
        ts_headline('english', s.body, q, ${`StartSel=${OPEN}, StopSel=${CLOSE}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`}) as snippet_marked,
        ${SOP_COLUMNS}
      from sop_search s
      cross join to_tsquery('english', ${tsQuery(terms)}) q
      join sops on sops.id = s.sop_id
      left join sop_versions on sop_versions.id = sops.published_version_id
      where s.org_id = ${orgId} and s.document @@ q and ${where}
      order by rank desc, sops.key
      limit ${filters.limit}`.execute(db);
    return result.rows;
  }
  // bm25 weights per column (sop_id, org_id, title, body, glossary): a title hit counts most.
  // Ranking through FTS5's own rank column lets it sort the matches itself, so that SQLite stops
  // at the limit and builds the highlight and snippet for the rows it returns only; with
  // `order by -bm25(…)` it built them for every match (hundreds for a common word) before sorting.
  // Equal ranks come in index order.
  const result = await sql<Row>`
    select sop_search.sop_id, -sop_search.rank as rank,
      highlight(sop_search, 2, ${OPEN}, ${CLOSE}) as title_marked,
      snippet(sop_search, 3, ${OPEN}, ${CLOSE}, ' … ', 24) as snippet_marked,
      ${SOP_COLUMNS}
    from sop_search
    join sops on sops.id = sop_search.sop_id
    left join sop_versions on sop_versions.id = sops.published_version_id
    where sop_search match ${fts5Query(terms)} and sop_search.rank match 'bm25(0, 0, 10.0, 1.0, 4.0)'
      and sop_search.org_id = ${orgId} and ${where}
    order by sop_search.rank
    limit ${filters.limit}`.execute(db);
  return result.rows;
}

/** Full-text search over the published library: ranked, filtered, with highlighted snippets. */
export async function searchSops(db: Db, actor: Actor, query: string, filters: SearchFilters): Promise<SearchResults> {
  authorize(actor, 'library.read');
  const terms = searchTerms(query);
  if (terms.length === 0) return { query, terms, items: [] };
  const rows = await runQuery(db, actor.orgId, terms, filters);
  return {
    query,
    terms,
    items: rows.map((row) => {
      // The indexed title is "KEY Title"; show the title's own highlighted part.
      const titleMarked = row.title_marked.startsWith(`${row.key} `) ? row.title_marked.slice(row.key.length + 1) : row.title_marked;
      return {
        sopId: row.sop_id,
        key: row.key,
        title: row.title,
        titleHighlighted: toSegments(titleMarked),
        category: row.category,
        channels: JSON.parse(row.channels) as string[],
        status: row.retired_at ? ('retired' as const) : ('published' as const),
        versionLabel: row.label,
        snippet: toSegments(row.snippet_marked),
        rank: Number(row.rank),
      };
    }),
  };
}

/** The bare full-text query and nothing else: the baseline the search benchmark compares against. */
export async function runBareSearch(db: Db, orgId: string, query: string): Promise<string[]> {
  const terms = searchTerms(query);
  if (terms.length === 0) return [];
  if (isPostgres(db)) {
    const result = await sql<{ sop_id: string }>`
      select sop_id from sop_search where org_id = ${orgId} and document @@ to_tsquery('english', ${tsQuery(terms)}) limit 20`.execute(db);
    return result.rows.map((row) => row.sop_id);
  }
  const result = await sql<{ sop_id: string }>`
    select sop_id from sop_search where sop_search match ${fts5Query(terms)} and org_id = ${orgId} limit 20`.execute(db);
  return result.rows.map((row) => row.sop_id);
}
