import { defineConfig } from 'drizzle-kit';

// Only used by `npx drizzle-kit generate --config server/db/drizzle.config.ts` to write SQL migrations from server/db/schema.ts.
export default defineConfig({
  dialect: 'postgresql',
  schema: './server/db/schema.ts',
  out: './server/db/migrations',
});
