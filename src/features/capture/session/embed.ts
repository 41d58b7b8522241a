/**
 * The embedded capture (`/s/<token>?embed=1` in an integrator's iframe) talks to its parent with
 * postMessage, always with an explicit target origin: the parent's origin, and only when it is one
 * of the session's embedding origins. Never `'*'`: the messages name the session.
 */
export const EMBED_MESSAGE_TYPES = ['ready', 'submitted', 'cancelled', 'error'] as const;
export type EmbedEvent = (typeof EMBED_MESSAGE_TYPES)[number];

export interface EmbedMessage {
  type: `selfie-screen:${EmbedEvent}`;
  sessionId: string;
  /** With `error`: the API's code (session_expired, session_used, …) when there is one. */
  code?: string;
}

export function isEmbedded(search: string): boolean {
  return new URLSearchParams(search).get('embed') === '1';
}

function originOf(url: string): string | null {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

export interface FrameContext {
  /** `location.ancestorOrigins` (Chromium, Safari): the parent's origin first. */
  ancestorOrigins?: ArrayLike<string> | null;
  /** `document.referrer`: the framing page, where ancestorOrigins is missing (Firefox). */
  referrer: string;
}

/** The parent page's origin as far as the browser tells us, or null. */
export function parentOrigin({ ancestorOrigins, referrer }: FrameContext): string | null {
  if (ancestorOrigins && ancestorOrigins.length > 0) return originOf(ancestorOrigins[0] ?? '');
  return referrer ? originOf(referrer) : null;
}

/** The origin to post to: the parent's, if the session allows it; null means do not post at all. */
export function embedTargetOrigin(context: FrameContext, allowed: readonly string[]): string | null {
  const parent = parentOrigin(context);
  if (!parent) return null;
  const allowedOrigins = new Set(allowed.map(originOf).filter((o): o is string => o !== null));
  return allowedOrigins.has(parent) ? parent : null;
}

/** Posts one message to the parent frame if there is one and it may hear it; says whether it did. */
export function postToParent(message: EmbedMessage, allowed: readonly string[]): boolean {
  if (window.parent === window) return false;
  const target = embedTargetOrigin({ ancestorOrigins: window.location.ancestorOrigins, referrer: document.referrer }, allowed);
  if (!target) return false;
  window.parent.postMessage(message, target);
  return true;
}
