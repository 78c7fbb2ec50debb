import { ActionIcon, Badge, Button, Checkbox, Group, Paper, Stack, Text, Textarea, TextInput, Tooltip } from '@mantine/core';
import {
  IconArrowDown,
  IconArrowUp,
  IconChevronDown,
  IconChevronRight,
  IconIndentDecrease,
  IconIndentIncrease,
  IconPlus,
  IconSubtask,
  IconTrash,
} from '@tabler/icons-react';
import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import type { Branch, Step } from '../../../../common/procedure/model';
import {
  addBranch,
  appendSubstep,
  appendToBranch,
  changeStepKind,
  indentStep,
  insertStepAfter,
  moveStepDown,
  moveStepUp,
  nextFreeId,
  outdentStep,
  removeBranch,
  removeStep,
  updateBranch,
  updateStep,
} from '../../../../common/procedure/step-tree';
import type { StyleFinding } from '../../../../common/api/sops';
import { DragHandle, SortableStepItem, SortableSteps, StepDragContext } from './step-drag';
import { StepDetails } from './step-details';
import { MoveStepButton } from './step-move-dialog';

type Edit = (steps: Step[]) => Step[];

export type TreeContext = {
  steps: Step[];
  numbers: Map<string, string>;
  apply: (edit: Edit, focusId?: string) => void;
  expanded: Set<string>;
  toggle: (id: string) => void;
  findings: Map<string, StyleFinding[]>;
  /** The key of the SOP being edited. */
  sopKey?: string;
};

export const stepInputId = (id: string) => `step-text-${id}`;

const NEW_STEP_TEXT = 'New step.';

function newStep(steps: Step[]): Step {
  return { id: nextFreeId(steps, 's'), kind: 'action', text: NEW_STEP_TEXT };
}

/** Focuses (and selects) the instruction of a step once it is on screen, e.g. after a move. */
export function useFocusStep(): (id: string) => void {
  const pending = useRef<string | null>(null);
  useEffect(() => {
    if (!pending.current) return;
    const input = document.getElementById(stepInputId(pending.current)) as HTMLTextAreaElement | null;
    if (input) {
      input.focus();
      if (input.value === NEW_STEP_TEXT) input.select();
      pending.current = null;
    }
  });
  return (id: string) => {
    pending.current = id;
  };
}

function Tool({ label, onClick, children, disabled, color }: { label: string; onClick: () => void; children: ReactNode; disabled?: boolean; color?: string }) {
  return (
    <Tooltip label={label} openDelay={400}>
      <ActionIcon variant="subtle" color={color ?? 'gray.8'} onClick={onClick} aria-label={label} disabled={disabled} size="md">
        {children}
      </ActionIcon>
    </Tooltip>
  );
}

