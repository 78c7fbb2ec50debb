import { z } from 'zod';

export const searchQuerySchema = z.strictObject({
  q: z.string().trim().min(1, 'type at least one word').max(200),
  channel: z.string().max(40).optional(),
  category: z.string().max(80).optional(),
  role: z.string().max(80).optional().describe('SOPs whose audience includes this role'),
  status: z.enum(['published', 'retired', 'any']).default('published'),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

/** Highlighted text as segments, so no HTML ever travels: the UI marks `match` segments itself. */
export const highlightedSchema = z.array(z.object({ text: z.string(), match: z.boolean() }));

export const searchResultSchema = z.object({
  sopId: z.string(),
  key: z.string(),
  title: z.string(),
  titleHighlighted: highlightedSchema,
  category: z.string(),
  channels: z.array(z.string()),
  status: z.enum(['published', 'retired']),
  versionLabel: z.string().nullable(),
  snippet: highlightedSchema,
  // No score: the order is the ranking. On SQLite, bm25's score takes its statistics from every
  // organisation's SOPs, so a score would tell one organisation how often others use a word.
});

export const searchResultsSchema = z.object({
  query: z.string(),
  terms: z.array(z.string()),
  everyWord: z
    .boolean()
    .describe('true: each result holds every word. false: no SOP holds them all, and the results hold some of them, those with more of them ranked first'),
  items: z.array(searchResultSchema),
});

export type SearchQuery = z.input<typeof searchQuerySchema>;
export type SearchResult = z.infer<typeof searchResultSchema>;
export type SearchResults = z.infer<typeof searchResultsSchema>;
export type Highlighted = z.infer<typeof highlightedSchema>;
