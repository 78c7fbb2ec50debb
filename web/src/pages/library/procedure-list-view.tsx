import { Badge, Group, Stack, Text } from '@mantine/core';
import type { Step } from '../../../../common/procedure/model';
import { SafeMarkdown } from './safe-markdown';
import { SopRefLink } from './sop-ref-link';

export const KIND_LABEL: Record<Step['kind'], string> = { action: 'Action', decision: 'Decision', referral: 'Referral', record: 'Record' };
const KIND_COLOUR: Record<Step['kind'], string> = { action: 'blue', decision: 'yellow', referral: 'grape', record: 'green' };

export function StepKindBadge({ kind }: { kind: Step['kind'] }) {
  if (kind === 'action') return null;
  return (
    <Badge c="gray.9" size="xs" variant="light" color={KIND_COLOUR[kind]} radius="sm">
      {KIND_LABEL[kind]}
    </Badge>
  );
}

/** What a step asks for beyond its instruction: who, to whom, which governed action, which evidence, which other SOP. */
export function StepFacts({ step }: { step: Step }) {
  const facts: string[] = [];
  if (step.role) facts.push(`By: ${step.role}`);
  if (step.kind === 'referral' && step.referTo) facts.push(`Refer to: ${step.referTo}`);
  if (step.action) facts.push(`Governed action: ${step.action.key.replace(/-/g, ' ')}${step.action.hasAmount ? ' (with amount)' : ''}`);
  if (step.record) {
    const fields = step.record.fields.map((field) => `${field.label}${field.required ? ' (required)' : ''}`);
    if (step.record.note) fields.push('a note');
    if (step.record.attachment) fields.push('an attachment');
    if (fields.length > 0) facts.push(`Record: ${fields.join(', ')}`);
  }
  if (facts.length === 0 && !step.sopRef) return null;
  return (
    <Text size="xs" c="gray.7">
      {facts.join(' · ')}
      {step.sopRef ? (
        <>
          {facts.length > 0 ? ' · ' : ''}See <SopRefLink sopKey={step.sopRef} />
        </>
      ) : null}
    </Text>
  );
}

type Row = { step: Step; number: string; depth: number; branch?: string };

function flatten(steps: readonly Step[], numbers: Map<string, string>, depth = 0, rows: Row[] = []): Row[] {
  for (const step of steps) {
    rows.push({ step, number: numbers.get(step.id) ?? '', depth });
    if (step.substeps) flatten(step.substeps, numbers, depth + 1, rows);
    for (const branch of step.branches ?? []) {
      rows.push({ step: { id: `${step.id}:${branch.id}`, kind: 'action', text: '' }, number: '', depth: depth + 1, branch: `${branch.label}${branch.end ? ` → ends: ${branch.end.outcome}` : ''}` });
      flatten(branch.steps, numbers, depth + 2, rows);
    }
  }
  return rows;
}

/** The procedure as one numbered list, read top to bottom, with a decision's answers as sub-headings. */
export function ProcedureListView({ steps, numbers }: { steps: Step[]; numbers: Map<string, string> }) {
  if (steps.length === 0) return <Text c="gray.7">This procedure has no steps yet.</Text>;
  const rows = flatten(steps, numbers);
  return (
    <Stack gap={6} component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="Procedure steps">
      {rows.map((row) =>
        row.branch !== undefined ? (
          <li key={row.step.id} style={{ paddingLeft: row.depth * 24 }}>
            <Text size="sm" fw={700} c="#8a4b00">
              If: {row.branch}
            </Text>
          </li>
        ) : (
          <li key={row.step.id} id={`list-step-${row.step.id}`} style={{ paddingLeft: row.depth * 24 }}>
            <Group gap={8} wrap="nowrap" align="flex-start">
              <Text fw={700} miw={40} ff="monospace" size="sm">
                {row.number}
              </Text>
              <Stack gap={2} style={{ flex: 1 }}>
                <Group gap={6}>
                  <Text size="sm" fw={500}>
                    {row.step.text}
                  </Text>
                  <StepKindBadge kind={row.step.kind} />
                </Group>
                <StepFacts step={row.step} />
                {row.step.detail ? <SafeMarkdown>{row.step.detail}</SafeMarkdown> : null}
              </Stack>
            </Group>
          </li>
        ),
      )}
    </Stack>
  );
}
