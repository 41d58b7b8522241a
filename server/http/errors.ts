/**
 * The one place errors become HTTP answers, all shaped `{ code, message, details? }`: a service's
 * DomainError by its kind (the table below), an edge HttpError as thrown, a request that fails its
 * route's schema as 400 with the route's documented code (http/validation.ts), Fastify's own 4xx
 * (body too large, bad JSON) as they come, and anything else — an answer that breaks its own
 * schema included — as a bare 500 whose log line holds no personal data.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type DomainErrorKind } from '../domain-errors.js';
import { HttpError } from '../http-error.js';
import { safeError } from '../safe-error.js';
import { isRequestValidationError, requestValidationAnswer, responseSchemaIssues } from './validation.js';

const STATUS: Record<DomainErrorKind, number> = {
  invalid_input: 400,
  not_found: 404,
  conflict: 409,
  unsupported_media: 415,
  media_unsuitable: 422,
  try_again: 503,
  gone: 410,
};

/** The HTTP form of a service's refusal. */
export function httpErrorOf(err: DomainError): HttpError {
  return new HttpError(STATUS[err.kind], err.code, err.message, err.details);
}

export function answerError(err: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const known =
    err instanceof DomainError
      ? httpErrorOf(err)
      : isRequestValidationError(err)
        ? requestValidationAnswer(err, request.routeOptions.config)
        : err;
  if (known instanceof HttpError) {
    return reply.code(known.statusCode).send({ code: known.code, message: known.message, details: known.details });
  }
  const { statusCode, code, message } = err as { statusCode?: number; code?: string; message?: string };
  if (statusCode && statusCode >= 400 && statusCode < 500) {
    return reply.code(statusCode).send({ code: code ?? 'bad_request', message: message ?? 'Bad request.' });
  }
  // Never the error itself: database errors carry the query and its parameters (personal data).
  request.log.error({ err: safeError(err), responseSchemaIssues: responseSchemaIssues(err) }, 'unhandled error');
  return reply.code(500).send({ code: 'internal_error', message: 'Something went wrong on our side. Please try again.' });
}
