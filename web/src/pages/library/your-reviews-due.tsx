import { Alert, Button, Group, Text } from '@mantine/core';
import { IconCalendarDue } from '@tabler/icons-react';
import { useYourReviewsDue } from './library-api';

const sops = (count: number) => `${count} ${count === 1 ? 'SOP' : 'SOPs'}`;
const isAre = (count: number) => (count === 1 ? 'is' : 'are');

function summary(overdue: number, dueSoon: number): string {
  if (overdue > 0 && dueSoon > 0) return `${sops(overdue)} you own ${isAre(overdue)} overdue for review, and ${dueSoon} more ${isAre(dueSoon)} due within 30 days.`;
  if (overdue > 0) return `${sops(overdue)} you own ${isAre(overdue)} overdue for review.`;
  return `${sops(dueSoon)} you own ${isAre(dueSoon)} due for review within 30 days.`;
}

/**
 * Tells an owner, on the page they land on, which of their SOPs are overdue for their periodic
 * review or fall due within 30 days, with a way to list them. Nothing when none is.
 */
export function YourReviewsDue({ onShow }: { onShow: (review: 'overdue' | 'due-soon') => void }) {
  const { overdue, dueSoon } = useYourReviewsDue();
  if (overdue === 0 && dueSoon === 0) return null;
  return (
    <Alert
      color={overdue > 0 ? 'red' : 'orange'}
      variant="light"
      icon={<IconCalendarDue aria-hidden />}
      title="Your periodic reviews"
      styles={{ label: { color: 'var(--mantine-color-text)' } }}
    >
      <Group justify="space-between" gap="sm">
        <Text size="sm">
          {summary(overdue, dueSoon)} Every SOP is reviewed at least once a year: confirm it is still correct, or start a new draft.
        </Text>
        <Group gap="xs">
          {overdue > 0 ? (
            <Button size="xs" variant="default" onClick={() => onShow('overdue')}>
              Show overdue
            </Button>
          ) : null}
          {dueSoon > 0 ? (
            <Button size="xs" variant="default" onClick={() => onShow('due-soon')}>
              Show due soon
            </Button>
          ) : null}
        </Group>
      </Group>
    </Alert>
  );
}
