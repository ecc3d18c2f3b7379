// The import's fast paths: CSV parsing on a worker thread (texts sent as UTF-8 bytes for SQLite),
// SQLite writes through the driver's own connection, rawText stored once. Each must write what the
// plain path writes, and a bad row anywhere must still leave the database as it was.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { insertRows, insertRowsReturning } from '../../src/db/bulk-insert.js';
import type { Database as MizanDb } from '../../src/db/open.js';
import { rawTextOf } from '../../src/ingest/draft.js';
import { isInputError } from '../../src/input-error.js';
import { importPaths } from '../../src/ingest/import.js';
import type { ImportOptions } from '../../src/ingest/options.js';
import { describeEachProvider } from '../helpers/providers.js';
import { tempDb, tempDir } from '../helpers/temp.js';

const TOPICS = ['economy', 'sports', 'politics'];

/** Row i's text: one line for even rows (the text is then the body too), two lines for odd ones. */
const textOf = (i: number) => `نص الخبر رقم ${i}، وفيه "اقتباس"${i % 2 === 0 ? ' ' : '\n'}وسطر ثان ${'كلمة '.repeat(i % 40)}`.trim();

/** `n` rows: text, a title for every third row, a topic; row `emptyAt` has no text. */
function corpus(n: number, opts: { emptyAt?: number; badDateAt?: number; badTopicAt?: number } = {}): string {
  const lines = ['id,title,text,topic,date'];
  for (let i = 1; i <= n; i++) {
    const text = i === opts.emptyAt ? '' : `"${textOf(i).replaceAll('"', '""')}"`;
    const title = i % 3 === 0 ? `عنوان ${i}` : '';
    const topic = i === opts.badTopicAt ? 'no_such_topic' : TOPICS[i % TOPICS.length];
    const date = i === opts.badDateAt ? 'not a date' : i % 2 === 0 ? '2016-07-23' : '';
    lines.push(`r${i},${title},${text},${topic},${date}`);
  }
  return `${lines.join('\n')}\n`;
}

const options = (parseThread: 'worker' | 'main', extendCodebook = true): ImportOptions => ({
  columns: { text: 'text', title: 'title', id: 'id', topic: 'topic', date: 'date' },
  annotator: 'import',
  extendCodebook,
  parseThread,
});

/** Everything an import writes, minus what differs per run (times, batch ids, autoincrement ids). */
async function snapshot(db: MizanDb) {
  const articles = await db.prisma.article.findMany({ orderBy: { id: 'asc' } });
  const labels = await db.prisma.label.findMany({ orderBy: { articleId: 'asc' }, include: { topics: true, annotator: true } });
  const events = await db.prisma.labelEvent.findMany({ orderBy: [{ articleId: 'asc' }, { field: 'asc' }] });
  return {
    articles: articles.map(({ importedAt, importBatchId, ...a }) => ({ ...a, hasBatch: importBatchId !== null, hasTime: importedAt instanceof Date })),
    labels: labels.map((l) => [
      l.articleId,
      l.annotator.name,
      l.kind,
      l.version,
      l.skipped,
      l.topicsLabeled,
      l.confirmedAt !== null,
      l.topics.map((t) => t.topicKey),
    ]),
    events: events.map((e) => [e.articleId, e.field, e.before, e.field === 'confirmed' ? 'time' : e.after, e.action]),
  };
}

async function counts(db: MizanDb) {
  const [articles, labels, events, batches, codebooks] = await Promise.all([
    db.prisma.article.count(),
    db.prisma.label.count(),
    db.prisma.labelEvent.count(),
    db.prisma.importBatch.count(),
    db.prisma.codebookVersion.count(),
  ]);
  return { articles, labels, events, batches, codebooks };
}

