import { Button, Modal, Stack, type ButtonProps } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { FormEvent, ReactNode } from 'react';
import { FormActions } from '../../components/form-actions';
import { ProblemAlert } from '../../components/problem-alert';

type DialogButtonProps = {
  label: string;
  title: string;
  submitLabel: string;
  /** Called on submit; resolve true to close the dialog. */
  onSubmit: () => Promise<boolean>;
  pending: boolean;
  error: unknown;
  children: ReactNode;
  buttonProps?: ButtonProps & { leftSection?: ReactNode };
  danger?: boolean;
  onOpen?: () => void;
};

/** Runs a dialog's submission: true when it succeeded (the dialog closes), false when it failed (its error shows in the dialog). */
export async function succeeded(run: () => Promise<unknown>): Promise<boolean> {
  try {
    await run();
    return true;
  } catch {
    return false;
  }
}

/** A button that opens a small form in a dialog: one lifecycle step (approve, publish, retire …). */
export function DialogButton({ label, title, submitLabel, onSubmit, pending, error, children, buttonProps, danger, onOpen }: DialogButtonProps) {
  const [opened, { open, close }] = useDisclosure(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await onSubmit()) close();
  };
  return (
    <>
      <Button
        {...buttonProps}
        onClick={() => {
          onOpen?.();
          open();
        }}
      >
        {label}
      </Button>
      <Modal opened={opened} onClose={close} title={title} size="lg">
        <form onSubmit={(event) => void submit(event)} noValidate>
          <Stack>
            {error ? <ProblemAlert error={error} /> : null}
            {children}
            <FormActions onCancel={close} submitLabel={submitLabel} pending={pending} danger={danger} />
          </Stack>
        </form>
      </Modal>
    </>
  );
}
