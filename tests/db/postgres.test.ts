import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { adapterFactoryFor } from '../../src/db/adapter.js';
import { applyMigrations, diffMigration } from '../../src/db/migrate.js';
import { openDatabase } from '../../src/db/open.js';
import { LAYOUTS } from '../../src/db/paths.js';
import { parseDatabaseUrl } from '../../src/db/url.js';
import { HAS_PG, tempPgUrl } from '../helpers/pg.js';
import { tempDir } from '../helpers/temp.js';

// @ts-expect-error: a plain .mjs script without type declarations
import { derivePostgresSchema } from '../../scripts/generate-prisma.mjs';

describe('PostgreSQL schema', () => {
  it('is derived from the SQLite schema (the committed copy is current)', () => {
    const derived = (derivePostgresSchema as (s: string) => string)(readFileSync(LAYOUTS.sqlite.schemaPath, 'utf8'));
    expect(readFileSync(LAYOUTS.postgresql.schemaPath, 'utf8')).toBe(derived);
  });
});

describe.skipIf(!HAS_PG)('PostgreSQL migrations (real server)', () => {
  it('apply to an empty database and record _prisma_migrations; the client works', async () => {
    const url = await tempPgUrl();
    const db = await openDatabase(url);
    expect(db.applied.length).toBeGreaterThan(0);
    await db.prisma.annotator.create({ data: { name: 'سلمى' } });
    expect(await db.prisma.annotator.findMany({ select: { name: true } })).toEqual([{ name: 'سلمى' }]);
    await db.close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const rows = (await client.query('SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL')).rows;
    await client.end();
    expect(rows.map((r: { migration_name: string }) => r.migration_name)).toEqual(db.applied);
    const again = await openDatabase(url);
    expect(again.applied).toEqual([]);
    await again.close();
  });

  it('db diff writes a PostgreSQL migration for a schema change, which applies on top keeping data', async () => {
    const dir = tempDir();
    const migrationsDir = join(dir, 'migrations');
    cpSync(LAYOUTS.postgresql.migrationsDir, migrationsDir, { recursive: true });
    const schemaPath = join(dir, 'schema.prisma');
    writeFileSync(schemaPath, readFileSync(LAYOUTS.postgresql.schemaPath, 'utf8').replace('model Annotator {', 'model Annotator {\n  email     String?'));
    const url = await tempPgUrl();
    const factory = adapterFactoryFor(parseDatabaseUrl(url));
    await applyMigrations(factory, { schemaPath: LAYOUTS.postgresql.schemaPath, migrationsDir });
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`INSERT INTO "Annotator" (name) VALUES ('amina')`);

    const written = await diffMigration(factory, { schemaPath, migrationsDir }, 'annotator_email', new Date('2030-01-01T00:00:00Z'));
    expect(written).toBe('20300101000000_annotator_email');
    expect(readFileSync(join(migrationsDir, written!, 'migration.sql'), 'utf8')).toMatch(/ALTER TABLE "Annotator" ADD COLUMN\s+"email" TEXT/);
    expect(await applyMigrations(factory, { schemaPath, migrationsDir })).toEqual([written]);
    expect((await client.query('SELECT name, email FROM "Annotator"')).rows).toEqual([{ name: 'amina', email: null }]);
    const shadows = await client.query("SELECT datname FROM pg_database WHERE datname LIKE 'mizan_shadow_%'");
    expect(shadows.rows).toEqual([]);
    await client.end();
  });
});

describe.skipIf(!HAS_PG)('PostgreSQL transactions (real server)', () => {
  it("queries Prisma runs at once inside a transaction reach pg one after another (pg 8.19+ warns on the user's terminal otherwise)", async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on('warning', onWarning);
    const db = await openDatabase(await tempPgUrl());
    try {
      const names = await db.prisma.$transaction(async (tx) => {
        await Promise.all(['a', 'b', 'c'].map((name) => tx.annotator.create({ data: { name } })));
        // One operation whose relations Prisma's interpreter loads side by side.
        const all = await tx.annotator.findMany({ orderBy: { name: 'asc' }, include: { labels: true, events: true, claims: true } });
        return { names: all.map((a) => a.name), count: await tx.annotator.count() };
      });
      expect(names).toEqual({ names: ['a', 'b', 'c'], count: 3 });
      // A failing query fails alone, and the transaction rolls back.
      await expect(
        db.prisma.$transaction(async (tx) => {
          await Promise.all([tx.annotator.create({ data: { name: 'd' } }), tx.annotator.create({ data: { name: 'a' } })]);
        }),
      ).rejects.toThrow(/Unique constraint/);
      expect(await db.prisma.annotator.count()).toBe(3);
      await new Promise((r) => setImmediate(r));
      expect(warnings.filter((m) => m.includes('already executing a query'))).toEqual([]);
    } finally {
      process.off('warning', onWarning);
      await db.close();
    }
  });
});
