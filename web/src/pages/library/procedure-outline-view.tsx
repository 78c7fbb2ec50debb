import { ActionIcon, Box, Button, Group, Select, Stack, Text } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { useState } from 'react';
import type { Step } from '../../../../common/procedure/model';
import { findStep } from '../../../../common/procedure/step-tree';
import { StepFacts, StepKindBadge } from './procedure-list-view';
import { SafeMarkdown } from './safe-markdown';

type OutlineProps = { steps: Step[]; numbers: Map<string, string> };

function hasChildren(step: Step): boolean {
  return (step.substeps?.length ?? 0) > 0 || (step.branches?.length ?? 0) > 0;
}

function parentIds(steps: Step[], target: string, trail: string[] = []): string[] | undefined {
  for (const step of steps) {
    if (step.id === target) return trail;
    const children = [...(step.substeps ?? []), ...(step.branches ?? []).flatMap((branch) => branch.steps)];
    const found = parentIds(children, target, [...trail, step.id]);
    if (found) return found;
  }
  return undefined;
}

/** The procedure as a tree: stages with collapsible sub-steps and decisions with their branches; jump to any step. */
export function ProcedureOutlineView({ steps, numbers }: OutlineProps) {
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const [highlighted, setHighlighted] = useState<string | null>(null);
  const toggle = (id: string) =>
    setCollapsed((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const collapsible = [...numbers.keys()].filter((id) => {
    const step = findStep(steps, id);
    return step ? hasChildren(step) : false;
  });
  const jumpTo = (id: string | null) => {
    if (!id) return;
    const open = parentIds(steps, id) ?? [];
    setCollapsed((current) => new Set([...current].filter((collapsedId) => !open.includes(collapsedId))));
    setHighlighted(id);
    // After the expanded steps render.
    requestAnimationFrame(() => {
      const element = document.getElementById(`outline-step-${id}`);
      element?.scrollIntoView({ block: 'center', behavior: 'smooth' });
      element?.focus();
    });
  };

  if (steps.length === 0) return <Text c="gray.7">This procedure has no steps yet.</Text>;
  return (
    <Stack gap="sm">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Select
          label="Jump to step"
          placeholder="Type a number or words"
          searchable
          data={[...numbers.entries()].map(([id, number]) => ({ value: id, label: `${number} ${findStep(steps, id)?.text ?? ''}` }))}
          onChange={jumpTo}
          value={null}
          w={360}
        />
        <Button variant="subtle" size="xs" onClick={() => setCollapsed(new Set())}>
          Expand all
        </Button>
        <Button variant="subtle" size="xs" onClick={() => setCollapsed(new Set(collapsible))}>
          Collapse all
        </Button>
      </Group>
      <OutlineList steps={steps} numbers={numbers} collapsed={collapsed} onToggle={toggle} highlighted={highlighted} label="Procedure outline" />
    </Stack>
  );
}

type ListProps = OutlineProps & { collapsed: Set<string>; onToggle: (id: string) => void; highlighted: string | null; label?: string };

function OutlineList({ steps, numbers, collapsed, onToggle, highlighted, label }: ListProps) {
  return (
    <ul style={{ listStyle: 'none', margin: 0, paddingLeft: label ? 0 : 28 }} aria-label={label}>
      {steps.map((step) => {
        const open = !collapsed.has(step.id);
        const number = numbers.get(step.id) ?? '';
        return (
          <li key={step.id}>
            <Box
              id={`outline-step-${step.id}`}
              tabIndex={-1}
              py={4}
              px={6}
              style={{ borderRadius: 6, background: highlighted === step.id ? 'var(--mantine-color-yellow-1)' : undefined }}
            >
              <Group gap={6} wrap="nowrap" align="flex-start">
                {hasChildren(step) ? (
                  <ActionIcon variant="subtle" size="sm" onClick={() => onToggle(step.id)} aria-expanded={open} aria-label={`${open ? 'Collapse' : 'Expand'} step ${number}`}>
                    {open ? <IconChevronDown size={16} aria-hidden /> : <IconChevronRight size={16} aria-hidden />}
                  </ActionIcon>
                ) : (
                  <Box w={22} />
                )}
                <Text fw={700} ff="monospace" size="sm" miw={44}>
                  {number}
                </Text>
                <Stack gap={2} style={{ flex: 1 }}>
                  <Group gap={6}>
                    <Text size="sm" fw={500}>
                      {step.text}
                    </Text>
                    <StepKindBadge kind={step.kind} />
                  </Group>
                  <StepFacts step={step} />
                  {step.detail ? <SafeMarkdown>{step.detail}</SafeMarkdown> : null}
                </Stack>
              </Group>
            </Box>
            {open && step.substeps?.length ? <OutlineList steps={step.substeps} numbers={numbers} collapsed={collapsed} onToggle={onToggle} highlighted={highlighted} /> : null}
            {open && step.branches?.length ? (
              <ul style={{ listStyle: 'none', margin: 0, paddingLeft: 28 }}>
                {step.branches.map((branch) => (
                  <li key={branch.id}>
                    <Text size="sm" fw={700} c="#8a4b00" py={4}>
                      If: {branch.label}
                      {branch.end ? ` → the procedure ends: ${branch.end.outcome}` : ''}
                    </Text>
                    {branch.steps.length ? (
                      <OutlineList steps={branch.steps} numbers={numbers} collapsed={collapsed} onToggle={onToggle} highlighted={highlighted} />
                    ) : (
                      <Text size="xs" c="gray.7" pl={28}>
                        {branch.end ? 'No steps before the end.' : 'Nothing to do; continue with the next step.'}
                      </Text>
                    )}
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
