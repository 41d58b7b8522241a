import { describe, expect, it } from 'vitest';
import { VENDORS } from '../providers/vendors.js';
import { appEnvFor, loadSimulatorSettings } from './settings.js';

describe('standalone simulator settings', () => {
  it('gives each vendor its own port from the base, in the vendor list order, with generated credentials', () => {
    const s = loadSimulatorSettings({ SIMULATORS_BASE_PORT: '9200' });
    expect(s.simulators.map((x) => [x.vendor.id, x.port])).toEqual(VENDORS.map((v, i) => [v.id, 9200 + i]));
    expect(s.simulators.every((x) => x.generated)).toBe(true);
    expect(s.host).toBe('127.0.0.1');
    expect(s.control).toEqual({ open: false, token: undefined });
  });

  it('takes the credentials from the app’s own variables, and runs only the vendors named', () => {
    const s = loadSimulatorSettings({ SIMULATORS: 'tencent', TENCENT_SECRET_ID: 'AKIDx', TENCENT_SECRET_KEY: 'k' });
    expect(s.simulators).toHaveLength(1);
    expect(s.simulators[0]).toMatchObject({ generated: false, credentials: { secretId: 'AKIDx', secretKey: 'k' } });
  });

  it('refuses half a set of credentials, an unknown vendor and a short control token', () => {
    expect(() => loadSimulatorSettings({ TENCENT_SECRET_ID: 'AKIDx' })).toThrow(/TENCENT_SECRET_KEY/);
    expect(() => loadSimulatorSettings({ SIMULATORS: 'tencent,acme' })).toThrow(/acme/);
    expect(() => loadSimulatorSettings({ SIMULATOR_CONTROL_TOKEN: 'short' })).toThrow(/SIMULATOR_CONTROL_TOKEN/);
  });

  it('names the app variables that point a vendor at its simulator', () => {
    const intl = VENDORS.find((v) => v.id === 'alibaba-intl')!;
    const env = appEnvFor(intl, { accessKeyId: 'id', accessKeySecret: 's', sceneCode: 'selfie' }, 'http://sim:9103');
    expect(env).toEqual({
      ALIBABA_INTL_ACCESS_KEY_ID: 'id',
      ALIBABA_INTL_ACCESS_KEY_SECRET: 's',
      ALIBABA_INTL_SCENE_CODE: 'selfie',
      ALIBABA_INTL_ENDPOINT: 'http://sim:9103',
      ALIBABA_OPENPLATFORM_ENDPOINT: 'http://sim:9103/openplatform/',
      ALIBABA_INTL_OSS_UPLOAD_URL: 'http://sim:9103/oss/',
    });
  });
});
