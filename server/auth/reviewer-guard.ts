/**
 * THE REVIEWER AUTHENTICATION SEAM. Every reviewer route (/api/cases…) is registered inside
 * `reviewerScope`, and this hook runs before each of them.
 *
 * Today it lets every caller through: reviewer accounts, sessions and roles arrive with the
 * review issue (#6), which replaces only `authenticateReviewer` below. Until then, do not expose
 * the reviewer API beyond a trusted network.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export async function authenticateReviewer(_request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  // Intentionally open until reviewer accounts exist (issue #6).
}

/** Registers `routes` so that each of them runs `authenticateReviewer` first. */
export async function reviewerScope(
  app: FastifyInstance,
  routes: (scoped: FastifyInstance) => Promise<void>,
): Promise<void> {
  await app.register(async (scoped) => {
    scoped.addHook('onRequest', authenticateReviewer);
    await routes(scoped);
  });
}
