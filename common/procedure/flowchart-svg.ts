import { cornerRadius, measureText, recordWaveOffset, type FlowLayout, type PlacedText, type Point, type PositionedEdge, type PositionedNode } from './flowchart';

// A laid-out flowchart as one standalone SVG string: a file that opens in a browser, markup that
// can be put inline in a page, and input for svg-to-pdfkit in the PDF manual. So: presentation
// attributes only (no CSS classes, filters or foreignObject), explicit text baselines, and every
// piece of user text escaped.

export type FlowchartKindColours = { fill: string; stroke: string; text: string; muted: string };

export type FlowchartTheme = {
  fontFamily: string;
  background: string;
  edge: string;
  edgeLabelFill: string;
  edgeLabelStroke: string;
  edgeLabelText: string;
  titleText: string;
  terminator: FlowchartKindColours;
  action: FlowchartKindColours;
  decision: FlowchartKindColours;
  referral: FlowchartKindColours & { band: string; bandText: string };
  record: FlowchartKindColours;
};

/** Pale fills with dark text: every text colour has at least 4.5:1 contrast on its fill (WCAG AA). */
export const DEFAULT_FLOWCHART_THEME: FlowchartTheme = {
  fontFamily: 'Helvetica, Arial, Liberation Sans, sans-serif',
  background: '#ffffff',
  edge: '#52606d',
  edgeLabelFill: '#ffffff',
  edgeLabelStroke: '#c3cad3',
  edgeLabelText: '#1f2933',
  titleText: '#1f2933',
  terminator: { fill: '#334e68', stroke: '#243b53', text: '#ffffff', muted: '#d9e2ec' },
  action: { fill: '#eef4fb', stroke: '#4a77a8', text: '#102a43', muted: '#3e5a78' },
  decision: { fill: '#fff6dc', stroke: '#b7791f', text: '#3d2a05', muted: '#744f0e' },
  referral: { fill: '#f5f0fc', stroke: '#6b46c1', text: '#2d1b57', muted: '#553c9a', band: '#553c9a', bandText: '#ffffff' },
  record: { fill: '#eaf7ef', stroke: '#2f855a', text: '#153e2a', muted: '#276749' },
};

export type RenderFlowchartOptions = {
  /** The accessible name (and <title>) of the drawing, e.g. the SOP's key and title. */
  title?: string;
  /** Draw the title as a heading above the chart (for a standalone file). */
  showTitle?: boolean;
  /** Draw a key of the shapes above the chart. */
  legend?: boolean;
  theme?: Partial<FlowchartTheme>;
  /** Prefix of the ids inside the SVG, so that several charts inline in one page do not share a marker. */
  idPrefix?: string;
};

/** The characters XML 1.0 forbids even when escaped: they would make the file unreadable. */
// eslint-disable-next-line no-control-regex
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes text for XML character data and attribute values alike. */
export function escapeXml(text: string): string {
  return text
    .replace(INVALID_XML_CHARS, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const n = (value: number): string => String(Math.round(value * 10) / 10);

const TITLE_SIZE = 18;
const LEGEND_HEIGHT = 40;

/** Renders a laid-out flowchart as a standalone, accessible SVG document. */
export function renderFlowchartSvg(layout: FlowLayout, options: RenderFlowchartOptions = {}): string {
  const theme: FlowchartTheme = { ...DEFAULT_FLOWCHART_THEME, ...options.theme };
  const prefix = (options.idPrefix ?? 'sopdesk-flow').replace(/[^A-Za-z0-9_-]/g, '') || 'sopdesk-flow';
  const title = options.title?.trim() || 'Procedure flowchart';
  const steps = layout.nodes.filter((node) => node.stepId !== undefined).length;
  const decisions = layout.nodes.filter((node) => node.kind === 'decision').length;
  const description = `Flowchart of ${steps} step${steps === 1 ? '' : 's'} with ${decisions} decision${decisions === 1 ? '' : 's'}, from Start to End.`;

  const titleHeight = options.showTitle ? TITLE_SIZE * 2 : 0;
  const legend = options.legend ? renderLegend(theme, layout.fontSize) : undefined;
  const headerHeight = titleHeight + (legend ? LEGEND_HEIGHT : 0);
  const titleWidth = options.showTitle ? measureText(title, TITLE_SIZE, true) + 32 : 0;
  const width = Math.ceil(Math.max(layout.width, legend?.width ?? 0, titleWidth));
  const height = Math.ceil(layout.height + headerHeight);
  const chartX = (width - layout.width) / 2;

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(title)}">`,
    `<title>${escapeXml(title)}</title>`,
    `<desc>${escapeXml(description)}</desc>`,
    '<defs>',
    `<marker id="${prefix}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto">`,
    `<path d="M 0 0 L 10 5 L 0 10 Z" fill="${theme.edge}"/>`,
    '</marker>',
    '</defs>',
    `<rect x="0" y="0" width="${width}" height="${height}" fill="${theme.background}"/>`,
    `<g font-family="${escapeXml(theme.fontFamily)}">`,
  ];
  if (options.showTitle) {
    parts.push(`<text x="${n(16)}" y="${n(TITLE_SIZE * 1.4)}" font-size="${TITLE_SIZE}" font-weight="bold" fill="${theme.titleText}">${escapeXml(title)}</text>`);
  }
  if (legend) parts.push(`<g transform="translate(${n((width - legend.width) / 2)} ${n(titleHeight)})">`, legend.markup, '</g>');

  parts.push(`<g transform="translate(${n(chartX)} ${n(headerHeight)})">`);
  parts.push(`<g fill="none" stroke="${theme.edge}" stroke-width="1.5">`);
  for (const edge of layout.edges) parts.push(`<path d="${curveThrough(edge.points)}" marker-end="url(#${prefix}-arrow)"/>`);
  parts.push('</g>');
  for (const node of layout.nodes) parts.push(renderNode(node, theme));
  for (const edge of layout.edges) parts.push(renderEdgeLabel(edge, theme));
  parts.push('</g>', '</g>', '</svg>');
  return parts.filter((part) => part !== '').join('\n');
}

