import { stemmer } from 'stemmer';
import type { Highlighted } from '../../../common/api/search';

/** Words a snippet shows, as FTS5's snippet() was asked for. */
const SNIPPET_WORDS = 24;
const ELLIPSIS = '…';
// The snippet shows the stretch of text (about SNIPPET_WORDS words) that holds the most distinct
// terms. It is chosen in characters, so that only the words around it are ever looked at.
const SNIPPET_SPAN_CHARS = 150;
// FTS5's porter tokenizer leaves longer tokens as they are.
const LONGEST_STEMMED = 64;

type Match = { start: number; end: number; term: number };
type Span = { start: number; end: number };

const NON_ASCII_WORD_CHARACTER = /[\p{L}\p{N}]/u;

/** Letters and digits make words, as in searchTerms and FTS5's unicode61 tokenizer. */
function isWordCharacter(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
  return NON_ASCII_WORD_CHARACTER.test(text[index]!);
}

/** Lower case, Latin diacritics removed: what the index compares (unicode61 remove_diacritics). */
function foldWord(word: string): string {
  const lower = word.toLowerCase();
  // eslint-disable-next-line no-control-regex
  return /^[\u0000-\u007f]*$/.test(lower) ? lower : lower.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
}

// Stemming is a pure function of the word and costs microseconds (the stemmer is regular
// expressions), while a library's vocabulary is a few thousand words: stems are remembered.
const STEMS_REMEMBERED = 50_000;
const stems = new Map<string, string>();

function stemOf(word: string): string {
  let stem = stems.get(word);
  if (stem === undefined) {
    stem = word.length > LONGEST_STEMMED ? word : stemmer(word);
    if (stems.size >= STEMS_REMEMBERED) stems.clear();
    stems.set(word, stem);
  }
  return stem;
}

/**
 * Marks the words of a text that the query matched: the same (Porter) stem as a term, or for the
 * last term a stem that starts with its stem — the index's own rule, so that "refu" lights up
 * "refunds". FTS5's porter tokenizer stems as the `stemmer` package does; PostgreSQL's english
 * dictionary (Snowball) stems a few word forms differently ("repeatedly"), which changes what is
 * highlighted, never what is found.
 */
export type QueryHighlighter = {
  /** The whole text, every match marked. */
  highlight(text: string): Highlighted;
  /** About SNIPPET_WORDS words around the densest matches (the start when nothing matches), "…" where text is left out. */
  snippet(text: string): Highlighted;
};

