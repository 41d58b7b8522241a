/** Where the API describes itself (http/openapi.ts); the guard, the limiter and the CSP know these routes too. */

export const OPENAPI_URL = '/api/openapi.json';
/** The browsable reference page; its own files (swagger-ui) live under it and are not part of the API. */
export const DOCS_PREFIX = '/api/docs';

/** The reference page or one of its files; `path` without the query. */
export const isApiReference = (path: string): boolean => path === DOCS_PREFIX || path.startsWith(`${DOCS_PREFIX}/`);
