/**
 * Settings of the standalone simulators (`npm run simulators`), read from the environment. Each vendor's simulator
 * gets its own port (SIMULATORS_BASE_PORT + its place in the vendor list) and checks the credentials named by the
 * app's own variables (TENCENT_SECRET_ID…), so one environment serves both; unset ones are generated and printed.
 */
import { z } from 'zod';
import { optionalText } from '../env-fields.js';
import type { VendorDescriptor, VendorId } from '../providers/descriptor.js';
import { VENDORS } from '../providers/vendors.js';

const settingsSchema = z.object({
  SIMULATORS_HOST: z.string().default('127.0.0.1'),
  /** The first vendor's port; the others follow in the vendor list's order. 0 = any free port for each. */
  SIMULATORS_BASE_PORT: z.coerce.number().int().min(0).max(65530).default(9100),
  /** Comma-separated vendor ids; unset = all. */
  SIMULATORS: optionalText,
  SIMULATOR_RATE_LIMITS: z.enum(['on', 'off']).default('on'),
  /** `open`: anyone may steer them (/_control); else only holders of SIMULATOR_CONTROL_TOKEN. */
  SIMULATOR_CONTROL: z.enum(['admin', 'open']).default('admin'),
  SIMULATOR_CONTROL_TOKEN: optionalText.refine((v) => v === undefined || v.length >= 32, {
    message: 'must be at least 32 characters',
  }),
});

export interface SimulatorSpec {
  vendor: VendorDescriptor;
  port: number;
  /** The vendor's credentials as its variables name them (given or generated). */
  credentials: Record<string, string>;
  /** Whether the credentials were generated (then printed at start). */
  generated: boolean;
}

export interface SimulatorSettings {
  host: string;
  simulators: SimulatorSpec[];
  rateLimits: boolean;
  control: { open: boolean; token?: string };
}

export class SimulatorSettingsError extends Error {
  override name = 'SimulatorSettingsError';
}

export function loadSimulatorSettings(env: NodeJS.ProcessEnv = process.env): SimulatorSettings {
  const parsed = settingsSchema.safeParse(env);
  if (!parsed.success) {
    throw new SimulatorSettingsError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  }
  const e = parsed.data;
  const wanted = e.SIMULATORS?.split(',').map((id) => id.trim());
  const unknown = wanted?.filter((id) => !VENDORS.some((v) => v.id === id)) ?? [];
  if (unknown.length > 0) {
    throw new SimulatorSettingsError(
      `SIMULATORS: unknown vendor(s) ${unknown.join(', ')} (known: ${VENDORS.map((v) => v.id).join(', ')})`,
    );
  }
  const simulators = VENDORS.flatMap((vendor, index) => {
    if (wanted && !wanted.includes(vendor.id)) return [];
    const names = Object.entries(vendor.credentialVars as Record<string, string>);
    const given = names.filter(([, name]) => env[name]);
    if (given.length > 0 && given.length < names.length) {
      throw new SimulatorSettingsError(`Set all of ${names.map(([, n]) => n).join(', ')} or none (generated).`);
    }
    const generated = given.length === 0;
    const fields: Record<string, string> = generated
      ? (vendor.simulator.credentials() as Record<string, string>)
      : Object.fromEntries(names.map(([field, name]) => [field, env[name] as string]));
    return [{ vendor, port: e.SIMULATORS_BASE_PORT === 0 ? 0 : e.SIMULATORS_BASE_PORT + index, credentials: fields, generated }];
  });
  return {
    host: e.SIMULATORS_HOST,
    simulators,
    rateLimits: e.SIMULATOR_RATE_LIMITS === 'on',
    control: { open: e.SIMULATOR_CONTROL === 'open', token: e.SIMULATOR_CONTROL_TOKEN },
  };
}

/**
 * What the app needs in its environment to use a simulator listening at `base` (http://host:port): the vendor's
 * credential variables and its endpoint variables.
 */
export function appEnvFor(vendor: VendorDescriptor, credentials: Record<string, string>, base: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [field, name] of Object.entries(vendor.credentialVars as Record<string, string>)) {
    const value = credentials[field];
    if (value !== undefined) env[name] = value;
  }
  const endpoints: Record<VendorId, Record<string, string>> = {
    tencent: { TENCENT_ENDPOINT: `${base}/` },
    finauth: { FINAUTH_ENDPOINT: base },
    glair: { GLAIR_ENDPOINT: base },
    // Three hosts at the vendor: the API at `/`, the other two under their paths on the same port.
    'alibaba-intl': {
      ALIBABA_INTL_ENDPOINT: base,
      ALIBABA_OPENPLATFORM_ENDPOINT: `${base}/openplatform/`,
      ALIBABA_INTL_OSS_UPLOAD_URL: `${base}/oss/`,
    },
    'alibaba-cn': { ALIBABA_CN_ENDPOINT: base },
  };
  return { ...env, ...endpoints[vendor.id] };
}
