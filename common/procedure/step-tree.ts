import { walkSteps } from './numbering';
import type { Branch, Step } from './model';

// Pure edits of a procedure's step tree, addressed by step id, for the draft editor. Every
// function returns a new tree and leaves its input untouched; an id that is not in the tree (or a
// move that is not possible, such as indenting the first step) returns the input unchanged, so
// the editor can bind keys without checking first.
//
// A step lives in one of three kinds of list: the procedure itself, the substeps of a step, or
// the steps of a decision's branch.

export type StepLocation = {
  /** The step that holds the list: undefined for the procedure itself. */
  parentStepId: string | undefined;
  /** Set when the list is a branch of the parent decision. */
  branchId: string | undefined;
  index: number;
  /** How many steps the list holds. */
  siblings: number;
  depth: number;
};

/** Where a step is, or undefined when no step has that id. */
export function locateStep(steps: readonly Step[], id: string): StepLocation | undefined {
  const visit = (list: readonly Step[], parentStepId: string | undefined, branchId: string | undefined, depth: number): StepLocation | undefined => {
    for (const [index, step] of list.entries()) {
      if (step.id === id) return { parentStepId, branchId, index, siblings: list.length, depth };
      const inSubsteps = step.substeps && visit(step.substeps, step.id, undefined, depth + 1);
      if (inSubsteps) return inSubsteps;
      for (const branch of step.branches ?? []) {
        const inBranch = visit(branch.steps, step.id, branch.id, depth + 1);
        if (inBranch) return inBranch;
      }
    }
    return undefined;
  };
  return visit(steps, undefined, undefined, 0);
}

/** The step with this id, wherever it is. */
export function findStep(steps: readonly Step[], id: string): Step | undefined {
  for (const step of steps) {
    if (step.id === id) return step;
    const found = findStep(step.substeps ?? [], id) ?? (step.branches ?? []).reduce<Step | undefined>((hit, branch) => hit ?? findStep(branch.steps, id), undefined);
    if (found) return found;
  }
  return undefined;
}

/** Applies `edit` to the list that directly holds step `id`; other lists are shared, not copied. */
function editListHolding(steps: Step[], id: string, edit: (list: Step[], index: number) => Step[]): Step[] {
  const index = steps.findIndex((step) => step.id === id);
  if (index >= 0) return edit(steps, index);
  let changed = false;
  const next = steps.map((step) => {
    if (changed) return step;
    if (step.substeps) {
      const substeps = editListHolding(step.substeps, id, edit);
      if (substeps !== step.substeps) {
        changed = true;
        // An emptied list of substeps goes, so that indent then outdent gives back the same step.
        if (substeps.length > 0) return { ...step, substeps };
        const { substeps: _gone, ...rest } = step;
        return rest;
      }
    }
    if (step.branches) {
      const branches = step.branches.map((branch) => {
        if (changed) return branch;
        const branchSteps = editListHolding(branch.steps, id, edit);
        if (branchSteps === branch.steps) return branch;
        changed = true;
        return { ...branch, steps: branchSteps };
      });
      if (changed) return { ...step, branches };
    }
    return step;
  });
  return changed ? next : steps;
}

/** Replaces the step `id` with what `update` makes of it. */
export function updateStep(steps: Step[], id: string, update: (step: Step) => Step): Step[] {
  return editListHolding(steps, id, (list, index) => list.map((step, at) => (at === index ? update(step) : step)));
}

/** Inserts `step` right after step `afterId`, in the same list; at the end of the procedure when afterId is null. */
export function insertStepAfter(steps: Step[], afterId: string | null, step: Step): Step[] {
  if (afterId === null) return [...steps, step];
  return editListHolding(steps, afterId, (list, index) => [...list.slice(0, index + 1), step, ...list.slice(index + 1)]);
}

/** Adds `step` as the last substep of step `parentId`. */
export function appendSubstep(steps: Step[], parentId: string, step: Step): Step[] {
  return updateStep(steps, parentId, (parent) => ({ ...parent, substeps: [...(parent.substeps ?? []), step] }));
}

