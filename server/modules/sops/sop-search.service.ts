import { sql } from 'kysely';
import type { SearchResults } from '../../../common/api/search';
import type { Db } from '../../db/database';
import { isPostgres } from '../../db/dialect';
import { executePrepared } from '../../db/prepared-query';
import { fts5Words, tsqueryWords } from '../../db/text-search';
import { authorize, type Actor } from '../../policy/policy';
import { highlighterFor } from './sop-search.highlight';
import { findRankedSops, type SearchFilters } from './sop-search.repository';

/** Words of the query: letters and digits only, so nothing the user types is search syntax. */
export function searchTerms(query: string): string[] {
  return (query.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 12);
}

/**
 * Full-text search over the published library: ranked, filtered, with highlighted snippets. The
 * SOPs holding every word come first; when none does, those holding some of the words (most words
 * first, by rank), so that a word the manual happens not to use ("refund over limit" where it says
 * "above") does not leave an agent on a call with nothing.
 */
export async function searchSops(db: Db, actor: Actor, query: string, filters: SearchFilters): Promise<SearchResults> {
  authorize(actor, 'library.read');
  const terms = searchTerms(query);
  if (terms.length === 0) return { query, terms, everyWord: true, items: [] };
  let found = await findRankedSops(db, actor.orgId, terms, filters, 'every');
  const everyWord = found.hits.length > 0 || terms.length === 1;
  if (!everyWord) found = await findRankedSops(db, actor.orgId, terms, filters, 'any');
  const { hits, indexedWords } = found;
  // The highlights and the snippet are cut here, from the page's rows only: the engines' own
  // snippet functions read and stem the whole text of every row they are given.
  const highlighter = highlighterFor(
    terms.filter((_, index) => indexedWords[index]),
    { lastIsPrefix: indexedWords.at(-1) === true },
  );
  return {
    query,
    terms,
    everyWord,
    items: hits.map((hit) => {
      // The indexed title is "KEY Title"; the result shows the title's own part.
      const title = hit.indexed_title.startsWith(`${hit.key} `) ? hit.indexed_title.slice(hit.key.length + 1) : hit.indexed_title;
      return {
        sopId: hit.sop_id,
        key: hit.key,
        title,
        titleHighlighted: highlighter.highlight(title),
        category: hit.category,
        channels: JSON.parse(hit.channels) as string[],
        status: hit.retired_at ? ('retired' as const) : ('published' as const),
        versionLabel: hit.version_label,
        snippet: highlighter.snippet(hit.body),
      };
    }),
  };
}

/** The bare full-text query and nothing else: the baseline the search benchmark compares against. */
export async function runBareSearch(db: Db, orgId: string, query: string): Promise<string[]> {
  const terms = searchTerms(query);
  if (terms.length === 0) return [];
  if (isPostgres(db)) {
    // Sent as the search is (a prepared statement, see findRankedSops), so that the figure compares the work, not the protocol.
    const result = await executePrepared(db, sql<{ sop_id: string }>`
      select sop_id from sop_search where org_id = ${orgId} and document @@ to_tsquery('english', ${tsqueryWords(terms)}) limit 20`);
    return result.rows.map((row) => row.sop_id);
  }
  const result = await sql<{ sop_id: string }>`
    select sop_id from sop_search where sop_search match ${fts5Words(terms)} and org_id = ${orgId} limit 20`.execute(db);
  return result.rows.map((row) => row.sop_id);
}
