import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { buildFlowGraph, layoutFlowGraph } from './flowchart';
import { generateLargeProcedure, sampleRefundProcedure } from './flowchart-fixtures';
import { DEFAULT_FLOWCHART_THEME, curveThrough, escapeXml, renderFlowchartSvg, type FlowchartKindColours } from './flowchart-svg';
import type { Step } from './model';

type XmlElement = { name: string; attributes: Record<string, string>; children: XmlElement[]; text: string };

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string, where: string): string {
  return text.replace(/&([^;]*);?/g, (whole, name: string) => {
    if (!whole.endsWith(';')) throw new Error(`bare & in ${where}`);
    if (name in ENTITIES) return ENTITIES[name]!;
    const code = /^#x([0-9a-f]+)$/i.exec(name)?.[1] ?? /^#(\d+)$/.exec(name)?.[1];
    if (code === undefined) throw new Error(`unknown entity &${name}; in ${where}`);
    return String.fromCodePoint(Number.parseInt(code, name.startsWith('#x') ? 16 : 10));
  });
}

/**
 * A strict little XML parser for what the renderer writes (elements, attributes, text): throws on
 * anything that is not well-formed — an unbalanced or unclosed tag, a bare & or <, "]]>" in text,
 * a duplicate or unquoted attribute, a character XML forbids, text or a second element outside the root.
 */
