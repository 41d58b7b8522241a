/**
 * Server configuration, read once from the environment. Secrets live only here and in the
 * provider objects built from it; nothing in this module is ever logged or sent to a client.
 */
import path from 'node:path';
import { z } from 'zod';
import { TAKE_NEXT_ORDERS } from '@contract/api/enums.js';
import { describeIssues } from './http-error.js';
import { loadVendorPolicy } from './checks/vendor-policy.js';
import { optionalText, optionalUrl } from './env-fields.js';
import type { VendorConfig, VendorDescriptor, VendorEnv, VendorEnvField, VendorId } from './providers/descriptor.js';
import { VENDORS } from './providers/vendors.js';
import { MIN_PASSWORD_LENGTH } from './auth/passwords.js';
import type { ThrottleOptions } from './auth/throttle.js';
import type { RateLimitSettings } from './http/rate-limits.js';
import { LOCAL_SCREENING_CONFIG } from './providers/local/config.js';
import type { LeaseSettings } from './db/work-queue.js';
import { allowList, type MetricsAccess } from './ops/metrics-route.js';

const splitList = (v: string) =>
  v
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

function metricsAllowValid(v: string): boolean {
  try {
    allowList(splitList(v));
    return true;
  } catch {
    return false;
  }
}
import type { S3Settings } from './media/s3-objects.js';

/** Every vendor's own variables (credentials, endpoints…), from its descriptor; all optional text. */
const vendorEnvSchema = z.object<Record<string, VendorEnvField>>(Object.assign({}, ...VENDORS.map((v) => v.envSchema.shape)));

