import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { ErrorCode, FieldError, Problem } from '../../common/api/problem';
import { AppError, STATUS_BY_CODE, TITLE_BY_CODE } from '../errors/app-error';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** Sends an error as RFC 9457 problem details with sopdesk's stable code. */
export function sendProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  code: ErrorCode,
  detail: string,
  extras: Partial<Pick<Problem, 'errors' | 'current' | 'retryAfterSeconds' | 'findings'>> = {},
): FastifyReply {
  const status = STATUS_BY_CODE[code];
  const problem: Problem = {
    type: `urn:sopdesk:problem:${code}`,
    title: TITLE_BY_CODE[code],
    status,
    detail,
    code,
    instance: request.url.split('?')[0],
    requestId: String(request.id),
    ...extras,
  };
  if (extras.retryAfterSeconds !== undefined) reply.header('retry-after', String(Math.ceil(extras.retryAfterSeconds)));
  // The serializer of the route is bypassed: a problem is not the route's success schema.
  return reply.code(status).type(PROBLEM_CONTENT_TYPE).serializer(JSON.stringify).send(problem);
}

function describeValidation(errors: FieldError[]): string {
  return errors.map((error) => `${error.field}: ${error.message}`).join('; ');
}

/** Maps every error Fastify or a service can raise onto one problem+json shape. */
export function registerProblemHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError | Error, request, reply) => {
    if (error instanceof AppError) {
      return sendProblem(reply, request, error.code, error.message, error.extras);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const location = error.validationContext ?? 'body';
      const errors: FieldError[] = error.validation.flatMap((issue) => {
        const pathText = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
        const at = (key?: string) => [location, pathText, key].filter(Boolean).join('.');
        // Each unknown field is named on its own, so a client can see exactly what to remove.
        const unknownKeys = issue.keyword === 'unrecognized_keys' ? (issue.params as { keys?: string[] }).keys : undefined;
        if (unknownKeys?.length) return unknownKeys.map((key) => ({ field: at(key), message: 'is not a known field' }));
        return [{ field: at(), message: issue.message ?? 'is not valid' }];
      });
      return sendProblem(reply, request, 'validation_failed', describeValidation(errors), { errors });
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error, issues: error.cause.issues }, 'response did not match its schema');
      return sendProblem(reply, request, 'internal', 'The server produced an invalid response.');
    }
    const fastifyError = error as FastifyError;
    switch (fastifyError.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return sendProblem(reply, request, 'malformed_json', fastifyError.message);
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return sendProblem(reply, request, 'body_too_large', 'The request body exceeds the size limit.');
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return sendProblem(reply, request, 'unsupported_media_type', 'Send the request body as application/json.');
    }
    if (error instanceof SyntaxError && fastifyError.statusCode === 400) {
      return sendProblem(reply, request, 'malformed_json', error.message);
    }
    if (fastifyError.statusCode === 429) {
      return sendProblem(reply, request, 'rate_limited', 'Too many requests; try again shortly.');
    }
    if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
      return sendProblem(reply, request, 'validation_failed', fastifyError.message);
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, request, 'internal', 'An unexpected error occurred; it has been logged.');
  });

}
