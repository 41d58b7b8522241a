/**
 * The integrator platform, assembled: applications and API keys (admin), capture sessions
 * (/api/v1), the capture bound to a session, and the hooks the case store calls so session
 * changes commit with the case changes that cause them. app.ts builds it before the case store
 * (which takes `hooks`) and registers its routes with the others.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { CaptureSettings } from '@contract/api';
import { applicationRoutes } from './applications/routes.js';
import { createApplicationService } from './applications/service.js';
import { createApplicationStore } from './applications/store.js';
import type { AuditLog } from './audit/log.js';
import type { Db } from './db/client.js';
import { apiKeyAuth } from './sessions/api-key-auth.js';
import { sessionCaptureRoutes } from './sessions/capture-routes.js';
import { sessionApiRoutes } from './sessions/routes.js';
import { createSessionService } from './sessions/service.js';
import { createSessionStore } from './sessions/store.js';

export interface IntegrationDeps {
  db: Db;
  audit: AuditLog;
  enabledProviders: ReadonlySet<string>;
  tokenSecret: Buffer;
  settings: CaptureSettings;
  /** PUBLIC_BASE_URL, when set: session links start with it (else with the caller's own origin). */
  publicBaseUrl?: string;
  now?: () => Date;
}

export function createIntegrations(deps: IntegrationDeps) {
  const sessionStore = createSessionStore(deps.db);
  const applicationStore = createApplicationStore(deps.db);
  const applications = createApplicationService({
    store: applicationStore,
    audit: deps.audit,
    enabledProviders: deps.enabledProviders,
    now: deps.now,
  });
  const sessions = createSessionService({
    store: sessionStore,
    tokenSecret: deps.tokenSecret,
    enabledProviders: deps.enabledProviders,
    now: deps.now,
  });
  const baseUrl = (request: FastifyRequest) => deps.publicBaseUrl ?? `${request.protocol}://${request.host}`;
  return {
    hooks: sessionStore.hooks,
    applications,
    sessions,
    apiKeyAuth: apiKeyAuth(applications),
    async registerRoutes(app: FastifyInstance, opts: { spaDir?: string }): Promise<void> {
      await applicationRoutes(app, { applications });
      await sessionApiRoutes(app, { sessions, publicBaseUrl: baseUrl });
      await sessionCaptureRoutes(app, { sessions, applications: applicationStore, settings: deps.settings, spaDir: opts.spaDir });
    },
  };
}

export type Integrations = ReturnType<typeof createIntegrations>;
