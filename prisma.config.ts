import { defineConfig } from 'prisma/config';

// Used by the Prisma CLI (generate, and `migrate deploy` where its engine can be had).
// Mizan itself migrates offline through @prisma/schema-engine-wasm: see src/db/migrate.ts.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env['DATABASE_URL'] ?? 'file:./data/mizan.db' },
});
