/**
 * The integrator's side for the session e2e specs: its admin setup through the API (application,
 * key, webhook), its backend creating sessions, a web app of its own on another port (node:http),
 * and a webhook receiver that verifies every delivery with `standardwebhooks`, as the README says.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, type APIRequestContext } from '@playwright/test';
import { Webhook } from 'standardwebhooks';
import type { CreateSessionRequest, CreateSessionResponse, SessionView, WebhookEvent } from '@contract/api';
import { csrfHeaders } from './api.js';

export interface IntegratorSetup {
  applicationId: string;
  key: string;
}

/** Creates an application (admin API) with a fresh API key; `webhookUrl` adds an endpoint, returning its secret. */
export async function setUpApplication(
  request: APIRequestContext,
  options: { providers: string[]; returnUrlOrigins?: string[]; embedOrigins?: string[]; webhookUrl?: string },
): Promise<IntegratorSetup & { webhookSecret?: string }> {
  const headers = await csrfHeaders(request);
  const created = await request.post('/api/admin/applications', {
    headers,
    data: {
      name: `E2E integrator ${Date.now()}`,
      allowedProviders: options.providers,
      defaultProviders: options.providers,
      returnUrlOrigins: options.returnUrlOrigins ?? [],
      embedOrigins: options.embedOrigins ?? [],
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const applicationId = ((await created.json()) as { id: string }).id;
  const keyRes = await request.post(`/api/admin/applications/${applicationId}/keys`, { headers, data: {} });
  expect(keyRes.status(), await keyRes.text()).toBe(201);
  const key = ((await keyRes.json()) as { key: string }).key;
  if (!options.webhookUrl) return { applicationId, key };
  const hookRes = await request.post(`/api/admin/applications/${applicationId}/webhooks`, {
    headers,
    data: { url: options.webhookUrl },
  });
  expect(hookRes.status(), await hookRes.text()).toBe(201);
  return { applicationId, key, webhookSecret: ((await hookRes.json()) as { secret: string }).secret };
}

/** The integrator's backend: POST /api/v1/sessions with its key. */
export async function createSession(
  request: APIRequestContext,
  key: string,
  body: CreateSessionRequest,
): Promise<CreateSessionResponse> {
  const res = await request.post('/api/v1/sessions', { headers: { authorization: `Bearer ${key}` }, data: body });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as CreateSessionResponse;
}

export async function readSession(request: APIRequestContext, key: string, id: string): Promise<SessionView> {
  const res = await request.get(`/api/v1/sessions/${id}`, { headers: { authorization: `Bearer ${key}` } });
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()) as SessionView;
}

export interface LocalServer {
  origin: string;
  close(): Promise<void>;
}

async function listen(server: Server): Promise<LocalServer> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The integrator's web app: serves `pages[path]` as HTML, anything else 404. Its origin is set once it listens. */
export async function startIntegratorSite(pages: Record<string, () => string>): Promise<LocalServer> {
  return listen(
    createServer((req, res) => {
      const page = pages[new URL(req.url ?? '/', 'http://x').pathname];
      if (!page) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page());
    }),
  );
}

export interface VerifiedWebhook {
  id: string;
  event: WebhookEvent;
}

export interface WebhookReceiver extends LocalServer {
  url: string;
  /** Deliveries whose signature verified, in arrival order. */
  verified: VerifiedWebhook[];
  /** Deliveries that failed verification (the spec expects none). */
  rejected: string[];
  /** Set once the endpoint's secret is known (it is created after the receiver listens). */
  useSecret(secret: string): void;
}

/** A webhook receiver verifying each delivery on its raw body, answering 204 (or 400 when the signature fails). */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const verified: VerifiedWebhook[] = [];
  const rejected: string[] = [];
  let wh: Webhook | undefined;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      try {
        if (!wh) throw new Error('no secret yet');
        const event = wh.verify(raw, req.headers as Record<string, string>) as WebhookEvent;
        verified.push({ id: String(req.headers['webhook-id']), event });
        res.writeHead(204).end();
      } catch (error) {
        rejected.push(String(error));
        res.writeHead(400).end();
      }
    });
  });
  const local = await listen(server);
  return {
    ...local,
    url: `${local.origin}/hooks/selfie`,
    verified,
    rejected,
    useSecret: (secret) => (wh = new Webhook(secret)),
  };
}

/** The verified event types so far, for `expect.poll`. */
export const eventTypes = (receiver: WebhookReceiver) => receiver.verified.map((v) => v.event.type);
