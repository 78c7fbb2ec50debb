import dagre from '@dagrejs/dagre';
import type { Branch, Step } from './model';

// The flowchart view of a procedure, in two pure steps that run alike in the browser, in Node
// (PDF and HTML export) and in tests: buildFlowGraph turns steps into nodes and edges, and
// layoutFlowGraph sizes every node from its wrapped text and lets dagre place them.
//
// Substeps are flattened: a step with substeps is a node of its own (the stage, "2 Resolve the
// request"), followed by its substeps in order (2.1, 2.2 …), then by the next step. A decision's
// substeps are the checks that inform it, so they come before the diamond. A flat chain keeps the
// layout robust (dagre's compound clusters route edges badly across cluster borders and leave no
// room for a cluster title) and the step numbers carry the hierarchy; `parentStepId` lets a view
// tint or collapse a stage.
//
// Decisions: each branch leaves the diamond on an edge labelled with the branch label, to the
// branch's first step. A branch that does not end rejoins at whatever comes after the decision
// (the next step, or the step after the enclosing branch or stage, or the final End); an empty
// branch goes there directly. A branch with `end` leads to an End node that shows its outcome.

export type FlowNodeKind = 'start' | 'end' | 'action' | 'decision' | 'referral' | 'record';

export type FlowNode = {
  id: string;
  kind: FlowNodeKind;
  /** The step this node shows; absent on start and end nodes. */
  stepId?: string;
  /** The step's outline number from the caller's `numberOf`, e.g. "2.1". */
  number?: string;
  /** The instruction, the outcome of an end node, or "Start"/"End". */
  text: string;
  /** Who performs the step. */
  role?: string;
  /** referral: the role the case is handed over to. */
  referTo?: string;
  /** A short secondary line: the governed action, the evidence a record step captures. */
  note?: string;
  /** Set on a substep: the step whose stage it belongs to. */
  parentStepId?: string;
  /** end: true when the node is the outcome of a branch rather than the end of the procedure. */
  outcome?: boolean;
  /** No path from Start reaches it (a step after a decision whose branches all end). */
  unreachable?: boolean;
};

export type FlowEdge = {
  id: string;
  from: string;
  to: string;
  /** The branch label on an edge that leaves a decision. */
  label?: string;
  /** On an edge that leaves a decision: the position of its branch (0 = first written). */
  branchIndex?: number;
};

export type FlowGraph = { nodes: FlowNode[]; edges: FlowEdge[] };

export type BuildFlowGraphOptions = {
  /** The outline number of a step ("2.1"); without it, nodes carry no number. */
  numberOf?: (stepId: string) => string | undefined;
  startText?: string;
  endText?: string;
};

/** An edge waiting for its target: the way out of a step, with the branch label if it leaves a decision. */
type Exit = { from: string; label?: string; branchIndex?: number };

export const START_NODE_ID = 'start';
export const END_NODE_ID = 'end';

/**
 * Turns a procedure into a flow graph: a start node, a node per step (substeps flattened after
 * their step), labelled branch edges, an End node per ending branch and a final End node (left out
 * only when every path ends on a branch outcome first).
 */
