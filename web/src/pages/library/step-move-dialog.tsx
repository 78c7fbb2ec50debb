import { ActionIcon, Modal, Select, Stack, Text, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconArrowsMove } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import type { Step } from '../../../../common/procedure/model';
import { findStep, moveStepToList, moveTargets, type StepListRef } from '../../../../common/procedure/step-tree';
import { FormActions } from '../../components/form-actions';
import { quoted } from './step-drag';
import type { TreeContext } from './step-tree-editor';

const valueOf = (target: StepListRef) => `${target.parentStepId ?? ''}/${target.branchId ?? ''}`;

/** How a list reads in the picker: by the number and instruction of the step that holds it. */
function describeTarget(target: StepListRef, ctx: TreeContext): string {
  if (target.parentStepId === undefined) return 'The procedure itself: a top-level step, at the end';
  const parent = findStep(ctx.steps, target.parentStepId);
  const number = ctx.numbers.get(target.parentStepId) ?? '';
  const named = [`step ${number}`, quoted(parent?.text, 60)].filter(Boolean).join(' ');
  if (target.branchId === undefined) return `Sub-steps of ${named}, at the end`;
  const branch = parent?.branches?.find((candidate) => candidate.id === target.branchId);
  return `Branch “${branch?.label || 'unnamed'}” of ${named}, at the end`;
}

/**
 * "Move step N to…": takes a step, with everything under it, to the end of any other list — the
 * procedure, a step's sub-steps or a decision's branch — which dragging (among siblings) and
 * indent/outdent (one level at a time) cannot do in one move.
 */
export function MoveStepButton({ step, number, ctx }: { step: Step; number: string; ctx: TreeContext }) {
  const [opened, { open, close }] = useDisclosure(false);
  const [choice, setChoice] = useState<string | null>(null);
  const targets = opened ? moveTargets(ctx.steps, step.id) : [];
  const options = targets.map((target) => ({ value: valueOf(target), label: describeTarget(target, ctx) }));
  const label = `Move step ${number} to another list…`;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const target = targets.find((candidate) => valueOf(candidate) === choice);
    if (!target) return;
    ctx.apply((steps) => moveStepToList(steps, step.id, target), step.id);
    close();
  };
  return (
    <>
      <Tooltip label={label} openDelay={400}>
        <ActionIcon
          variant="subtle"
          color="gray.8"
          onClick={() => {
            setChoice(null);
            open();
          }}
          aria-label={label}
          // Any other step gives a list to move to (its sub-steps); a lone step has none.
          disabled={ctx.numbers.size < 2}
          size="md"
        >
          <IconArrowsMove size={16} aria-hidden />
        </ActionIcon>
      </Tooltip>
      <Modal opened={opened} onClose={close} title={`Move step ${number}`} size="lg">
        <form onSubmit={submit} noValidate>
          <Stack>
            <Text size="sm">
              Step {number} {quoted(step.text, 60)} moves with its sub-steps and branches. It goes to the end of the list you choose; move it up or down there
              afterwards.
            </Text>
            <Select
              label="Move to"
              placeholder="Choose a list"
              data={options}
              value={choice}
              onChange={setChoice}
              searchable
              nothingFoundMessage="No list by that number or wording"
              data-autofocus
              comboboxProps={{ withinPortal: true }}
            />
            <FormActions onCancel={close} submitLabel={`Move step ${number}`} disabled={!choice} />
          </Stack>
        </form>
      </Modal>
    </>
  );
}
