import { describe, expect, it } from 'vitest';
import { buildFlowGraph, layoutFlowGraph, measureText, wrapText, type FlowGraph, type FlowLayout } from './flowchart';
import { generateLargeProcedure, sampleRefundProcedure } from './flowchart-fixtures';
import type { Step } from './model';

const action = (id: string, text = `Do ${id}.`, more: Partial<Step> = {}): Step => ({ id, kind: 'action', text, ...more });

/** "from -> to [label]" for every edge, by node id: the shape of the graph in one readable list. */
function arrows(graph: FlowGraph): string[] {
  return graph.edges.map((edge) => `${edge.from} -> ${edge.to}${edge.label ? ` [${edge.label}]` : ''}`);
}

function countSteps(steps: Step[]): number {
  return steps.reduce(
    (sum, step) => sum + 1 + countSteps(step.substeps ?? []) + (step.branches ?? []).reduce((n, branch) => n + countSteps(branch.steps), 0),
    0,
  );
}

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box): boolean =>
  Math.abs(a.x - b.x) < (a.width + b.width) / 2 - 0.5 && Math.abs(a.y - b.y) < (a.height + b.height) / 2 - 0.5;

/** Every pair of boxes (nodes and branch labels) that overlap, by id. */
function overlappingBoxes(layout: FlowLayout): string[] {
  const boxes: (Box & { id: string })[] = [
    ...layout.nodes,
    ...layout.edges.flatMap((edge) => (edge.labelBox ? [{ id: `label of ${edge.id}`, ...edge.labelBox }] : [])),
  ];
  const found: string[] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) if (overlaps(boxes[i]!, boxes[j]!)) found.push(`${boxes[i]!.id} / ${boxes[j]!.id}`);
  }
  return found;
}

function expectSoundLayout(layout: FlowLayout): void {
  const numbers = [
    layout.width,
    layout.height,
    ...layout.nodes.flatMap((node) => [node.x, node.y, node.width, node.height, ...node.lines.flatMap((line) => [line.x, line.y])]),
    ...layout.edges.flatMap((edge) => edge.points.flatMap((point) => [point.x, point.y])),
  ];
  expect(numbers.every(Number.isFinite)).toBe(true);
  expect(overlappingBoxes(layout)).toEqual([]);
  for (const node of layout.nodes) {
    expect(node.x - node.width / 2).toBeGreaterThanOrEqual(0);
    expect(node.y - node.height / 2).toBeGreaterThanOrEqual(0);
    expect(node.x + node.width / 2).toBeLessThanOrEqual(layout.width + 0.5);
    expect(node.y + node.height / 2).toBeLessThanOrEqual(layout.height + 0.5);
  }
  const byId = new Map(layout.nodes.map((node) => [node.id, node]));
  for (const edge of layout.edges) {
    expect(edge.points.length).toBeGreaterThanOrEqual(2);
    // The line starts on the source's outline and its arrow tip touches the target's: inside the box, not at the centre.
    for (const [point, node] of [
      [edge.points[0]!, byId.get(edge.from)!],
      [edge.points[edge.points.length - 1]!, byId.get(edge.to)!],
    ] as const) {
      expect(Math.abs(point.x - node.x)).toBeLessThanOrEqual(node.width / 2 + 0.5);
      expect(Math.abs(point.y - node.y)).toBeLessThanOrEqual(node.height / 2 + 0.5);
      expect(Math.hypot(point.x - node.x, point.y - node.y)).toBeGreaterThan(Math.min(node.width, node.height) / 4);
    }
  }
}

