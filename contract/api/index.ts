/**
 * The public HTTP API's request and response shapes, as zod schemas with the types inferred from
 * them. Shared by the server (which validates requests with them) and the SPA; browser-safe: no
 * DOM, no Node (contract/tsconfig.json enforces it). The SPA imports only types from here and
 * values from `./enums` (zod-free), so zod stays out of its bundle.
 */
export * from './applications.js';
export * from './audit.js';
export * from './auth.js';
export * from './captures.js';
export * from './cases.js';
export * from './checks.js';
export * from './dashboard.js';
export * from './demo.js';
export * from './enums.js';
export * from './decisions.js';
export * from './errors.js';
export * from './integrity.js';
export * from './media.js';
export * from './providers.js';
export * from './sessions.js';
export * from './queue.js';
export * from '../media/limits.js';