export function buildFlowGraph(steps: Step[], options: BuildFlowGraphOptions = {}): FlowGraph {
  const nodes: FlowNode[] = [];
  const edges: FlowEdge[] = [];
  const usedIds = new Set<string>();

  // Step ids are unique in a valid SOP, but a draft being edited may not be valid yet: never merge two nodes.
  const uniqueId = (base: string): string => {
    let id = base;
    for (let n = 2; usedIds.has(id); n++) id = `${base}#${n}`;
    usedIds.add(id);
    return id;
  };

  const connect = (exits: Exit[], to: string): void => {
    for (const exit of exits) {
      const edge: FlowEdge = { id: `e${edges.length + 1}`, from: exit.from, to };
      if (exit.label !== undefined) edge.label = exit.label;
      if (exit.branchIndex !== undefined) edge.branchIndex = exit.branchIndex;
      edges.push(edge);
    }
  };

  const addStepNode = (step: Step, parentStepId: string | undefined): string => {
    const number = options.numberOf?.(step.id);
    const note = noteOf(step);
    const node: FlowNode = {
      id: uniqueId(`step:${step.id}`),
      kind: step.kind,
      stepId: step.id,
      text: normaliseText(step.text),
      ...(number ? { number } : {}),
      ...(step.role ? { role: normaliseText(step.role) } : {}),
      ...(step.kind === 'referral' && step.referTo ? { referTo: normaliseText(step.referTo) } : {}),
      ...(note ? { note } : {}),
      ...(parentStepId ? { parentStepId } : {}),
    };
    nodes.push(node);
    return node.id;
  };

  const addOutcomeNode = (branch: Branch, outcome: string): string => {
    const id = uniqueId(`end:${branch.id}`);
    nodes.push({ id, kind: 'end', text: normaliseText(outcome), outcome: true });
    return id;
  };

  const appendSequence = (sequence: Step[], incoming: Exit[], parentStepId?: string): Exit[] => {
    let exits = incoming;
    for (const step of sequence) exits = appendStep(step, exits, parentStepId);
    return exits;
  };

  const appendStep = (step: Step, incoming: Exit[], parentStepId: string | undefined): Exit[] => {
    if (step.kind !== 'decision') {
      const id = addStepNode(step, parentStepId);
      connect(incoming, id);
      return appendSequence(step.substeps ?? [], [{ from: id }], step.id);
    }
    const beforeDecision = appendSequence(step.substeps ?? [], incoming, step.id);
    const id = addStepNode(step, parentStepId);
    connect(beforeDecision, id);
    const branches = step.branches ?? [];
    if (branches.length === 0) return [{ from: id }];
    const rejoining: Exit[] = [];
    for (const [branchIndex, branch] of branches.entries()) {
      const out = appendSequence(branch.steps, [{ from: id, label: normaliseText(branch.label), branchIndex }]);
      if (branch.end) connect(out, addOutcomeNode(branch, branch.end.outcome));
      else rejoining.push(...out);
    }
    return rejoining;
  };

  usedIds.add(START_NODE_ID);
  usedIds.add(END_NODE_ID);
  nodes.push({ id: START_NODE_ID, kind: 'start', text: options.startText ?? 'Start' });
  const last = appendSequence(steps, [{ from: START_NODE_ID }]);
  if (last.length > 0) {
    nodes.push({ id: END_NODE_ID, kind: 'end', text: options.endText ?? 'End' });
    connect(last, END_NODE_ID);
  }
  markUnreachable(nodes, edges);
  return { nodes, edges: inBranchOrder(edges) };
}

/**
 * The edges in the order they are read: the edges of one decision together, in branch order (an
 * empty branch's edge is only made when the step after the decision is), numbered e1, e2 ….
 */
function inBranchOrder(edges: FlowEdge[]): FlowEdge[] {
  const branchEdges = new Map<string, FlowEdge[]>();
  for (const edge of edges) {
    if (edge.branchIndex !== undefined) branchEdges.set(edge.from, [...(branchEdges.get(edge.from) ?? []), edge]);
  }
  const ordered: FlowEdge[] = [];
  for (const edge of edges) {
    if (edge.branchIndex === undefined) ordered.push(edge);
    else if (branchEdges.has(edge.from)) {
      ordered.push(...branchEdges.get(edge.from)!.sort((a, b) => a.branchIndex! - b.branchIndex!));
      branchEdges.delete(edge.from);
    }
  }
  return ordered.map((edge, index) => ({ ...edge, id: `e${index + 1}` }));
}

function markUnreachable(nodes: FlowNode[], edges: FlowEdge[]): void {
  const next = new Map<string, string[]>();
  for (const edge of edges) next.set(edge.from, [...(next.get(edge.from) ?? []), edge.to]);
  const reached = new Set([START_NODE_ID]);
  const queue = [START_NODE_ID];
  for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
    for (const to of next.get(id) ?? []) {
      if (!reached.has(to)) {
        reached.add(to);
        queue.push(to);
      }
    }
  }
  for (const node of nodes) if (!reached.has(node.id)) node.unreachable = true;
}

const MAX_NOTED_FIELDS = 4;

function noteOf(step: Step): string | undefined {
  if (step.kind === 'action' && step.action) {
    return `Governed action: ${step.action.key.replace(/-/g, ' ')}${step.action.hasAmount ? ' (amount)' : ''}`;
  }
  if (step.kind === 'record' && step.record) {
    const items = step.record.fields.map((field) => normaliseText(field.label));
    const shown = items.slice(0, MAX_NOTED_FIELDS);
    if (items.length > shown.length) shown.push(`+${items.length - shown.length} more`);
    if (step.record.note) shown.push('a note');
    if (step.record.attachment) shown.push('an attachment');
    return shown.length > 0 ? `Capture: ${shown.join(', ')}` : undefined;
  }
  return undefined;
}