describe('flow graph of a procedure', () => {
  it('chains a linear procedure from Start to End, one node per step, numbered by the caller', () => {
    const graph = buildFlowGraph([action('a'), { id: 'b', kind: 'referral', text: 'Refer the case.', referTo: 'Supervisor' }, action('c')], {
      numberOf: (id) => ({ a: '1', b: '2', c: '3' })[id],
    });
    expect(graph.nodes.map((node) => [node.id, node.kind, node.number])).toEqual([
      ['start', 'start', undefined],
      ['step:a', 'action', '1'],
      ['step:b', 'referral', '2'],
      ['step:c', 'action', '3'],
      ['end', 'end', undefined],
    ]);
    expect(graph.nodes[2]).toMatchObject({ referTo: 'Supervisor', stepId: 'b' });
    expect(arrows(graph)).toEqual(['start -> step:a', 'step:a -> step:b', 'step:b -> step:c', 'step:c -> end']);
    expect(graph.edges.map((edge) => edge.id)).toEqual(['e1', 'e2', 'e3', 'e4']);
  });

  it('goes straight from Start to End when there are no steps', () => {
    expect(arrows(buildFlowGraph([]))).toEqual(['start -> end']);
  });

  it('flattens substeps after their step, at any depth, and marks the stage they belong to', () => {
    const graph = buildFlowGraph([
      action('a', 'Prepare the case.', { substeps: [action('a1'), action('a2', 'Check contacts.', { substeps: [action('a2x')] })] }),
      action('b'),
    ]);
    expect(arrows(graph)).toEqual([
      'start -> step:a',
      'step:a -> step:a1',
      'step:a1 -> step:a2',
      'step:a2 -> step:a2x',
      'step:a2x -> step:b',
      'step:b -> end',
    ]);
    expect(graph.nodes.find((node) => node.id === 'step:a1')?.parentStepId).toBe('a');
    expect(graph.nodes.find((node) => node.id === 'step:a2x')?.parentStepId).toBe('a2');
    expect(graph.nodes.find((node) => node.id === 'step:b')?.parentStepId).toBeUndefined();
  });

  it('puts a decision’s substeps before its diamond: they are the checks that inform it', () => {
    const graph = buildFlowGraph([
      {
        id: 'd',
        kind: 'decision',
        text: 'Is the receipt valid?',
        substeps: [action('d1', 'Read the receipt date.')],
        branches: [
          { id: 'y', label: 'Yes', steps: [action('y1')] },
          { id: 'n', label: 'No', steps: [action('n1')] },
        ],
      },
    ]);
    expect(arrows(graph)).toEqual([
      'start -> step:d1',
      'step:d1 -> step:d',
      // A decision's edges are listed together, in branch order.
      'step:d -> step:y1 [Yes]',
      'step:d -> step:n1 [No]',
      'step:y1 -> end',
      'step:n1 -> end',
    ]);
  });

  it('labels each branch edge and rejoins the branches at the step after the decision', () => {
    const graph = buildFlowGraph([
      action('a'),
      {
        id: 'd',
        kind: 'decision',
        text: 'Is it within 30 days?',
        branches: [
          { id: 'yes', label: 'Yes', steps: [action('y1'), action('y2')] },
          { id: 'no', label: 'No', steps: [action('n1')] },
        ],
      },
      action('after'),
    ]);
    expect(arrows(graph)).toEqual([
      'start -> step:a',
      'step:a -> step:d',
      'step:d -> step:y1 [Yes]',
      'step:d -> step:n1 [No]',
      'step:y1 -> step:y2',
      'step:y2 -> step:after',
      'step:n1 -> step:after',
      'step:after -> end',
    ]);
    expect(graph.edges.filter((edge) => edge.from === 'step:d').map((edge) => edge.branchIndex)).toEqual([0, 1]);
    expect(graph.nodes.find((node) => node.id === 'step:d')?.kind).toBe('decision');
  });

  it('ends a branch with `end` on an End node that shows its outcome, and keeps the final End for the others', () => {
    const graph = buildFlowGraph([
      {
        id: 'd',
        kind: 'decision',
        text: 'Is the customer injured?',
        branches: [
          { id: 'hurt', label: 'Injured', steps: [{ id: 'r', kind: 'referral', text: 'Call first aid.', referTo: 'First aider' }], end: { outcome: 'Handed to first aid' } },
          { id: 'fine', label: 'Not injured', steps: [action('f1')] },
        ],
      },
      action('after'),
    ]);
    expect(arrows(graph)).toEqual([
      'start -> step:d',
      'step:d -> step:r [Injured]',
      'step:d -> step:f1 [Not injured]',
      'step:r -> end:hurt',
      'step:f1 -> step:after',
      'step:after -> end',
    ]);
    expect(graph.nodes.find((node) => node.id === 'end:hurt')).toMatchObject({ kind: 'end', text: 'Handed to first aid', outcome: true });
    expect(graph.nodes.find((node) => node.id === 'end')).toMatchObject({ kind: 'end', text: 'End' });
  });

  it('sends an empty branch straight to the rejoin point, or to its outcome when it ends', () => {
    const graph = buildFlowGraph([
      {
        id: 'd',
        kind: 'decision',
        text: 'Is the refund above £50?',
        branches: [
          { id: 'under', label: '£50 or less', steps: [] },
          { id: 'over', label: 'Over £50', steps: [{ id: 'ref', kind: 'referral', text: 'Refer the refund.', referTo: 'Supervisor' }] },
          { id: 'fraud', label: 'Looks fraudulent', steps: [], end: { outcome: 'Refused' } },
        ],
      },
      action('refund'),
    ]);
    expect(arrows(graph)).toEqual([
      'start -> step:d',
      // An empty branch's edge is only made when the step after the decision is, but it is listed in branch order.
      'step:d -> step:refund [£50 or less]',
      'step:d -> step:ref [Over £50]',
      'step:d -> end:fraud [Looks fraudulent]',
      'step:ref -> step:refund',
      'step:refund -> end',
    ]);
  });

  it('rejoins a decision nested in a branch at the step after the outer decision, and a last decision at End', () => {
    const inner: Step = {
      id: 'inner',
      kind: 'decision',
      text: 'Is a replacement in stock?',
      branches: [
        { id: 'stock', label: 'In stock', steps: [action('send')] },
        { id: 'none', label: 'Out of stock', steps: [] },
      ],
    };
    const graph = buildFlowGraph([
      {
        id: 'outer',
        kind: 'decision',
        text: 'Is the product faulty?',
        branches: [
          { id: 'faulty', label: 'Faulty', steps: [inner] },
          { id: 'ok', label: 'Not faulty', steps: [action('explain')] },
        ],
      },
      action('close'),
      { id: 'last', kind: 'decision', text: 'Does the customer want a survey?', branches: [{ id: 'y', label: 'Yes', steps: [action('survey')] }, { id: 'n', label: 'No', steps: [] }] },
    ]);
    expect(arrows(graph)).toEqual([
      'start -> step:outer',
      'step:outer -> step:inner [Faulty]',
      'step:outer -> step:explain [Not faulty]',
      'step:inner -> step:send [In stock]',
      'step:inner -> step:close [Out of stock]',
      'step:send -> step:close',
      'step:explain -> step:close',
      'step:close -> step:last',
      'step:last -> step:survey [Yes]',
      'step:last -> end [No]',
      'step:survey -> end',
    ]);
  });

  it('leaves out the final End when every path ends on an outcome, and marks what nothing reaches', () => {
    const decision: Step = {
      id: 'd',
      kind: 'decision',
      text: 'Is the account open?',
      branches: [
        { id: 'open', label: 'Open', steps: [], end: { outcome: 'Served' } },
        { id: 'closed', label: 'Closed', steps: [], end: { outcome: 'Referred to sales' } },
      ],
    };
    const allEnding = buildFlowGraph([decision]);
    expect(arrows(allEnding)).toEqual(['start -> step:d', 'step:d -> end:open [Open]', 'step:d -> end:closed [Closed]']);
    expect(allEnding.nodes.some((node) => node.unreachable)).toBe(false);

    // A step after such a decision is still drawn (the style checks report it), dashed as unreachable.
    const withOrphan = buildFlowGraph([decision, action('orphan')]);
    expect(arrows(withOrphan)).toContain('step:orphan -> end');
    expect(withOrphan.nodes.filter((node) => node.unreachable).map((node) => node.id)).toEqual(['step:orphan', 'end']);
  });

  it('shows a decision without branches as a plain pass-through, and never merges steps that share an id', () => {
    const graph = buildFlowGraph([{ id: 'd', kind: 'decision', text: 'Decide later.' }, action('x'), action('x')]);
    expect(arrows(graph)).toEqual(['start -> step:d', 'step:d -> step:x', 'step:x -> step:x#2', 'step:x#2 -> end']);
  });

  it('notes the governed action and the evidence a record step captures', () => {
    const graph = buildFlowGraph([
      action('refund', 'Refund the customer.', { action: { key: 'fee-waiver', hasAmount: true }, role: 'Senior  agent' }),
      {
        id: 'rec',
        kind: 'record',
        text: 'Record the outcome.',
        record: {
          fields: ['One', 'Two', 'Three', 'Four', 'Five', 'Six'].map((label) => ({ key: label.toLowerCase(), label, type: 'text' as const, required: true })),
          note: true,
          attachment: true,
        },
      },
      { id: 'ref', kind: 'referral', text: 'Refer the case.' },
    ]);
    expect(graph.nodes[1]).toMatchObject({ note: 'Governed action: fee waiver (amount)', role: 'Senior agent' });
    expect(graph.nodes[2]?.note).toBe('Capture: One, Two, Three, Four, +2 more, a note, an attachment');
    expect(graph.nodes[3]?.referTo).toBeUndefined();
  });
});