function colours(node: Pick<PositionedNode, 'kind'>, theme: FlowchartTheme): FlowchartKindColours {
  if (node.kind === 'start' || node.kind === 'end') return theme.terminator;
  return theme[node.kind];
}

function renderNode(node: PositionedNode, theme: FlowchartTheme): string {
  const palette = colours(node, theme);
  const dash = node.unreachable ? ' stroke-dasharray="6 4"' : '';
  const stroke = `stroke="${palette.stroke}" stroke-width="1.5"${dash}`;
  const parts = [shapeMarkup(node, `fill="${palette.fill}" ${stroke}`)];
  if (node.kind === 'referral' && node.bandHeight !== undefined) {
    // The "Refer to …" band across the top, then the outline again so the band does not cover it.
    parts.push(`<path d="${bandPath(node, node.bandHeight)}" fill="${theme.referral.band}"/>`);
    parts.push(shapeMarkup(node, `fill="none" ${stroke}`));
  }
  const textColour = (line: PlacedText): string =>
    line.tone === 'band' ? theme.referral.bandText : line.tone === 'muted' ? palette.muted : palette.text;
  for (const line of node.lines) parts.push(textMarkup(line, textColour(line)));
  return `<g>\n${parts.join('\n')}\n</g>`;
}

/** The outline of a node's shape; `wave` is the swing of a record's wavy bottom (smaller in the legend). */
function shapeMarkup(node: Pick<PositionedNode, 'kind' | 'x' | 'y' | 'width' | 'height'>, paint: string, wave?: number): string {
  const left = node.x - node.width / 2;
  const top = node.y - node.height / 2;
  if (node.kind === 'decision') {
    const points = [
      [node.x, top],
      [left + node.width, node.y],
      [node.x, top + node.height],
      [left, node.y],
    ];
    return `<polygon points="${points.map(([x, y]) => `${n(x!)},${n(y!)}`).join(' ')}" ${paint}/>`;
  }
  if (node.kind === 'record') return `<path d="${documentPath(node, wave)}" ${paint}/>`;
  const radius = cornerRadius(node);
  return `<rect x="${n(left)}" y="${n(top)}" width="${n(node.width)}" height="${n(node.height)}" rx="${n(radius)}" ry="${n(radius)}" ${paint}/>`;
}

/** A document: a box whose bottom edge is one wave, drawn as the same curve the layout clips edges to. */
function documentPath(node: Pick<PositionedNode, 'x' | 'y' | 'width' | 'height'>, wave?: number): string {
  const left = node.x - node.width / 2;
  const top = node.y - node.height / 2;
  const bottom = top + node.height;
  const segments = 24;
  const bottomEdge: string[] = [];
  for (let i = segments; i >= 0; i--) {
    const localX = (node.width * i) / segments;
    bottomEdge.push(`L ${n(left + localX)} ${n(bottom - recordWaveOffset(node.width, localX, wave))}`);
  }
  return `M ${n(left)} ${n(top)} L ${n(left + node.width)} ${n(top)} ${bottomEdge.join(' ')} Z`;
}

