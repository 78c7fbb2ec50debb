import type { FieldError, Problem } from '../../../common/api/problem';

/** An API answer that was not a success: carries the problem+json body the server sent. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fieldErrors: FieldError[];
  readonly problem: Partial<Problem>;

  constructor(status: number, problem: Partial<Problem>) {
    super(problem.detail ?? problem.title ?? `The server answered ${status}.`);
    this.status = status;
    this.code = problem.code ?? 'internal';
    this.fieldErrors = problem.errors ?? [];
    this.problem = problem;
  }
}

// The CSRF token comes with /me and the sign-in answer; cookie-authenticated writes must send it.
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type RequestOptions = { method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'; body?: unknown; signal?: AbortSignal };

/** Calls the sopdesk API and returns the parsed JSON (or null for 204), throwing ApiError otherwise. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, { code: 'internal', title: 'No connection', detail: 'sopdesk could not be reached. Check your connection and try again.' });
  }
  if (response.status === 204) return null as T;
  const text = await response.text();
  const json: unknown = text ? safeParse(text) : null;
  if (!response.ok) throw new ApiError(response.status, (json as Partial<Problem>) ?? { detail: `The server answered ${response.status}.` });
  return json as T;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { detail: text.slice(0, 300) };
  }
}

/** Builds a query string from the defined, non-empty values. */
export function queryString(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** The message of a field error from the server, by the form's field name (body.email → email). */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  return Object.fromEntries(error.fieldErrors.map((fieldError) => [fieldError.field.replace(/^body\./, ''), fieldError.message]));
}

/** The error to show above a form: none when the server named fields, since those show on the fields themselves. */
export function formLevelError(error: unknown): unknown {
  return error && !(error instanceof ApiError && error.fieldErrors.length > 0) ? error : null;
}
