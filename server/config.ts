/**
 * Server configuration, read once from the environment. Secrets live only here and in the
 * provider objects built from it; nothing in this module is ever logged or sent to a client.
 */
import path from 'node:path';
import { z } from 'zod';
import { describeIssues } from './http-error.js';
import { loadVendorPolicy, type VendorPolicy } from './checks/vendor-policy.js';
import type { ProviderId } from './providers/types.js';
import { MIN_PASSWORD_LENGTH } from './auth/passwords.js';

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const optionalUrl = optionalText.refine((v) => v === undefined || /^https?:\/\/[^\s]+$/.test(v), {
  message: 'must be an http(s) URL',
});

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: optionalText.refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), {
    message: 'DATABASE_URL must start with postgres:// or postgresql://',
  }),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Largest upload accepted before any vendor limit is looked at (raw bytes). */
  MAX_UPLOAD_BYTES: z.coerce.number().int().positive().default(20 * 1024 * 1024),
  /** Longest time to receive one whole request (headers and body); Node answers 408 past it. */
  REQUEST_TIMEOUT_SECONDS: z.coerce.number().min(60).max(3600).default(600),
  /** A connection with no traffic either way for this long is closed. */
  CONNECTION_TIMEOUT_SECONDS: z.coerce.number().min(10).max(3600).default(120),
  /** An upload body arriving slower than this (bytes/s, over each window below) is closed: slow-loris. */
  UPLOAD_MIN_BYTES_PER_SECOND: z.coerce.number().int().min(1).max(10 * 1024 * 1024).default(4096),
  UPLOAD_RATE_WINDOW_SECONDS: z.coerce.number().min(1).max(600).default(20),
  PUBLIC_BASE_URL: optionalUrl,
  MEDIA_LINK_SECRET: optionalText,
  /** `off` lifts the simulators' published-rate enforcement (to load-test the proxy itself). */
  SIMULATOR_RATE_LIMITS: z.enum(['on', 'off']).default('on'),
  /** `off` disables the on-box capture-integrity screening and the `local` provider. */
  LOCAL_SCREENING: z.enum(['on', 'off']).default('on'),
  TENCENT_SECRET_ID: optionalText,
  TENCENT_SECRET_KEY: optionalText,
  TENCENT_ENDPOINT: optionalUrl,
  TENCENT_REGION: optionalText,
  FINAUTH_API_KEY: optionalText,
  FINAUTH_API_SECRET: optionalText,
  FINAUTH_ENDPOINT: optionalUrl,
  GLAIR_USERNAME: optionalText,
  GLAIR_PASSWORD: optionalText,
  GLAIR_API_KEY: optionalText,
  GLAIR_ENDPOINT: optionalUrl,
  ALIBABA_INTL_ACCESS_KEY_ID: optionalText,
  ALIBABA_INTL_ACCESS_KEY_SECRET: optionalText,
  ALIBABA_INTL_ENDPOINT: optionalUrl,
  ALIBABA_INTL_SCENE_CODE: optionalText.refine((v) => v === undefined || /^[A-Za-z0-9_]{1,10}$/.test(v), {
    message: 'must be 1–10 letters, digits or _',
  }),
  ALIBABA_OPENPLATFORM_ENDPOINT: optionalUrl,
  ALIBABA_INTL_OSS_UPLOAD_URL: optionalUrl,
  ALIBABA_CN_ACCESS_KEY_ID: optionalText,
  ALIBABA_CN_ACCESS_KEY_SECRET: optionalText,
  ALIBABA_CN_ENDPOINT: optionalUrl,
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
  /** Days a case's media is kept before the purge removes it (checks, decisions and audit stay). */
  RETENTION_DAYS: z.coerce.number().positive().max(3650).default(30),
  SESSION_TTL_HOURS: z.coerce.number().positive().max(24 * 30).default(12),
  /** How often the retention purge runs; 0 disables the timer (purge on demand only). */
  PURGE_INTERVAL_MINUTES: z.coerce.number().min(0).max(24 * 60).default(60),
  /** Failed logins allowed per email / per client IP within LOGIN_WINDOW_MINUTES before 429. */
  LOGIN_MAX_FAILURES_PER_EMAIL: z.coerce.number().int().positive().default(5),
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().positive().default(20),
  LOGIN_WINDOW_MINUTES: z.coerce.number().positive().default(15),
});

