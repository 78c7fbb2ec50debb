import { notifications } from '@mantine/notifications';

// The close button's accessible name comes from the theme (Notification's default props).

export function notifySaved(message: string): void {
  notifications.show({ color: 'teal', message, autoClose: 4000 });
}

export function notifyFailed(error: unknown, title = 'That did not work'): void {
  notifications.show({ color: 'red', title, message: error instanceof Error ? error.message : 'Something went wrong.', autoClose: 8000 });
}
