import type { ErrorCode, FieldError } from '../../common/api/problem';
import type { StyleFinding } from '../../common/api/sops';

/** The HTTP status each error code is answered with: one table, so codes never drift. */
export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  validation_failed: 400,
  malformed_json: 400,
  weak_password: 400,
  invalid_token: 400,
  unsupported_media_type: 415,
  body_too_large: 413,
  unauthenticated: 401,
  invalid_credentials: 401,
  session_expired: 401,
  csrf_failed: 403,
  forbidden: 403,
  not_found: 404,
  email_taken: 409,
  name_taken: 409,
  version_conflict: 409,
  role_in_use: 409,
  last_administrator: 409,
  invalid_state: 409,
  style_errors: 422,
  checkpoint_altered: 422,
  checkpoint_other_organisation: 422,
  rate_limited: 429,
  internal: 500,
};

export const TITLE_BY_CODE: Record<ErrorCode, string> = {
  validation_failed: 'The request is not valid',
  malformed_json: 'The request body is not valid JSON',
  weak_password: 'The password is too weak',
  invalid_token: 'The link or token is not valid',
  unsupported_media_type: 'Unsupported content type',
  body_too_large: 'The request body is too large',
  unauthenticated: 'Sign-in required',
  invalid_credentials: 'Email or password is incorrect',
  session_expired: 'The session has expired',
  csrf_failed: 'The request could not be verified',
  forbidden: 'Not allowed',
  not_found: 'Not found',
  email_taken: 'Email already in use',
  name_taken: 'Name already in use',
  version_conflict: 'Changed by someone else',
  role_in_use: 'The role is still in use',
  last_administrator: 'The last administrator cannot be removed',
  invalid_state: 'Not possible in the current state',
  style_errors: 'The SOP has style or structure errors',
  checkpoint_altered: 'The checkpoint was altered',
  checkpoint_other_organisation: 'The checkpoint is of another organisation',
  rate_limited: 'Too many attempts',
  internal: 'Something went wrong',
};

type AppErrorExtras = {
  errors?: FieldError[];
  current?: unknown;
  retryAfterSeconds?: number;
  findings?: StyleFinding[];
};

/** The one error type services throw; the HTTP layer turns it into application/problem+json. */
export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extras: AppErrorExtras = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.status = STATUS_BY_CODE[code];
  }
}

export function notFound(what: string): AppError {
  return new AppError('not_found', `${what} was not found.`);
}

export function forbidden(message = 'Your role does not allow this.'): AppError {
  return new AppError('forbidden', message);
}

export function invalidField(field: string, message: string, code: ErrorCode = 'validation_failed'): AppError {
  return new AppError(code, `${field}: ${message}`, { errors: [{ field, message }] });
}

/** 409: a name (or key) that must be unique is already used; `detail` says by what. */
export function alreadyInUse(field: string, detail: string): AppError {
  return new AppError('name_taken', detail, { errors: [{ field, message: 'is already in use' }] });
}
