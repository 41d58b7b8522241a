import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyMultipart from '@fastify/multipart';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { mediaInput } from './adapter-kit/media-input.test-helpers.js';
import type { ScreeningService } from './local/screening-service.js';
import { buildProviders } from './registry.js';
import { VENDORS } from './vendors.js';

const noScreening = {} as ScreeningService;
const still = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../contract/media/fixtures/astronaut_240x320.jpg');

describe('the vendor descriptors', () => {
  it.each(VENDORS.map((v) => [v.id, v] as const))(
    '%s: variables under its prefix, credentials among them, its own default endpoint',
    (_id, vendor) => {
      const names = Object.keys(vendor.envSchema.shape);
      // ALIBABA_OPENPLATFORM_ENDPOINT names the other Alibaba API the intl video upload goes through.
      const outside = vendor.id === 'alibaba-intl' ? ['ALIBABA_OPENPLATFORM_ENDPOINT'] : [];
      expect(names.filter((n) => !n.startsWith(`${vendor.envPrefix}_`))).toEqual(outside);
      expect(names).toEqual(expect.arrayContaining(Object.values(vendor.credentialVars)));
      expect(vendor.readConfig({}).endpoint).toBe(vendor.defaultEndpoint);
    },
  );

  it.each(VENDORS.map((v) => [v.id, v] as const))(
    '%s: its provider carries its id, name and limits, live or simulated',
    (_id, vendor) => {
      const config = loadConfig({}).vendors[vendor.id];
      const credentials = vendor.simulator.credentials();
      const live = vendor.create(config, fetch, { mode: 'live', credentials });
      const simulated = vendor.create(config, fetch, {
        mode: 'simulated',
        credentials,
        simulatorUrl: () => () => 'http://127.0.0.1:9/',
      });
      for (const [provider, mode] of [
        [live, 'live'],
        [simulated, 'simulated'],
      ] as const) {
        expect(provider).toMatchObject({ id: vendor.id, displayName: vendor.displayName, mode, limits: vendor.limits });
      }
    },
  );
});

describe('buildProviders', () => {
  it('lists local first, then every vendor in list order, simulated without credentials and live with them', () => {
    const simulated = buildProviders(loadConfig({}), () => 'http://127.0.0.1:9', noScreening);
    const listed = [...simulated.gateways.values()].map((g) => [g.provider.id, g.provider.mode]);
    expect(listed).toEqual([['local', 'local'], ...VENDORS.map((v) => [v.id, 'simulated'])]);

    const keys = { TENCENT_SECRET_ID: 'AKIDtest', TENCENT_SECRET_KEY: 'secret' };
    const oneLive = buildProviders(loadConfig(keys), () => 'http://127.0.0.1:9');
    expect([...oneLive.gateways.values()].map((g) => [g.provider.id, g.provider.mode])).toEqual(
      VENDORS.map((v) => [v.id, v.id === 'tencent' ? 'live' : 'simulated']),
    );
  });

  it('gives each gateway its vendor policy with the <P>_* overrides', () => {
    const setup = buildProviders(loadConfig({ GLAIR_MAX_CONCURRENCY: '2', TENCENT_RATE_LIMIT: '3' }), () => '');
    expect(setup.gateways.get('glair')?.policy).toMatchObject({ maxConcurrent: 2, ratePerSecond: undefined });
    expect(setup.gateways.get('tencent')?.policy).toMatchObject({ maxConcurrent: 8, ratePerSecond: 3 });
    expect(setup.gateways.get('alibaba-cn')?.policy.ratePerSecond).toBe(10);
  });

  it('points every simulated vendor at its own mounted simulator, with keys that simulator accepts', async () => {
    let baseUrl = '';
    const setup = buildProviders(loadConfig({}), () => baseUrl);
    const app = Fastify({ bodyLimit: 16 * 1024 * 1024 });
    await app.register(fastifyMultipart);
    await setup.mountSimulators(app);
    baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const image = mediaInput('image', await readFile(still));
      for (const vendor of VENDORS) {
        const outcome = await setup.gateways.get(vendor.id)!.provider.check(image, { idempotencyKey: randomUUID(), attempt: 1 });
        expect({ vendor: vendor.id, kind: outcome.kind }).toEqual({ vendor: vendor.id, kind: 'result' });
      }
    } finally {
      await app.close();
    }
  });
});
