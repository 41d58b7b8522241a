/**
 * Server configuration, read once from the environment. Secrets live only here and in the
 * provider objects built from it; nothing in this module is ever logged or sent to a client.
 */
import path from 'node:path';
import { TAKE_NEXT_ORDERS } from '@contract/api/enums.js';
import { describeIssues } from './http-error.js';
import { loadVendorPolicy } from './checks/vendor-policy.js';
import type { VendorConfig, VendorDescriptor, VendorEnv, VendorId } from './providers/descriptor.js';
import { VENDORS } from './providers/vendors.js';
import type { ThrottleOptions } from './auth/throttle.js';
import type { RateLimitSettings } from './http/rate-limits.js';
import type { LeaseSettings } from './db/work-queue.js';
import type { MetricsAccess } from './ops/metrics-route.js';
import type { S3Settings } from './media/s3-objects.js';
import { envSchema, splitList, vendorEnvSchema, type Env } from './config-env.js';

export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  logLevel: Env['LOG_LEVEL'];
  logFormat: Env['LOG_FORMAT'];
  maxUploadBytes: number;
  /** Fastify requestTimeout / connectionTimeout (never 0: unbounded). */
  http: { requestTimeoutMs: number; connectionTimeoutMs: number };
  /** The slowest upload body tolerated. */
  uploadRate: { minBytesPerSecond: number; windowMs: number };
  /** Where vendors can reach this server (signed media links); defaults to the listening address. */
  publicBaseUrl?: string;
  /** Key for signed media links; random per process when unset (links then die on restart). Required with databaseUrl. */
  mediaLinkSecret?: string;
  /** Fastify's trustProxy: which X-Forwarded-For hops give request.ip (rate limits, login throttle, audit). */
  trustProxy: false | string;
  /** Leases on checks and screenings shared by the processes of one database. */
  work: LeaseSettings;
  /** MEDIA_STORE and its S3_* settings. */
  mediaStore: MediaStoreConfig;
  /** Simulators enforce each vendor's published rate limit (default) or not. */
  simulatorRateLimits: boolean;
  /** Screen every capture on this box (integrity record + the `local` provider). Default on. */
  localScreening: boolean;
  /** Who may steer the simulators: `open` (anyone), else admins and holders of `token`. */
  simulatorControl: { open: boolean; token?: string };
  /** PUBLIC_CAPTURE / DEMO_CLIPS (GET /api/capture-settings). */
  capture: { publicCapture: boolean; demoClips: boolean };
  sessionTokenSecret?: string;
  /** Per-client limits on the public routes; undefined = off (RATE_LIMITS=off). */
  rateLimits?: RateLimitSettings;
  /** When POST /api/captures is refused before its body is read (503). */
  admission: { minFreeBytes: number; maxPendingChecks: number; maxPendingScreenings: number };
  /** The screening's queue bound and how long its workers stay loaded without a clip. */
  localScreeningLimits: { maxQueue: number; idleReleaseMs: number };
  /** GET /metrics: off when neither a token nor an allow-list is set. */
  metrics: MetricsAccess;
  /** Graceful shutdown's bound (SIGTERM/SIGINT). */
  shutdownTimeoutMs: number;
  /** Outgoing webhooks (server/webhooks): private targets and http allowed only for tests and local development. */
  webhooks: { allowPrivate: boolean };
  /** Each vendor's credentials (undefined = its simulator), endpoints and gateway policy. */
  vendors: Record<VendorId, VendorConfig>;
  review: ReviewConfig;
}

export interface ReviewConfig {
  /** The first admin; undefined = generate a password and print it once at start (if no admin exists). */
  initialAdmin?: { email: string; password: string };
  retentionDays: number;
  takeNextOrder: (typeof TAKE_NEXT_ORDERS)[number];
  sessionTtlMs: number;
  /** TOTP_REQUIRED_FOR_ADMINS=on. */
  totpRequiredForAdmins: boolean;
  /** 0 = no timer. */
  purgeIntervalMs: number;
  login: ThrottleOptions;
}

