/**
 * The HTTP face of a simulator's control, the same for every vendor: `POST /_control/next` queues an outcome,
 * `DELETE /_control` empties the queue, `GET /_control` shows the queue and the recent (secret-free) requests.
 */
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { QueuedOutcomeBase, RecordedRequestBase, SimulatorControl } from './control.js';

export interface ControlRouteExtras {
  /** Runs on DELETE /_control after the queue is emptied (e.g. zeroing rate counters). */
  onClear?: () => void;
  /** Shown by GET /_control next to the queue and history (e.g. `rate`). */
  inspect?: () => Record<string, unknown>;
}

export function registerControlRoutes<TInput, TQueued extends QueuedOutcomeBase, TRecorded extends RecordedRequestBase>(
  app: FastifyInstance,
  control: SimulatorControl<TInput, TQueued, TRecorded>,
  queuedOutcomeSchema: z.ZodType<TInput>,
  extras: ControlRouteExtras = {},
): void {
  app.post('/_control/next', async (request, reply) => {
    const parsed = queuedOutcomeSchema.safeParse(request.body);
    if (!parsed.success) return reply.code(400).send({ error: 'invalid outcome', issues: parsed.error.issues });
    return reply.code(201).send({ queued: control.enqueue(parsed.data), ...control.snapshot() });
  });
  app.delete('/_control', async () => {
    control.clear();
    extras.onClear?.();
    return control.snapshot();
  });
  app.get('/_control', async () => ({ ...control.snapshot(), ...extras.inspect?.() }));
}