/** Adds `step` as the last step of a decision's branch. */
export function appendToBranch(steps: Step[], decisionId: string, branchId: string, step: Step): Step[] {
  return updateBranch(steps, decisionId, branchId, (branch) => ({ ...branch, steps: [...branch.steps, step] }));
}

/** Removes step `id` with everything under it. */
export function removeStep(steps: Step[], id: string): Step[] {
  return editListHolding(steps, id, (list, index) => list.filter((_, at) => at !== index));
}

function swap(list: Step[], a: number, b: number): Step[] {
  if (a < 0 || b < 0 || a >= list.length || b >= list.length) return list;
  const next = [...list];
  [next[a], next[b]] = [next[b]!, next[a]!];
  return next;
}

/** Moves step `id` one place up within its list. */
export function moveStepUp(steps: Step[], id: string): Step[] {
  return editListHolding(steps, id, (list, index) => swap(list, index, index - 1));
}

/** Moves step `id` one place down within its list. */
export function moveStepDown(steps: Step[], id: string): Step[] {
  return editListHolding(steps, id, (list, index) => swap(list, index, index + 1));
}

/**
 * Moves step `id` to the place of step `targetId` in the same list, the steps in between shifting
 * one place towards where it was (as dropping a dragged step does). A target in another list, or
 * the step itself, leaves the tree as it is.
 */
export function moveStepToPlaceOf(steps: Step[], id: string, targetId: string): Step[] {
  return editListHolding(steps, id, (list, from) => {
    const to = list.findIndex((step) => step.id === targetId);
    if (to < 0 || to === from) return list;
    const next = list.filter((_, at) => at !== from);
    next.splice(to, 0, list[from]!);
    return next;
  });
}

/** Makes step `id` the last substep of the step before it (as Tab does in an outline). */
export function indentStep(steps: Step[], id: string): Step[] {
  return editListHolding(steps, id, (list, index) => {
    if (index === 0) return list;
    const previous = list[index - 1]!;
    const moved = list[index]!;
    const next = [...list];
    next.splice(index - 1, 2, { ...previous, substeps: [...(previous.substeps ?? []), moved] });
    return next;
  });
}

/** Moves step `id` out of its parent (a step or a branch) to just after that parent step (as Shift+Tab does). */
export function outdentStep(steps: Step[], id: string): Step[] {
  const location = locateStep(steps, id);
  if (!location?.parentStepId) return steps;
  const moved = findStep(steps, id)!;
  const parentId = location.parentStepId;
  const without = removeStep(steps, id);
  return insertStepAfter(without, parentId, moved);
}

/** A list of steps, by what holds it: the procedure itself (no parent), a step's substeps, or a decision's branch. */
export type StepListRef = { parentStepId?: string; branchId?: string };

/**
 * Every list step `id` can move to, in reading order: each list but the one that holds it and
 * those inside it (a step cannot hold itself). Empty for an unknown id.
 */
export function moveTargets(steps: readonly Step[], id: string): StepListRef[] {
  const location = locateStep(steps, id);
  if (!location) return [];
  const isOwn = (target: StepListRef) => target.parentStepId === location.parentStepId && target.branchId === location.branchId;
  const targets: StepListRef[] = [];
  const add = (target: StepListRef) => {
    if (!isOwn(target)) targets.push(target);
  };
  add({});
  const visit = (list: readonly Step[]) => {
    for (const step of list) {
      if (step.id === id) continue;
      add({ parentStepId: step.id });
      visit(step.substeps ?? []);
      for (const branch of step.branches ?? []) {
        add({ parentStepId: step.id, branchId: branch.id });
        visit(branch.steps);
      }
    }
  };
  visit(steps);
  return targets;
}

/**
 * Moves step `id`, with everything under it, to the end of another list (the procedure, a step's
 * substeps or a decision's branch). Its own list, a list inside it, or a list that is not in the
 * tree leaves the tree as it is.
 */