export function highlighterFor(terms: readonly string[], options: { lastIsPrefix: boolean }): QueryHighlighter {
  const termStems = terms.map((term) => stemOf(foldWord(term)));
  const prefixTerm = options.lastIsPrefix ? termStems.length - 1 : -1;
  // Porter rewrites endings only, and by at most two letters ("ability" → "abl"): a word can
  // match only if it starts with its term's stem less two letters. Those heads are found by string
  // search, and only the words that start with one are stemmed. (A word whose first letters carry
  // accents the term does not, "élan" for "elan", is found by the index but not marked.)
  const heads = headsOf(termStems);
  // One pass over the text finds every word that starts with a head, in order.
  const candidates = heads.length > 0 ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${heads.join('|')})[\\p{L}\\p{N}]*`, 'gu') : null;
  const termOfWord = new Map<string, number>();

  const termOf = (word: string): number => {
    let term = termOfWord.get(word);
    if (term === undefined) {
      const stem = stemOf(foldWord(word));
      term = termStems.findIndex((candidate, index) => (index === prefixTerm ? stem.startsWith(candidate) : stem === candidate));
      termOfWord.set(word, term);
    }
    return term;
  };

  const matchesIn = (text: string): Match[] => {
    let lower = text.toLowerCase();
    // A few letters (İ) grow when lower-cased; those stay as they are, so that positions hold.
    if (lower.length !== text.length) lower = Array.from(text, (character) => (character.toLowerCase().length === character.length ? character.toLowerCase() : character)).join('');
    const matches: Match[] = [];
    if (!candidates) return matches;
    candidates.lastIndex = 0;
    for (let found = candidates.exec(lower); found; found = candidates.exec(lower)) {
      const term = termOf(found[0]);
      if (term >= 0) matches.push({ start: found.index, end: found.index + found[0].length, term });
    }
    return matches;
  };

  return {
    highlight: (text) => segmentsOf(text, { start: 0, end: text.length }, matchesIn(text)),
    snippet: (text) => {
      const matches = matchesIn(text);
      const window = wordWindowAround(text, densestSpan(matches, terms.length) ?? { start: 0, end: 0 });
      const segments = segmentsOf(text, window, matches);
      if (wordBefore(text, window.start)) addText(segments, 'start', `${ELLIPSIS} `);
      if (wordAfter(text, window.end)) addText(segments, 'end', ` ${ELLIPSIS}`);
      return segments;
    },
  };
}

/** Distinct, none the start of another ("lo" finds every word "loyal" would), and letters or digits only. */
function headsOf(stems: readonly string[]): string[] {
  const heads = [...new Set(stems.map((stem) => stem.slice(0, Math.max(Math.min(2, stem.length), stem.length - 2))))].filter(Boolean);
  return heads.filter((head) => !heads.some((other) => other !== head && head.startsWith(other)));
}

/** From the first to the last match of the stretch with the most distinct terms, then the most matches. */
function densestSpan(matches: readonly Match[], termCount: number): Span | undefined {
  const inWindow = new Array<number>(termCount).fill(0);
  let distinct = 0;
  let bestScore = -1;
  let best: Span | undefined;
  let to = 0;
  for (let from = 0; from < matches.length; from++) {
    for (; to < matches.length && matches[to]!.start < matches[from]!.start + SNIPPET_SPAN_CHARS; to++) {
      if (inWindow[matches[to]!.term]!++ === 0) distinct++;
    }
    const score = distinct * 1000 + (to - from);
    if (score > bestScore) {
      bestScore = score;
      best = { start: matches[from]!.start, end: matches[to - 1]!.end };
    }
    if (--inWindow[matches[from]!.term]! === 0) distinct--;
  }
  return best;
}

function wordBefore(text: string, index: number): boolean {
  for (let at = index - 1; at >= 0; at--) if (isWordCharacter(text, at)) return true;
  return false;
}

function wordAfter(text: string, index: number): boolean {
  for (let at = index; at < text.length; at++) if (isWordCharacter(text, at)) return true;
  return false;
}

/** Up to `count` words from `from` on (or, backwards, ending before it), reading no further. */
function wordsFrom(text: string, from: number, count: number, direction: 1 | -1): Span[] {
  const words: Span[] = [];
  let at = direction === 1 ? from : from - 1;
  while (words.length < count && at >= 0 && at < text.length) {
    if (!isWordCharacter(text, at)) {
      at += direction;
      continue;
    }
    const edge = at;
    while (at >= 0 && at < text.length && isWordCharacter(text, at)) at += direction;
    words.push(direction === 1 ? { start: edge, end: at } : { start: at + 1, end: edge + 1 });
  }
  return direction === 1 ? words : words.reverse();
}

/** SNIPPET_WORDS words holding the span, centred on it as FTS5 centres its snippet. */
function wordWindowAround(text: string, span: Span): Span {
  const after = wordsFrom(text, span.start, SNIPPET_WORDS, 1);
  const spanWords = Math.max(1, after.filter((word) => word.start < span.end).length);
  // Near the end of the text, the words that cannot come after come before.
  const wantedBefore = Math.max(Math.floor((SNIPPET_WORDS - spanWords) / 2), SNIPPET_WORDS - after.length);
  const before = wordsFrom(text, span.start, wantedBefore, -1);
  const words = [...before, ...after].slice(0, SNIPPET_WORDS);
  return words.length > 0 ? { start: words[0]!.start, end: words.at(-1)!.end } : { start: 0, end: 0 };
}

/** Adds plain text at one end, into the segment there when that is plain text too. */
function addText(segments: Highlighted, end: 'start' | 'end', text: string): void {
  const index = end === 'start' ? 0 : segments.length - 1;
  const segment = segments[index];
  if (segment && !segment.match) segments[index] = { text: end === 'start' ? text + segment.text : segment.text + text, match: false };
  else if (end === 'start') segments.unshift({ text, match: false });
  else segments.push({ text, match: false });
}

function segmentsOf(text: string, window: Span, matches: readonly Match[]): Highlighted {
  const segments: Highlighted = [];
  let at = window.start;
  for (const match of matches) {
    if (match.start < window.start || match.end > window.end) continue;
    if (match.start > at) segments.push({ text: text.slice(at, match.start), match: false });
    segments.push({ text: text.slice(match.start, match.end), match: true });
    at = match.end;
  }
  if (window.end > at) segments.push({ text: text.slice(at, window.end), match: false });
  return segments.length > 0 ? segments : [{ text: text.slice(window.start, window.end), match: false }];
}
