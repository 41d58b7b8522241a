/**
 * Route schemas at the edge: every route declares its params, query, body and answers as zod
 * schemas from contract/api (`schema:` on the route), and these compilers validate the request
 * and the answer with them (fastify-type-provider-zod). A request that fails answers 400 in the
 * API's `{code, message}` shape with the route's documented code (`config.validationCode`, else
 * `invalid_request`), mapped in http/errors.ts; an answer that fails its schema is our bug: 500.
 */
import type { FastifyInstance, FastifySchemaValidationError } from 'fastify';
import type { FastifyRouteSchemaDef, FastifyValidationResult } from 'fastify/types/schema.js';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { ZodType } from 'zod';
import { HttpError, describeIssues } from '../http-error.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The `code` of this route's 400 when its params, query or body fail their schema (default `invalid_request`). */
    validationCode?: string;
    /** What to send, opening the 400's message: `${validationHint} (${problems}).` (default `Bad ${part}`). */
    validationHint?: string;
    /** A POST, PUT or PATCH that reads no body (the route-walk test otherwise wants `schema.body`). */
    noBody?: boolean;
  }
}

/** A request without a body is `undefined` to its schema (Fastify hands validators `null`), so `.default()` applies. */
function zodValidator<S>(route: FastifyRouteSchemaDef<S>): FastifyValidationResult {
  const validate = validatorCompiler(route as unknown as FastifyRouteSchemaDef<ZodType>);
  return route.httpPart === 'body' ? (data: unknown) => validate(data ?? undefined) : validate;
}

export function installSchemaCompilers(app: FastifyInstance): void {
  app.setValidatorCompiler(zodValidator);
  app.setSerializerCompiler(serializerCompiler);
}

type RequestPart = 'body' | 'headers' | 'querystring' | 'params';

/**
 * For a route that checks some parts itself: those parts' schemas describe the request in the API
 * document but are not run; the others still are. The streaming upload reads its own body (Fastify
 * never parses it) and headers; a route whose header has a code of its own checks it by hand.
 */
export function describeOnly(...parts: RequestPart[]) {
  return <S>(route: FastifyRouteSchemaDef<S>): FastifyValidationResult =>
    parts.includes(route.httpPart as RequestPart) ? (data: unknown) => ({ value: data }) : zodValidator(route);
}

interface RequestValidationError {
  validation: FastifySchemaValidationError[];
  validationContext?: string;
}

export function isRequestValidationError(err: unknown): err is RequestValidationError {
  return typeof err === 'object' && err !== null && Array.isArray((err as { validation?: unknown }).validation);
}

/** A failed request validation as the route documents it: 400 with its code, saying what to send. */
export function requestValidationAnswer(
  err: RequestValidationError,
  config: { validationCode?: string; validationHint?: string } = {},
): HttpError {
  const part = err.validationContext ?? 'request';
  const issues = err.validation.map((v) => ({
    path: v.instancePath.split('/').filter((segment) => segment !== ''),
    message: v.message ?? 'is not valid',
  }));
  const problems = describeIssues({ issues }, part);
  return new HttpError(
    400,
    config.validationCode ?? 'invalid_request',
    `${config.validationHint ?? `Bad ${part}`} (${problems}).`,
  );
}

/**
 * Where an answer broke its schema, for the log: field paths and zod's issue codes, never the
 * values (an answer carries emails, consent and telemetry).
 */
export function responseSchemaIssues(err: unknown): string[] | undefined {
  const e = err as { code?: unknown; cause?: { issues?: Array<{ path: PropertyKey[]; code: string }> } };
  if (e?.code !== 'FST_ERR_RESPONSE_SERIALIZATION' || !Array.isArray(e.cause?.issues)) return undefined;
  return e.cause.issues.slice(0, 10).map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.code}`);
}
