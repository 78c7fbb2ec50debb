import { buildFlowGraph, layoutFlowGraph } from '../../../../common/procedure/flowchart';
import { renderFlowchartSvg } from '../../../../common/procedure/flowchart-svg';
import type { Step } from '../../../../common/procedure/model';

export type FlowchartRequest = { steps: Step[]; numbers: Array<[string, string]>; title: string };
export type FlowchartDrawing = { svg: string; nodes: number };

/** Lays out a procedure with dagre and draws it as SVG: pure, for the worker and for a fallback. */
export function drawFlowchart({ steps, numbers, title }: FlowchartRequest): FlowchartDrawing {
  const numberOf = new Map(numbers);
  const layout = layoutFlowGraph(buildFlowGraph(steps, { numberOf: (id) => numberOf.get(id) }));
  return { svg: renderFlowchartSvg(layout, { title, legend: true }), nodes: layout.nodes.length };
}
