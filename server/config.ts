/**
 * Server configuration, read once from the environment. Secrets live only here and in the
 * provider objects built from it; nothing in this module is ever logged or sent to a client.
 */
import path from 'node:path';
import { z } from 'zod';

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

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
  TENCENT_SECRET_ID: optionalText,
  TENCENT_SECRET_KEY: optionalText,
  TENCENT_ENDPOINT: optionalText,
  TENCENT_REGION: optionalText,
});

export interface TencentConfig {
  /** Undefined when no credentials are configured: the built-in simulator is used. */
  credentials?: { secretId: string; secretKey: string };
  endpoint: string;
  region?: string;
}

export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  maxUploadBytes: number;
  tencent: TencentConfig;
}

export const TENCENT_DEFAULT_ENDPOINT = 'https://faceid.intl.tencentcloudapi.com';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  if (Boolean(e.TENCENT_SECRET_ID) !== Boolean(e.TENCENT_SECRET_KEY)) {
    throw new ConfigError('Set both TENCENT_SECRET_ID and TENCENT_SECRET_KEY, or neither (simulator).');
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    logLevel: e.LOG_LEVEL,
    maxUploadBytes: e.MAX_UPLOAD_BYTES,
    tencent: {
      credentials:
        e.TENCENT_SECRET_ID && e.TENCENT_SECRET_KEY
          ? { secretId: e.TENCENT_SECRET_ID, secretKey: e.TENCENT_SECRET_KEY }
          : undefined,
      endpoint: e.TENCENT_ENDPOINT ?? TENCENT_DEFAULT_ENDPOINT,
      region: e.TENCENT_REGION,
    },
  };
}
