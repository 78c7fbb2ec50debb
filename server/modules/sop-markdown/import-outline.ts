import type { Heading, Root, RootContent } from 'mdast';
import type { SectionKey } from '../../../common/procedure/model';
import { classifyHeading, readStepHeading, type StepHeading } from './heading-classifier';
import { plainText } from './markdown-processor';

/** A heading with what follows it up to the next heading, and the headings nested under it. */
export type OutlineUnit = {
  heading: Heading;
  title: string;
  blocks: RootContent[];
  children: OutlineUnit[];
  parent?: OutlineUnit;
  /** The standard section the heading means (not for "Step N" headings). */
  key?: SectionKey;
  step?: StepHeading;
  /** Taken into the procedure. */
  consumed?: boolean;
};

export type Outline = {
  /** Blocks before the first heading (and under the title heading). */
  preamble: RootContent[];
  /** The document's only H1 when it comes first: its title, not a section. */
  titleHeading?: Heading;
  units: OutlineUnit[];
};

export function buildOutline(root: Root): Outline {
  const nodes = root.children.filter((node) => node.type !== 'yaml');
  const headings = nodes.filter((node): node is Heading => node.type === 'heading');
  const h1s = headings.filter((heading) => heading.depth === 1);
  const titleHeading = findTitleHeading(nodes, headings, h1s);
  const outline: Outline = { preamble: [], units: [] };
  if (titleHeading) outline.titleHeading = titleHeading;
  const stack: OutlineUnit[] = [];
  for (const node of nodes) {
    if (node === titleHeading) continue;
    if (node.type === 'heading') {
      while (stack.length > 0 && (stack.at(-1)?.heading.depth ?? 0) >= node.depth) stack.pop();
      const title = plainText(node.children).replace(/\s+/g, ' ').trim();
      const unit: OutlineUnit = { heading: node, title, blocks: [], children: [] };
      const step = readStepHeading(title);
      if (step) unit.step = step;
      else {
        const key = classifyHeading(title);
        if (key) unit.key = key;
      }
      const parent = stack.at(-1);
      if (parent) {
        unit.parent = parent;
        parent.children.push(unit);
      } else {
        outline.units.push(unit);
      }
      stack.push(unit);
    } else if (stack.length > 0) {
      stack.at(-1)?.blocks.push(node);
    } else {
      outline.preamble.push(node);
    }
  }
  return outline;
}

/**
 * The first heading is the document's title when it is an H1 and either the only one, or (as in a Word
 * document whose Title and Heading 1 both become H1) directly followed by another heading and not itself
 * the name of a section.
 */
function findTitleHeading(nodes: readonly RootContent[], headings: readonly Heading[], h1s: readonly Heading[]): Heading | undefined {
  const first = headings[0];
  if (!first || first.depth !== 1) return undefined;
  if (h1s.length === 1) return first;
  const next = nodes[nodes.indexOf(first) + 1];
  const title = plainText(first.children);
  return next?.type === 'heading' && !classifyHeading(title) && !readStepHeading(title) ? first : undefined;
}

/** First and last source line of a unit, its nested units included. */
export function unitRange(unit: OutlineUnit, withChildren = true): { line: number; endLine: number } {
  const line = unit.heading.position?.start.line ?? 0;
  let endLine = unit.heading.position?.end.line ?? line;
  for (const block of unit.blocks) endLine = Math.max(endLine, block.position?.end.line ?? 0);
  if (withChildren) for (const child of unit.children) endLine = Math.max(endLine, unitRange(child).endLine);
  return { line, endLine };
}

/** Every unit, depth first. */
export function* allUnits(units: readonly OutlineUnit[]): Generator<OutlineUnit> {
  for (const unit of units) {
    yield unit;
    yield* allUnits(unit.children);
  }
}
