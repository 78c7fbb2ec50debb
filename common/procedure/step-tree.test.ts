import { describe, expect, it } from 'vitest';
import type { Step } from './model';
import {
  addBranch,
  appendSubstep,
  appendToBranch,
  changeStepKind,
  countSteps,
  findStep,
  indentStep,
  insertStepAfter,
  locateStep,
  moveStepDown,
  moveStepToList,
  moveTargets,
  moveStepToPlaceOf,
  moveStepUp,
  nextFreeId,
  numberStepsById,
  outdentStep,
  removeBranch,
  removeStep,
  updateBranch,
  updateStep,
} from './step-tree';

const step = (id: string, more: Partial<Step> = {}): Step => ({ id, kind: 'action', text: `Do ${id}.`, ...more });

/** 1 s1; 2 s2 (2.1 s2a, 2.2 s2b); 3 s3 decision (3.a.1 s3y; b: empty, ends); 4 s4 */
function sample(): Step[] {
  return [
    step('s1'),
    step('s2', { substeps: [step('s2a'), step('s2b')] }),
    step('s3', {
      kind: 'decision',
      branches: [
        { id: 'b1', label: 'Yes', steps: [step('s3y')] },
        { id: 'b2', label: 'No', steps: [], end: { outcome: 'Refused' } },
      ],
    }),
    step('s4'),
  ];
}

const ids = (steps: Step[]): string[] => steps.map((s) => s.id);

