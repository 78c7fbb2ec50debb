import { describe, expect, it } from 'vitest';
import { markdownToPdfBlocks } from './pdf-markdown';

describe('Markdown for the PDF', () => {
  it('keeps paragraphs with emphasis, lists, tables and code', () => {
    const blocks = markdownToPdfBlocks('Say **thank you** and *smile*.\n\n1. One\n2. Two\n\n| Role | Limit |\n|---|---|\n| Agent | £50 |\n\n```\ncode\n```');
    expect(blocks).toEqual([
      { kind: 'paragraph', runs: [{ text: 'Say ' }, { bold: true, text: 'thank you' }, { text: ' and ' }, { italic: true, text: 'smile' }, { text: '.' }] },
      { kind: 'list', ordered: true, start: 1, items: [[{ kind: 'paragraph', runs: [{ text: 'One' }] }], [{ kind: 'paragraph', runs: [{ text: 'Two' }] }]] },
      { kind: 'table', rows: [['Role', 'Limit'], ['Agent', '£50']] },
      { kind: 'code', text: 'code' },
    ]);
  });

  it('leaves raw HTML out and links only to web and mail addresses, showing where they go', () => {
    const blocks = markdownToPdfBlocks('<div onclick="x()">hidden</div>\n\n[policy](https://example.com/p) and [bad](javascript:alert(1))');
    expect(blocks).toEqual([
      {
        kind: 'paragraph',
        runs: [{ text: 'policy', link: 'https://example.com/p' }, { text: ' (https://example.com/p)' }, { text: ' and ' }, { text: 'bad' }],
      },
    ]);
  });
});
