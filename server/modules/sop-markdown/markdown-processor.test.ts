import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { escapeMarkdownText, parseMarkdown, stringifyPhrasing } from './markdown-processor';
import { seededRandom } from './test-support/random-sop';

// Both shortcuts in markdown-processor.ts promise the result of the full run; these hold them to it.

const plainRemark = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).freeze();

describe('parseMarkdown', () => {
  it.each([
    ['no link at all', '# Refunds\n\n1. Confirm the order.\n2. If it is late, refund it.\n3. Otherwise, ship it.\n'],
    ['literal links', 'See www.example.com, HTTPS://example.com/a_b?c=d and support@example.com.\n\n- xmpp:agent@chat.example.com\n- mailto:a@b.co\n'],
    ['links spelt with character references', 'Write to help&#64;example.com or open www&#46;example.com.\n'],
    ['links inside links and code', '[www.example.com](https://example.com) `a@b.co` <https://x.y>\n\n| a | b |\n|---|---|\n| www.x.org | c@d.ef |\n'],
    ['front matter', '---\ntitle: Refunds\nowner: lee@example.com\n---\n\nText www.example.com\n'],
  ])('reads %s as remark-gfm does', (_name, markdown) => {
    expect(parseMarkdown(markdown)).toEqual(plainRemark.parse(markdown));
  });
});

describe('escapeMarkdownText', () => {
  it('returns what the serializer returns, for plain words and for text with syntax in it', () => {
    const random = seededRandom(20261201);
    const alphabet = ['a', 'Z', 'é', 'ß', 'ı', '日', '1', '0', '٣', '½', '_', ' ', ' ', ',', '.', '-', '*', '#', '&', "'", '\t', '\n'];
    for (let index = 0; index < 5000; index++) {
      let value = '';
      const length = random.int(1, 9);
      for (let at = 0; at < length; at++) value += random.pick(alphabet);
      expect(escapeMarkdownText(value), JSON.stringify(value)).toBe(stringifyPhrasing([{ type: 'text', value }]));
    }
  });

  it('returns what the serializer returns, for every short string of word characters and separators', () => {
    const alphabet = ['a', '1', 'é', '_', ' ', ','];
    let values = [''];
    for (let length = 1; length <= 4; length++) {
      values = values.flatMap((value) => alphabet.map((character) => value + character));
      for (const value of values) expect(escapeMarkdownText(value), JSON.stringify(value)).toBe(stringifyPhrasing([{ type: 'text', value }]));
    }
  });

  it.each(['review_interval', '12 months', 'Handle a damaged parcel', 'Größe, Farbe und Preis', 'snake_case_name'])('keeps "%s" as it is', (value) => {
    expect(escapeMarkdownText(value)).toBe(value);
    expect(stringifyPhrasing([{ type: 'text', value }])).toBe(value);
  });
});