describe('text measurement', () => {
  it('measures with Helvetica widths, deterministically', () => {
    expect(measureText('iiii', 10)).toBeCloseTo(8.88);
    expect(measureText('MMMM', 10)).toBeCloseTo(33.32);
    expect(measureText('Refund', 13, true)).toBeGreaterThan(measureText('Refund', 13));
    expect(measureText('返金', 10)).toBe(20);
  });

  it('wraps words to the width and breaks a word longer than a line', () => {
    const lines = wrapText('Confirm the order number with the customer before you continue.', 120, 13);
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.every((line) => measureText(line, 13) <= 120)).toBe(true);
    expect(lines.join(' ')).toBe('Confirm the order number with the customer before you continue.');
    const broken = wrapText('Supercalifragilisticexpialidocious-and-then-some', 60, 13);
    expect(broken.join('')).toBe('Supercalifragilisticexpialidocious-and-then-some');
    expect(broken.every((line) => measureText(line, 13) <= 60)).toBe(true);
    expect(wrapText('  spaced \n  out  ', 200, 13)).toEqual(['spaced out']);
  });
});

describe('flowchart layout', () => {
  const numbers: Record<string, string> = { greet: '1', receipt: '2', 'receipt-find': '2.1', window: '3', refer: '4.1.1' };

  it('lays out the refund procedure top to bottom with no overlaps and lines from outline to outline', () => {
    const layout = layoutFlowGraph(buildFlowGraph(sampleRefundProcedure(), { numberOf: (id) => numbers[id] }));
    expectSoundLayout(layout);
    const start = layout.nodes.find((node) => node.id === 'start')!;
    const end = layout.nodes.find((node) => node.id === 'end')!;
    expect(end.y).toBeGreaterThan(start.y);
    // Labels sit on their edges: the polyline passes through the label's centre.
    for (const edge of layout.edges.filter((edge) => edge.label)) {
      expect(edge.labelBox).toBeDefined();
      expect(edge.points.some((point) => point.x === edge.labelBox!.x && point.y === edge.labelBox!.y)).toBe(true);
      expect(edge.labelLines.map((line) => line.text).join(' ')).toBe(edge.label);
    }
  });

  it('sizes each node to its wrapped text, with the number and role above the instruction', () => {
    const layout = layoutFlowGraph(buildFlowGraph(sampleRefundProcedure(), { numberOf: (id) => numbers[id] }), { maxTextWidth: 180 });
    const greet = layout.nodes.find((node) => node.id === 'step:greet')!;
    expect(greet.lines[0]).toMatchObject({ text: '1 · Agent', bold: true, tone: 'muted' });
    expect(greet.lines.slice(1).map((line) => line.text).join(' ')).toBe('Greet the customer and ask what they bought and why they want a refund.');
    for (const line of greet.lines) {
      expect(measureText(line.text, line.fontSize, line.bold)).toBeLessThanOrEqual(greet.width);
      expect(Math.abs(line.y - greet.y)).toBeLessThan(greet.height / 2);
    }
    const refer = layout.nodes.find((node) => node.id === 'step:refer')!;
    expect(refer.lines[0]).toMatchObject({ text: 'Refer to Supervisor', tone: 'band' });
    expect(refer.bandHeight).toBeGreaterThan(0);
    expect(refer.lines[0]!.y).toBeLessThan(refer.y - refer.height / 2 + refer.bandHeight!);
  });

  it('lays out left to right on request', () => {
    const layout = layoutFlowGraph(buildFlowGraph(sampleRefundProcedure()), { direction: 'LR' });
    expectSoundLayout(layout);
    expect(layout.direction).toBe('LR');
    expect(layout.width).toBeGreaterThan(layout.height);
    const start = layout.nodes.find((node) => node.id === 'start')!;
    expect(layout.nodes.find((node) => node.id === 'end')!.x).toBeGreaterThan(start.x);
  });

  it('refuses an edge to a node that is not in the graph', () => {
    expect(() => layoutFlowGraph({ nodes: [{ id: 'start', kind: 'start', text: 'Start' }], edges: [{ id: 'e1', from: 'start', to: 'nowhere' }] })).toThrow(/e1/);
  });
});

