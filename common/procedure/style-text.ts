import { syllable } from 'syllable';

// Plain-text measures of prose for the style checks: words, sentences and the Flesch reading ease.

const ABBREVIATIONS = /\b(e\.g|i\.e|etc|approx|incl|vs|mr|mrs|ms|dr)\./gi;

/** Markdown reduced to the words a reader reads: no code, link targets, emphasis markers or list bullets. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/`[^`]*`/g, ' ')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+/gm, '')
    .replace(/[*_~]+/g, '')
    .replace(/\|/g, ' ');
}

/** Words of running text (letters, with inner apostrophes and hyphens); numbers are not words here. */
export function wordsOf(text: string): string[] {
  return text.match(/[\p{L}][\p{L}\p{M}'’-]*/gu) ?? [];
}

/** Sentences of plain text: ended by . ! ? or a line break (a list item or a heading is a sentence). */
export function sentencesOf(text: string): string[] {
  return text
    .replace(ABBREVIATIONS, (match) => match.slice(0, -1))
    .split(/(?<=[.!?…])\s+|\n+|;\s+/)
    .map((sentence) => sentence.trim())
    .filter((sentence) => wordsOf(sentence).length > 0);
}

export type Readability = { words: number; sentences: number; syllables: number; score: number | null };

/**
 * Flesch reading ease: 206.835 − 1.015 × words per sentence − 84.6 × syllables per word.
 * 60–70 is plain English; below 50 is hard going. Null when there is no text to score.
 */
export function fleschReadingEase(text: string): Readability {
  const sentences = sentencesOf(text);
  const words = sentences.flatMap(wordsOf);
  const syllables = words.reduce((total, word) => total + Math.max(1, syllable(word)), 0);
  if (words.length === 0) return { words: 0, sentences: 0, syllables: 0, score: null };
  const score = 206.835 - 1.015 * (words.length / sentences.length) - 84.6 * (syllables / words.length);
  return { words: words.length, sentences: sentences.length, syllables, score: Math.round(score * 10) / 10 };
}

/** Text with quoted passages (scripts to read out) removed, so that "Say “How can I help?”" has no pronoun. */
export function withoutQuotations(text: string): string {
  return text
    .replace(/"[^"]*"/g, ' ')
    .replace(/“[^”]*”/g, ' ')
    .replace(/(^|[\s(])‘[^’]*’(?=$|[\s.,;:!?)])/g, '$1 ')
    .replace(/(^|[\s(])'[^']*'(?=$|[\s.,;:!?)])/g, '$1 ');
}
