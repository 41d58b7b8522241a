/**
 * Short-lived, HMAC-signed URLs for one stored media file, for vendors that only take video by
 * URL (Alibaba China's FaceUrl). The token names the case, the role and the file's sha256 and
 * carries its expiry; the route re-checks that the case still holds that file, so a link dies
 * when it expires and as soon as the media is purged.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface MediaLinkClaims {
  caseId: string;
  role: string;
  sha256: string;
  /** Epoch seconds. */
  exp: number;
}

export type MediaLinkError = 'malformed' | 'bad_signature' | 'expired';

export interface MediaLinks {
  sign(claims: Omit<MediaLinkClaims, 'exp'>, ttlSeconds: number): string;
  verify(token: string): MediaLinkClaims | MediaLinkError;
}

export function createMediaLinks(secret: Buffer, now: () => number = Date.now): MediaLinks {
  const mac = (payload: string) => createHmac('sha256', secret).update(payload).digest();
  return {
    sign(claims, ttlSeconds) {
      const payload = Buffer.from(
        JSON.stringify({ ...claims, exp: Math.floor(now() / 1000) + Math.max(1, Math.round(ttlSeconds)) }),
      ).toString('base64url');
      return `${payload}.${mac(payload).toString('base64url')}`;
    },
    verify(token) {
      const [payload, signature, extra] = token.split('.');
      if (!payload || !signature || extra !== undefined) return 'malformed';
      const given = Buffer.from(signature, 'base64url');
      const expected = mac(payload);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'bad_signature';
      let claims: MediaLinkClaims;
      try {
        claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as MediaLinkClaims;
      } catch {
        return 'malformed';
      }
      if (typeof claims.exp !== 'number' || claims.exp * 1000 <= now()) return 'expired';
      return claims;
    },
  };
}
