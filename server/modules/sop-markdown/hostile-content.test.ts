import { readFileSync } from 'node:fs';
import type { Nodes as HastNodes } from 'hast';
import type { Nodes } from 'mdast';
import rehypeParse from 'rehype-parse';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { emptySopContent, type SopContent, type SopMetadata } from '../../../common/procedure/model';
import { isUnsafeUrl } from './hostile-content';
import { importMarkdown } from './markdown-import';
import { parseMarkdown } from './markdown-processor';
import { exportSopMarkdown } from './sop-markdown-export';
import { importedText } from './test-support/text-preservation';

// An import keeps hostile text as text: nothing it stores is live HTML or a script link. Checked on the
// stored Markdown itself, and by rendering it with a renderer that lets raw HTML through — the worst
// renderer the stored Markdown could meet.

const htmlParser = unified().use(rehypeParse, { fragment: true });
const permissiveRenderer = unified().use(remarkParse).use(remarkGfm).use(remarkRehype, { allowDangerousHtml: true }).use(rehypeStringify, { allowDangerousHtml: true });

const PAYLOADS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<img src="x" onerror="alert(1)">',
  '<svg onload=alert(1)>',
  '<svg/onload="alert(1)">',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<a href="javascript:alert(1)">click</a>',
  '[click](javascript:alert(1))',
  '[click](JAVASCRIPT:alert(1))',
  '[click](java\tscript:alert(1))',
  '<javascript:alert(1)>',
  '![x](javascript:alert(1))',
  '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[click](vbscript:msgbox(1))',
  '[click][evil]\n\n[evil]: javascript:alert(1)',
  '<details open ontoggle=alert(1)>',
  '<!-- <script>alert(1)</script> -->',
];

function markdownFields(content: SopContent): string[] {
  const fields = [content.purpose, content.scope, content.healthAndSafety, content.equipment, content.tips, ...content.additionalSections.map((section) => section.body)];
  const visit = (steps: SopContent['procedure']) => {
    for (const step of steps) {
      if (step.detail) fields.push(step.detail);
      visit(step.substeps ?? []);
      for (const branch of step.branches ?? []) visit(branch.steps);
    }
  };
  visit(content.procedure);
  return fields;
}

/** Raw HTML nodes and links to script in Markdown, as a parser sees them. */
function liveThings(markdown: string): string[] {
  const found: string[] = [];
  const visit = (node: Nodes) => {
    if (node.type === 'html') found.push(`html ${node.value}`);
    if ((node.type === 'link' || node.type === 'image' || node.type === 'definition') && isUnsafeUrl(node.url)) found.push(`${node.type} ${node.url}`);
    if ('children' in node) for (const child of node.children) visit(child as Nodes);
  };
  visit(parseMarkdown(markdown));
  return found;
}

/** Elements and attributes of rendered HTML that could run script. */
function dangerousHtml(html: string): string[] {
  const found: string[] = [];
  const visit = (node: HastNodes) => {
    if (node.type === 'element') {
      if (['script', 'img', 'svg', 'iframe', 'details', 'object', 'embed'].includes(node.tagName)) found.push(`<${node.tagName}>`);
      for (const [name, value] of Object.entries(node.properties)) {
        if (/^on/i.test(name)) found.push(`${node.tagName} ${name}`);
        if ((name === 'href' || name === 'src') && typeof value === 'string' && isUnsafeUrl(value)) found.push(`${node.tagName} ${name}=${value}`);
      }
    }
    if ('children' in node) for (const child of node.children) visit(child);
  };
  visit(htmlParser.parse(html));
  return found;
}

function expectInert(content: SopContent): void {
  for (const markdown of markdownFields(content)) {
    expect(liveThings(markdown), markdown).toEqual([]);
    expect(dangerousHtml(String(permissiveRenderer.processSync(markdown))), markdown).toEqual([]);
  }
}

describe('hostile content', () => {
  it.each(PAYLOADS)('keeps %s as inert text, wherever it appears', (payload) => {
    const source = [
      `## Purpose\n\n${payload}\n\nBefore ${payload} after.`,
      `## Procedure\n\n1. Read the complaint ${payload} and reply.\n\n   ${payload.replace(/\n/g, '\n   ')}\n\n   - Nested ${payload}\n2. If it is urgent, call back.\n3. Otherwise, reply by email.`,
      `## Routing\n\n| Queue | Note |\n|---|---|\n| A | ${payload.split('\n')[0]} |`,
    ].join('\n\n');
    const result = importMarkdown(source);
    expectInert(result.content);
    // Neutralised, not deleted: the words are still there to read.
    expect(importedText(result)).toMatch(/alert|msgbox|PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg/);
  });

  it('neutralises the hostile fixture and reports each finding on its line', () => {
    const source = readFileSync(new URL('./fixtures/hostile.md', import.meta.url), 'utf8');
    const result = importMarkdown(source, { fileName: 'hostile.md' });
    expectInert(result.content);
    const warnings = result.report.items.filter((item) => item.kind === 'warning');
    expect(new Set(warnings.map((item) => item.line))).toEqual(new Set([7, 11, 13, 15, 19, 20, 21, 22, 23, 25, 29]));
    expect(result.content.procedure[0]?.text).toBe("Read the complaint carefully (`javascript:alert('link')`) and thank the customer.");
    expect(result.content.references[0]).toEqual({ kind: 'document', target: 'Complaints policy (`data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==`)' });
    expect(result.content.references[1]).toEqual({ kind: 'link', target: 'https://example.com/complaints', label: 'Safe link' });
  });

  it('makes hostile Markdown inert in sopdesk Markdown too, and leaves safe fields byte for byte', () => {
    const metadata: SopMetadata = { key: 'CS-CMP-001', title: 'Handle a complaint', category: 'Complaints', channels: [], audience: [], reviewIntervalMonths: 12 };
    const content: SopContent = {
      ...emptySopContent(),
      purpose: 'Safe text with a [link](https://example.com) and `<code>`.',
      scope: '<script>alert(1)</script>\n\nThen [this](javascript:alert(2)).',
      procedure: [{ id: 's1', kind: 'action', text: 'Reply <b>politely</b>.', detail: '<img src=x onerror=alert(3)>' }],
    };
    const result = importMarkdown(exportSopMarkdown(metadata, content, { label: '1.0', changeKind: 'major', changeSummary: '' }));
    expect(result.report.format).toBe('sopdesk-markdown');
    expectInert(result.content);
    expect(result.content.purpose).toBe(content.purpose);
    // A step's text is plain text, never rendered as Markdown or HTML: it is kept as written.
    expect(result.content.procedure[0]?.text).toBe('Reply <b>politely</b>.');
    expect(result.report.items.filter((item) => item.kind === 'warning')).toHaveLength(3);
  });

  it('recognises script schemes however they are written', () => {
    for (const url of ['javascript:alert(1)', ' JavaScript:alert(1)', 'java\tscript:x', 'java\nscript:x', 'data:text/html,x', 'vbscript:x', 'livescript:x']) {
      expect(isUnsafeUrl(url), url).toBe(true);
    }
    for (const url of ['https://example.com', 'http://x', 'mailto:a@b.c', 'tel:+441234', '/relative/path', '#anchor', 'page.html', '../up.md']) {
      expect(isUnsafeUrl(url), url).toBe(false);
    }
  });
});
