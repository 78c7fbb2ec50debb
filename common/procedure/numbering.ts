import type { Branch, Step } from './model';

// How steps are numbered wherever people see them: top-level steps 1, 2, 3; sub-steps 2.1, 2.2;
// the steps of a decision's branches 3.a.1, 3.b.1 (branch letters a, b …).

/** "a" … "z", then "aa", "ab" …: the letter of the branch at `index`. */
export function branchLetter(index: number): string {
  let letters = '';
  let rest = index;
  do {
    letters = String.fromCharCode(97 + (rest % 26)) + letters;
    rest = Math.floor(rest / 26) - 1;
  } while (rest >= 0);
  return letters;
}

/** Where a step sits: its printed number, the list it is in and its index there. */
export type StepPlace = {
  step: Step;
  number: string;
  /** The step whose sub-step or branch step this is; null at the top level. */
  parentId: string | null;
  /** The branch of `parentId` this step is in; null for a top-level step or a sub-step. */
  branchId: string | null;
  index: number;
  depth: number;
};

/** Every step of a procedure in document order (a step, then its sub-steps, then its branches' steps). */
export function walkSteps(procedure: readonly Step[]): StepPlace[] {
  const places: StepPlace[] = [];
  const visit = (steps: readonly Step[], prefix: string, parentId: string | null, branchId: string | null, depth: number) => {
    steps.forEach((step, index) => {
      const number = prefix ? `${prefix}.${index + 1}` : String(index + 1);
      places.push({ step, number, parentId, branchId, index, depth });
      if (step.substeps) visit(step.substeps, number, step.id, null, depth + 1);
      step.branches?.forEach((branch: Branch, branchIndex) => visit(branch.steps, `${number}.${branchLetter(branchIndex)}`, step.id, branch.id, depth + 1));
    });
  };
  visit(procedure, '', null, null, 0);
  return places;
}

/** The printed number of every step, by step object (not id: an imported draft may repeat an id). */
export function numberSteps(procedure: readonly Step[]): ReadonlyMap<Step, string> {
  return new Map(walkSteps(procedure).map((place) => [place.step, place.number]));
}
