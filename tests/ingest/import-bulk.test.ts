// How a large import writes: labels chunk by chunk while the file is still being read (rows about
// one article merge, the codebook grows as new keys appear), duplicates left out by the insert
// itself, and on SQLite a rollback journal for the import's transaction when the file is its alone.
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { withBulkWriteMode } from '../../src/db/bulk-write-mode.js';
import { openDatabase } from '../../src/db/open.js';
import type { Database as MizanDb } from '../../src/db/open.js';
import { importPaths } from '../../src/ingest/import.js';
import type { ImportOptions } from '../../src/ingest/options.js';
import { describeEachProvider } from '../helpers/providers.js';
import { tempDb, tempDir } from '../helpers/temp.js';

const ROOT = new URL('../../', import.meta.url).pathname;

/** Rows `from`..`to` (id, text, topic): texts differ by number, topics cycle through `topics`. */
function rows(from: number, to: number, topicOf: (i: number) => string, textOf = (i: number) => `خبر رقم ${i} عن الأمن في المنطقة`): string[] {
  const out: string[] = [];
  for (let i = from; i <= to; i++) out.push(`r${i},${textOf(i)},${topicOf(i)}`);
  return out;
}

function csv(dir: string, name: string, lines: string[]): string {
  const file = join(dir, name);
  writeFileSync(file, `id,text,topic\n${lines.join('\n')}\n`);
  return file;
}

const options = (extendCodebook = true): ImportOptions => ({
  columns: { text: 'text', id: 'id', topic: 'topic' },
  annotator: 'import',
  extendCodebook,
  parseThread: 'main',
});

const cycle = (keys: string[]) => (i: number) => keys[i % keys.length]!;

async function labelOf(db: MizanDb, externalId: string) {
  const article = await db.prisma.article.findFirstOrThrow({ where: { externalId } });
  return db.prisma.label.findFirstOrThrow({ where: { articleId: article.id }, include: { topics: true } });
}

describeEachProvider('import writes labels while it reads', ({ freshDb }) => {
  it('rows about one article in different chunks merge into one label, counted once', async () => {
    const db = await freshDb();
    try {
      const dir = tempDir();
      // Row 1,100 repeats row 5's text (so the same article) with another topic, two chunks later.
      const lines = [...rows(1, 1_099, cycle(['economy', 'sports'])), 'r1100,خبر رقم 5 عن الأمن في المنطقة,politics'];
      const summary = await importPaths(db, [csv(dir, 'a.csv', lines)], options());
      expect(summary.imported).toBe(1_099);
      expect(summary.duplicates).toBe(1);
      expect(summary.labels).toEqual({ created: 1_099, updated: 0, unchanged: 0 });
      const label = await labelOf(db, 'r5');
      expect(label.topics.map((t) => t.topicKey).sort()).toEqual(['politics', 'sports']);
      const events = await db.prisma.labelEvent.findMany({ where: { articleId: label.articleId }, orderBy: { id: 'asc' } });
      expect(events.map((e) => `${e.field}:${e.after === null ? '' : e.field === 'confirmed' ? 'time' : e.after}`).sort()).toEqual([
        'confirmed:time',
        'topic:politics:on',
        'topic:sports:on',
      ]);
      expect(await db.prisma.label.count()).toBe(1_099);
    } finally {
      await db.close();
    }
  });

  it('a new key late in the file extends the codebook: one new version with every key, multi-label when a late row has two topics', async () => {
    const db = await freshDb();
    try {
      const dir = tempDir();
      const lines = rows(1, 1_200, (i) => (i === 900 ? 'economy|sahel' : i > 1_000 ? 'borders' : cycle(['economy', 'sports'])(i)));
      const summary = await importPaths(db, [csv(dir, 'a.csv', lines)], options());
      expect(summary.codebookVersion).toBe(1);
      expect(await db.prisma.codebookVersion.count()).toBe(1);
      const codebook = await db.prisma.codebookVersion.findFirstOrThrow({ include: { topics: true } });
      expect(codebook.topics.map((t) => t.key).sort()).toEqual(['borders', 'economy', 'sahel', 'sports']);
      expect(codebook.multiLabel).toBe(true);
      expect(codebook.source).toContain('borders');
      expect(new Set(codebook.topics.map((t) => t.hotkey)).size).toBe(4);
      expect((await labelOf(db, 'r900')).topics.map((t) => t.topicKey).sort()).toEqual(['economy', 'sahel']);
      expect(await db.prisma.label.count({ where: { version: 1 } })).toBe(1_200);

      // Against that codebook, a file whose new key comes after two chunks: version 2 holds all keys,
      // and every label holds only keys of the version it was written under.
      const more = rows(2_001, 3_200, (i) => (i > 3_000 ? 'libya' : 'sports'));
      const second = await importPaths(db, [csv(dir, 'b.csv', more)], options());
      expect(second.codebookVersion).toBe(2);
      const v2 = await db.prisma.topic.findMany({ where: { version: 2 } });
      expect(v2.map((t) => t.key).sort()).toEqual(['borders', 'economy', 'libya', 'sahel', 'sports']);
      const labels = await db.prisma.label.findMany({ include: { topics: true } });
      const keysOf = new Map([
        [1, new Set(codebook.topics.map((t) => t.key))],
        [2, new Set(v2.map((t) => t.key))],
      ]);
      for (const l of labels) for (const t of l.topics) expect(keysOf.get(l.version)!.has(t.topicKey), `${t.topicKey} in v${l.version}`).toBe(true);
      expect((await labelOf(db, 'r3100')).version).toBe(2);
    } finally {
      await db.close();
    }
  });

  it('a file whose rows about one article disagree, chunks apart, imported again: every label unchanged, no new events', async () => {
    const db = await freshDb();
    try {
      const dir = tempDir();
      // Rows 1,100 and 1,150 repeat rows 5 and 7 (the same articles) with other topics: merged, the
      // labels hold both; a re-import must not first write the early row's topic alone.
      const lines = [
        ...rows(1, 1_099, cycle(['economy', 'sports'])),
        'r1100,خبر رقم 5 عن الأمن في المنطقة,politics',
        ...rows(1_101, 1_149, () => 'economy'),
        'r1150,خبر رقم 7 عن الأمن في المنطقة,economy',
      ];
      const file = csv(dir, 'a.csv', lines);
      await importPaths(db, [file], options());
      const events = await db.prisma.labelEvent.count();
      const again = await importPaths(db, [file], options());
      expect(again.imported).toBe(0);
      expect(again.labels).toEqual({ created: 0, updated: 0, unchanged: 1_148 });
      expect(await db.prisma.labelEvent.count()).toBe(events);
      expect((await labelOf(db, 'r5')).topics.map((t) => t.topicKey).sort()).toEqual(['politics', 'sports']);
      expect((await labelOf(db, 'r7')).topics.map((t) => t.topicKey).sort()).toEqual(['economy', 'sports']);
    } finally {
      await db.close();
    }
  });

  it('articles already in the database inside a chunk of new ones: skipped, counted, and their labels compared, not duplicated', async () => {
    const db = await freshDb();
    try {
      const dir = tempDir();
      const topic = cycle(['economy', 'sports']);
      await importPaths(db, [csv(dir, 'a.csv', rows(1, 10, topic))], options());
      const summary = await importPaths(db, [csv(dir, 'b.csv', rows(5, 1_200, topic))], options());
      expect(summary.imported).toBe(1_190);
      expect(summary.duplicates).toBe(6);
      expect(summary.labels).toEqual({ created: 1_190, updated: 0, unchanged: 6 });
      expect(await db.prisma.article.count()).toBe(1_200);
      expect(await db.prisma.label.count()).toBe(1_200);
      // 2 events (topic, confirmed) per label, none added for the unchanged ones.
      expect(await db.prisma.labelEvent.count()).toBe(2_400);
    } finally {
      await db.close();
    }
  });
});

