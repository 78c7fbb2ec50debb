import { Alert, Button, Group, Stack, Table, Text } from '@mantine/core';
import { IconGitCompare } from '@tabler/icons-react';
import { useState } from 'react';
import { ApiError } from '../api/client';

/** The record the server sent with a 409 version_conflict, if this error is one. */
export function conflictOf<T>(error: unknown): T | null {
  return error instanceof ApiError && error.code === 'version_conflict' && error.problem.current ? (error.problem.current as T) : null;
}

/**
 * The record an edit is based on (its version is sent with the save). After a 409 the author
 * chooses: load their record into the form, or keep the form's values and save on their version.
 */
export function useEditBase<T>(initial: T) {
  const [base, setBase] = useState(initial);
  const choices = (setValues: (current: NonNullable<T>) => void, reset: () => void) => ({
    onLoad: (current: NonNullable<T>) => {
      setBase(current);
      setValues(current);
      reset();
    },
    onOverwrite: (current: NonNullable<T>) => {
      setBase(current);
      reset();
    },
  });
  return { base, choices };
}

type VersionConflictAlertProps<T> = {
  current: T;
  fields: (current: T) => Array<[label: string, value: string]>;
  onLoad: (current: T) => void;
  /** Offered when saving over the other person's change is allowed: keep the form's values, on their version. */
  onOverwrite?: (current: T) => void;
};

/**
 * Someone else saved first: shows what they saved, field by field, and offers to load it.
 * The caller's unsaved edits stay in the form until they choose to load.
 */
export function VersionConflictAlert<T>({ current, fields, onLoad, onOverwrite }: VersionConflictAlertProps<T>) {
  return (
    <Alert color="orange" variant="light" title="Someone else saved first" styles={{ label: { color: 'var(--mantine-color-text)' } }} icon={<IconGitCompare aria-hidden />} role="alert">
      <Stack gap="xs">
        <Text size="sm">Your changes were not saved. This is what is saved now:</Text>
        <Table withTableBorder verticalSpacing={4} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Field</Table.Th>
              <Table.Th>Saved value</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {fields(current).map(([label, value]) => (
              <Table.Tr key={label}>
                <Table.Td>{label}</Table.Td>
                <Table.Td>{value || '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Text size="sm">
          Load their version to edit on top of it; your unsaved edits will be replaced.{onOverwrite ? ' Or keep your values, then save again to put them over theirs.' : ''}
        </Text>
        <Group gap="xs">
          <Button size="xs" variant="default" onClick={() => onLoad(current)}>
            Load their version
          </Button>
          {onOverwrite ? (
            <Button size="xs" variant="default" onClick={() => onOverwrite(current)}>
              Keep my values
            </Button>
          ) : null}
        </Group>
      </Stack>
    </Alert>
  );
}