describe('step tree', () => {
  it('finds and locates steps at any depth', () => {
    const tree = sample();
    expect(findStep(tree, 's3y')?.text).toBe('Do s3y.');
    expect(findStep(tree, 'nope')).toBeUndefined();
    expect(locateStep(tree, 's2b')).toEqual({ parentStepId: 's2', branchId: undefined, index: 1, siblings: 2, depth: 1 });
    expect(locateStep(tree, 's3y')).toEqual({ parentStepId: 's3', branchId: 'b1', index: 0, siblings: 1, depth: 1 });
    expect(locateStep(tree, 's4')).toEqual({ parentStepId: undefined, branchId: undefined, index: 3, siblings: 4, depth: 0 });
  });

  it('numbers steps, sub-steps and branch steps', () => {
    const numbers = numberStepsById(sample());
    expect(Object.fromEntries(numbers)).toEqual({ s1: '1', s2: '2', s2a: '2.1', s2b: '2.2', s3: '3', s3y: '3.a.1', s4: '4' });
    expect(countSteps(sample())).toBe(7);
  });

  it('moves a step up and down within its own list only', () => {
    const tree = sample();
    expect(ids(moveStepUp(tree, 's2'))).toEqual(['s2', 's1', 's3', 's4']);
    expect(ids(moveStepDown(tree, 's4'))).toEqual(ids(tree));
    expect(ids(moveStepUp(tree, 's1'))).toEqual(ids(tree));
    expect(ids(moveStepDown(tree, 's2a')[1]!.substeps!)).toEqual(['s2b', 's2a']);
  });

  it('moves a step to the place of a sibling, down or up, at any depth', () => {
    const tree = sample();
    expect(ids(moveStepToPlaceOf(tree, 's1', 's3'))).toEqual(['s2', 's3', 's1', 's4']);
    expect(ids(moveStepToPlaceOf(tree, 's4', 's2'))).toEqual(['s1', 's4', 's2', 's3']);
    // A step moves with everything under it.
    expect(moveStepToPlaceOf(tree, 's2', 's4')[3]).toEqual(tree[1]);
    expect(ids(moveStepToPlaceOf(tree, 's2b', 's2a')[1]!.substeps!)).toEqual(['s2b', 's2a']);
    const branched = appendToBranch(tree, 's3', 'b1', step('s3z'));
    expect(ids(moveStepToPlaceOf(branched, 's3z', 's3y')[2]!.branches![0]!.steps)).toEqual(['s3z', 's3y']);
  });

  it('leaves the tree as it is when the target is the step itself or in another list', () => {
    const tree = sample();
    expect(moveStepToPlaceOf(tree, 's2', 's2')).toBe(tree);
    expect(moveStepToPlaceOf(tree, 's2a', 's1')).toBe(tree);
    expect(moveStepToPlaceOf(tree, 's1', 's2a')).toBe(tree);
    expect(moveStepToPlaceOf(tree, 's3y', 'missing')).toBe(tree);
    expect(moveStepToPlaceOf(tree, 'missing', 's1')).toBe(tree);
  });

  it('indents a step under the one before it and outdents it back', () => {
    const tree = sample();
    const indented = indentStep(tree, 's2');
    expect(ids(indented)).toEqual(['s1', 's3', 's4']);
    expect(ids(indented[0]!.substeps!)).toEqual(['s2']);
    expect(ids(indented[0]!.substeps![0]!.substeps!)).toEqual(['s2a', 's2b']);
    expect(outdentStep(indented, 's2')).toEqual(tree);
    // The first step of a list has nothing to go under.
    expect(indentStep(tree, 's1')).toBe(tree);
    expect(outdentStep(tree, 's1')).toBe(tree);
  });

  it('outdents a branch step to just after its decision', () => {
    const out = outdentStep(sample(), 's3y');
    expect(ids(out)).toEqual(['s1', 's2', 's3', 's3y', 's4']);
    expect(out[2]!.branches![0]!.steps).toEqual([]);
  });

  it('inserts, appends and removes steps', () => {
    const tree = sample();
    expect(ids(insertStepAfter(tree, 's1', step('new')))).toEqual(['s1', 'new', 's2', 's3', 's4']);
    expect(ids(insertStepAfter(tree, null, step('new')))).toEqual(['s1', 's2', 's3', 's4', 'new']);
    expect(ids(insertStepAfter(tree, 's2a', step('new'))[1]!.substeps!)).toEqual(['s2a', 'new', 's2b']);
    expect(ids(appendSubstep(tree, 's1', step('new'))[0]!.substeps!)).toEqual(['new']);
    expect(ids(appendToBranch(tree, 's3', 'b2', step('new'))[2]!.branches![1]!.steps)).toEqual(['new']);
    expect(ids(removeStep(tree, 's2'))).toEqual(['s1', 's3', 's4']);
    expect(removeStep(tree, 's3y')[2]!.branches![0]!.steps).toEqual([]);
  });

  it('never changes its input', () => {
    const tree = sample();
    const before = JSON.stringify(tree);
    indentStep(tree, 's4');
    outdentStep(tree, 's2a');
    moveStepUp(tree, 's3');
    moveStepToPlaceOf(tree, 's1', 's4');
    updateStep(tree, 's3y', (s) => ({ ...s, text: 'Changed.' }));
    removeStep(tree, 's2b');
    expect(JSON.stringify(tree)).toBe(before);
  });

  it('returns the same tree for an unknown id', () => {
    const tree = sample();
    for (const edit of [indentStep, outdentStep, moveStepUp, moveStepDown, removeStep]) expect(edit(tree, 'missing')).toBe(tree);
    expect(updateStep(tree, 'missing', (s) => s)).toBe(tree);
  });

  it('edits branches of a decision', () => {
    const tree = sample();
    const renamed = updateBranch(tree, 's3', 'b1', (branch) => ({ ...branch, label: 'Within authority' }));
    expect(renamed[2]!.branches!.map((b) => b.label)).toEqual(['Within authority', 'No']);
    const added = addBranch(tree, 's3', { id: 'b3', label: 'Not sure', steps: [] });
    expect(added[2]!.branches!.map((b) => b.id)).toEqual(['b1', 'b2', 'b3']);
    expect(removeBranch(tree, 's3', 'b1')[2]!.branches!.map((b) => b.id)).toEqual(['b2']);
  });

  it('turns a step into a decision with two branches, and back without losing branch steps', () => {
    let counter = 10;
    const newId = (prefix: string) => `${prefix}${counter++}`;
    const decision = changeStepKind(sample(), 's1', 'decision', newId);
    expect(decision[0]!.branches!.map((b) => [b.id, b.label])).toEqual([
      ['b10', 'Yes'],
      ['b11', 'No'],
    ]);
    const back = changeStepKind(sample(), 's3', 'action', newId);
    expect(back[2]!.branches).toBeUndefined();
    expect(ids(back[2]!.substeps!)).toEqual(['s3y']);
    const referral = changeStepKind(sample(), 's4', 'referral', newId);
    expect(referral[3]!.kind).toBe('referral');
  });

  it('finds a free id across steps and branches', () => {
    expect(nextFreeId(sample(), 's')).toBe('s5');
    expect(nextFreeId(sample(), 'b')).toBe('b3');
    expect(nextFreeId([step('s1')], 's', new Set(['s2']))).toBe('s3');
  });
});

