/**
 * The environment variables the server reads, their defaults and bounds (zod). ./config.ts turns the parsed
 * values into the AppConfig; nothing here is ever logged.
 */
import { z } from 'zod';
import { TAKE_NEXT_ORDERS } from '@contract/api/enums.js';
import { optionalText, optionalUrl } from './env-fields.js';
import type { VendorEnvField } from './providers/descriptor.js';
import { VENDORS } from './providers/vendors.js';
import { MIN_PASSWORD_LENGTH } from './auth/passwords.js';
import { LOCAL_SCREENING_CONFIG } from './providers/local/config.js';
import { allowList } from './ops/metrics-route.js';

export const splitList = (v: string) =>
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

/** Every vendor's own variables (credentials, endpoints…), from its descriptor; all optional text. */
export const vendorEnvSchema = z.object<Record<string, VendorEnvField>>(
  Object.assign({}, ...VENDORS.map((v) => v.envSchema.shape)),
);

const TRUST_PROXY_ADDRESS = /^(loopback|linklocal|uniquelocal|[0-9a-fA-F:.]*[:.][0-9a-fA-F:.]*(\/\d{1,3})?)$/;

export const envSchema = z.object({
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

export type Env = z.infer<typeof envSchema>;
