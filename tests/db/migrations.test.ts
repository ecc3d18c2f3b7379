import { cpSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { adapterFactoryFor } from '../../src/db/adapter.js';
import { applyMigrations, diffMigration } from '../../src/db/migrate.js';
import { openDatabase } from '../../src/db/open.js';
import { MIGRATIONS_DIR, SCHEMA_PATH } from '../../src/db/paths.js';
import { parseDatabaseUrl } from '../../src/db/url.js';
import { tempDb, tempDir } from '../helpers/temp.js';

function sqlite(file: string) {
  return new Sqlite(file, { readonly: true });
}

describe('migrations', () => {
  it("apply to an empty database in Prisma's layout, and a second run applies nothing", async () => {
    const db = await tempDb();
    expect(db.applied).toEqual(
      readdirSync(MIGRATIONS_DIR)
        .filter((n) => !n.endsWith('.toml'))
        .sort(),
    );
    const file = join(db.dir, 'mizan.db');
    const raw = sqlite(file);
    const rows = raw.prepare('SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations').all() as {
      migration_name: string;
      finished_at: string | null;
      rolled_back_at: string | null;
    }[];
    expect(rows.map((r) => r.migration_name)).toEqual(db.applied);
    expect(rows.every((r) => r.finished_at !== null && r.rolled_back_at === null)).toBe(true);
    const tables = (raw.prepare("SELECT name FROM sqlite_master WHERE type='table'").all() as { name: string }[]).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['Article', 'Label', 'LabelEvent', 'CodebookVersion', 'ModelVersion', 'Claim']));
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();

    const again = await openDatabase(db.url);
    expect(again.applied).toEqual([]);
    await again.close();
  });

  it('the migrations folder matches the schema (db diff writes nothing)', async () => {
    const dir = tempDir();
    const target = parseDatabaseUrl(`file:${join(dir, 'scratch.db')}`);
    const migrationsDir = join(dir, 'migrations');
    cpSync(MIGRATIONS_DIR, migrationsDir, { recursive: true });
    expect(await diffMigration(adapterFactoryFor(target), { schemaPath: SCHEMA_PATH, migrationsDir }, 'noop')).toBeNull();
  });

  it('a schema change becomes a new migration that applies on top of the previous ones, keeping data', async () => {
    const dir = tempDir();
    const migrationsDir = join(dir, 'migrations');
    cpSync(MIGRATIONS_DIR, migrationsDir, { recursive: true });
    const schemaPath = join(dir, 'schema.prisma');
    const factory = adapterFactoryFor(parseDatabaseUrl(`file:${join(dir, 'live.db')}`));

    expect(await applyMigrations(factory, { schemaPath: SCHEMA_PATH, migrationsDir })).toHaveLength(readdirSync(MIGRATIONS_DIR).length - 1);
    const live = new Sqlite(join(dir, 'live.db'));
    live.prepare("INSERT INTO Annotator (name, role, createdAt) VALUES ('amina', 'annotator', 0)").run();
    live.close();

    const schema = readFileSync(SCHEMA_PATH, 'utf8').replace('model Annotator {', 'model Annotator {\n  email     String?');
    writeFileSync(schemaPath, schema);
    const written = await diffMigration(factory, { schemaPath, migrationsDir }, 'annotator_email', new Date('2030-01-01T00:00:00Z'));
    expect(written).toBe('20300101000000_annotator_email');
    expect(readFileSync(join(migrationsDir, written!, 'migration.sql'), 'utf8')).toMatch(/ALTER TABLE "Annotator" ADD COLUMN "email" TEXT/);

    expect(await applyMigrations(factory, { schemaPath, migrationsDir })).toEqual([written]);
    const after = sqlite(join(dir, 'live.db'));
    expect(after.prepare('SELECT name, email FROM Annotator').all()).toEqual([{ name: 'amina', email: null }]);
    after.close();
  });

  it('a database from before NearDupBucket became WITHOUT ROWID keeps its buckets', async () => {
    const dir = tempDir();
    const migrationsDir = join(dir, 'migrations');
    cpSync(MIGRATIONS_DIR, migrationsDir, { recursive: true });
    rmSync(join(migrationsDir, '20261203140000_near_dup_bucket_without_rowid'), { recursive: true });
    const file = join(dir, 'old.db');
    const factory = adapterFactoryFor(parseDatabaseUrl(`file:${file}`));
    await applyMigrations(factory, { schemaPath: SCHEMA_PATH, migrationsDir });
    const old = new Sqlite(file);
    old.prepare('INSERT INTO NearDupBucket (key, articleId) VALUES (?, ?), (?, ?)').run(2 ** 33 + 5, 'b', 2 ** 33 + 5, 'a');
    old.close();

    const db = await openDatabase(`file:${file}`);
    expect(db.applied).toEqual(['20261203140000_near_dup_bucket_without_rowid']);
    expect(await db.prisma.nearDupBucket.findMany({ orderBy: { articleId: 'asc' } })).toEqual([
      { key: BigInt(2 ** 33 + 5), articleId: 'a' },
      { key: BigInt(2 ** 33 + 5), articleId: 'b' },
    ]);
    await db.close();
    const raw = sqlite(file);
    expect(raw.prepare("SELECT sql FROM sqlite_master WHERE name = 'NearDupBucket'").pluck().get()).toMatch(/WITHOUT ROWID/);
    raw.close();
  });

  it('SQLite waits for a busy writer instead of failing at once', async () => {
    const db = await tempDb();
    const rows = await db.prisma.$queryRawUnsafe<{ timeout: bigint }[]>('PRAGMA busy_timeout');
    expect(Number(rows[0]!.timeout)).toBeGreaterThanOrEqual(5000);
  });

  it('names a bad database URL', async () => {
    await expect(openDatabase('mysql://localhost/x')).rejects.toThrow(/database URL "mysql:\/\/localhost\/x": unsupported scheme/);
  });
});
