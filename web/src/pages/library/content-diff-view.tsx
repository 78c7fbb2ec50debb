import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { SopContentDiff, WordChange } from '../../../../common/procedure/diff';

/** Words added and removed, marked with <ins>/<del> (announced by screen readers) and colour. */
export function Words({ words }: { words: WordChange[] }) {
  return (
    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
      {words.map((word, index) =>
        word.kind === 'added' ? (
          <ins key={index} style={{ background: '#d3f9d8', color: '#0b3d17', textDecoration: 'underline' }}>
            {word.text}
          </ins>
        ) : word.kind === 'removed' ? (
          <del key={index} style={{ background: '#ffe3e3', color: '#5c0f0f' }}>
            {word.text}
          </del>
        ) : (
          <span key={index}>{word.text}</span>
        ),
      )}
    </Text>
  );
}

type StepDiffRow = SopContentDiff['procedure']['steps'][number];

function StepChange({ step }: { step: StepDiffRow }) {
  const place = step.to ?? step.from;
  const tags: string[] = [];
  if (step.change === 'added') tags.push('added');
  if (step.change === 'removed') tags.push('removed');
  if (step.moved) tags.push(`moved from ${step.from?.number} to ${step.to?.number}`);
  if (step.reworded) tags.push('reworded');
  if (step.attributesChanged) tags.push(`changed: ${step.attributes.map((attribute) => attribute.attribute).join(', ')}`);
  if (tags.length === 0) return null;
  return (
    <li>
      <Group gap="xs" align="flex-start" wrap="nowrap">
        <Text ff="monospace" fw={700} size="sm" miw={48}>
          {place?.number}
        </Text>
        <Stack gap={2} style={{ flex: 1 }}>
          {step.text ? <Words words={step.text} /> : <Text size="sm" td={step.change === 'removed' ? 'line-through' : undefined}>{place?.text}</Text>}
          {step.detail && step.detail.some((word) => word.kind !== 'same') ? <Words words={step.detail} /> : null}
          <Group gap={4}>
            {tags.map((tag) => (
              <Badge key={tag} size="xs" variant="light" c="gray.9" tt="none" color={tag === 'added' ? 'green' : tag === 'removed' ? 'red' : 'blue'}>
                {tag}
              </Badge>
            ))}
          </Group>
        </Stack>
      </Group>
    </li>
  );
}

/** A diff that understands sections and steps: which sections changed, word by word, and which steps were added, removed, moved or reworded. */
export function ContentDiffView({ diff }: { diff: Pick<SopContentDiff, 'changed' | 'sections' | 'procedure'> }) {
  if (!diff.changed) return <Text size="sm">The two versions have the same content.</Text>;
  const { summary } = diff.procedure;
  return (
    <Stack gap="sm">
      {diff.sections
        .filter((section) => section.changed)
        .map((section) => (
          <Paper key={section.section} withBorder p="sm" radius="sm">
            <Title order={3} size="h5" mb={4}>
              {section.title}
            </Title>
            <Words words={section.words} />
          </Paper>
        ))}
      {diff.procedure.changed ? (
        <Paper withBorder p="sm" radius="sm">
          <Title order={3} size="h5" mb={4}>
            Procedure
          </Title>
          <Text size="xs" c="gray.7" mb={6}>
            {summary.added} added · {summary.removed} removed · {summary.moved} moved · {summary.reworded} reworded · {summary.attributesChanged} with other changes · {summary.unchanged} unchanged
          </Text>
          <Stack gap={6} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="Changed steps">
            {diff.procedure.steps.map((step) => (
              <StepChange key={`${step.change}:${step.stepId}`} step={step} />
            ))}
          </Stack>
        </Paper>
      ) : null}
    </Stack>
  );
}