type Env = z.infer<typeof envSchema>;

export interface VendorConfig<C> {
  /** Undefined when no credentials are configured: the built-in simulator is used. */
  credentials?: C;
  endpoint: string;
  policy: VendorPolicy;
}

export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  logLevel: Env['LOG_LEVEL'];
  maxUploadBytes: number;
  /** Fastify requestTimeout / connectionTimeout (never 0: unbounded). */
  http: { requestTimeoutMs: number; connectionTimeoutMs: number };
  /** The slowest upload body tolerated. */
  uploadRate: { minBytesPerSecond: number; windowMs: number };
  /** Where vendors can reach this server (signed media links); defaults to the listening address. */
  publicBaseUrl?: string;
  /** Key for signed media links; random per process when unset (links then die on restart). */
  mediaLinkSecret?: string;
  /** Simulators enforce each vendor's published rate limit (default) or not. */
  simulatorRateLimits: boolean;
  /** Screen every capture on this box (integrity record + the `local` provider). Default on. */
  localScreening: boolean;
  tencent: VendorConfig<{ secretId: string; secretKey: string }> & { region?: string };
  finauth: VendorConfig<{ apiKey: string; apiSecret: string }>;
  glair: VendorConfig<{ username: string; password: string; apiKey: string }>;
  alibabaIntl: VendorConfig<{ accessKeyId: string; accessKeySecret: string; sceneCode: string }> & {
    openPlatformEndpoint: string;
    ossUploadUrl?: string;
  };
  alibabaCn: VendorConfig<{ accessKeyId: string; accessKeySecret: string }>;
  review: ReviewConfig;
}

export interface ReviewConfig {
  /** The first admin; undefined = generate a password and print it once at start (if no admin exists). */
  initialAdmin?: { email: string; password: string };
  retentionDays: number;
  sessionTtlMs: number;
  /** 0 = no timer. */
  purgeIntervalMs: number;
  login: { maxPerEmail: number; maxPerIp: number; windowMs: number };
}