export type MediaStoreConfig = { kind: 'disk' } | ({ kind: 's3' } & S3Settings);

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** All of a vendor's credential variables, or none of them (simulator). */
function credentials(e: VendorEnv, vars: Readonly<Record<string, string>>): Record<string, string> | undefined {
  const names = Object.values(vars);
  const set = names.filter((n) => e[n] !== undefined);
  if (set.length === 0) return undefined;
  if (set.length < names.length) {
    const missing = names.filter((n) => e[n] === undefined);
    throw new ConfigError(`Set ${missing.join(', ')} as well, or unset ${set.join(', ')} to use the simulator.`);
  }
  return Object.fromEntries(Object.entries(vars).map(([field, name]) => [field, e[name] as string]));
}

function loadVendorConfig(vendor: VendorDescriptor, e: VendorEnv, env: NodeJS.ProcessEnv): VendorConfig {
  const keys = credentials(e, vendor.credentialVars);
  try {
    return { ...vendor.readConfig(e), credentials: keys, policy: loadVendorPolicy(vendor.envPrefix, vendor.policy, env) };
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
}

function loadVendorConfigs(e: VendorEnv, env: NodeJS.ProcessEnv): Record<VendorId, VendorConfig> {
  const vendors = {} as Record<VendorId, VendorConfig>;
  for (const vendor of VENDORS) vendors[vendor.id] = loadVendorConfig(vendor, e, env);
  return vendors;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = describeIssues(parsed.error);
    throw new ConfigError(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  if (e.LOGIN_MAX_DELAY_MINUTES * 60 < e.LOGIN_DELAY_SECONDS) {
    throw new ConfigError('LOGIN_MAX_DELAY_MINUTES must be at least LOGIN_DELAY_SECONDS.');
  }
  if (e.LOGIN_WINDOW_MINUTES < e.LOGIN_MAX_DELAY_MINUTES) {
    // A shorter window would forget a counter before its longest wait is over.
    throw new ConfigError('LOGIN_WINDOW_MINUTES must be at least LOGIN_MAX_DELAY_MINUTES.');
  }
  if (e.DATABASE_URL && !e.MEDIA_LINK_SECRET) {
    // Several processes share one PostgreSQL: a link signed by one must verify on another.
    throw new ConfigError(
      'Set MEDIA_LINK_SECRET when DATABASE_URL is set: every process must sign media links with the same key (e.g. `openssl rand -hex 32`).',
    );
  }
  if ((e.ADMIN_EMAIL === undefined) !== (e.ADMIN_PASSWORD === undefined)) {
    throw new ConfigError(
      'Set both ADMIN_EMAIL and ADMIN_PASSWORD, or neither (a one-time password is then printed at first start).',
    );
  }
  const vendors = loadVendorConfigs(vendorEnvSchema.parse(env), env);
  const mediaStore = loadMediaStoreConfig(e);
  if ((vendors['alibaba-cn'] as { faceUrl?: string }).faceUrl === 'presigned' && mediaStore.kind !== 's3') {
    throw new ConfigError('ALIBABA_CN_FACE_URL=presigned needs MEDIA_STORE=s3 (a bucket the vendor can reach).');
  }
  return {
    review: {
      initialAdmin: e.ADMIN_EMAIL && e.ADMIN_PASSWORD ? { email: e.ADMIN_EMAIL, password: e.ADMIN_PASSWORD } : undefined,
      retentionDays: e.RETENTION_DAYS,
      takeNextOrder: e.REVIEW_TAKE_NEXT_ORDER,
      sessionTtlMs: e.SESSION_TTL_HOURS * 3_600_000,
      totpRequiredForAdmins: e.TOTP_REQUIRED_FOR_ADMINS === 'on',
      purgeIntervalMs: e.PURGE_INTERVAL_MINUTES * 60_000,
      login: {
        failuresBeforeDelay: e.LOGIN_FAILURES_BEFORE_DELAY ?? e.LOGIN_MAX_FAILURES_PER_EMAIL ?? 5,
        maxFailuresPerAddress: e.LOGIN_MAX_FAILURES_PER_IP,
        firstDelayMs: e.LOGIN_DELAY_SECONDS * 1000,
        maxDelayMs: e.LOGIN_MAX_DELAY_MINUTES * 60_000,
        maxFailuresPerAccount: e.LOGIN_MAX_FAILURES_PER_ACCOUNT,
        accountDelayMs: e.LOGIN_ACCOUNT_DELAY_SECONDS * 1000,
        windowMs: e.LOGIN_WINDOW_MINUTES * 60_000,
      },
    },
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    maxUploadBytes: e.MAX_UPLOAD_BYTES,
    http: { requestTimeoutMs: e.REQUEST_TIMEOUT_SECONDS * 1000, connectionTimeoutMs: e.CONNECTION_TIMEOUT_SECONDS * 1000 },
    uploadRate: { minBytesPerSecond: e.UPLOAD_MIN_BYTES_PER_SECOND, windowMs: e.UPLOAD_RATE_WINDOW_SECONDS * 1000 },
    publicBaseUrl: e.PUBLIC_BASE_URL?.replace(/\/+$/, ''),
    mediaLinkSecret: e.MEDIA_LINK_SECRET,
    trustProxy: e.TRUST_PROXY === 'off' ? false : e.TRUST_PROXY,
    work: { leaseMs: e.WORK_LEASE_SECONDS * 1000, pollMs: e.WORK_POLL_SECONDS * 1000 },
    mediaStore,
    simulatorRateLimits: e.SIMULATOR_RATE_LIMITS === 'on',
    localScreening: e.LOCAL_SCREENING === 'on',
    simulatorControl: { open: e.SIMULATOR_CONTROL === 'open', token: e.SIMULATOR_CONTROL_TOKEN },
    capture: { publicCapture: e.PUBLIC_CAPTURE === 'on', demoClips: e.DEMO_CLIPS === 'on' },
    sessionTokenSecret: e.SESSION_TOKEN_SECRET,
    rateLimits:
      e.RATE_LIMITS === 'on'
        ? {
            captures: e.RATE_LIMIT_CAPTURES_PER_MINUTE,
            status: e.RATE_LIMIT_STATUS_PER_MINUTE,
            login: e.RATE_LIMIT_LOGIN_PER_MINUTE,
            reads: e.RATE_LIMIT_READS_PER_MINUTE,
            mediaLinks: e.RATE_LIMIT_MEDIA_LINKS_PER_MINUTE,
            probes: e.RATE_LIMIT_PROBES_PER_MINUTE,
          }
        : undefined,
    admission: {
      minFreeBytes: e.MIN_FREE_DISK_MB * 1024 * 1024,
      maxPendingChecks: e.MAX_PENDING_CHECKS,
      maxPendingScreenings: e.MAX_PENDING_SCREENINGS,
    },
    webhooks: { allowPrivate: e.WEBHOOK_ALLOW_PRIVATE === 'on' },
    metrics: { token: e.METRICS_TOKEN, allow: e.METRICS_ALLOW ? splitList(e.METRICS_ALLOW) : [] },
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_SECONDS * 1000,
    localScreeningLimits: { maxQueue: e.LOCAL_SCREENING_MAX_QUEUE, idleReleaseMs: e.LOCAL_SCREENING_IDLE_SECONDS * 1000 },
    // Parsed again on its own for its types; it was validated with the rest above.
    vendors,
  };
}

function loadMediaStoreConfig(e: Env): MediaStoreConfig {
  if (e.MEDIA_STORE === 'disk') return { kind: 'disk' };
  if (!e.S3_BUCKET) throw new ConfigError('MEDIA_STORE=s3 needs S3_BUCKET.');
  if ((e.S3_ACCESS_KEY_ID === undefined) !== (e.S3_SECRET_ACCESS_KEY === undefined)) {
    throw new ConfigError('Set both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or neither (the AWS default credential chain).');
  }
  return {
    kind: 's3',
    endpoint: e.S3_ENDPOINT,
    bucket: e.S3_BUCKET,
    region: e.S3_REGION ?? 'us-east-1',
    credentials:
      e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY
        ? { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY }
        : undefined,
    forcePathStyle: e.S3_FORCE_PATH_STYLE === 'true',
  };
}
