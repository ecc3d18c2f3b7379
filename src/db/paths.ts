import { join } from 'node:path';
import { PACKAGE_ROOT } from '../package-root.js';

export { PACKAGE_ROOT };

export type Provider = 'sqlite' | 'postgresql';

export interface SchemaLayout {
  schemaPath: string;
  migrationsDir: string;
}

/**
 * prisma/schema.prisma (SQLite) is the source of truth; prisma/postgresql/schema.prisma is derived
 * from it (scripts/generate-prisma.mjs) and each keeps its own migrations beside it, as Prisma lays
 * them out.
 */
export const LAYOUTS: Record<Provider, SchemaLayout> = {
  sqlite: { schemaPath: join(PACKAGE_ROOT, 'prisma', 'schema.prisma'), migrationsDir: join(PACKAGE_ROOT, 'prisma', 'migrations') },
  postgresql: {
    schemaPath: join(PACKAGE_ROOT, 'prisma', 'postgresql', 'schema.prisma'),
    migrationsDir: join(PACKAGE_ROOT, 'prisma', 'postgresql', 'migrations'),
  },
};

export const SCHEMA_PATH = LAYOUTS.sqlite.schemaPath;
export const MIGRATIONS_DIR = LAYOUTS.sqlite.migrationsDir;
