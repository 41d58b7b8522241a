import { describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { newWebhookSecret, signWebhook } from './signing.js';

const body = JSON.stringify({ type: 'session.submitted', timestamp: '2026-12-06T10:05:00.000Z', data: { id: 'ses1' } });

describe('webhook signing', () => {
  it('makes secrets in the whsec_<base64> form with 32 random bytes', () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(secret.slice('whsec_'.length), 'base64')).toHaveLength(32);
    expect(newWebhookSecret()).not.toBe(secret);
  });

  it('signs so that the standardwebhooks verifier accepts it', () => {
    const secret = newWebhookSecret();
    const headers = signWebhook(secret, 'msg_abc', body);
    expect(headers['webhook-id']).toBe('msg_abc');
    expect(headers['webhook-timestamp']).toMatch(/^\d{10}$/);
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    expect(new Webhook(secret).verify(body, { ...headers })).toEqual(JSON.parse(body));
  });

  it('is refused when the body, the timestamp, the id or the secret differ', () => {
    const secret = newWebhookSecret();
    const headers = signWebhook(secret, 'msg_abc', body);
    const verifier = new Webhook(secret);
    expect(() => verifier.verify(body.replace('ses1', 'ses2'), { ...headers })).toThrow(/signature/i);
    const earlier = String(Number(headers['webhook-timestamp']) - 1);
    expect(() => verifier.verify(body, { ...headers, 'webhook-timestamp': earlier })).toThrow(/signature/i);
    expect(() => verifier.verify(body, { ...headers, 'webhook-id': 'msg_abd' })).toThrow(/signature/i);
    expect(() => new Webhook(newWebhookSecret()).verify(body, { ...headers })).toThrow(/signature/i);
  });

  it('is refused when the timestamp is too old (replay)', () => {
    const secret = newWebhookSecret();
    const headers = signWebhook(secret, 'msg_abc', body, new Date(Date.now() - 10 * 60_000));
    expect(() => new Webhook(secret).verify(body, { ...headers })).toThrow(/too old/);
  });
});
