/**
 * Route schemas at the edge: a request that fails its route's schema answers 400 `{code, message}`
 * with the route's documented code and a message naming each problem; an answer that breaks its
 * own schema is 500 `internal_error`, logged by field path without the values; a route that reads
 * its own body (the streaming upload) has its body described but never run through the schema.
 */
import { PassThrough } from 'node:stream';
import Fastify from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loginAdmin, type TestSession } from '../test-support/session.js';
import { startTestServer, type TestServer } from '../test-support/test-server.js';
import { answerError } from './errors.js';
import { describeOnly, installSchemaCompilers } from './validation.js';

async function appWithRoutes() {
  const lines: string[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
  const app = Fastify({ logger: { level: 'error', stream } });
  app.setErrorHandler(answerError);
  installSchemaCompilers(app);
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/list',
    {
      schema: {
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(25) }),
        response: { 200: z.object({ limit: z.number() }) },
      },
      config: { validationCode: 'invalid_query', validationHint: 'Bad list query' },
    },
    async (request) => ({ limit: request.query.limit }),
  );
  api.post('/things', { schema: { body: z.object({ name: z.string().min(1) }) } }, async (request) => ({
    name: request.body.name,
  }));
  api.get(
    '/broken',
    { schema: { response: { 200: z.object({ email: z.string(), count: z.number() }) } } },
    // An answer that breaks its schema: `count` is text.
    async () => ({ email: 'person@example.com', count: 'seven' }) as unknown as { email: string; count: number },
  );
  api.post(
    '/upload',
    {
      schema: { body: z.object({ meta: z.string() }), headers: z.looseObject({ 'x-key': z.string().min(8) }) },
      validatorCompiler: describeOnly('body', 'headers'),
    },
    async (request) => ({ got: typeof request.body }),
  );
  return { app, lines };
}

describe('request validation', () => {
  it("answers 400 with the route's code and names the problem", async () => {
    const { app } = await appWithRoutes();
    const res = await app.inject({ method: 'GET', url: '/list?limit=0' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ code: 'invalid_query', message: expect.stringMatching(/^Bad list query \(limit: .+\)\.$/) });
    expect((await app.inject({ method: 'GET', url: '/list?limit=7' })).json()).toEqual({ limit: 7 });
    await app.close();
  });

  it('defaults to invalid_request, naming the part that failed', async () => {
    const { app } = await appWithRoutes();
    const empty = await app.inject({ method: 'POST', url: '/things', payload: { name: '' } });
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toEqual({ code: 'invalid_request', message: expect.stringMatching(/^Bad body \(name: .+\)\.$/) });
    const none = await app.inject({ method: 'POST', url: '/things' });
    expect(none.json()).toEqual({ code: 'invalid_request', message: expect.stringMatching(/^Bad body \(body: .+\)\.$/) });
    await app.close();
  });

  it('does not run the body or header schemas of a route that reads its own body', async () => {
    const { app } = await appWithRoutes();
    const res = await app.inject({ method: 'POST', url: '/upload', headers: { 'x-key': 'short' }, payload: { other: 1 } });
    expect(res.json()).toEqual({ got: 'object' });
    await app.close();
  });
});

describe('response validation', () => {
  it('answers 500 for an answer that breaks its schema, logging where but not what', async () => {
    const { app, lines } = await appWithRoutes();
    const res = await app.inject({ method: 'GET', url: '/broken' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ code: 'internal_error', message: expect.any(String) });
    await app.close();
    const log = lines.join('');
    expect(log).toContain('count: invalid_type');
    expect(log).not.toContain('person@example.com');
    expect(log).not.toContain('seven');
  });
});

describe("the API's routes keep their documented 400 codes", () => {
  let t: TestServer;
  let admin: TestSession;
  beforeAll(async () => {
    t = await startTestServer();
    admin = await loginAdmin(t);
  }, 60_000);
  afterAll(async () => t?.close());

  const refusal = async (res: Response) => ({
    status: res.status,
    body: (await res.json()) as { code: string; message: string },
  });

  it.each([
    ['GET', '/api/cases?limit=0', undefined, 'invalid_query', /^Bad list query \(limit: /],
    ['GET', '/api/cases?status=bogus', undefined, 'invalid_query', /^Bad list query \(status: /],
    ['GET', '/api/dashboard?from=not-a-date', undefined, 'invalid_query', /^Bad dashboard query \(from: must be an ISO date\)/],
    ['GET', '/api/dashboard?from=2026-02-01&to=2026-01-01', undefined, 'invalid_query', /^from must be before to/],
    ['POST', '/api/admin/users', {}, 'invalid_request', /^Send \{ email, password, role: "reviewer" \| "admin" \} \(email: /],
    ['POST', '/api/admin/users', { email: 'a@b.test', password: 'short', role: 'reviewer' }, 'weak_password', /12 characters/],
    [
      'POST',
      '/api/cases/no-such-case/decisions',
      { decision: 'maybe' },
      'invalid_request',
      /^Send \{ decision, reasonCode, note\? \}/,
    ],
    ['POST', '/api/cases/no-such-case/reruns', {}, 'invalid_request', /^Send \{ providerId \} \(providerId: /],
  ] as const)('%s %s → 400 %s', async (method, url, json, code, message) => {
    const { status, body } = await refusal(await admin.fetch(url, { method, ...(json ? { json } : {}) }));
    expect({ status, code: body.code }).toEqual({ status: 400, code });
    expect(body.message).toMatch(message);
  });

  it('POST /api/auth/login → 400 invalid_request, saying what to send', async () => {
    const res = await fetch(`${t.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'x' }),
    });
    const { status, body } = await refusal(res);
    expect({ status, code: body.code }).toEqual({ status: 400, code: 'invalid_request' });
    expect(body.message).toMatch(/^Send JSON \{ "email": …, "password": … \}/);
  });
});
