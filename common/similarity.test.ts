import { describe, expect, it } from 'vitest';
import { findLikelyDuplicates, significantWords, wordOverlap } from './similarity';

describe('likely duplicates in the process register', () => {
  it('folds case, accents, plurals and filler words', () => {
    expect([...significantWords('Refunding the Customer’s purchases')]).toEqual(['refund', 'purchas']);
    expect(wordOverlap(significantWords('Refund a purchase'), significantWords('Refunding purchases'))).toBe(1);
  });

  it('flags two wordings of one process, both ways, and leaves distinct processes alone', () => {
    const duplicates = findLikelyDuplicates([
      { id: 'a', name: 'Refund a purchase', description: 'Give money back for goods.' },
      { id: 'b', name: 'Refunding purchases', description: 'Money back when goods are returned.' },
      { id: 'c', name: 'Log an accident on the premises', description: 'Record injuries in store.' },
      { id: 'd', name: 'Handle a complaint', description: '' },
    ]);
    expect(duplicates.get('a')).toEqual([{ id: 'b', name: 'Refunding purchases', similarity: 1 }]);
    expect(duplicates.get('b')?.[0]?.id).toBe('a');
    expect(duplicates.has('c')).toBe(false);
    expect(duplicates.has('d')).toBe(false);
  });

  it('does not flag processes that share only one word of several', () => {
    const duplicates = findLikelyDuplicates([
      { id: 'a', name: 'Replace a faulty product', description: '' },
      { id: 'b', name: 'Return a product bought online', description: '' },
    ]);
    expect(duplicates.size).toBe(0);
  });
});
