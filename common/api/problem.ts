import { z } from 'zod';
import { styleFindingSchema } from './sops';

/** Stable error codes: clients branch on these, never on the human-readable text. */
export const ERROR_CODES = [
  'validation_failed',
  'malformed_json',
  'unsupported_media_type',
  'body_too_large',
  'unauthenticated',
  'invalid_credentials',
  'session_expired',
  'csrf_failed',
  'forbidden',
  'not_found',
  'email_taken',
  'name_taken',
  'version_conflict',
  'role_in_use',
  'last_administrator',
  'invalid_state',
  'style_errors',
  'checkpoint_altered',
  'checkpoint_other_organisation',
  'weak_password',
  'invalid_token',
  'rate_limited',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export const fieldErrorSchema = z.object({
  field: z.string().describe('Dotted path of the offending field, e.g. "body.email"'),
  message: z.string(),
});

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.enum(ERROR_CODES),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(fieldErrorSchema).optional(),
    current: z.unknown().optional().describe('On version_conflict: the record as it now stands'),
    retryAfterSeconds: z.number().optional(),
    findings: z.array(styleFindingSchema).optional().describe('On style_errors: the style and structure errors that block the step'),
  })
  .meta({ id: 'Problem' });

export type Problem = z.infer<typeof problemSchema>;
export type FieldError = z.infer<typeof fieldErrorSchema>;