function StepItem({ step, ctx, index, count }: { step: Step; ctx: TreeContext; index: number; count: number }) {
  const number = ctx.numbers.get(step.id) ?? '';
  const open = ctx.expanded.has(step.id);
  const findings = ctx.findings.get(step.id) ?? [];
  const edits = {
    up: () => ctx.apply((steps) => moveStepUp(steps, step.id), step.id),
    down: () => ctx.apply((steps) => moveStepDown(steps, step.id), step.id),
    indent: () => ctx.apply((steps) => indentStep(steps, step.id), step.id),
    outdent: () => ctx.apply((steps) => outdentStep(steps, step.id), step.id),
    addAfter: () => {
      const added = newStep(ctx.steps);
      ctx.apply((steps) => insertStepAfter(steps, step.id, added), added.id);
    },
    addSubstep: () => {
      const added = newStep(ctx.steps);
      ctx.apply((steps) => appendSubstep(steps, step.id, added), added.id);
    },
    remove: () => ctx.apply((steps) => removeStep(steps, step.id)),
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.altKey) {
      event.preventDefault();
      edits.addAfter();
      return;
    }
    if (!event.altKey) return;
    const action = { ArrowUp: edits.up, ArrowDown: edits.down, ArrowRight: edits.indent, ArrowLeft: edits.outdent }[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  };
  const update = (change: (step: Step) => Step) => ctx.apply((steps) => updateStep(steps, step.id, change));
  const changeKind = (kind: Step['kind']) =>
    ctx.apply((steps) => {
      const taken = new Set<string>();
      return changeStepKind(steps, step.id, kind, (prefix) => {
        const id = nextFreeId(steps, prefix, taken);
        taken.add(id);
        return id;
      });
    });

  return (
    <SortableStepItem id={step.id}>
      <Paper withBorder p={6} radius="sm" bg={findings.some((finding) => finding.severity === 'error') ? 'red.0' : undefined}>
        <Group gap={4} wrap="nowrap" align="flex-start">
          <DragHandle number={number} />
          <ActionIcon variant="subtle" color="gray.8" onClick={() => ctx.toggle(step.id)} aria-expanded={open} aria-label={`${open ? 'Hide' : 'Show'} details of step ${number}`}>
            {open ? <IconChevronDown size={16} aria-hidden /> : <IconChevronRight size={16} aria-hidden />}
          </ActionIcon>
          <Text ff="monospace" fw={700} size="sm" miw={48}>
            {number}
          </Text>
          {/* The badges go under the instruction, so that it keeps the width of the row. */}
          <Stack gap={4} style={{ flex: 1 }}>
            <Textarea
              id={stepInputId(step.id)}
              autosize
              minRows={1}
              aria-label={`Instruction of step ${number}`}
              value={step.text}
              onChange={(event) => {
                const text = event.currentTarget.value;
                update((current) => ({ ...current, text }));
              }}
              onKeyDown={onKeyDown}
              size="sm"
            />
            {step.kind !== 'action' || findings.length > 0 ? (
              <Group gap={4}>
                {step.kind !== 'action' ? (
                  <Badge c="gray.9" variant="light" size="sm" radius="sm">
                    {step.kind}
                  </Badge>
                ) : null}
                {findings.length > 0 ? (
                  <Badge c="gray.9" variant="light" color={findings.some((finding) => finding.severity === 'error') ? 'red' : 'yellow'} size="sm">
                    {findings.length} finding{findings.length === 1 ? '' : 's'}
                  </Badge>
                ) : null}
              </Group>
            ) : null}
          </Stack>
          <Group gap={0} wrap="nowrap">
            <Tool label={`Move step ${number} up (Alt+↑)`} onClick={edits.up} disabled={index === 0}>
              <IconArrowUp size={16} aria-hidden />
            </Tool>
            <Tool label={`Move step ${number} down (Alt+↓)`} onClick={edits.down} disabled={index === count - 1}>
              <IconArrowDown size={16} aria-hidden />
            </Tool>
            <Tool label={`Outdent step ${number} (Alt+←)`} onClick={edits.outdent} disabled={!number.includes('.')}>
              <IconIndentDecrease size={16} aria-hidden />
            </Tool>
            <Tool label={`Indent step ${number} under the step before (Alt+→)`} onClick={edits.indent} disabled={index === 0}>
              <IconIndentIncrease size={16} aria-hidden />
            </Tool>
            <MoveStepButton step={step} number={number} ctx={ctx} />
            <Tool label={`Add a step after step ${number} (Enter)`} onClick={edits.addAfter}>
              <IconPlus size={16} aria-hidden />
            </Tool>
            <Tool label={`Add a sub-step to step ${number}`} onClick={edits.addSubstep}>
              <IconSubtask size={16} aria-hidden />
            </Tool>
            <Tool label={`Delete step ${number}`} onClick={edits.remove} color="red.8">
              <IconTrash size={16} aria-hidden />
            </Tool>
          </Group>
        </Group>
        {open ? <StepDetails step={step} number={number} update={update} changeKind={changeKind} findings={findings} sopKey={ctx.sopKey} /> : null}
      </Paper>
      {step.substeps?.length ? <SiblingSteps steps={step.substeps} ctx={ctx} label={`Sub-steps of step ${number}`} nested /> : null}
      {step.kind === 'decision' ? <Branches step={step} number={number} ctx={ctx} /> : null}
    </SortableStepItem>
  );
}

