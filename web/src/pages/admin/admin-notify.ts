import { notifications } from '@mantine/notifications';

// Like components/notify, but the notification's close button has an accessible name:
// Mantine's has none by default, which axe reports as a critical finding.
const closeButtonProps = { 'aria-label': 'Dismiss notification' };

export function notifySaved(message: string): void {
  notifications.show({ color: 'teal', message, autoClose: 4000, closeButtonProps });
}

export function notifyFailed(error: unknown, title = 'That did not work'): void {
  notifications.show({ color: 'red', title, message: error instanceof Error ? error.message : 'Something went wrong.', autoClose: 8000, closeButtonProps });
}
