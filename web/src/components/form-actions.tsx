import { Button, Group } from '@mantine/core';
import type { ReactNode } from 'react';

type FormActionsProps = {
  onCancel: () => void;
  submitLabel: ReactNode;
  pending?: boolean;
  disabled?: boolean;
  /** The submission destroys something (erase, delete): a red button. */
  danger?: boolean;
};

/** The foot of a dialog's form: Cancel, and the button that submits it. */
export function FormActions({ onCancel, submitLabel, pending, disabled, danger }: FormActionsProps) {
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel}>
        Cancel
      </Button>
      <Button type="submit" loading={pending} disabled={disabled} color={danger ? 'red' : undefined}>
        {submitLabel}
      </Button>
    </Group>
  );
}