function normaliseText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

// ---------------------------------------------------------------------------------------------
// Text measurement: deterministic, no DOM. Advance widths (per 1000 em) of Helvetica for printable
// ASCII, the font the SVG asks for and the one PDFKit embeds; Arial and Liberation Sans share these
// metrics, so browsers draw the same widths. Other characters get an average width, East Asian
// wide characters and emoji a full em.

const HELVETICA = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556,
  556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556,
  556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];
const HELVETICA_BOLD = [
  278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556,
  556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611, 556, 333, 611,
  611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
];
const AVERAGE_WIDTH = 600;

function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    code >= 0x1f000
  );
}

/** The width in pixels of one line of text at a font size, as Helvetica/Arial draws it. */
export function measureText(text: string, fontSize: number, bold = false): number {
  const table = bold ? HELVETICA_BOLD : HELVETICA;
  let units = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 32;
    units += code >= 32 && code <= 126 ? (table[code - 32] ?? AVERAGE_WIDTH) : isWide(code) ? 1000 : AVERAGE_WIDTH;
  }
  return (units * fontSize) / 1000;
}

/** Greedy word wrap to a maximum line width; a word longer than a line is broken between characters. */
export function wrapText(text: string, maxWidth: number, fontSize: number, bold = false): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of normaliseText(text).split(' ')) {
    if (word === '') continue;
    const candidate = line === '' ? word : `${line} ${word}`;
    if (measureText(candidate, fontSize, bold) <= maxWidth) {
      line = candidate;
      continue;
    }
    if (line !== '') lines.push(line);
    line = '';
    for (const char of word) {
      if (line !== '' && measureText(line + char, fontSize, bold) > maxWidth) {
        lines.push(line);
        line = '';
      }
      line += char;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

// ---------------------------------------------------------------------------------------------
// Layout

export type FlowDirection = 'TB' | 'LR';

export type FlowLayoutOptions = {
  direction?: FlowDirection;
  /** Size of the instruction text in pixels; the other text scales with it. Default 13. */
  fontSize?: number;
  /** Widest line of an instruction before it wraps, in pixels. Default 200. */
  maxTextWidth?: number;
};

export type Point = { x: number; y: number };

/** One line of text, placed: x is its centre (text-anchor middle), y its baseline. */
export type PlacedText = {
  text: string;
  x: number;
  y: number;
  fontSize: number;
  bold: boolean;
  /** body: the instruction; muted: number, role, notes; band: the referral band. */
  tone: 'body' | 'muted' | 'band';
};

/** A node with its box: x and y are the centre. */
export type PositionedNode = FlowNode & {
  x: number;
  y: number;
  width: number;
  height: number;
  lines: PlacedText[];
  /** referral: the height of the "Refer to …" band across the top. */
  bandHeight?: number;
};

export type PositionedEdge = FlowEdge & {
  /** From the source's outline to the target's outline (the arrow tip). */
  points: Point[];
  labelBox?: { x: number; y: number; width: number; height: number };
  labelLines: PlacedText[];
};

export type FlowLayout = {
  direction: FlowDirection;
  width: number;
  height: number;
  fontSize: number;
  nodes: PositionedNode[];
  edges: PositionedEdge[];
};

type TextBlock = { lines: string[]; fontSize: number; bold: boolean; tone: PlacedText['tone'] };
type NodeBox = { width: number; height: number; blocks: TextBlock[]; bandHeight?: number; contentOffsetY: number };

const LINE_HEIGHT = 1.3;
const BLOCK_GAP = 3;
const PAD_X = 14;
const PAD_Y = 10;
/** Width over height of a decision diamond. */
const DIAMOND_RATIO = 1.6;

/** How far the wave along the bottom of a record (document) shape swings either side of its middle line. */
const RECORD_WAVE = 6;

/** The wave along the bottom of a record (document) shape: how far above the box's bottom it is at localX (0 … width). */
export function recordWaveOffset(width: number, localX: number, amplitude = RECORD_WAVE): number {
  return amplitude - amplitude * Math.sin((2 * Math.PI * localX) / width);
}

/** Corner radius of a node's box by kind (terminators are pills). */
export function cornerRadius(node: { kind: FlowNodeKind; width: number; height: number }): number {
  if (node.kind === 'start' || node.kind === 'end') return Math.min(node.height, node.width) / 2;
  if (node.kind === 'action') return 10;
  if (node.kind === 'referral') return 4;
  return 0;
}

function textHeight(block: TextBlock): number {
  return block.lines.length * block.fontSize * LINE_HEIGHT;
}

function blocksSize(blocks: TextBlock[]): { width: number; height: number } {
  const present = blocks.filter((block) => block.lines.length > 0);
  const width = Math.max(0, ...present.flatMap((block) => block.lines.map((line) => measureText(line, block.fontSize, block.bold))));
  const height = present.reduce((sum, block) => sum + textHeight(block), 0) + BLOCK_GAP * Math.max(0, present.length - 1);
  return { width, height };
}

function sizeNode(node: FlowNode, fontSize: number, maxTextWidth: number): NodeBox {
  const small = Math.round(fontSize * 0.85 * 10) / 10;
  const header = [node.number, node.role].filter(Boolean).join(' · ');
  const headerBlock: TextBlock = { lines: header ? wrapText(header, maxTextWidth, small, true) : [], fontSize: small, bold: true, tone: 'muted' };
  const noteBlock: TextBlock = { lines: node.note ? wrapText(node.note, maxTextWidth, small) : [], fontSize: small, bold: false, tone: 'muted' };

  if (node.kind === 'start' || node.kind === 'end') {
    const blocks: TextBlock[] = node.outcome
      ? [
          { lines: ['End'], fontSize: small, bold: true, tone: 'muted' },
          { lines: wrapText(node.text, maxTextWidth * 0.8, fontSize, true), fontSize, bold: true, tone: 'body' },
        ]
      : [{ lines: wrapText(node.text, maxTextWidth * 0.8, fontSize, true), fontSize, bold: true, tone: 'body' }];
    const content = blocksSize(blocks);
    const height = content.height + 2 * (PAD_Y - 2);
    return { width: Math.max(80, content.width + 2 * PAD_X + height / 3), height, blocks, contentOffsetY: 0 };
  }

  if (node.kind === 'decision') {
    const blocks = [headerBlock, { lines: wrapText(node.text, maxTextWidth * 0.75, fontSize), fontSize, bold: false, tone: 'body' as const }];
    const content = blocksSize(blocks);
    // The text box (half-sizes a, b) touches the diamond's edges when A = a + b·ratio and B = A / ratio.
    const a = content.width / 2 + 6;
    const b = content.height / 2 + 4;
    const halfWidth = a + b * DIAMOND_RATIO;
    return { width: 2 * halfWidth, height: (2 * halfWidth) / DIAMOND_RATIO, blocks, contentOffsetY: 0 };
  }

  const body: TextBlock = { lines: wrapText(node.text, maxTextWidth, fontSize), fontSize, bold: false, tone: 'body' };
  const blocks = [headerBlock, body, noteBlock];
  const content = blocksSize(blocks);
  const minWidth = maxTextWidth * 0.8;

  if (node.kind === 'referral') {
    const bandText = node.referTo ? `Refer to ${node.referTo}` : 'Referral (no role named)';
    const band: TextBlock = { lines: wrapText(bandText, maxTextWidth, small, true), fontSize: small, bold: true, tone: 'band' };
    const bandHeight = textHeight(band) + 8;
    const width = Math.max(minWidth, content.width, blocksSize([band]).width) + 2 * PAD_X;
    const height = bandHeight + content.height + 2 * PAD_Y;
    return { width, height, blocks: [band, ...blocks], bandHeight, contentOffsetY: bandHeight / 2 };
  }

  const width = Math.max(minWidth, content.width) + 2 * PAD_X;
  if (node.kind === 'record') {
    const height = content.height + 2 * PAD_Y;
    return { width, height: height + 2 * RECORD_WAVE, blocks, contentOffsetY: -RECORD_WAVE };
  }
  return { width, height: content.height + 2 * PAD_Y, blocks, contentOffsetY: 0 };
}

/** Places the text blocks of a node, centred on (cx, cy); a referral's band sits at the top. */
function placeBlocks(box: NodeBox, cx: number, cy: number): PlacedText[] {
  const placed: PlacedText[] = [];
  const [first, ...rest] = box.blocks;
  const placeLines = (blocks: TextBlock[], top: number): void => {
    let y = top;
    for (const block of blocks) {
      if (block.lines.length === 0) continue;
      const lineHeight = block.fontSize * LINE_HEIGHT;
      for (const text of block.lines) {
        // Baseline that centres the glyphs (ascent 0.72 em, descent 0.21 em) in the line box.
        placed.push({ text, x: cx, y: y + lineHeight / 2 + block.fontSize * 0.35, fontSize: block.fontSize, bold: block.bold, tone: block.tone });
        y += lineHeight;
      }
      y += BLOCK_GAP;
    }
  };
  if (box.bandHeight !== undefined && first) {
    const top = cy - box.height / 2;
    placeLines([first], top + (box.bandHeight - textHeight(first)) / 2);
    const content = blocksSize(rest);
    placeLines(rest, top + box.bandHeight + (box.height - box.bandHeight - content.height) / 2);
    return placed;
  }
  const content = blocksSize(box.blocks);
  placeLines(box.blocks, cy + box.contentOffsetY - content.height / 2);
  return placed;
}

/** Whether a point lies inside a node's drawn shape (not just its box). */
function isInsideShape(node: PositionedNode, point: Point): boolean {
  const dx = point.x - node.x;
  const dy = point.y - node.y;
  const halfWidth = node.width / 2;
  const halfHeight = node.height / 2;
  if (Math.abs(dx) > halfWidth || Math.abs(dy) > halfHeight) return false;
  if (node.kind === 'decision') return Math.abs(dx) / halfWidth + Math.abs(dy) / halfHeight <= 1;
  if (node.kind === 'record') return dy <= halfHeight - recordWaveOffset(node.width, dx + halfWidth);
  const radius = cornerRadius(node);
  const cornerX = Math.abs(dx) - (halfWidth - radius);
  const cornerY = Math.abs(dy) - (halfHeight - radius);
  return cornerX <= 0 || cornerY <= 0 || cornerX * cornerX + cornerY * cornerY <= radius * radius;
}

/** Where the ray from `origin` (inside the node) toward a point leaves the node's shape, by bisection: the shapes are convex. */
function outlinePoint(node: PositionedNode, toward: Point, origin: Point = node): Point {
  const dx = toward.x - origin.x;
  const dy = toward.y - origin.y;
  const length = Math.hypot(dx, dy);
  if (length === 0) return { x: origin.x, y: origin.y };
  let inside = 0;
  let outside = node.width + node.height;
  for (let i = 0; i < 30; i++) {
    const t = (inside + outside) / 2;
    if (isInsideShape(node, { x: origin.x + (dx / length) * t, y: origin.y + (dy / length) * t })) inside = t;
    else outside = t;
  }
  return { x: origin.x + (dx / length) * inside, y: origin.y + (dy / length) * inside };
}

/**
 * Where an edge meets a node, coming from (or going to) the point `toward`: straight along the
 * flow when that point is above or below the node within its width (left or right in LR), so that
 * arrows enter boxes square; otherwise on the line to the centre.
 */
function attachPoint(node: PositionedNode, toward: Point, direction: FlowDirection): Point {
  const across = direction === 'TB' ? 'x' : 'y';
  const along = direction === 'TB' ? 'y' : 'x';
  const halfAcross = (direction === 'TB' ? node.width : node.height) / 2;
  const halfAlong = (direction === 'TB' ? node.height : node.width) / 2;
  // A diamond is entered square only near its tip; a rounded box anywhere along its straight side.
  const reach = node.kind === 'decision' ? halfAcross / 3 : halfAcross - cornerRadius(node) - 2;
  const offset = toward[across] - node[across];
  if (Math.abs(offset) > reach || Math.abs(toward[along] - node[along]) <= halfAlong) return outlinePoint(node, toward);
  const origin = direction === 'TB' ? { x: toward.x, y: node.y } : { x: node.x, y: toward.y };
  return outlinePoint(node, toward, origin);
}

type DagreNode = { width: number; height: number; x?: number; y?: number };
type DagreEdge = { minlen: number; weight?: number; points?: Point[] };

/**
 * Sizes every node from its wrapped text and lays the graph out with dagre.
 *
 * A branch label is a node of its own in the dagre graph, held on the rank just below its decision
 * (every other edge spans two ranks, as dagre does with its own edge labels), so that a reader sees
 * every answer next to its question even when a branch goes straight to a step far below. Which
 * side each branch takes is left to dagre's crossing minimisation: forcing the written order
 * (dagre's order constraints) produced crossed edges around rejoining branches.
 */
export function layoutFlowGraph(graph: FlowGraph, options: FlowLayoutOptions = {}): FlowLayout {
  const direction = options.direction ?? 'TB';
  const fontSize = options.fontSize ?? 13;
  const maxTextWidth = options.maxTextWidth ?? 200;
  const labelFontSize = Math.round(fontSize * 0.9 * 10) / 10;

  const g = new dagre.graphlib.Graph<Record<string, unknown>, DagreNode, DagreEdge>({ multigraph: true });
  // ranksep is per half rank: two ranks between steps, the label's rank between a decision and its branches.
  g.setGraph({ rankdir: direction, nodesep: 36, edgesep: 14, ranksep: direction === 'TB' ? 20 : 28, marginx: 16, marginy: 16 });

  const boxes = new Map<string, NodeBox>();
  for (const node of graph.nodes) {
    const box = sizeNode(node, fontSize, maxTextWidth);
    boxes.set(node.id, box);
    g.setNode(node.id, { width: round(box.width), height: round(box.height) });
  }
  const labelBlocks = new Map<string, TextBlock>();
  const labelNodeId = (edge: FlowEdge): string => `label:${edge.id}`;
  for (const edge of graph.edges) {
    if (!g.hasNode(edge.from) || !g.hasNode(edge.to)) throw new Error(`Edge ${edge.id} joins a node that is not in the graph`);
  }
  for (const edge of graph.edges) {
    if (!edge.label) {
      g.setEdge(edge.from, edge.to, { minlen: 2 }, edge.id);
      continue;
    }
    const block: TextBlock = { lines: wrapText(edge.label, maxTextWidth * 0.65, labelFontSize), fontSize: labelFontSize, bold: false, tone: 'body' };
    labelBlocks.set(edge.id, block);
    const size = blocksSize([block]);
    g.setNode(labelNodeId(edge), { width: round(size.width + 12), height: round(size.height + 6) });
    // Heavier, so that ranking keeps the label right below its decision rather than beside a distant target.
    g.setEdge(edge.from, labelNodeId(edge), { minlen: 1, weight: 4 }, edge.id);
    g.setEdge(labelNodeId(edge), edge.to, { minlen: 1 }, edge.id);
  }

  dagre.layout(g);

  const nodes: PositionedNode[] = graph.nodes.map((node) => {
    const placed = g.node(node.id);
    const box = boxes.get(node.id)!;
    const x = placed.x ?? 0;
    const y = placed.y ?? 0;
    return {
      ...node,
      x,
      y,
      width: placed.width,
      height: placed.height,
      lines: placeBlocks({ ...box, width: placed.width, height: placed.height }, x, y),
      ...(box.bandHeight === undefined ? {} : { bandHeight: box.bandHeight }),
    };
  });
  const byId = new Map(nodes.map((node) => [node.id, node]));

  const edges: PositionedEdge[] = graph.edges.map((edge) => {
    const from = byId.get(edge.from)!;
    const to = byId.get(edge.to)!;
    const block = labelBlocks.get(edge.id);
    if (!block) {
      const inner = (g.edge(edge.from, edge.to, edge.id).points ?? []).slice(1, -1);
      return { ...edge, points: [attachPoint(from, inner[0] ?? to, direction), ...inner, attachPoint(to, inner[inner.length - 1] ?? from, direction)], labelLines: [] };
    }
    // One polyline through the label's centre: the label is drawn over the line.
    const label = g.node(labelNodeId(edge));
    const centre = { x: label.x ?? 0, y: label.y ?? 0 };
    const inner = [
      ...(g.edge(edge.from, labelNodeId(edge), edge.id).points ?? []).slice(1, -1),
      centre,
      ...(g.edge(labelNodeId(edge), edge.to, edge.id).points ?? []).slice(1, -1),
    ];
    const labelBox = { x: centre.x, y: centre.y, width: label.width, height: label.height };
    return {
      ...edge,
      points: [attachPoint(from, inner[0]!, direction), ...inner, attachPoint(to, inner[inner.length - 1]!, direction)],
      labelBox,
      labelLines: placeBlocks({ width: label.width, height: label.height, blocks: [block], contentOffsetY: 0 }, centre.x, centre.y),
    };
  });

  const size = g.graph();
  return { direction, width: Number(size.width ?? 0), height: Number(size.height ?? 0), fontSize, nodes, edges };
}

function round(value: number): number {
  return Math.ceil(value);
}