export const DEFAULT_ENDPOINTS = {
  tencent: 'https://faceid.intl.tencentcloudapi.com',
  finauth: 'https://api-sgp.yljz.com',
  glair: 'https://api.vision.glair.ai',
  alibabaIntl: 'https://cloudauth-intl.ap-southeast-1.aliyuncs.com',
  alibabaOpenPlatform: 'https://openplatform.aliyuncs.com',
  alibabaCn: 'https://cloudauth.aliyuncs.com',
} as const;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** All of a vendor's credential variables, or none of them (simulator). */
function credentials<K extends keyof Env, C>(e: Env, names: K[], build: (v: Record<K, string>) => C): C | undefined {
  const set = names.filter((n) => e[n] !== undefined);
  if (set.length === 0) return undefined;
  if (set.length < names.length) {
    const missing = names.filter((n) => e[n] === undefined);
    throw new ConfigError(`Set ${missing.join(', ')} as well, or unset ${set.join(', ')} to use the simulator.`);
  }
  return build(Object.fromEntries(names.map((n) => [n, e[n] as string])) as Record<K, string>);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = describeIssues(parsed.error);
    throw new ConfigError(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  const policy = (id: Exclude<ProviderId, 'local'>): VendorPolicy => {
    try {
      return loadVendorPolicy(id, env);
    } catch (err) {
      throw new ConfigError((err as Error).message);
    }
  };
  if ((e.ADMIN_EMAIL === undefined) !== (e.ADMIN_PASSWORD === undefined)) {
    throw new ConfigError('Set both ADMIN_EMAIL and ADMIN_PASSWORD, or neither (a one-time password is then printed at first start).');
  }
  return {
    review: {
      initialAdmin: e.ADMIN_EMAIL && e.ADMIN_PASSWORD ? { email: e.ADMIN_EMAIL, password: e.ADMIN_PASSWORD } : undefined,
      retentionDays: e.RETENTION_DAYS,
      sessionTtlMs: e.SESSION_TTL_HOURS * 3_600_000,
      purgeIntervalMs: e.PURGE_INTERVAL_MINUTES * 60_000,
      login: {
        maxPerEmail: e.LOGIN_MAX_FAILURES_PER_EMAIL,
        maxPerIp: e.LOGIN_MAX_FAILURES_PER_IP,
        windowMs: e.LOGIN_WINDOW_MINUTES * 60_000,
      },
    },
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    logLevel: e.LOG_LEVEL,
    maxUploadBytes: e.MAX_UPLOAD_BYTES,
    http: { requestTimeoutMs: e.REQUEST_TIMEOUT_SECONDS * 1000, connectionTimeoutMs: e.CONNECTION_TIMEOUT_SECONDS * 1000 },
    uploadRate: { minBytesPerSecond: e.UPLOAD_MIN_BYTES_PER_SECOND, windowMs: e.UPLOAD_RATE_WINDOW_SECONDS * 1000 },
    publicBaseUrl: e.PUBLIC_BASE_URL?.replace(/\/+$/, ''),
    mediaLinkSecret: e.MEDIA_LINK_SECRET,
    simulatorRateLimits: e.SIMULATOR_RATE_LIMITS === 'on',
    localScreening: e.LOCAL_SCREENING === 'on',
    tencent: {
      credentials: credentials(e, ['TENCENT_SECRET_ID', 'TENCENT_SECRET_KEY'], (v) => ({
        secretId: v.TENCENT_SECRET_ID,
        secretKey: v.TENCENT_SECRET_KEY,
      })),
      endpoint: e.TENCENT_ENDPOINT ?? DEFAULT_ENDPOINTS.tencent,
      region: e.TENCENT_REGION,
      policy: policy('tencent'),
    },
    finauth: {
      credentials: credentials(e, ['FINAUTH_API_KEY', 'FINAUTH_API_SECRET'], (v) => ({
        apiKey: v.FINAUTH_API_KEY,
        apiSecret: v.FINAUTH_API_SECRET,
      })),
      endpoint: e.FINAUTH_ENDPOINT ?? DEFAULT_ENDPOINTS.finauth,
      policy: policy('finauth'),
    },
    glair: {
      credentials: credentials(e, ['GLAIR_USERNAME', 'GLAIR_PASSWORD', 'GLAIR_API_KEY'], (v) => ({
        username: v.GLAIR_USERNAME,
        password: v.GLAIR_PASSWORD,
        apiKey: v.GLAIR_API_KEY,
      })),
      endpoint: e.GLAIR_ENDPOINT ?? DEFAULT_ENDPOINTS.glair,
      policy: policy('glair'),
    },
    alibabaIntl: {
      credentials: credentials(
        e,
        ['ALIBABA_INTL_ACCESS_KEY_ID', 'ALIBABA_INTL_ACCESS_KEY_SECRET', 'ALIBABA_INTL_SCENE_CODE'],
        (v) => ({
          accessKeyId: v.ALIBABA_INTL_ACCESS_KEY_ID,
          accessKeySecret: v.ALIBABA_INTL_ACCESS_KEY_SECRET,
          sceneCode: v.ALIBABA_INTL_SCENE_CODE,
        }),
      ),
      endpoint: e.ALIBABA_INTL_ENDPOINT ?? DEFAULT_ENDPOINTS.alibabaIntl,
      openPlatformEndpoint: e.ALIBABA_OPENPLATFORM_ENDPOINT ?? DEFAULT_ENDPOINTS.alibabaOpenPlatform,
      ossUploadUrl: e.ALIBABA_INTL_OSS_UPLOAD_URL,
      policy: policy('alibaba-intl'),
    },
    alibabaCn: {
      credentials: credentials(e, ['ALIBABA_CN_ACCESS_KEY_ID', 'ALIBABA_CN_ACCESS_KEY_SECRET'], (v) => ({
        accessKeyId: v.ALIBABA_CN_ACCESS_KEY_ID,
        accessKeySecret: v.ALIBABA_CN_ACCESS_KEY_SECRET,
      })),
      endpoint: e.ALIBABA_CN_ENDPOINT ?? DEFAULT_ENDPOINTS.alibabaCn,
      policy: policy('alibaba-cn'),
    },
  };
}
