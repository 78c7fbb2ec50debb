import type { Step } from '../../../common/procedure/model';

// The one place the export asks for step numbers. Until common/procedure/numbering.ts exists this
// numbers locally, with the same scheme: top-level steps 1, 2, 3; sub-steps 2.1, 2.2; the steps
// of a decision's branches 3.a.1, 3.b.1 (branch letters a, b …).

export type StepNumbers = ReadonlyMap<Step, string>;

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

/** The printed number of every step of a procedure, by step (not id: an imported draft may repeat an id). */
export function numberSteps(procedure: readonly Step[]): StepNumbers {
  const numbers = new Map<Step, string>();
  const visit = (steps: readonly Step[], prefix: string) => {
    steps.forEach((step, index) => {
      const number = prefix ? `${prefix}.${index + 1}` : String(index + 1);
      numbers.set(step, number);
      if (step.substeps) visit(step.substeps, number);
      step.branches?.forEach((branch, branchIndex) => visit(branch.steps, `${number}.${branchLetter(branchIndex)}`));
    });
  };
  visit(procedure, '');
  return numbers;
}
