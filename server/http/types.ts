import type { FastifyBaseLogger, FastifyInstance, FastifyRequest, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema } from '../../common/api/problem';
import type { Config } from '../config';
import type { Db } from '../db/database';

/** The Fastify instance routes are registered on: zod schemas type every request and response. */
export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

export type RouteDeps = { db: Db; config: Config };

/** Error answers every authenticated route can give, for the OpenAPI document. */
export const commonProblems = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
  429: problemSchema,
} as const;

export const idParams = z.strictObject({ id: z.uuid('must be a valid id') });

/** Where links we hand out (password set-up) should point. */
export function baseUrlOf(request: FastifyRequest, config: Config): string {
  return config.SOPDESK_PUBLIC_URL ?? `${request.protocol}://${request.host}`;
}
