import { Button, Group, Modal, Stack, Text, type ButtonProps } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ReactNode } from 'react';

type ConfirmDialogButtonProps = ButtonProps & {
  children: ReactNode;
  title: string;
  message: string;
  confirmLabel: string;
  onConfirm: () => void;
  'aria-label'?: string;
};

/** As components/confirm-button, with a named close button on the dialog (axe: button-name). */
export function ConfirmDialogButton({ children, title, message, confirmLabel, onConfirm, ...buttonProps }: ConfirmDialogButtonProps) {
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button {...buttonProps} onClick={open}>
        {children}
      </Button>
      <Modal opened={opened} onClose={close} title={title} centered closeButtonProps={{ 'aria-label': 'Close' }}>
        <Stack>
          <Text size="sm">{message}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button
              color="red.8"
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
