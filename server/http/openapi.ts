/**
 * The API's OpenAPI 3.1 document, generated from the routes' zod schemas (@fastify/swagger with
 * fastify-type-provider-zod's transform): `GET /api/openapi.json`, and a browsable reference at
 * `/api/docs` (@fastify/swagger-ui, its assets served from this origin). Both are public, like the
 * API they describe. Install before the routes: the document collects every route registered after.
 *
 * What a route does not say itself is added here, from the rules that decide it, so it cannot
 * drift: which session it needs (`security`), the access guard's 401/403, the rate limit's 429 and
 * 500 `internal_error`.
 */
import { readFileSync } from 'node:fs';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, RouteOptions } from 'fastify';
import type { SwaggerTransformObject } from '@fastify/swagger';
import { createJsonSchemaTransform, jsonSchemaTransformObject, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isAdminRoute, isAllowedWhilePending, isIntegratorRoute, isPublicRoute, SESSION_COOKIE } from '../auth/reviewer-guard.js';
import { errorAnswers, type ErrorStatus } from './answers.js';
import { DOCS_PREFIX, OPENAPI_URL, isApiReference } from './api-reference.js';
import { rateLimitGroup } from './rate-limits.js';

/** Every route's `tags` come from this list (the route-walk test holds them to it). */
export const API_TAGS = {
  capture: "The end user's capture: upload and status (public)",
  auth: 'Sign-in and the session',
  cases: 'The review queue, cases, decisions and re-runs (reviewers)',
  dashboard: 'Volumes, vendor latency and agreement (reviewers)',
  admin: 'Accounts, erasure and retention (admins)',
  media: 'Stored media: for reviewers, and signed links for vendors',
  integration: 'The integrator API, /api/v1: capture sessions (API key)',
  service: 'Health, providers and this document (public)',
} as const;
export type ApiTag = keyof typeof API_TAGS;

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

const DESCRIPTION = `Selfie-video deepfake screening: the capture app uploads a clip, vendors and the local screening check it, reviewers decide.

Every answer other than 2xx is \`{ "code": "…", "message": "…", "details"?: … }\`: \`code\` is stable and documented per route, \`message\` is for people. A request that fails its schema is 400 with the route's code and a message naming each problem.

\`/api/v1\` (the integrator API) takes an application's API key: \`Authorization: Bearer <key>\` (else 401 \`invalid_api_key\`). Routes marked with the \`session\` scheme need the \`${SESSION_COOKIE}\` cookie from \`POST /api/auth/login\` (else 401 \`unauthenticated\`); state-changing ones also the \`x-csrf-token\` header equal to the session's \`csrfToken\` (else 403 \`csrf_failed\`); a session with a pending step (\`user.pending\`) gets 403 \`password_change_required\` / \`totp_setup_required\` until it is done; \`/api/admin/…\` needs role admin (else 403 \`forbidden\`). Public routes answer 429 \`rate_limited\` with \`Retry-After\` past their per-client limit.`;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Adds to an /api/ route's schema what the guard and the limiter decide about it. */
function describeAccess(route: RouteOptions): void {
  const schema = route.schema;
  if (!route.url.startsWith('/api/') || !schema || schema.hide) return;
  const method = [route.method].flat()[0] ?? 'GET';
  const write = !SAFE_METHODS.has(method);
  const isPublic = isPublicRoute(method, route.url);
  const codes: Partial<Record<ErrorStatus, string[]>> = { 500: ['internal_error'] };
  if (isIntegratorRoute(route.url)) {
    // The integrator API takes an API key instead of a session (and no CSRF token).
    codes[401] = ['invalid_api_key'];
    schema.response = { ...errorAnswers(codes), ...(schema.response as object | undefined) };
    schema.security ??= [{ apiKey: [] }];
    return;
  }
  if (!isPublic) {
    codes[401] = ['unauthenticated'];
    const forbidden = [
      ...(write ? ['csrf_failed'] : []),
      ...(isAllowedWhilePending(method, route.url) ? [] : ['password_change_required', 'totp_setup_required']),
      ...(isAdminRoute(route.url) ? ['forbidden'] : []),
    ];
    if (forbidden.length > 0) codes[403] = forbidden;
  }
  if (rateLimitGroup(method, route.url)) codes[429] = ['rate_limited'];
  // The route's own answers win: a route that answers 403 itself names the guard's codes too.
  schema.response = { ...errorAnswers(codes), ...(schema.response as object | undefined) };
  schema.security ??= isPublic ? [] : [write ? { session: [], csrf: [] } : { session: [] }];
}

/** Only the API is described: the SPA's files and the vendor simulators are not part of it. */
const zodTransform = createJsonSchemaTransform({ skipList: [] });
const transform: typeof zodTransform = (input) =>
  input.url.startsWith('/api/') && !isApiReference(input.url) ? zodTransform(input) : { schema: { hide: true }, url: input.url };

const refsIn = (value: unknown) =>
  [...JSON.stringify(value ?? null).matchAll(/"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);

/**
 * The shared components (contract schemas with a zod `id`, e.g. ApiError, CaseDetail), minus any no
 * route uses: the zod transform also makes an `…Input` twin of each, which only request bodies need.
 */
const transformObject: SwaggerTransformObject = (input) => {
  const doc = jsonSchemaTransformObject(input) as { paths?: unknown; components?: { schemas?: Record<string, unknown> } };
  const schemas = doc.components?.schemas ?? {};
  const used = new Set<string>();
  const pending = refsIn(doc.paths);
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    if (used.has(id)) continue;
    used.add(id);
    pending.push(...refsIn(schemas[id]));
  }
  for (const id of Object.keys(schemas)) if (!used.has(id)) delete schemas[id];
  return doc as ReturnType<SwaggerTransformObject>;
};

export async function installOpenApi(app: FastifyInstance): Promise<void> {
  app.addHook('onRoute', describeAccess);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Selfie screen API', version, description: DESCRIPTION },
      tags: Object.entries(API_TAGS).map(([name, description]) => ({ name, description })),
      components: {
        securitySchemes: {
          apiKey: {
            type: 'http',
            scheme: 'bearer',
            description: "An application's API key (`Authorization: Bearer sk_…`), for /api/v1; made by an admin",
          },
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: SESSION_COOKIE,
            description: 'Set by POST /api/auth/login (HttpOnly); ended by POST /api/auth/logout',
          },
          csrf: {
            type: 'apiKey',
            in: 'header',
            name: 'x-csrf-token',
            description: 'The `csrfToken` of POST /api/auth/login or GET /api/auth/me, on every state-changing request',
          },
        },
      },
    },
    transform,
    transformObject,
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: DOCS_PREFIX,
    // No calls to validator.swagger.io: the page reaches nothing but this origin.
    validatorUrl: false,
    // BaseLayout: no top bar, whose logo is an SVG with an inline <style> (the CSP allows none) and
    // whose box would load any other document.
    uiConfig: { layout: 'BaseLayout', deepLinking: true, defaultModelsExpandDepth: 0 },
    theme: { title: 'Selfie screen API' },
  });

  app.withTypeProvider<ZodTypeProvider>().get(
    OPENAPI_URL,
    {
      schema: {
        tags: ['service'],
        summary: 'This document (OpenAPI 3.1)',
        response: { 200: z.looseObject({ openapi: z.string() }).describe('The OpenAPI 3.1 document of this API') },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'no-cache');
      return app.swagger() as { openapi: string };
    },
  );
}