describeEachProvider('import fast paths', ({ freshDb }) => {
  it('the worker thread and the main thread import a file to the same rows; rawText is stored once and reads back unchanged', async () => {
    const dir = tempDir();
    const file = join(dir, 'corpus.csv');
    writeFileSync(file, corpus(1_050, { emptyAt: 700 }));
    const snapshots = [];
    for (const thread of ['worker', 'main'] as const) {
      const db = await freshDb();
      try {
        const warnings: string[] = [];
        const s = await importPaths(db, [file], options(thread), { onWarning: (w) => warnings.push(w) });
        expect(s, thread).toMatchObject({ rows: 1_050, imported: 1_049, rejected: 1, duplicates: 0, labels: { created: 1_049 } });
        expect(warnings, thread).toEqual([expect.stringMatching(/corpus\.csv: row 700 field "text": the text is empty: row skipped/)]);
        snapshots.push(await snapshot(db));
        const again = await importPaths(db, [file], options(thread));
        expect(again, thread).toMatchObject({ imported: 0, duplicates: 1_049, labels: { created: 0 } });

        const rows = await db.prisma.article.findMany({ where: { externalId: { in: ['r2', 'r3'] } }, orderBy: { externalId: 'asc' } });
        // One line and no title: the raw text is the body, stored once. A title: title and text.
        expect(rows[0]!.rawText).toBeNull();
        expect(rows[0]!.body).toBe(textOf(2));
        expect(rawTextOf(rows[0]!)).toBe(textOf(2));
        expect(rows[1]!.rawText).toBe(`عنوان 3\n\n${textOf(3)}`);
        expect(rawTextOf(rows[1]!)).toBe(`عنوان 3\n\n${textOf(3)}`);
        expect(rows[1]!.body).toBe(textOf(3));
      } finally {
        await db.close();
      }
    }
    expect(snapshots[0]).toEqual(snapshots[1]);
    expect(snapshots[0]!.articles).toHaveLength(1_049);

    // Without label columns the worker sends the texts as strings (this thread encodes them): the
    // same articles again.
    const articles = [];
    for (const thread of ['worker', 'main'] as const) {
      const db = await freshDb();
      try {
        const plain = { ...options(thread), columns: { text: 'text', title: 'title', id: 'id', date: 'date' } };
        expect(await importPaths(db, [file], plain), thread).toMatchObject({ imported: 1_049, labels: { created: 0 } });
        articles.push((await snapshot(db)).articles);
      } finally {
        await db.close();
      }
    }
    expect(articles[0]).toEqual(articles[1]);
    expect(articles[0]).toEqual(snapshots[0]!.articles);
  });

  for (const thread of ['worker', 'main'] as const) {
    it(`a bad row after several written chunks rolls the whole import back (${thread} thread)`, async () => {
      const db = await freshDb();
      try {
        const dir = tempDir();
        const good = join(dir, 'good.csv');
        writeFileSync(good, corpus(10));
        await importPaths(db, [good], options(thread));
        const before = await counts(db);
        const cases: [string, string, RegExp, boolean][] = [
          ['date.csv', corpus(1_100, { badDateAt: 1_034 }), /date\.csv: row 1034 field "date": "not a date" is not a date/, true],
          ['topic.csv', corpus(1_100, { badTopicAt: 1_051 }), /topic\.csv: row 1051 field "topic": unknown topic "no_such_topic"/, false],
        ];
        for (const [name, content, message, extend] of cases) {
          const file = join(dir, name);
          writeFileSync(file, content);
          const error = await importPaths(db, [file], options(thread, extend)).catch((e: unknown) => e);
          expect(isInputError(error), name).toBe(true);
          expect((error as Error).message, name).toMatch(message);
          expect(await counts(db), name).toEqual(before);
        }
      } finally {
        await db.close();
      }
    });
  }
});

describe('direct SQLite writes', () => {
  it('store exactly what Prisma stores: text (also from UTF-8 bytes), dates, booleans, integers, nulls', async () => {
    const direct = await tempDb();
    const viaPrisma = await tempDb();
    const when = new Date('2026-11-23T10:00:00.123Z');
    const article = {
      id: 'a1',
      externalId: null,
      source: 'بوابة الوسط',
      sourceKey: null,
      url: null,
      title: 'عنوان «داعش» ليبيا',
      body: 'نص\nالخبر 😀 é',
      rawText: null,
      language: 'und',
      publishedAt: new Date('2016-07-23T00:00:00Z'),
      publishedText: '23 يوليو 2016',
      dateline: null,
      author: null,
      contentHash: 'h1',
      importedAt: when,
    };
    const columns = Object.keys(article);
    await viaPrisma.prisma.$transaction(async (tx) => {
      await tx.article.create({ data: article });
      await tx.annotator.create({ data: { name: 'amina' } });
      await tx.codebookVersion.create({ data: { name: 'c', source: 's', hash: 'h', createdAt: when } });
      await tx.label.create({
        data: { articleId: 'a1', annotatorId: 1, version: 1, skipped: true, topicsLabeled: false, confirmedAt: when, createdAt: when, updatedAt: when },
      });
    });
    const labelId = await direct.prisma.$transaction(async (tx) => {
      // The title goes as UTF-8 bytes, as the parsing thread sends it.
      const values = Object.values(article).map((v, i) => (columns[i] === 'title' ? new TextEncoder().encode(v as string) : v));
      expect(await insertRows(tx, 'Article', columns, [values as never])).toBe(1);
      await tx.annotator.create({ data: { name: 'amina' } });
      await tx.codebookVersion.create({ data: { name: 'c', source: 's', hash: 'h', createdAt: when } });
      const [label] = await insertRowsReturning<{ id: number }>(
        tx,
        'Label',
        ['articleId', 'annotatorId', 'kind', 'version', 'note', 'skipped', 'topicsLabeled', 'confirmedAt', 'createdAt', 'updatedAt'],
        [['a1', 1, 'annotation', 1, null, true, false, when, when, when]],
        ['id'],
      );
      return label!.id;
    });
    expect(labelId).toBe(1);
    const dump = (path: string) => {
      const raw = new Database(path, { readonly: true });
      try {
        return ['Article', 'Label'].map((table) => {
          const cols = (raw.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => c.name);
          return raw
            .prepare(`SELECT ${cols.map((c) => `typeof("${c}"), hex("${c}")`).join(', ')} FROM "${table}"`)
            .raw()
            .all();
        });
      } finally {
        raw.close();
      }
    };
    const file = (db: { url: string }) => db.url.replace(/^file:/, '');
    await direct.close();
    await viaPrisma.close();
    expect(dump(file(direct))).toEqual(dump(file(viaPrisma)));
    expect(JSON.stringify(dump(file(direct)))).toContain(Buffer.from('2026-11-23T10:00:00.123+00:00').toString('hex').toUpperCase());
  });
});