function bandPath(node: Pick<PositionedNode, 'kind' | 'x' | 'y' | 'width' | 'height'>, bandHeight: number): string {
  const left = node.x - node.width / 2;
  const right = left + node.width;
  const top = node.y - node.height / 2;
  const radius = cornerRadius(node);
  return [
    `M ${n(left)} ${n(top + bandHeight)}`,
    `L ${n(left)} ${n(top + radius)}`,
    `Q ${n(left)} ${n(top)} ${n(left + radius)} ${n(top)}`,
    `L ${n(right - radius)} ${n(top)}`,
    `Q ${n(right)} ${n(top)} ${n(right)} ${n(top + radius)}`,
    `L ${n(right)} ${n(top + bandHeight)} Z`,
  ].join(' ');
}

function textMarkup(line: PlacedText, fill: string, anchor: 'middle' | 'start' = 'middle'): string {
  const weight = line.bold ? ' font-weight="bold"' : '';
  return `<text x="${n(line.x)}" y="${n(line.y)}" font-size="${line.fontSize}"${weight} fill="${fill}" text-anchor="${anchor}">${escapeXml(line.text)}</text>`;
}

function renderEdgeLabel(edge: PositionedEdge, theme: FlowchartTheme): string {
  if (!edge.labelBox || edge.labelLines.length === 0) return '';
  const box = edge.labelBox;
  const rect = `<rect x="${n(box.x - box.width / 2)}" y="${n(box.y - box.height / 2)}" width="${n(box.width)}" height="${n(box.height)}" rx="4" ry="4" fill="${theme.edgeLabelFill}" stroke="${theme.edgeLabelStroke}" stroke-width="1"/>`;
  return `<g>\n${rect}\n${edge.labelLines.map((line) => textMarkup(line, theme.edgeLabelText)).join('\n')}\n</g>`;
}

/** A smooth path through a polyline (a uniform B-spline, as d3's curveBasis), ending on the last point along the last segment. */
export function curveThrough(points: Point[]): string {
  const [first, second] = points;
  if (!first) return '';
  if (!second || points.length === 2) return `M ${n(first.x)} ${n(first.y)}${second ? ` L ${n(second.x)} ${n(second.y)}` : ''}`;
  const commands = [`M ${n(first.x)} ${n(first.y)}`];
  commands.push(`L ${n((5 * first.x + second.x) / 6)} ${n((5 * first.y + second.y) / 6)}`);
  for (let i = 2; i <= points.length; i++) {
    const p0 = points[i - 2]!;
    const p1 = points[i - 1]!;
    const p = points[i] ?? p1; // the last call repeats the end point, which pulls the curve onto it
    commands.push(
      `C ${n((2 * p0.x + p1.x) / 3)} ${n((2 * p0.y + p1.y) / 3)} ${n((p0.x + 2 * p1.x) / 3)} ${n((p0.y + 2 * p1.y) / 3)} ${n((p0.x + 4 * p1.x + p.x) / 6)} ${n((p0.y + 4 * p1.y + p.y) / 6)}`,
    );
  }
  const last = points[points.length - 1]!;
  commands.push(`L ${n(last.x)} ${n(last.y)}`);
  return commands.join(' ');
}

/** A key of the shapes: small samples with their names, in one row. */
function renderLegend(theme: FlowchartTheme, fontSize: number): { width: number; markup: string } {
  const size = Math.round(fontSize * 0.9 * 10) / 10;
  const entries: { kind: PositionedNode['kind']; label: string }[] = [
    { kind: 'start', label: 'Start / end' },
    { kind: 'action', label: 'Action' },
    { kind: 'decision', label: 'Decision' },
    { kind: 'referral', label: 'Referral' },
    { kind: 'record', label: 'Record' },
  ];
  const shapeWidth = 34;
  const shapeHeight = 20;
  const parts: string[] = [];
  let x = 16;
  for (const entry of entries) {
    const palette = colours(entry, theme);
    const sample = { kind: entry.kind, x: x + shapeWidth / 2, y: LEGEND_HEIGHT / 2, width: shapeWidth, height: shapeHeight };
    parts.push(shapeMarkup(sample, `fill="${palette.fill}" stroke="${palette.stroke}" stroke-width="1.5"`, 2));
    if (entry.kind === 'referral') {
      parts.push(`<path d="${bandPath(sample, 6)}" fill="${theme.referral.band}"/>`);
    }
    x += shapeWidth + 6;
    parts.push(textMarkup({ text: entry.label, x, y: LEGEND_HEIGHT / 2 + size * 0.35, fontSize: size, bold: false, tone: 'body' }, theme.titleText, 'start'));
    x += measureText(entry.label, size) + 22;
  }
  return { width: x - 22 + 16, markup: parts.join('\n') };
}
