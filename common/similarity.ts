import { stemmer } from 'stemmer';

// Likely duplicates in the process register: "Refund a purchase" and "Refunding purchases" are the
// same process written twice. Words are compared after folding case, accents, common suffixes and
// filler words (Porter stemming), then scored by how much of the smaller set the larger one shares.

const FILLER = new Set(['a', 'an', 'the', 'of', 'for', 'to', 'and', 'or', 'in', 'on', 'with', 'by', 'from', 'at', 'as', 'is', 'are', 'be', 'customer', 'customers']);


export function significantWords(text: string): Set<string> {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu) ?? [];
  return new Set(words.filter((word) => !FILLER.has(word) && word.length > 1).map((word) => stemmer(word)));
}

/** Overlap coefficient: shared words over the smaller set; 1 when one wording contains the other. */
export function wordOverlap(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const word of a) if (b.has(word)) shared++;
  return shared / Math.min(a.size, b.size);
}

export type Comparable = { id: string; name: string; description: string };

/**
 * Pairs that look like the same process: similar names, or a similar name and description
 * together. The threshold is deliberately cautious: a flag asks a person to look, nothing more.
 */
export function findLikelyDuplicates(items: readonly Comparable[], threshold = 0.75): Map<string, Array<{ id: string; name: string; similarity: number }>> {
  const prepared = items.map((item) => ({ item, name: significantWords(item.name), all: significantWords(`${item.name} ${item.description}`) }));
  const result = new Map<string, Array<{ id: string; name: string; similarity: number }>>();
  for (let i = 0; i < prepared.length; i++) {
    for (let j = i + 1; j < prepared.length; j++) {
      const left = prepared[i]!;
      const right = prepared[j]!;
      const byName = wordOverlap(left.name, right.name);
      const byAll = wordOverlap(left.all, right.all);
      const similarity = Math.max(byName, (byName + byAll) / 2);
      if (similarity < threshold || Math.min(left.name.size, right.name.size) === 0) continue;
      const score = Math.round(similarity * 100) / 100;
      result.set(left.item.id, [...(result.get(left.item.id) ?? []), { id: right.item.id, name: right.item.name, similarity: score }]);
      result.set(right.item.id, [...(result.get(right.item.id) ?? []), { id: left.item.id, name: left.item.name, similarity: score }]);
    }
  }
  return result;
}
