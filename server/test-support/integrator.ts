/** An integrating application with an API key, made through the admin API, and a client for /api/v1. */
import type { ApplicationView, CreateApplicationRequest, CreateKeyResponse } from '@contract/api';
import type { TestSession } from './session.js';

export interface Integrator {
  application: ApplicationView;
  key: CreateKeyResponse;
  /** fetch under the server with `Authorization: Bearer <key>`; `json` bodies are sent as JSON. */
  call(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
}

export const APP_ORIGIN = 'https://onboarding.example';

export async function createIntegrator(
  baseUrl: string,
  admin: TestSession,
  app: Partial<CreateApplicationRequest> = {},
): Promise<Integrator> {
  const created = await admin.fetch('/api/admin/applications', {
    method: 'POST',
    json: {
      name: 'Onboarding',
      allowedProviders: ['tencent', 'finauth'],
      defaultProviders: ['tencent'],
      returnUrlOrigins: [APP_ORIGIN],
      embedOrigins: [APP_ORIGIN],
      ...app,
    },
  });
  if (created.status !== 201) throw new Error(`application: ${created.status} ${await created.text()}`);
  const application = (await created.json()) as ApplicationView;
  const keyRes = await admin.fetch(`/api/admin/applications/${application.id}/keys`, { method: 'POST', json: {} });
  if (keyRes.status !== 201) throw new Error(`key: ${keyRes.status} ${await keyRes.text()}`);
  const key = (await keyRes.json()) as CreateKeyResponse;
  return {
    application,
    key,
    call(path, init = {}) {
      const { json, ...rest } = init;
      const headers = new Headers(rest.headers);
      headers.set('authorization', `Bearer ${key.key}`);
      if (json !== undefined) headers.set('content-type', 'application/json');
      return fetch(`${baseUrl}${path}`, { ...rest, headers, body: json !== undefined ? JSON.stringify(json) : rest.body });
    },
  };
}
