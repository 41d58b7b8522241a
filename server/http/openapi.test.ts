/**
 * The API describes itself: every /api/ route declares its request parts and its answers (the
 * route walk, which also catches a route added without them), GET /api/openapi.json is a valid
 * OpenAPI 3.1 document naming every route, and the reference page at /api/docs is public, served
 * from this origin under a CSP of its own.
 */
import { readFileSync } from 'node:fs';
import { Validator } from '@seriousme/openapi-schema-validator';
import Fastify, { type RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isIntegratorRoute, isPublicRoute } from '../auth/reviewer-guard.js';
import type { Server } from '../app.js';
import { repoRoot, startTestServer, type TestServer } from '../test-support/test-server.js';
import { isApiReference } from './api-reference.js';
import { API_TAGS, installOpenApi } from './openapi.js';
import { DOCS_CSP } from './security-headers.js';
import { installSchemaCompilers } from './validation.js';

type RouteEntry = Server['routes'][number];
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/** What each /api/ route leaves undescribed (the reference page's own files excepted): empty when all is said. */
function undescribed(routes: readonly RouteEntry[]): string[] {
  const problems: string[] = [];
  for (const { method, url, schema, config } of routes) {
    if (!url.startsWith('/api/') || isApiReference(url) || method === 'HEAD') continue;
    const route = `${method} ${url}`;
    if (!schema) {
      problems.push(`${route}: no schema`);
      continue;
    }
    if (!schema.summary) problems.push(`${route}: no summary`);
    const tags = schema.tags ?? [];
    if (tags.length === 0 || tags.some((t) => !(t in API_TAGS))) problems.push(`${route}: tags ${JSON.stringify(tags)}`);
    const pathParams = [...url.matchAll(/:(\w+)/g)].map((m) => m[1]).sort();
    const params = schema.params instanceof z.ZodObject ? Object.keys(schema.params.shape).sort() : [];
    if (JSON.stringify(params) !== JSON.stringify(pathParams)) problems.push(`${route}: params ${JSON.stringify(params)}`);
    if (BODY_METHODS.has(method) && !schema.body && !config?.noBody) problems.push(`${route}: no body (or config.noBody)`);
    const statuses = Object.keys((schema.response ?? {}) as object);
    if (!statuses.some((s) => /^2\d\d$/.test(s))) problems.push(`${route}: no 2xx answer`);
  }
  return problems;
}

let t: TestServer;
let doc: { openapi: string; info: { version: string }; paths: Record<string, Record<string, OperationLike>> };
interface OperationLike {
  security?: unknown[];
  responses: Record<string, unknown>;
  parameters?: unknown[];
  requestBody?: unknown;
}

beforeAll(async () => {
  t = await startTestServer();
  const res = await fetch(`${t.baseUrl}/api/openapi.json`);
  expect(res.status).toBe(200);
  doc = (await res.json()) as typeof doc;
}, 60_000);
afterAll(async () => t?.close());

describe('the route walk', () => {
  it('finds every /api/ route described: summary, tags, params, body, a 2xx answer', () => {
    expect(t.server.routes.filter((r) => r.url.startsWith('/api/')).length).toBeGreaterThanOrEqual(20);
    expect(undescribed(t.server.routes)).toEqual([]);
  });

  it('catches a route added without its description', async () => {
    const app = Fastify({ logger: false });
    installSchemaCompilers(app);
    const routes: RouteEntry[] = [];
    app.addHook('onRoute', (r: RouteOptions) => {
      routes.push({ method: [r.method].flat()[0]!, url: r.url, schema: r.schema, config: r.config });
    });
    await installOpenApi(app);
    app.post('/api/dummy/:id', async () => ({}));
    app.get('/api/half/:id', { schema: { tags: ['cases'], summary: 'Half described' } }, async () => ({}));
    await app.ready();
    expect(undescribed(routes)).toEqual([
      'POST /api/dummy/:id: no schema',
      'GET /api/half/:id: params []',
      'GET /api/half/:id: no 2xx answer',
    ]);
    await app.close();
  });
});

