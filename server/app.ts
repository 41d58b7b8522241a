/**
 * Assembles the server: store, media, providers and their simulators, API routes, and the
 * built SPA. `createServer` does not listen; `start()` does, so tests can pick a free port.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyMultipart from '@fastify/multipart';
import { adminRoutes } from './admin/routes.js';
import { createAuditLog } from './audit/log.js';
import { createAccountActions } from './auth/account-actions.js';
import { createAccounts } from './auth/accounts.js';
import { ensureFirstAdmin } from './auth/first-admin.js';
import { installAccessGuard } from './auth/reviewer-guard.js';
import { authRoutes } from './auth/routes.js';
import { createLoginThrottle } from './auth/throttle.js';
import { captureRoutes } from './captures/routes.js';
import { createCaseQueue } from './cases/queue.js';
import { createCaseRepository } from './cases/repository.js';
import { createReviewActions } from './cases/review.js';
import { reviewRoutes } from './cases/review-routes.js';
import { caseRoutes } from './cases/routes.js';
import { createDashboardRepository } from './dashboard/repository.js';
import { dashboardRoutes } from './dashboard/routes.js';
import { demoRoutes } from './demo/routes.js';
import { createDemoStore } from './demo/store.js';
import { createHousekeeping } from './retention/housekeeping.js';
import { createRetention } from './retention/purge.js';
import { createCaptureIntegrity } from './checks/capture-integrity.js';
import { createCheckRunner } from './checks/runner.js';
import { createScreeningHost } from './providers/local/screening-host.js';
import { createScreeningService } from './providers/local/screening-service.js';
import type { AppConfig } from './config.js';
import type { Server, ServerOptions } from './app-types.js';
import { openStore } from './db/client.js';
import { createDbMediaIndex } from './media/object-index.js';
import { openMediaStore } from './media/open-media-store.js';
import { LEFTOVER_GRACE_MS } from './media/store.js';
import { buildProviders } from './providers/registry.js';
import { openVendorQuotas } from './checks/quotas/shared-quotas.js';
import { serviceRoutes } from './providers/routes.js';
import { randomBytes } from 'node:crypto';
import { createMediaLinks } from './media/links.js';
import { mediaLinkRoutes } from './media/link-routes.js';
import { installRateLimits } from './http/rate-limits.js';
import { installSecurityHeaders } from './http/security-headers.js';
import { createFastify } from './http/fastify-instance.js';
import { installSpaFiles, installSpaNotFound } from './http/spa.js';
import { vendorCallObserver } from './checks/vendor-calls.js';
import { createMetrics } from './ops/metrics.js';
import { installMetrics } from './ops/metrics-route.js';
import { createReadiness } from './ops/readiness.js';
import { closeHttp, settleWithin } from './ops/shutdown.js';
import { answerError } from './http/errors.js';
import { installOpenApi } from './http/openapi.js';
import { installSchemaCompilers } from './http/validation.js';
import { installCaptureAdmission } from './captures/admission.js';
import { installWebhooks } from './webhooks/module.js';
import { createIntegrations } from './integrations.js';
import { loadTokenSecret } from './sessions/client-token.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export type { Server, ServerOptions } from './app-types.js';

export async function createServer(config: AppConfig, options: ServerOptions = {}): Promise<Server> {
  const store =
    options.store ?? (await openStore({ databaseUrl: config.databaseUrl, pgliteDir: path.join(config.dataDir, 'pglite') }));
  const mediaRoot = path.join(config.dataDir, 'media');
  await mkdir(mediaRoot, { recursive: true });
  // Staging (and, with MEDIA_STORE=disk, the media itself) lives under DATA_DIR/media.
  const media = openMediaStore(config.mediaStore, mediaRoot, createDbMediaIndex(store.db));

  const app = createFastify(config, options.logStream);

  const routes: Server['routes'] = [];
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) routes.push({ method, url: r.url, schema: r.schema, config: r.config });
  });

  let baseUrl = '';
  // One screening per capture, shared by the integrity record and the `local` provider.
  const { maxQueue, idleReleaseMs } = config.localScreeningLimits;
  const screenings = config.localScreening ? createScreeningService({ host: createScreeningHost({ idleReleaseMs }) }) : undefined;
  // Several processes on one PostgreSQL share each vendor's quota; the embedded store is one process (shared-quotas.ts).
  const quotas = config.databaseUrl ? await openVendorQuotas(config.databaseUrl) : undefined;
  const metrics = createMetrics({ db: store.db, gateways: () => setup.gateways });
  const setup = buildProviders(
    config,
    () => baseUrl,
    screenings,
    quotas,
    vendorCallObserver(() => app.log, metrics.vendorCall),
  );
  const deploymentHealth = quotas?.health(() => new Map([...setup.gateways].map(([id, g]) => [id, g.health()])));
  const readiness = createReadiness({ db: store.db, media });
  const providers = new Map([...setup.gateways].map(([id, g]) => [id, g.provider]));
  const providerName = (id: string) => providers.get(id)?.displayName ?? id;
  const audit = createAuditLog(store.db);
  const integrations = createIntegrations({
    db: store.db,
    audit,
    enabledProviders: new Set(providers.keys()),
    tokenSecret: await loadTokenSecret(config.sessionTokenSecret, config.dataDir),
    settings: config.capture,
    publicBaseUrl: config.publicBaseUrl,
  });
  const repo = createCaseRepository(store.db, { retentionDays: config.review.retentionDays, sessionHooks: integrations.hooks });
  const accounts = createAccounts(store.db, {
    sessionTtlMs: config.review.sessionTtlMs,
    totpRequiredForAdmins: config.review.totpRequiredForAdmins,
  });
  const accountActions = createAccountActions(store.db, accounts);
  await ensureFirstAdmin(accounts, config.review.initialAdmin, options.announce ?? ((text) => process.stdout.write(text)));
  const retention = createRetention({ db: store.db, media, audit, retentionDays: config.review.retentionDays });
  const queue = createCaseQueue(store.db, repo, { takeNextOrder: config.review.takeNextOrder });
  const review = createReviewActions(store.db, integrations.hooks);
  const throttle = createLoginThrottle(store.db, config.review.login);
  const links = createMediaLinks(config.mediaLinkSecret ? Buffer.from(config.mediaLinkSecret) : randomBytes(32));
  const runner = createCheckRunner({
    repo,
    media,
    gateways: setup.gateways,
    links,
    publicBaseUrl: () => config.publicBaseUrl ?? (baseUrl || undefined),
    log: app.log,
    audit,
    leases: config.work,
    maxClaimed: config.admission.maxPendingChecks,
  });
  const integrity = screenings
    ? createCaptureIntegrity({ repo, media, screenings, log: app.log, maxQueue, leases: config.work })
    : undefined;

  app.setErrorHandler(answerError);
  installSchemaCompilers(app);

  // Cross-origin isolation lets the capture app use threaded wasm (ffmpeg.wasm core-mt).
  // /embed.js is the one file integrators' pages load from another origin (README "Embedding").
  app.addHook('onSend', async (request, reply) => {
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('cross-origin-embedder-policy', 'require-corp');
    reply.header('cross-origin-resource-policy', request.url.split('?')[0] === '/embed.js' ? 'cross-origin' : 'same-origin');
    reply.header('x-content-type-options', 'nosniff');
  });

  installSecurityHeaders(app);
  installAccessGuard(app, accounts, config.simulatorControl, integrations.apiKeyAuth);
  if (config.rateLimits) await installRateLimits(app, config.rateLimits);
  installCaptureAdmission(app, {
    mediaDir: mediaRoot,
    ...config.admission,
    maxUploadBytes: config.maxUploadBytes,
    checkBacklog: () => runner.backlog(),
    screeningBacklog: () => integrity?.backlog() ?? 0,
    log: app.log,
    statfs: options.statfs,
  });
  installMetrics(app, metrics, config.metrics);
  await installOpenApi(app);
  await app.register(fastifyMultipart);
  const { distDir, hasSpa } = await installSpaFiles(app, options.distDir ?? path.join(repoRoot, 'dist'), mediaRoot);

  await serviceRoutes(app, { gateways: setup.gateways, deployment: deploymentHealth, readiness });
  await captureRoutes(app, {
    repo,
    media,
    runner,
    integrity,
    providers,
    maxUploadBytes: config.maxUploadBytes,
    uploadRate: config.uploadRate,
    audit,
    sessions: integrations.sessions,
    publicCapture: config.capture.publicCapture,
  });
  await mediaLinkRoutes(app, { repo, media, links });
  await authRoutes(app, {
    accounts,
    actions: accountActions,
    audit,
    throttle,
    sessionTtlMs: config.review.sessionTtlMs,
    publicHttps: config.publicBaseUrl?.startsWith('https://') ?? false,
  });
  await caseRoutes(app, { repo, queue, review, media, audit, providerName });
  await reviewRoutes(app, { repo, queue, review, audit, runner, providers, providerName });
  await dashboardRoutes(app, { dashboard: createDashboardRepository(store.db), db: store.db, audit });
  await adminRoutes(app, { accounts, actions: accountActions, audit, retention, throttle });
  await demoRoutes(app, { providers, store: createDemoStore(store.db), audit });
  const webhooks = await installWebhooks(app, { db: store.db, audit, allowPrivate: config.webhooks.allowPrivate });
  await integrations.registerRoutes(app, { spaDir: hasSpa ? distDir : undefined });
  await setup.mountSimulators(app);

  installSpaNotFound(app, { distDir, hasSpa });

  const housekeeping = createHousekeeping({
    db: store.db,
    retention,
    deleteExpiredSessions: () => accounts.deleteExpiredSessions(),
    deleteStaleLoginThrottles: () => throttle.deleteStale(),
    expireCaptureSessions: () => integrations.sessions.expireDue(),
    media,
    log: app.log,
    intervalMs: config.review.purgeIntervalMs,
  });

  return {
    app,
    runner,
    integrity,
    screenings,
    gateways: setup.gateways,
    store,
    accounts,
    audit,
    retention,
    throttle,
    webhooks,
    integrations,
    routes,
    readiness,
    metrics,
    async start() {
      // Before listening nothing of this process is in flight: what a crash left in its staging goes now. On a
      // shared PostgreSQL another process may be committing an object, so objects wait out the grace period.
      const now = Date.now();
      const leftovers = await media.removeLeftovers(new Date(now), new Date(config.databaseUrl ? now - LEFTOVER_GRACE_MS : now));
      if (leftovers.staged + leftovers.orphans > 0) app.log.info(leftovers, 'removed media left by an interrupted run');
      if (config.databaseUrl && media.kind === 'disk') {
        app.log.warn(
          'DATABASE_URL with MEDIA_STORE=disk: if several processes share this database, each must read DATA_DIR/media of the others (a shared directory), or set MEDIA_STORE=s3 (README "Deploy")',
        );
      }
      await app.listen({ port: config.port, host: config.host });
      const address = app.server.address();
      const port = typeof address === 'object' && address ? address.port : config.port;
      baseUrl = `http://127.0.0.1:${port}`;
      // Only work nobody holds: new, or left by a process whose lease ran out (not another live process's).
      const resumed = await runner.resumeUnfinished();
      if (resumed > 0) app.log.info({ resumed }, 'resumed unfinished checks');
      const listen = store.listen.bind(store);
      await runner.start(listen);
      housekeeping.start();
      webhooks.start();
      await deploymentHealth?.start();
      const rescreened = (await integrity?.resumePending()) ?? 0;
      if (rescreened > 0) app.log.info({ rescreened }, 'resumed unfinished capture screenings');
      await integrity?.start(listen);
      return baseUrl;
    },
    async close() {
      housekeeping.stop();
      await runner.stop();
      await closeHttp(app);
      await webhooks.stop();
      await runner.idle();
      await integrity?.stop();
      await screenings?.close();
      await quotas?.close();
      if (!options.store) await store.close();
    },
    async shutdown(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      const left = () => Math.max(0, deadline - Date.now());
      readiness.drain();
      housekeeping.stop();
      await runner.stop();
      for (const gateway of setup.gateways.values()) gateway.stop();
      // Stops accepting; requests under way (an upload) finish, within the bound.
      const steps = [
        await settleWithin(left(), closeHttp(app)),
        await settleWithin(left(), webhooks.stop()),
        // Vendor calls under way finish; checks waiting for a slot, a retry or an open circuit wait at most until the bound.
        await settleWithin(left(), runner.idle()),
        await settleWithin(left(), integrity?.stop()),
      ];
      const drained = steps.every(Boolean);
      const unfinishedChecks = runner.backlog();
      await settleWithin(left(), screenings?.close());
      await settleWithin(left(), quotas?.close());
      if (!options.store) await settleWithin(left(), store.close());
      return { drained, unfinishedChecks };
    },
  };
}