describe('import progress', () => {
  for (const thread of ['worker', 'main'] as const) {
    it(`reports the share of the input read, rising to 1, file by file (${thread} thread)`, async () => {
      const db = await tempDb();
      try {
        const dir = tempDir();
        // ~1 KB rows: a.csv spans several of the reader's 1 MB chunks.
        const long = (i: number) => `خبر رقم ${i} ${'عن الأمن في المنطقة '.repeat(25)}`;
        const a = csv(
          dir,
          'a.csv',
          rows(1, 3_000, () => 'economy', long),
        );
        const b = csv(
          dir,
          'b.csv',
          rows(3_001, 4_000, () => 'economy', long),
        );
        const seen: [string, number, number][] = [];
        await importPaths(db, [a, b], { ...options(), parseThread: thread }, { onRows: (file, n, done) => seen.push([file.path, n, done]) });
        const shares = seen.map(([, , done]) => done);
        expect(shares.every((d, i) => d > 0 && d <= 1 && (i === 0 || d >= shares[i - 1]!))).toBe(true);
        const endOfA = seen.filter(([f]) => f === a).at(-1)!;
        expect(endOfA[1]).toBe(3_000);
        // a.csv is three quarters of the input (same rows, same length give or take the digits).
        expect(endOfA[2]).toBeGreaterThan(0.7);
        expect(endOfA[2]).toBeLessThan(0.8);
        expect(seen.at(-1)).toEqual([b, 1_000, 1]);
        expect(seen.filter(([f, , done]) => f === a && done < endOfA[2]).length).toBeGreaterThan(0);
      } finally {
        await db.close();
      }
    });
  }
});

