/** What createServer (./app.ts) returns and takes. */
import type { FastifyInstance, RouteOptions } from 'fastify';
import type { AuditLog } from './audit/log.js';
import type { Accounts } from './auth/accounts.js';
import type { FirstAdminAnnounce } from './auth/first-admin.js';
import type { LoginThrottle } from './auth/throttle.js';
import type { CaptureAdmissionOptions } from './captures/admission.js';
import type { CaptureIntegrityScreening } from './checks/capture-integrity.js';
import type { CheckRunner } from './checks/runner.js';
import type { VendorGateway } from './checks/vendor-gateway.js';
import type { Store } from './db/client.js';
import type { Integrations } from './integrations.js';
import type { Metrics } from './ops/metrics.js';
import type { Readiness } from './ops/readiness.js';
import type { LocalScreeningService } from './providers/local/screening-service.js';
import type { Retention } from './retention/purge.js';
import type { DeliveryWorker } from './webhooks/delivery-worker.js';

export interface Server {
  app: FastifyInstance;
  runner: CheckRunner;
  /** Undefined when LOCAL_SCREENING=off. */
  integrity?: CaptureIntegrityScreening;
  /** The local screening's workers (loaded on the first clip, released when idle); undefined when off. */
  screenings?: LocalScreeningService;
  gateways: Map<string, VendorGateway>;
  store: Store;
  accounts: Accounts;
  audit: AuditLog;
  retention: Retention;
  throttle: LoginThrottle;
  /** The webhook delivery worker (started by start(); tests may drive it with runOnce). */
  webhooks: DeliveryWorker;
  /** Applications, API keys and capture sessions (server/integrations.ts). */
  integrations: Integrations;
  /** Every route as registered (method, URL pattern, schema and config), for the access-control and route-walk tests. */
  routes: Array<Pick<RouteOptions, 'url' | 'schema' | 'config'> & { method: string }>;
  /** GET /api/health/ready's checks (drained by shutdown). */
  readiness: Readiness;
  /** Prometheus metrics (served at GET /metrics when METRICS_TOKEN or METRICS_ALLOW is set). */
  metrics: Metrics;
  /** Listens on config.port (0 = any free port) and returns the base URL. */
  start(): Promise<string>;
  close(): Promise<void>;
  /**
   * Graceful shutdown within `timeoutMs`: not ready any more, no new connections, checks or deliveries; what is under
   * way may finish until the bound. Work still unfinished then stays in the store for the next process.
   */
  shutdown(timeoutMs: number): Promise<{ drained: boolean; unfinishedChecks: number }>;
}

export interface ServerOptions {
  /** An already-open store (tests share one); otherwise one is opened from the config. */
  store?: Store;
  /** Directory of the built SPA; defaults to ./dist. Missing directory = API only. */
  distDir?: string;
  /** Where log lines go (default stdout); tests capture them to prove no secret is logged. */
  logStream?: NodeJS.WritableStream;
  /** Where the generated first-admin password goes, once (default stdout; never the log stream). */
  announce?: FirstAdminAnnounce;
  /** The media volume's free space (tests stub it); default fs.statfs. */
  statfs?: CaptureAdmissionOptions['statfs'];
}