function parseXml(xml: string): XmlElement {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.test(xml)) throw new Error('character not allowed in XML');
  const tag = /<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_:][\w.:-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/y;
  const attribute = /([A-Za-z_:][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const stack = [root];
  let position = 0;
  while (position < xml.length) {
    const next = xml.indexOf('<', position);
    const text = xml.slice(position, next === -1 ? xml.length : next);
    if (text.includes(']]>')) throw new Error('"]]>" in text');
    const current = stack[stack.length - 1]!;
    if (stack.length === 1 && text.trim() !== '') throw new Error('text outside the root element');
    current.text += decode(text, `text of <${current.name}>`);
    if (next === -1) break;
    tag.lastIndex = next;
    const match = tag.exec(xml);
    if (!match) throw new Error(`malformed tag at ${next}: ${xml.slice(next, next + 40)}`);
    const [whole, closing, name, attributeText, selfClosing] = match;
    if (closing) {
      if (selfClosing || attributeText!.trim()) throw new Error(`malformed closing tag </${name}>`);
      const open = stack.pop();
      if (open?.name !== name || stack.length === 0) throw new Error(`</${name}> closes <${open?.name}>`);
    } else {
      if (stack.length === 1 && root.children.length > 0) throw new Error('a second root element');
      const element: XmlElement = { name: name!, attributes: {}, children: [], text: '' };
      for (const [, key, doubleQuoted, singleQuoted] of attributeText!.matchAll(attribute)) {
        if (key! in element.attributes) throw new Error(`duplicate attribute ${key} on <${name}>`);
        element.attributes[key!] = decode(doubleQuoted ?? singleQuoted ?? '', `attribute ${key}`);
      }
      current.children.push(element);
      if (!selfClosing) stack.push(element);
    }
    position = next + whole.length;
  }
  if (stack.length !== 1) throw new Error(`<${stack[stack.length - 1]!.name}> is never closed`);
  if (root.children.length !== 1) throw new Error('no root element');
  return root.children[0]!;
}

function descendants(element: XmlElement): XmlElement[] {
  return element.children.flatMap((child) => [child, ...descendants(child)]);
}

function refundSvg(options: Parameters<typeof renderFlowchartSvg>[1] = {}): string {
  return renderFlowchartSvg(layoutFlowGraph(buildFlowGraph(sampleRefundProcedure())), options);
}

const HOSTILE = `<script>alert("x")</script> & 'quoted' "double" ]]> <![CDATA[ x ]]> &amp; \u0007`;

function hostileProcedure(): Step[] {
  return [
    { id: 'a', kind: 'action', text: `Say ${HOSTILE}`, role: `Agent ${HOSTILE}` },
    {
      id: 'd',
      kind: 'decision',
      text: `Is it ${HOSTILE}?`,
      branches: [
        { id: 'y', label: `Yes ${HOSTILE}`, steps: [{ id: 'r', kind: 'referral', text: `Refer ${HOSTILE}`, referTo: `Boss ${HOSTILE}` }] },
        { id: 'n', label: `No ${HOSTILE}`, steps: [], end: { outcome: `Closed ${HOSTILE}` } },
      ],
    },
    {
      id: 'rec',
      kind: 'record',
      text: `Record ${HOSTILE}`,
      record: { fields: [{ key: 'f', label: `Field ${HOSTILE}`, type: 'text', required: true }] },
    },
  ];
}

function luminance(hex: string): number {
  const channels = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

describe('flowchart SVG', () => {
  it('is checked by a parser that does reject broken XML', () => {
    expect(parseXml('<svg a="1"><g><text>A &amp; B</text></g><rect/></svg>').children).toHaveLength(2);
    for (const broken of [
      '<svg><g></svg>',
      '<svg></g></svg>',
      '<svg><text>A & B</text></svg>',
      '<svg><text>a < b</text></svg>',
      '<svg><text>]]></text></svg>',
      '<svg a="1" a="2"/>',
      '<svg a=1/>',
      '<svg a="<"/>',
      '<svg/><svg/>',
      '<svg><text>\u0001</text></svg>',
      '<svg><text>&nbsp;</text></svg>',
      '<svg>',
    ]) {
      expect(() => parseXml(broken), broken).toThrow();
    }
  });

  it('is a well-formed, standalone, accessible SVG document', () => {
    const svg = refundSvg({ title: 'CS-REF-001 Refund a purchase', showTitle: true, legend: true });
    const root = parseXml(svg);
    expect(root.name).toBe('svg');
    expect(root.attributes).toMatchObject({ xmlns: 'http://www.w3.org/2000/svg', role: 'img', 'aria-label': 'CS-REF-001 Refund a purchase' });
    const [width, height] = [Number(root.attributes.width), Number(root.attributes.height)];
    expect(width).toBeGreaterThan(0);
    expect(height).toBeGreaterThan(0);
    expect(root.attributes.viewBox).toBe(`0 0 ${width} ${height}`);
    expect(root.children[0]).toMatchObject({ name: 'title', text: 'CS-REF-001 Refund a purchase' });
    expect(root.children[1]?.name).toBe('desc');
    expect(root.children[1]?.text).toMatch(/10 steps with 2 decisions/);

    const all = descendants(root);
    const texts = all.filter((element) => element.name === 'text').map((element) => element.text);
    expect(texts).toContain('Refer to Supervisor');
    expect(texts).toContain('Yes, within 30 days');
    expect(texts).toContain('No refund; repair or');
    // Shapes by kind: a polygon per decision (2), a path per record (1) plus edges, a marker for arrows.
    expect(all.filter((element) => element.name === 'polygon').length).toBeGreaterThanOrEqual(2);
    expect(all.filter((element) => element.name === 'marker')).toHaveLength(1);
    const edgePaths = all.filter((element) => element.attributes['marker-end'] === 'url(#sopdesk-flow-arrow)');
    expect(edgePaths).toHaveLength(buildFlowGraph(sampleRefundProcedure()).edges.length);
  });

  it('uses only what svg-to-pdfkit and inline React draw: plain attributes, no CSS, filters or foreign objects', () => {
    const svg = refundSvg({ legend: true, showTitle: true });
    const names = new Set(descendants(parseXml(svg)).map((element) => element.name));
    for (const name of names) expect(['title', 'desc', 'defs', 'marker', 'path', 'rect', 'polygon', 'g', 'text']).toContain(name);
    expect(svg).not.toMatch(/\b(class|style)=|foreignObject|filter|<style/);
  });

  it('escapes every piece of user text, wherever it appears', () => {
    const layout = layoutFlowGraph(buildFlowGraph(hostileProcedure(), { numberOf: () => `1 ${HOSTILE}` }));
    const svg = renderFlowchartSvg(layout, { title: `Title ${HOSTILE}`, showTitle: true });
    expect(svg).not.toMatch(/<script|<!\[CDATA\[|\]\]>/);
    expect(svg).not.toContain('\u0007');
    expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;quoted&apos;');
    const root = parseXml(svg);
    expect(root.attributes['aria-label']).toBe(`Title ${HOSTILE.replace('\u0007', '')}`);
    expect(descendants(root).some((element) => element.name === 'script')).toBe(false);
    // Text is wrapped into lines (a long word is broken), but every character comes back intact after parsing.
    const text = descendants(root)
      .filter((element) => element.name === 'text')
      .map((element) => element.text)
      .join('')
      .replace(/\s/g, '');
    for (const word of ['<script>alert("x")</script>', "'quoted'", '"double"', ']]>', '&amp;', 'RefertoBoss']) expect(text).toContain(word);
  });

  it('escapes the five XML specials and drops characters XML cannot hold', () => {
    expect(escapeXml(`<a href="x">Tom & Jerry's</a>\u0000\uFFFF\uD800`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;');
    expect(escapeXml('Refund 😀 £50')).toBe('Refund 😀 £50');
  });

  it('prefixes its ids so that several charts can sit inline in one page', () => {
    const svg = refundSvg({ idPrefix: 'sop-42 "x"' });
    expect(svg).toContain('id="sop-42x-arrow"');
    expect(svg).toContain('marker-end="url(#sop-42x-arrow)"');
    expect(svg).not.toContain('sopdesk-flow');
  });

  it('keeps text readable: every text colour meets WCAG AA (4.5:1) on its fill', () => {
    const theme = DEFAULT_FLOWCHART_THEME;
    const kinds: FlowchartKindColours[] = [theme.terminator, theme.action, theme.decision, theme.referral, theme.record];
    for (const kind of kinds) {
      expect(contrast(kind.text, kind.fill)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(kind.muted, kind.fill)).toBeGreaterThanOrEqual(4.5);
    }
    expect(contrast(theme.referral.bandText, theme.referral.band)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(theme.edgeLabelText, theme.edgeLabelFill)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(theme.titleText, theme.background)).toBeGreaterThanOrEqual(4.5);
    // Lines and outlines are graphics: 3:1 against the page (WCAG 1.4.11).
    expect(contrast(theme.edge, theme.background)).toBeGreaterThanOrEqual(3);
  });

  it('takes a theme override', () => {
    const svg = refundSvg({ theme: { edge: '#000000' } });
    expect(svg).toContain('stroke="#000000"');
  });

  it('draws smooth edges that start and end on the polyline’s end points', () => {
    expect(curveThrough([{ x: 0, y: 0 }, { x: 0, y: 10 }])).toBe('M 0 0 L 0 10');
    const path = curveThrough([
      { x: 0, y: 0 },
      { x: 0, y: 30 },
      { x: 30, y: 60 },
    ]);
    expect(path.startsWith('M 0 0 ')).toBe(true);
    expect(path.endsWith('L 30 60')).toBe(true);
  });

  it('renders a 200-step procedure into one well-formed document', () => {
    const layout = layoutFlowGraph(buildFlowGraph(generateLargeProcedure(200, 11)));
    const root = parseXml(renderFlowchartSvg(layout, { title: 'Large' }));
    expect(descendants(root).filter((element) => element.attributes['marker-end'])).toHaveLength(layout.edges.length);
  });

  it('draws into a PDF through svg-to-pdfkit without a warning', async () => {
    // svg-to-pdfkit ships no types; the PDF export uses it the same way.
    const svgToPdf = createRequire(import.meta.url)('svg-to-pdfkit') as (doc: PDFKit.PDFDocument, svg: string, x: number, y: number, options: object) => void;
    const doc = new PDFDocument({ size: 'A4' });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    const ended = new Promise((resolve) => doc.on('end', resolve));
    const warnings: string[] = [];
    svgToPdf(doc, refundSvg({ title: 'Refund', showTitle: true, legend: true }), 20, 20, {
      width: 555,
      height: 800,
      preserveAspectRatio: 'xMidYMin meet',
      warningCallback: (warning: string) => warnings.push(warning),
    });
    doc.end();
    await ended;
    expect(warnings).toEqual([]);
    expect(Buffer.concat(chunks).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