describe('GET /api/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document, versioned as the package', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toMatch(/^3\.1\./);
    const pkg = JSON.parse(readFileSync(`${repoRoot}/package.json`, 'utf8')) as { version: string };
    expect(doc.info.version).toBe(pkg.version);
  });

  it('names every /api/ route, its security, and the guard and limiter answers', () => {
    const api = t.server.routes.filter((r) => r.url.startsWith('/api/') && r.method !== 'HEAD' && !isApiReference(r.url));
    for (const r of api) {
      const op = doc.paths[r.url.replace(/:(\w+)/g, '{$1}')]?.[r.method.toLowerCase()];
      const route = `${r.method} ${r.url}`;
      expect(op, route).toBeDefined();
      const statuses = Object.keys(op!.responses);
      expect(statuses, route).toContain('500');
      if (isIntegratorRoute(r.url)) {
        expect(op!.security, route).toEqual([{ apiKey: [] }]);
        expect(statuses, route).toContain('401');
      } else if (isPublicRoute(r.method, r.url)) {
        expect({ route, security: op!.security }).toEqual({ route, security: [] });
        expect(statuses, route).toContain('429');
      } else {
        expect(op!.security, route).toEqual([
          BODY_METHODS.has(r.method) || r.method === 'DELETE' ? { session: [], csrf: [] } : { session: [] },
        ]);
        expect(statuses, route).toContain('401');
      }
    }
    // Only the API: neither the simulators nor the reference page's files.
    expect(Object.keys(doc.paths).filter((p) => !p.startsWith('/api/') || isApiReference(p))).toEqual([]);
  });

  it('describes the upload as multipart (meta + files) and media as bytes', () => {
    const upload = doc.paths['/api/captures']!.post! as {
      requestBody: { content: Record<string, { schema: { properties: object } }> };
    };
    expect(Object.keys(upload.requestBody.content)).toEqual(['multipart/form-data']);
    expect(Object.keys(upload.requestBody.content['multipart/form-data']!.schema.properties)).toEqual(['meta', 'video', 'image']);
    const media = doc.paths['/api/cases/{id}/media/{role}']!.get!.responses['200'] as { content: Record<string, unknown> };
    expect(media.content).toEqual({
      'video/*': { schema: { type: 'string', format: 'binary' } },
      'image/*': { schema: { type: 'string', format: 'binary' } },
    });
  });
});

describe('the integrator surface /api/v1', () => {
  it('shows an example of every request body and answer', () => {
    type Media = { schema?: { $ref?: string; examples?: unknown[] }; example?: unknown; examples?: unknown };
    const components = (doc as unknown as { components?: { schemas?: Record<string, { examples?: unknown[] }> } }).components;
    // The example sits on the media type (how @fastify/swagger writes a schema's examples) or on the schema.
    const hasExample = (part: unknown) => {
      const media = (part as { content?: Record<string, Media> } | undefined)?.content?.['application/json'];
      const schema = media?.schema?.$ref ? components?.schemas?.[media.schema.$ref.split('/').pop()!] : media?.schema;
      return media?.example !== undefined || media?.examples !== undefined || Boolean(schema?.examples?.length);
    };
    const missing: string[] = [];
    let operations = 0;
    for (const [path, ops] of Object.entries(doc.paths)) {
      if (!path.startsWith('/api/v1/')) continue;
      for (const [method, op] of Object.entries(ops)) {
        operations += 1;
        if (op.requestBody && !hasExample(op.requestBody)) missing.push(`${method} ${path}: request`);
        const ok = Object.entries(op.responses).find(([status]) => /^2\d\d$/.test(status));
        if (!hasExample(ok?.[1])) missing.push(`${method} ${path}: ${ok?.[0]} answer`);
      }
    }
    expect(operations).toBeGreaterThanOrEqual(4);
    expect(missing).toEqual([]);
  });
});

describe('the reference page /api/docs', () => {
  it('is public, under its own CSP (no framing), and loads only files from this origin', async () => {
    const page = await fetch(`${t.baseUrl}/api/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(DOCS_CSP);
    expect(DOCS_CSP).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    const html = await page.text();
    const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThanOrEqual(5);
    for (const ref of refs) {
      expect(ref).toMatch(/^\/api\/docs\/static\//);
      // Read to the end: an unread body would hold its connection and the server's close.
      const asset = await fetch(`${t.baseUrl}${ref}`);
      await asset.arrayBuffer();
      expect(asset.status, ref).toBe(200);
    }
    // The page's own script points the UI at this server's document and at no validator service.
    const init = await (await fetch(`${t.baseUrl}/api/docs/static/swagger-initializer.js`)).text();
    expect(init).toContain("url: resolveUrl('./json')");
    expect(init).toContain('validatorUrl: null');
    expect(init.replace(/\/\/ .*$/gm, '')).not.toMatch(/https?:\/\//);
    const json = await fetch(`${t.baseUrl}/api/docs/json`);
    expect(await json.json()).toEqual(doc);
  });
});