const TRUST_PROXY_ADDRESS = /^(loopback|linklocal|uniquelocal|[0-9a-fA-F:.]*[:.][0-9a-fA-F:.]*(\/\d{1,3})?)$/;

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: optionalText.refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), {
    message: 'DATABASE_URL must start with postgres:// or postgresql://',
  }),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `auto`: concise lines on a terminal, JSON otherwise; `json` / `pretty` force one. */
  LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),
  /** Largest upload accepted before any vendor limit is looked at (raw bytes). */
  MAX_UPLOAD_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(20 * 1024 * 1024),
  /** Longest time to receive one whole request (headers and body); Node answers 408 past it. */
  REQUEST_TIMEOUT_SECONDS: z.coerce.number().min(60).max(3600).default(600),
  /** A connection with no traffic either way for this long is closed. */
  CONNECTION_TIMEOUT_SECONDS: z.coerce.number().min(10).max(3600).default(120),
  /** An upload body arriving slower than this (bytes/s, over each window below) is closed: slow-loris. */
  UPLOAD_MIN_BYTES_PER_SECOND: z.coerce
    .number()
    .int()
    .min(1)
    .max(10 * 1024 * 1024)
    .default(4096),
  UPLOAD_RATE_WINDOW_SECONDS: z.coerce.number().min(1).max(600).default(20),
  PUBLIC_BASE_URL: optionalUrl,
  MEDIA_LINK_SECRET: optionalText,
  /**
   * Whose X-Forwarded-For to believe: `off`, or the proxies' addresses/CIDRs (also loopback,
   * linklocal, uniquelocal). Not a hop count: Fastify ignores those (the peer could not be checked).
   */
  TRUST_PROXY: z
    .string()
    .default('off')
    .refine((v) => v === 'off' || v.split(',').every((a) => TRUST_PROXY_ADDRESS.test(a.trim())), {
      message: 'must be off or a comma-separated list of proxy addresses/CIDRs (or loopback, linklocal, uniquelocal)',
    }),
  /** How long a process's claim on a check or screening holds without a heartbeat (a dead process's work waits this long). */
  WORK_LEASE_SECONDS: z.coerce.number().min(5).max(3600).default(30),
  /** How often each process looks for unclaimed work (PostgreSQL notifications make it sooner). */
  WORK_POLL_SECONDS: z.coerce.number().min(0.1).max(60).default(2),
  /** Where committed media lives: `disk` (DATA_DIR/media) or an S3-compatible bucket (S3_*). */
  MEDIA_STORE: z.enum(['disk', 's3']).default('disk'),
  S3_ENDPOINT: optionalUrl,
  S3_BUCKET: optionalText,
  S3_REGION: optionalText,
  S3_ACCESS_KEY_ID: optionalText,
  S3_SECRET_ACCESS_KEY: optionalText,
  S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).default('false'),
  /** `off` lifts the simulators' published-rate enforcement (to load-test the proxy itself). */
  SIMULATOR_RATE_LIMITS: z.enum(['on', 'off']).default('on'),
  /** `off` disables the on-box capture-integrity screening and the `local` provider. */
  LOCAL_SCREENING: z.enum(['on', 'off']).default('on'),
  /** `open` lets anyone steer the simulators (/sim/<vendor>/_control); only for tests and demos. */
  SIMULATOR_CONTROL: z.enum(['admin', 'open']).default('admin'),
  SIMULATOR_CONTROL_TOKEN: optionalText.refine((v) => v === undefined || v.length >= 32, {
    message: 'must be at least 32 characters',
  }),
  /** `off`: anonymous uploads (no X-Session-Token) are refused with 401 session_required, and `/` asks for a session link. */
  PUBLIC_CAPTURE: z.enum(['on', 'off']).default('on'),
  /** `off`: no demo video source in the capture app, and /demo/* clips answer 404. */
  DEMO_CLIPS: z.enum(['on', 'off']).default('on'),
  /** Key of the session client tokens (HMAC); unset: one generated into DATA_DIR at first start. */
  SESSION_TOKEN_SECRET: optionalText.refine((v) => v === undefined || v.length >= 32, {
    message: 'must be at least 32 characters',
  }),
  /** Per-client request limits on the public routes (per minute); `off` for load tests. */
  RATE_LIMITS: z.enum(['on', 'off']).default('on'),
  RATE_LIMIT_CAPTURES_PER_MINUTE: z.coerce.number().int().positive().default(6),
  RATE_LIMIT_STATUS_PER_MINUTE: z.coerce.number().int().positive().default(120),
  RATE_LIMIT_LOGIN_PER_MINUTE: z.coerce.number().int().positive().default(10),
  RATE_LIMIT_READS_PER_MINUTE: z.coerce.number().int().positive().default(120),
  RATE_LIMIT_MEDIA_LINKS_PER_MINUTE: z.coerce.number().int().positive().default(300),
  RATE_LIMIT_PROBES_PER_MINUTE: z.coerce.number().int().positive().default(600),
  /** Uploads are refused (503 storage_full) when the media volume would keep less than this free. */
  MIN_FREE_DISK_MB: z.coerce.number().int().min(0).default(512),
  /** New captures are refused (503 busy) while this many vendor checks / screenings wait or run. */
  MAX_PENDING_CHECKS: z.coerce.number().int().positive().default(500),
  MAX_PENDING_SCREENINGS: z.coerce.number().int().positive().default(100),
  /** Captures waiting for the local screening, at most; one past it is recorded as not screened. */
  LOCAL_SCREENING_MAX_QUEUE: z.coerce.number().int().positive().default(LOCAL_SCREENING_CONFIG.queue.maxDepth),
  /** Seconds without a clip after which the screening's detector and decoder are released. */
  LOCAL_SCREENING_IDLE_SECONDS: z.coerce
    .number()
    .min(0)
    .max(24 * 3600)
    .default(LOCAL_SCREENING_CONFIG.worker.idleReleaseMs / 1000),
  /** Prometheus GET /metrics: served only when one of these is set (a bearer token, or CIDRs allowed to scrape). */
  METRICS_TOKEN: optionalText.refine((v) => v === undefined || v.length >= 32, { message: 'must be at least 32 characters' }),
  METRICS_ALLOW: optionalText.refine((v) => v === undefined || metricsAllowValid(v), {
    message: 'must be comma-separated IP addresses or CIDRs (10.0.0.0/8, ::1/128)',
  }),
  /** On SIGTERM/SIGINT: longest time to let in-flight work finish before the process exits anyway. */
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().min(1).max(600).default(25),
  /** `on` lets webhooks go to private/loopback addresses and plain http: for tests and local development only. */
  WEBHOOK_ALLOW_PRIVATE: z.enum(['on', 'off']).default('off'),
  ...vendorEnvSchema.shape,
  /** First administrator, created at start when no admin exists (both or neither). */
  ADMIN_EMAIL: optionalText.refine((v) => v === undefined || /^[^\s@]+@[^\s@]+$/.test(v), {
    message: 'must be an email address',
  }),
  ADMIN_PASSWORD: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === '' ? undefined : v))
    .refine((v) => v === undefined || v.length >= MIN_PASSWORD_LENGTH, {
      message: `must be at least ${MIN_PASSWORD_LENGTH} characters`,
    }),
  /** Which waiting case "Take next" hands out first: the riskiest (oldest among equals) or the oldest. */
  REVIEW_TAKE_NEXT_ORDER: z.enum(TAKE_NEXT_ORDERS).default('risk'),
  /** `on`: every admin must sign in with a TOTP code (set up at their next sign-in). */
  TOTP_REQUIRED_FOR_ADMINS: z.enum(['on', 'off']).default('off'),
  /** Days a case's media is kept before the purge removes it (checks, decisions and audit stay). */
  RETENTION_DAYS: z.coerce.number().positive().max(3650).default(30),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(12),
  /** How often the retention purge runs; 0 disables the timer (purge on demand only). */
  PURGE_INTERVAL_MINUTES: z.coerce
    .number()
    .min(0)
    .max(24 * 60)
    .default(60),
  /** Login throttle (server/auth/throttle.ts): failures per email + client address before that pair waits. */
  LOGIN_FAILURES_BEFORE_DELAY: z.coerce.number().int().positive().optional(),
  /** The old name of LOGIN_FAILURES_BEFORE_DELAY (it counted per email from any address), still read. */
  LOGIN_MAX_FAILURES_PER_EMAIL: z.coerce.number().int().positive().optional(),
  /** Failures from one client address (any emails) before that address waits (spraying). */
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().positive().default(20),
  /** The first wait; each further failure doubles it, up to LOGIN_MAX_DELAY_MINUTES. */
  LOGIN_DELAY_SECONDS: z.coerce.number().positive().max(3600).default(30),
  LOGIN_MAX_DELAY_MINUTES: z.coerce
    .number()
    .positive()
    .max(24 * 60)
    .default(15),
  /** Failures on one account from all addresses before unknown addresses wait LOGIN_ACCOUNT_DELAY_SECONDS per try. */
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().positive().default(100),
  LOGIN_ACCOUNT_DELAY_SECONDS: z.coerce.number().positive().max(60).default(5),
  /** A counter starts over after this long without a failure (at least LOGIN_MAX_DELAY_MINUTES). */
  LOGIN_WINDOW_MINUTES: z.coerce
    .number()
    .positive()
    .max(7 * 24 * 60)
    .default(60),
});

type Env = z.infer<typeof envSchema>;

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