describe('a 200-step procedure', () => {
  it('is generated with exactly the steps asked for, the same for the same seed', () => {
    const procedure = generateLargeProcedure(200, 7);
    expect(countSteps(procedure)).toBe(200);
    expect(generateLargeProcedure(200, 7)).toEqual(procedure);
    expect(generateLargeProcedure(200, 8)).not.toEqual(procedure);
    const all: Step[] = [];
    const walk = (steps: Step[]): void => {
      for (const step of steps) {
        all.push(step);
        walk(step.substeps ?? []);
        for (const branch of step.branches ?? []) walk(branch.steps);
      }
    };
    walk(procedure);
    expect(new Set(all.map((step) => step.id)).size).toBe(200);
    for (const kind of ['action', 'decision', 'referral', 'record'] as const) expect(all.some((step) => step.kind === kind)).toBe(true);
    expect(all.some((step) => (step.substeps?.length ?? 0) > 0)).toBe(true);
    expect(all.some((step) => step.branches?.some((branch) => branch.end))).toBe(true);
    expect(all.some((step) => step.branches?.some((branch) => branch.steps.length === 0))).toBe(true);
  });

  it.each([1, 2, 3])('builds and lays out whole (seed %i): a node per step, every edge joined, no overlaps', (seed) => {
    const procedure = generateLargeProcedure(200, seed);
    const graph = buildFlowGraph(procedure);
    const stepNodes = graph.nodes.filter((node) => node.stepId !== undefined);
    const endNodes = graph.nodes.filter((node) => node.kind === 'end');
    expect(stepNodes).toHaveLength(200);
    expect(graph.nodes).toHaveLength(1 + 200 + endNodes.length);
    expect(endNodes.filter((node) => !node.outcome)).toHaveLength(1);
    expect(new Set(graph.nodes.map((node) => node.id)).size).toBe(graph.nodes.length);
    const ids = new Set(graph.nodes.map((node) => node.id));
    expect(graph.edges.every((edge) => ids.has(edge.from) && ids.has(edge.to))).toBe(true);
    expect(graph.nodes.filter((node) => node.unreachable)).toEqual([]);
    // Every node but Start is entered, every node but an End is left.
    const entered = new Set(graph.edges.map((edge) => edge.to));
    const left = new Set(graph.edges.map((edge) => edge.from));
    expect(graph.nodes.filter((node) => node.kind !== 'start' && !entered.has(node.id))).toEqual([]);
    expect(graph.nodes.filter((node) => node.kind !== 'end' && !left.has(node.id))).toEqual([]);

    const layout = layoutFlowGraph(graph);
    expect(layout.nodes).toHaveLength(graph.nodes.length);
    expect(layout.edges).toHaveLength(graph.edges.length);
    expectSoundLayout(layout);
  });
});
