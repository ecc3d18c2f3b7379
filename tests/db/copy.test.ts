import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { readCatalog, planTables, runtimeDataModel } from '../../src/db/copy/tables.js';
import { openDatabase } from '../../src/db/open.js';
import type { Database } from '../../src/db/open.js';
import { runCli } from '../helpers/cli.js';
import { Prisma } from '../../src/db/generated/client.js';
import { HAS_PG, tempPgUrl } from '../helpers/pg.js';
import { tempDb, tempDir } from '../helpers/temp.js';
import { populateEverything } from './full-fixture.js';

/** Every row of every model, through Prisma, in a comparable form. */
async function dump(db: Database): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const model of Object.keys(runtimeDataModel(db.prisma).models)) {
    const delegate = (db.prisma as unknown as Record<string, { findMany(): Promise<Record<string, unknown>[]> }>)[model[0]!.toLowerCase() + model.slice(1)]!;
    const rows = await delegate.findMany();
    out[model] = rows.map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))).sort();
  }
  return out;
}

async function exportsOf(url: string, dir: string, name: string): Promise<string[]> {
  const files: string[] = [];
  for (const [suffix, args] of [
    ['wide.csv', []],
    ['long.csv', ['--layout', 'long']],
    ['resolved.jsonl', ['--resolved']],
  ] as const) {
    const out = join(dir, `${name}-${suffix}`);
    const r = await runCli(['--db', url, 'export', '--out', out, '--include-text', ...args]);
    expect(r.code, r.stderr).toBe(0);
    files.push(readFileSync(out, 'utf8'));
  }
  return files;
}

async function openUrl(url: string): Promise<Database> {
  return openDatabase(url);
}

describe('db copy: coverage', () => {
  it('plans every table of the migrated schema, and the fixture puts a row in each (add one for a new table)', async () => {
    const db = await tempDb();
    await populateEverything(db);
    const sqlite = new Sqlite(db.target.provider === 'sqlite' ? db.target.file : '', { readonly: true });
    const catalog = await readCatalog('sqlite', async (sql) => sqlite.prepare(sql).all() as Record<string, unknown>[]);
    const plan = planTables(runtimeDataModel(db.prisma), catalog);
    expect(plan.map((t) => t.table).sort()).toEqual([...catalog.keys()].sort());
    const empty = plan.filter((t) => (sqlite.prepare(`SELECT count(*) AS n FROM "${t.table}"`).get() as { n: number }).n === 0).map((t) => t.table);
    sqlite.close();
    expect(empty, 'tables the fixture (tests/db/full-fixture.ts) leaves empty').toEqual([]);
    // Parents before children.
    const at = (t: string) => plan.findIndex((p) => p.table === t);
    for (const t of plan) for (const r of t.references) expect(at(r), `${r} before ${t.table}`).toBeLessThan(at(t.table));
  });
});

const directions: [string, boolean][] = [
  ['sqlite → sqlite', true],
  ['sqlite → postgresql', HAS_PG],
  ['postgresql → sqlite', HAS_PG],
];

describe.each(directions)('db copy %s', (name, enabled) => {
  const [fromKind, toKind] = name.split(' → ') as ['sqlite' | 'postgresql', 'sqlite' | 'postgresql'];
  const fresh = async (kind: string, dir: string, file: string) => (kind === 'sqlite' ? `file:${join(dir, file)}` : tempPgUrl());

  it.skipIf(!enabled)('copies every row of every table: identical dumps, exports and counts; later inserts do not collide', async () => {
    const dir = tempDir();
    const from = await fresh(fromKind, dir, 'from.db');
    const source = await openUrl(from);
    await populateEverything(source);
    const to = await fresh(toKind, dir, 'to.db');

    const r = await runCli(['--db', from, 'db', 'copy', '--to', to, '--batch', '3']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^copied (\d+) of \1 rows to /);
    const tables = Object.keys(Prisma.ModelName).length;
    expect(r.stdout).toMatch(new RegExp(`verified: row counts of ${tables} tables match; checksums of Label, LabelTopic, LabelStance, LabelEvent match`));
    expect(r.stdout).not.toContain('postgres:postgres@');

    const target = await openUrl(to);
    expect(await dump(target)).toEqual(await dump(source));
    expect(await exportsOf(to, dir, 'to')).toEqual(await exportsOf(from, dir, 'from'));
    // Sequences / AUTOINCREMENT counters are past the copied ids.
    const next = await target.prisma.annotator.create({ data: { name: 'new-after-copy' } });
    const maxId = Math.max(...(await source.prisma.annotator.findMany()).map((a) => a.id));
    expect(next.id).toBeGreaterThan(maxId);
    await target.prisma.labelEvent.create({ data: { articleId: 'a0000000000000001', annotatorId: next.id, field: 'note', after: 'x' } });
    await source.close();
    await target.close();
  });

  it.skipIf(!enabled)('refuses a non-empty target unless --merge, which adds only what is missing', async () => {
    const dir = tempDir();
    const from = await fresh(fromKind, dir, 'from.db');
    const source = await openUrl(from);
    await populateEverything(source);
    await source.close();
    const to = await fresh(toKind, dir, 'to.db');
    expect((await runCli(['--db', from, 'db', 'copy', '--to', to])).code).toBe(0);
    const again = await runCli(['--db', from, 'db', 'copy', '--to', to]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/is not empty \(ImportBatch 1, Article 4, .*\): copy into an empty database, or pass --merge/);
    const merged = await runCli(['--db', from, 'db', 'copy', '--to', to, '--merge']);
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stdout).toMatch(/^copied 0 of (\d+) rows .*, \1 already there/);
  });

  it.skipIf(!enabled)('a copy that fails halfway leaves the target as it was', async () => {
    const dir = tempDir();
    const from = await fresh(fromKind, dir, 'from.db');
    const source = await openUrl(from);
    await populateEverything(source);
    // A history row pointing at an article that does not exist: the target refuses it, late in the copy
    // (LabelEvent comes after articles and labels). SQLite lets it in with foreign keys off; PostgreSQL
    // with the constraint's trigger disabled.
    if (fromKind === 'sqlite') {
      await source.close();
      const raw = new Sqlite(join(dir, 'from.db'));
      raw.pragma('foreign_keys = OFF');
      raw
        .prepare(`INSERT INTO "LabelEvent" ("articleId", "annotatorId", "field", "createdAt") VALUES ('missing', 1, 'note', '2024-01-01T00:00:00.000+00:00')`)
        .run();
      raw.close();
    } else {
      await source.prisma.$executeRawUnsafe('ALTER TABLE "LabelEvent" DISABLE TRIGGER ALL');
      await source.prisma.$executeRawUnsafe(`INSERT INTO "LabelEvent" ("articleId", "annotatorId", "field", "createdAt") VALUES ('missing', 1, 'note', now())`);
      await source.close();
    }
    const to = await fresh(toKind, dir, 'to.db');
    const r = await runCli(['--db', from, 'db', 'copy', '--to', to]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/LabelEvent.*the target was left as it was/);
    const target = await openUrl(to);
    const counts = Object.values(await dump(target)).map((rows) => rows.length);
    expect(counts.every((n) => n === 0)).toBe(true);
    await target.close();
  });
});
