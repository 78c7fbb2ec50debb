import { Alert, List } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { ApiError } from '../api/client';

/** Shows what went wrong in words a person can act on, with the fields the server named. */
export function ProblemAlert({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  // Field paths read as the form's own names ("name", not "body.name").
  const message = error instanceof Error ? error.message.replace(/\bbody\./g, '') : 'Something went wrong.';
  // A field the message already names (a problem with one field says it in its detail) is not listed again.
  const fieldErrors = (error instanceof ApiError ? error.fieldErrors : []).filter((fieldError) => `${fieldError.field.replace(/^body\./, '')}: ${fieldError.message}` !== message);
  return (
    <Alert color="red" variant="light" title={title ?? 'That did not work'} icon={<IconAlertTriangle aria-hidden />} role="alert">
      {message}
      {fieldErrors.length > 0 ? (
        <List size="sm" mt="xs">
          {fieldErrors.map((fieldError) => (
            <List.Item key={`${fieldError.field}:${fieldError.message}`}>
              {fieldError.field.replace(/^body\./, '')}: {fieldError.message}
            </List.Item>
          ))}
        </List>
      ) : null}
    </Alert>
  );
}