function BranchBlock({ decision, branch, number, ctx }: { decision: Step; branch: Branch; number: string; ctx: TreeContext }) {
  const change = (update: (branch: Branch) => Branch) => ctx.apply((steps) => updateBranch(steps, decision.id, branch.id, update));
  const addStep = () => {
    const added = newStep(ctx.steps);
    ctx.apply((steps) => appendToBranch(steps, decision.id, branch.id, added), added.id);
  };
  return (
    <li>
      <Paper withBorder p="xs" radius="sm" bg="yellow.0">
        <Group gap="xs" align="flex-end" wrap="wrap">
          <TextInput label={`Answer (branch) of step ${number}`} value={branch.label} onChange={(event) => {
            const label = event.currentTarget.value;
            change((current) => ({ ...current, label }));
          }} size="xs" w={220} />
          <Checkbox
            label="Ends the procedure"
            checked={Boolean(branch.end)}
            onChange={(event) => {
              const ends = event.currentTarget.checked;
              change(({ end: _end, ...rest }) => (ends ? { ...rest, end: { outcome: 'Case closed.' } } : rest));
            }}
            size="xs"
            mb={6}
          />
          {branch.end ? (
            <TextInput label="Outcome" value={branch.end.outcome} onChange={(event) => {
              const outcome = event.currentTarget.value;
              change((current) => ({ ...current, end: { outcome } }));
            }} size="xs" w={220} />
          ) : null}
          <Button size="xs" variant="default" leftSection={<IconPlus size={14} aria-hidden />} onClick={addStep}>
            Add step to “{branch.label || 'branch'}”
          </Button>
          <Button size="xs" variant="subtle" color="red.8" onClick={() => ctx.apply((steps) => removeBranch(steps, decision.id, branch.id))} aria-label={`Remove branch “${branch.label}” of step ${number}`}>
            Remove branch
          </Button>
        </Group>
      </Paper>
      {branch.steps.length ? <SiblingSteps steps={branch.steps} ctx={ctx} label={`Steps if ${branch.label}`} nested /> : null}
    </li>
  );
}

function Branches({ step, number, ctx }: { step: Step; number: string; ctx: TreeContext }) {
  const add = () => ctx.apply((steps) => addBranch(steps, step.id, { id: nextFreeId(steps, 'b'), label: 'Another answer', steps: [] }));
  return (
    <Stack gap={6} component="ul" pl={28} mt={6} style={{ listStyle: 'none' }} aria-label={`Branches of step ${number}`}>
      {(step.branches ?? []).map((branch) => (
        <BranchBlock key={branch.id} decision={step} branch={branch} number={number} ctx={ctx} />
      ))}
      <li>
        <Button size="xs" variant="default" leftSection={<IconPlus size={14} aria-hidden />} onClick={add}>
          Add branch to step {number}
        </Button>
      </li>
    </Stack>
  );
}

function SiblingSteps({ steps, ctx, label, nested }: { steps: Step[]; ctx: TreeContext; label: string; nested?: boolean }) {
  return (
    <SortableSteps steps={steps}>
      <Stack gap={6} component="ol" pl={nested ? 28 : 0} mt={6} style={{ listStyle: 'none', margin: 0 }} aria-label={label}>
        {steps.map((step, index) => (
          <StepItem key={step.id} step={step} ctx={ctx} index={index} count={steps.length} />
        ))}
      </Stack>
    </SortableSteps>
  );
}

/** The procedure's steps, at every depth: each can be edited, and moved by keys, buttons or drag. */
export function StepList({ steps, ctx, label }: { steps: Step[]; ctx: TreeContext; label: string }) {
  return (
    <StepDragContext ctx={ctx}>
      <SiblingSteps steps={steps} ctx={ctx} label={label} />
    </StepDragContext>
  );
}