describe('SQLite journal during an import', () => {
  const mode = async (db: MizanDb) => (await db.prisma.$queryRawUnsafe<{ journal_mode: string }[]>('PRAGMA journal_mode'))[0]!.journal_mode;

  it('uses a rollback journal while the file is its alone, and is back in WAL afterwards, also after a failure', async () => {
    const db = await tempDb();
    try {
      expect(await mode(db)).toBe('wal');
      expect(await withBulkWriteMode(db, { exclusive: true }, () => mode(db))).toBe('delete');
      expect(await mode(db)).toBe('wal');
      await expect(withBulkWriteMode(db, { exclusive: true }, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
      expect(await mode(db)).toBe('wal');
      // A small write keeps WAL (and so readers elsewhere).
      expect(await withBulkWriteMode(db, { exclusive: false }, () => mode(db))).toBe('wal');
    } finally {
      await db.close();
    }
  });

  it('stays in WAL, without waiting, when another connection has the file open (and the import still works)', async () => {
    // A busy timeout longer than the test's: had the switch waited on it, the test would time out.
    const db = await tempDb({ busyTimeoutMs: 3_600_000 });
    const other = new Database(db.url.replace(/^file:/, ''));
    const busyTimeout = async () => Number(Object.values((await db.prisma.$queryRawUnsafe<Record<string, unknown>[]>('PRAGMA busy_timeout'))[0]!)[0]);
    try {
      other.prepare('SELECT count(*) FROM "Article"').get();
      expect(await withBulkWriteMode(db, { exclusive: true }, async () => [await mode(db), await busyTimeout()])).toEqual(['wal', 3_600_000]);
      // The switch was asked for with no wait at all, and the connection's own timeout is back.
      expect(await busyTimeout()).toBe(3_600_000);
      const summary = await importPaths(
        db,
        [
          csv(
            tempDir(),
            'a.csv',
            rows(1, 20, () => 'economy'),
          ),
        ],
        options(),
      );
      expect(summary.imported).toBe(20);
      expect(other.prepare('SELECT count(*) AS n FROM "Article"').get()).toEqual({ n: 20 });
    } finally {
      other.close();
      await db.close();
    }
  });

  it('a large import (parsed on a worker thread) runs when Node is started with V8 flags', async () => {
    const db = await tempDb();
    await db.close();
    const dir = tempDir();
    const big = csv(
      dir,
      'big.csv',
      rows(
        1,
        12_000,
        () => 'economy',
        (i) => `خبر رقم ${i} ${'عن الأمن في المنطقة '.repeat(20)}`,
      ),
    );
    const child = spawn(
      process.execPath,
      ['--max-old-space-size=2048', join(ROOT, 'bin/mizan.js'), '--db', db.url, 'import', big, '--text-col', 'text', '--id-col', 'id'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(out).toMatch(/imported 12000 articles/);
    expect(code).toBe(0);
  }, 120_000);

  it('a command that finds the file held past the busy timeout says so in one line and exits 75 (try again)', async () => {
    const db = await tempDb();
    await db.close();
    // What a large import does: a rollback journal and the write lock, for longer than the timeout.
    const holder = new Database(db.url.replace(/^file:/, ''));
    holder.pragma('journal_mode = DELETE');
    holder.exec('BEGIN EXCLUSIVE');
    try {
      const child = spawn(process.execPath, [join(ROOT, 'bin/mizan.js'), '--db', db.url, 'stats'], {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, MIZAN_BUSY_TIMEOUT_MS: '300' },
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
      expect(stderr.trim().split('\n')).toEqual([
        expect.stringMatching(/^mizan: the database is busy: another process is writing it .*try again when it has finished/),
      ]);
      expect(code).toBe(75);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
  }, 120_000);

  // Retried: the journal switch is skipped, by design, when anything else has the file open at that
  // moment, and then there is no rollback journal to kill the import in.
  it('kill -9 in the middle of an import: the next open finds the database as it was, in WAL mode', { timeout: 120_000, retry: 2 }, async () => {
    const db = await tempDb();
    const dir = tempDir();
    await importPaths(
      db,
      [
        csv(
          dir,
          'small.csv',
          rows(1, 10, () => 'economy'),
        ),
      ],
      options(),
    );
    await db.close();
    const file = db.url.replace(/^file:/, '');
    const big = csv(
      dir,
      'big.csv',
      rows(11, 60_000, cycle(['economy', 'sports']), (i) => `خبر رقم ${i} ${'عن الأمن في المنطقة '.repeat(20)}`),
    );
    const child = spawn(
      process.execPath,
      [join(ROOT, 'bin/mizan.js'), '--db', db.url, 'import', big, '--text-col', 'text', '--id-col', 'id', '--topic-col', 'topic', '--extend-codebook'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    let exitCode: number | null | undefined;
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => {
        exitCode = code;
        resolve(code);
      }),
    );
    // The rollback journal exists from the transaction's first write to its end. A child that ends
    // before one appears failed (or ran in WAL mode): its output says why.
    const deadline = Date.now() + 60_000;
    while (!existsSync(`${file}-journal`) && exitCode === undefined && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    const journal = existsSync(`${file}-journal`);
    if (!journal) child.kill('SIGKILL'); // a retry must not find this import still running
    expect({ journal, exitCode, output }).toEqual({ journal: true, exitCode: undefined, output: expect.any(String) });
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGKILL');
    expect(await exited).toBe(null);

    const after = await openDatabase(db.url);
    try {
      expect(await after.prisma.article.count()).toBe(10);
      expect(await after.prisma.label.count()).toBe(10);
      expect(await mode(after)).toBe('wal');
      expect(await after.prisma.$queryRawUnsafe('PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    } finally {
      await after.close();
    }
  });
});