describe('moving a step to another list', () => {
  it('offers every list but its own and those inside it, in reading order', () => {
    expect(moveTargets(sample(), 's2')).toEqual([
      { parentStepId: 's1' },
      { parentStepId: 's3' },
      { parentStepId: 's3', branchId: 'b1' },
      { parentStepId: 's3y' },
      { parentStepId: 's3', branchId: 'b2' },
      { parentStepId: 's4' },
    ]);
    // A substep may go back to the procedure; its own list (s2's substeps) is not offered.
    const fromSubstep = moveTargets(sample(), 's2a');
    expect(fromSubstep[0]).toEqual({});
    expect(fromSubstep).not.toContainEqual({ parentStepId: 's2' });
    expect(fromSubstep).toContainEqual({ parentStepId: 's2b' });
    expect(moveTargets(sample(), 'nope')).toEqual([]);
  });

  it('moves a step with everything under it to the end of a branch, a step’s substeps or the procedure', () => {
    const intoBranch = moveStepToList(sample(), 's2', { parentStepId: 's3', branchId: 'b2' });
    expect(findStep(intoBranch, 's3')!.branches![1]!.steps.map((moved) => moved.id)).toEqual(['s2']);
    expect(findStep(intoBranch, 's2')!.substeps!.map((moved) => moved.id)).toEqual(['s2a', 's2b']);
    expect(intoBranch.map((top) => top.id)).toEqual(['s1', 's3', 's4']);
    expect(countSteps(intoBranch)).toBe(countSteps(sample()));

    const outOfBranch = moveStepToList(sample(), 's3y', {});
    expect(outOfBranch.map((top) => top.id)).toEqual(['s1', 's2', 's3', 's4', 's3y']);
    expect(findStep(outOfBranch, 's3')!.branches![0]!.steps).toEqual([]);

    const lastSubstep = moveStepToList(sample(), 's2b', { parentStepId: 's4' });
    expect(findStep(lastSubstep, 's4')!.substeps!.map((moved) => moved.id)).toEqual(['s2b']);
    expect(findStep(lastSubstep, 's2')!.substeps!.map((moved) => moved.id)).toEqual(['s2a']);
  });

  it('leaves the tree as it is for its own list, a list inside the step, or a list that is not there', () => {
    const steps = sample();
    expect(moveStepToList(steps, 's2a', { parentStepId: 's2' })).toBe(steps);
    expect(moveStepToList(steps, 's3', { parentStepId: 's3y' })).toBe(steps);
    expect(moveStepToList(steps, 's3', { parentStepId: 's3', branchId: 'b1' })).toBe(steps);
    expect(moveStepToList(steps, 's1', { parentStepId: 's3', branchId: 'b9' })).toBe(steps);
    expect(moveStepToList(steps, 'nope', {})).toBe(steps);
  });
});