export function moveStepToList(steps: Step[], id: string, target: StepListRef): Step[] {
  const allowed = moveTargets(steps, id).some((candidate) => candidate.parentStepId === target.parentStepId && candidate.branchId === target.branchId);
  if (!allowed) return steps;
  const moved = findStep(steps, id)!;
  const without = removeStep(steps, id);
  if (target.parentStepId === undefined) return [...without, moved];
  if (target.branchId === undefined) return appendSubstep(without, target.parentStepId, moved);
  return appendToBranch(without, target.parentStepId, target.branchId, moved);
}

/** Applies `update` to one branch of a decision. */
export function updateBranch(steps: Step[], decisionId: string, branchId: string, update: (branch: Branch) => Branch): Step[] {
  return updateStep(steps, decisionId, (step) => ({ ...step, branches: (step.branches ?? []).map((branch) => (branch.id === branchId ? update(branch) : branch)) }));
}

/** Adds a branch to a decision. */
export function addBranch(steps: Step[], decisionId: string, branch: Branch): Step[] {
  return updateStep(steps, decisionId, (step) => ({ ...step, branches: [...(step.branches ?? []), branch] }));
}

/** Removes a branch (and its steps) from a decision. */
export function removeBranch(steps: Step[], decisionId: string, branchId: string): Step[] {
  return updateStep(steps, decisionId, (step) => ({ ...step, branches: (step.branches ?? []).filter((branch) => branch.id !== branchId) }));
}

/**
 * Changes the kind of a step. A decision gets two branches to start from (ids from `newId`); a
 * step that stops being a decision keeps the steps of its branches as substeps, so nothing typed
 * is lost; fields that belong to another kind are dropped.
 */
export function changeStepKind(steps: Step[], id: string, kind: Step['kind'], newId: (prefix: 'b') => string): Step[] {
  return updateStep(steps, id, (step) => {
    if (step.kind === kind) return step;
    const { branches, referTo: _referTo, action: _action, record: _record, ...rest } = step;
    const next: Step = { ...rest, kind };
    if (kind === 'decision') {
      next.branches = [
        { id: newId('b'), label: 'Yes', steps: [] },
        { id: newId('b'), label: 'No', steps: [] },
      ];
    } else if (branches && branches.length > 0) {
      const kept = branches.flatMap((branch) => branch.steps);
      if (kept.length > 0) next.substeps = [...(step.substeps ?? []), ...kept];
    }
    if (kind === 'referral' && step.referTo) next.referTo = step.referTo;
    if (kind === 'action' && step.action) next.action = step.action;
    if (kind === 'record') next.record = step.record ?? { fields: [] };
    return next;
  });
}

/** Every step id and branch id in the tree. */
export function collectIds(steps: readonly Step[]): Set<string> {
  const ids = new Set<string>();
  const visit = (list: readonly Step[]) => {
    for (const step of list) {
      ids.add(step.id);
      if (step.substeps) visit(step.substeps);
      for (const branch of step.branches ?? []) {
        ids.add(branch.id);
        visit(branch.steps);
      }
    }
  };
  visit(steps);
  return ids;
}

/** An id not yet used in the tree: the prefix and the next free number (s7, b3 …). */
export function nextFreeId(steps: readonly Step[], prefix: string, taken: ReadonlySet<string> = new Set()): string {
  const ids = collectIds(steps);
  for (let n = 1; ; n++) {
    const candidate = `${prefix}${n}`;
    if (!ids.has(candidate) && !taken.has(candidate)) return candidate;
  }
}

/** The printed number of every step by id (the first, where an imported draft repeats an id): 1, 2, 2.1, 3.a.1. */
export function numberStepsById(steps: readonly Step[]): Map<string, string> {
  const numbers = new Map<string, string>();
  for (const place of walkSteps(steps)) if (!numbers.has(place.step.id)) numbers.set(place.step.id, place.number);
  return numbers;
}

/** How many steps the tree holds, at every depth. */
export function countSteps(steps: readonly Step[]): number {
  return steps.reduce((sum, step) => sum + 1 + countSteps(step.substeps ?? []) + (step.branches ?? []).reduce((inBranches, branch) => inBranches + countSteps(branch.steps), 0), 0);
}
