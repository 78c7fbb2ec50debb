import { describe, expect, it } from 'vitest';
import type { Highlighted } from '../../../common/api/search';
import { highlighterFor } from './sop-search.highlight';

const marked = (segments: Highlighted) => segments.filter((segment) => segment.match).map((segment) => segment.text);
const textOf = (segments: Highlighted) => segments.map((segment) => segment.text).join('');

describe('highlighterFor', () => {
  it('marks words with the stem of a term, and words starting with the last term’s stem', () => {
    const highlighter = highlighterFor(['refunded', 'receipt', 'vouch'], { lastIsPrefix: true });
    const segments = highlighter.highlight('Refunds need the receipts; vouchers and a voucher code too.');
    expect(marked(segments)).toEqual(['Refunds', 'receipts', 'vouchers', 'voucher']);
    expect(textOf(segments)).toBe('Refunds need the receipts; vouchers and a voucher code too.');
  });

  it('marks whole words only, and the last term as a whole word when it is not a prefix', () => {
    expect(marked(highlighterFor(['refund'], { lastIsPrefix: true }).highlight('A nonrefundable fare, refundable later.'))).toEqual(['refundable']);
    expect(marked(highlighterFor(['card'], { lastIsPrefix: false }).highlight('Cardboard cards.'))).toEqual(['cards']);
    expect(marked(highlighterFor(['card'], { lastIsPrefix: true }).highlight('Cardboard cards.'))).toEqual(['Cardboard', 'cards']);
  });

  it('folds case and Latin accents as the index does, and keeps positions where lower-casing would move them', () => {
    expect(marked(highlighterFor(['cafe'], { lastIsPrefix: false }).highlight('The CAFÉ and the café'))).toEqual(['CAFÉ', 'café']);
    const segments = highlighterFor(['card'], { lastIsPrefix: false }).highlight('İİ card');
    expect(segments).toEqual([
      { text: 'İİ ', match: false },
      { text: 'card', match: true },
    ]);
  });

  it('shows the start of the text when nothing in it matches', () => {
    const text = Array.from({ length: 30 }, (_, index) => `word${index}`).join(' ');
    const snippet = highlighterFor(['parcel'], { lastIsPrefix: true }).snippet(text);
    expect(snippet).toEqual([{ text: `${text.split(' ').slice(0, 24).join(' ')} …`, match: false }]);
  });

  it('centres the snippet on the stretch holding the most distinct terms', () => {
    const filler = (from: number) => Array.from({ length: 30 }, (_, index) => `w${from + index}`).join(' ');
    const text = `${filler(0)} parcel ${filler(100)} parcel courier ${filler(200)}`;
    const snippet = highlighterFor(['parcel', 'courier'], { lastIsPrefix: true }).snippet(text);
    expect(marked(snippet)).toEqual(['parcel', 'courier']);
    const words = textOf(snippet).split(' ').filter((word) => word !== '…');
    expect(words).toHaveLength(24);
    expect(words.indexOf('parcel')).toBe(11);
  });

  it('leaves a text without words as it is', () => {
    expect(highlighterFor(['parcel'], { lastIsPrefix: true }).snippet('')).toEqual([{ text: '', match: false }]);
    expect(highlighterFor([], { lastIsPrefix: false }).highlight('No terms.')).toEqual([{ text: 'No terms.', match: false }]);
  });
});
