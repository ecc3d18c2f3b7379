import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The package root: migrations and the schema ship with the code, wherever the user runs it from. */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SCHEMA_PATH = join(PACKAGE_ROOT, 'prisma', 'schema.prisma');
export const MIGRATIONS_DIR = join(PACKAGE_ROOT, 'prisma', 'migrations');
