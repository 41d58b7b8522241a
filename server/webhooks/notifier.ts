/**
 * In-process wake-up for the delivery worker: whoever commits a webhook event calls
 * `notifyWebhookEvents()` so the first attempt starts now instead of at the next poll (≤ 1 s).
 * It is only a hint: the worker finds every due delivery by polling the table anyway.
 */
const listeners = new Set<() => void>();

export function notifyWebhookEvents(): void {
  for (const listener of listeners) listener();
}

/** Returns the unsubscribe function. */
export function onWebhookEvents(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
