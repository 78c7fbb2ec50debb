import { Button, Group, Modal, Stack, Text, type ButtonProps } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ComponentPropsWithoutRef, ReactNode } from 'react';

type ConfirmButtonProps = ButtonProps &
  Omit<ComponentPropsWithoutRef<'button'>, 'color' | 'style' | 'onClick' | 'title'> & {
    children: ReactNode;
    title: string;
    message: ReactNode;
    confirmLabel: string;
    onConfirm: () => void;
    /** A red confirm button, for what cannot simply be undone (the default). */
    danger?: boolean;
  };

/**
 * A button that asks before doing something that cannot simply be undone.
 * The dialog's close button gets its name from the theme (Modal's default props).
 */
export function ConfirmButton({ children, title, message, confirmLabel, onConfirm, danger = true, ...buttonProps }: ConfirmButtonProps) {
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button {...buttonProps} onClick={open}>
        {children}
      </Button>
      <Modal opened={opened} onClose={close} title={title} centered>
        <Stack>
          {typeof message === 'string' ? <Text size="sm">{message}</Text> : message}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button
              color={danger ? 'red' : undefined}
              onClick={() => {
                close();
                onConfirm();
              }}
            >
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
