// `mizan db backup` while another process writes, and `mizan db check`.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { once } from 'node:events';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { HAS_PG, tempPgUrl } from '../helpers/pg.js';
import { tempDb, tempDir } from '../helpers/temp.js';
import { populateEverything } from './full-fixture.js';

// A writer in its own process: one small transaction after another (an annotator and a label
// event each), as the labeling screen writes, until it is killed.
const require = createRequire(import.meta.url);
const WRITER = `
const Database = require(${JSON.stringify(require.resolve('better-sqlite3'))});
const db = new Database(process.argv[1], { timeout: 10000 });
db.pragma('journal_mode = WAL');
const ann = db.prepare('INSERT INTO "Annotator" (name, role, "createdAt") VALUES (?, ?, ?)');
const ev = db.prepare('INSERT INTO "LabelEvent" ("articleId", "annotatorId", kind, field, "after", action, "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?)');
const write = db.transaction((i) => {
  const id = ann.run('writer-' + i, 'annotator', new Date().toISOString()).lastInsertRowid;
  ev.run('a0000000000000001', id, 'annotation', 'note', 'x'.repeat(2000), 'set', new Date().toISOString());
});
let i = 0;
for (;;) { write(i++); if (i === 200) process.stdout.write('ready\\n'); }
`;

describe('db backup', () => {
  it('takes a consistent copy while another process writes: it opens and passes the integrity check', async () => {
    const db = await tempDb();
    await populateEverything(db);
    const file = db.target.provider === 'sqlite' ? db.target.file : '';
    await db.close();
    const writer = spawn(process.execPath, ['-e', WRITER, file], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await once(writer.stdout, 'data');
      const out = join(tempDir(), 'backup.db');
      const r = await runCli(['--db', `file:${file}`, 'db', 'backup', out]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^backed up .* \(\d+\.\d MB, integrity ok\)/);
      expect(writer.exitCode).toBeNull();
      const copy = new Sqlite(out, { readonly: true });
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      // One snapshot: every annotator the writer had committed has its event too.
      const annotators = (copy.prepare(`SELECT count(*) AS n FROM "Annotator" WHERE name LIKE 'writer-%'`).get() as { n: number }).n;
      const events = (copy.prepare(`SELECT count(*) AS n FROM "LabelEvent" WHERE "after" LIKE 'xx%'`).get() as { n: number }).n;
      copy.close();
      expect(annotators).toBeGreaterThanOrEqual(200);
      expect(events).toBe(annotators);
      const check = await runCli(['--db', `file:${out}`, 'db', 'check']);
      expect(check.code, check.stderr).toBe(0);
      expect(check.stdout).toMatch(/^ok: .*backup\.db: integrity ok, every reference resolves; .*Annotator \d+/);
      const again = await runCli(['--db', `file:${file}`, 'db', 'backup', out]);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('already exists');
    } finally {
      writer.kill();
    }
  });

  it('db check finds rows that reference missing rows (exit 1)', async () => {
    const db = await tempDb();
    await populateEverything(db);
    const file = db.target.provider === 'sqlite' ? db.target.file : '';
    await db.close();
    const raw = new Sqlite(file);
    raw.pragma('foreign_keys = OFF');
    raw.prepare(`INSERT INTO "LabelTopic" ("labelId", "topicKey") VALUES (9999, 'x')`).run();
    raw.close();
    const r = await runCli(['--db', `file:${file}`, 'db', 'check']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/FAILED: .*1 rows reference missing rows/);
  });

  it.skipIf(!HAS_PG)('db check on PostgreSQL: references and counts; db backup names pg_dump', async () => {
    const url = await tempPgUrl();
    const { openDatabase } = await import('../../src/db/open.js');
    const db = await openDatabase(url);
    await populateEverything(db);
    await db.close();
    const r = await runCli(['--db', url, 'db', 'check']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^ok: postgresql:\/\/postgres:\*\*\*@.*: \d+ foreign keys, every reference resolves; Annotator \d+, Article 4,/);
    const b = await runCli(['--db', url, 'db', 'backup', 'x.db']);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('pg_dump --format=custom');
  });
});
