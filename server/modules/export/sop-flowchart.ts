import { buildFlowGraph, layoutFlowGraph, type FlowLayout } from '../../../common/procedure/flowchart';
import { renderFlowchartSvg } from '../../../common/procedure/flowchart-svg';
import type { Step } from '../../../common/procedure/model';
import { numberSteps } from '../../../common/procedure/numbering';

// The one place the export asks for a flowchart: the manual (HTML and PDF) and the SVG download
// all come through here, with the same step numbers as the printed procedure.

export type FlowchartOptions = {
  /** The SOP's key and title: the drawing's accessible name. */
  title?: string;
  /** Draw the title above the chart (for a file opened on its own). */
  standalone?: boolean;
  /** Keeps marker ids apart when several charts are inline in one page. */
  idPrefix?: string;
};

/** A flowchart for print: the SVG and the heights (SVG units, from its top) where a page may cut it without cutting a shape. */
export type PrintableFlowchart = { svg: string; cuts: number[] };

function layoutProcedure(procedure: readonly Step[]): FlowLayout {
  const numbers = new Map<string, string>();
  for (const [step, number] of numberSteps(procedure)) if (!numbers.has(step.id)) numbers.set(step.id, number);
  return layoutFlowGraph(buildFlowGraph([...procedure], { numberOf: (stepId) => numbers.get(stepId) }), { direction: 'TB' });
}

function render(layout: FlowLayout, options: FlowchartOptions): string {
  return renderFlowchartSvg(layout, {
    title: options.title,
    showTitle: options.standalone ?? false,
    legend: true,
    ...(options.idPrefix ? { idPrefix: options.idPrefix } : {}),
  });
}

/** The flowchart of a procedure as a standalone SVG document, or null when it has no steps. */
export function renderProcedureFlowchart(procedure: readonly Step[], options: FlowchartOptions = {}): string | null {
  if (procedure.length === 0) return null;
  return render(layoutProcedure(procedure), options);
}

/** The flowchart and where it may be split across pages: between rows of shapes and edge labels. */
export function renderPrintableFlowchart(procedure: readonly Step[], options: FlowchartOptions = {}): PrintableFlowchart | null {
  if (procedure.length === 0) return null;
  const layout = layoutProcedure(procedure);
  const svg = render(layout, options);
  // The chart sits below the legend (and title): whatever the SVG adds above the layout.
  const svgHeight = Number(/<svg\b[^>]*\sheight="([\d.]+)"/.exec(svg)?.[1] ?? layout.height);
  const offset = Math.max(0, svgHeight - layout.height);
  const spans = [
    ...layout.nodes.map((node) => [node.y - node.height / 2, node.y + node.height / 2] as const),
    ...layout.edges.flatMap((edge) => (edge.labelBox ? [[edge.labelBox.y - edge.labelBox.height / 2, edge.labelBox.y + edge.labelBox.height / 2] as const] : [])),
  ].sort((a, b) => a[0] - b[0]);
  const cuts: number[] = [];
  let reach = -Infinity;
  for (const [top, bottom] of spans) {
    if (top > reach && reach > -Infinity) cuts.push(offset + (reach + top) / 2);
    reach = Math.max(reach, bottom);
  }
  return { svg, cuts };
}
