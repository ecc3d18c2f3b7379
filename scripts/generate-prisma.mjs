// Generates the Prisma clients at install time with no network: one for SQLite (the default) and
// one for PostgreSQL, from the same models. prisma/postgresql/schema.prisma is derived from
// prisma/schema.prisma here, so the two can never drift.
//
// `prisma generate` only checks that a schema-engine binary exists (it would download one
// otherwise); Mizan migrates through @prisma/schema-engine-wasm, so any existing file will do: we
// point it at node itself.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sqliteSchema = join(root, 'prisma', 'schema.prisma');
const pgSchema = join(root, 'prisma', 'postgresql', 'schema.prisma');

export function derivePostgresSchema(source) {
  return (
    '// GENERATED from prisma/schema.prisma by scripts/generate-prisma.mjs: edit that file instead.\n' +
    source
      .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
      .replace('output       = "../src/db/generated"', 'output       = "../../src/db/generated-pg"')
  );
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  mkdirSync(dirname(pgSchema), { recursive: true });
  writeFileSync(pgSchema, derivePostgresSchema(readFileSync(sqliteSchema, 'utf8')));
  const require = createRequire(import.meta.url);
  const cli = require.resolve('prisma/build/index.js');
  const env = {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
  };
  for (const schema of [sqliteSchema, pgSchema]) {
    const result = spawnSync(process.execPath, [cli, 'generate', '--schema', schema], { stdio: 'inherit', env, cwd: root });
    if (result.status !== 0) process.exit(result.status ?? 1);
  }
}
