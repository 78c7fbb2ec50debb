import { notifications } from '@mantine/notifications';

// As components/notify, but Mantine's close button gets an accessible name (axe: button-name).
const closeButtonProps = { 'aria-label': 'Dismiss' };

export function notifySaved(message: string): void {
  notifications.show({ color: 'teal', message, autoClose: 4000, closeButtonProps });
}

export function notifyFailed(error: unknown, title = 'That did not work'): void {
  notifications.show({ color: 'red', title, message: error instanceof Error ? error.message : 'Something went wrong.', autoClose: 8000, closeButtonProps });
}
