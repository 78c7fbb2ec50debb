import { Button, Group, Modal, Stack, Text, type ButtonProps } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ComponentPropsWithoutRef, ReactNode } from 'react';

type ConfirmActionProps = ButtonProps &
  Omit<ComponentPropsWithoutRef<'button'>, 'color' | 'style' | 'onClick' | 'title'> & {
    children: ReactNode;
    title: string;
    message: ReactNode;
    confirmLabel: string;
    onConfirm: () => void;
    danger?: boolean;
  };

/**
 * A button that asks before doing something that cannot simply be undone.
 * Like components/confirm-button, but its dialog's close button has an accessible name,
 * which axe requires (Mantine's close button has none by default).
 */
export function ConfirmAction({ children, title, message, confirmLabel, onConfirm, danger = true, ...buttonProps }: ConfirmActionProps) {
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button {...buttonProps} onClick={open}>
        {children}
      </Button>
      <Modal opened={opened} onClose={close} title={title} centered closeButtonProps={{ 'aria-label': 'Close' }}>
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
