import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open.js';
import { createApp } from '../../src/server/app.js';
import { watchModels } from '../../src/server/model-source.js';
import { runCli } from '../helpers/cli.js';
import { HAS_PG, PG_URL, tempPgUrl } from '../helpers/pg.js';
import { describeEachProvider } from '../helpers/providers.js';
import { tempDb, tempDir } from '../helpers/temp.js';
import { call, expectError } from './http.js';

const SEED = new URL('../../seeds/000_94658338be4f55b9.txt', import.meta.url).pathname;
const POST_A = 'الجيش الجزائري يفكك خلية إرهابية قرب الحدود مع مالي\nأعلنت وزارة الدفاع الجزائرية تفكيك خلية إرهابية.';
const POST_B = 'المغرب وموريتانيا يعززان التنسيق الأمني على الحدود';

describeEachProvider('POST /v1/articles', (p) => {
  async function appWithDb() {
    const db = await p.freshDb();
    const models = await watchModels({ modelsDir: tempDir() });
    return { app: createApp({ models, db }), db, models };
  }

  it('queues articles in one transaction: ids in order, duplicates counted and given the existing id', async () => {
    const { app, db, models } = await appWithDb();
    const a = await call(app, 'POST', '/v1/articles', {
      json: {
        articles: [
          { text: POST_A, source: 'El Watan', url: 'https://example.org/a', externalId: 'ext-1', publishedAt: '2016-07-23' },
          { title: 'عنوان', body: POST_B },
          { text: POST_A },
        ],
      },
    });
    expect(a.status).toBe(201);
    expect(a.body.imported).toBe(2);
    expect(a.body.duplicates).toBe(1);
    expect(a.body.ids).toHaveLength(3);
    expect(a.body.ids[2]).toBe(a.body.ids[0]);
    const rows = await db.prisma.article.findMany({
      orderBy: { title: 'asc' },
      select: {
        id: true,
        title: true,
        body: true,
        source: true,
        url: true,
        externalId: true,
        publishedAt: true,
        importBatch: { select: { format: true, imported: true, duplicates: true } },
      },
    });
    expect(rows).toHaveLength(2);
    const first = rows.find((r) => r.id === a.body.ids[0])!;
    expect(first).toMatchObject({
      title: 'الجيش الجزائري يفكك خلية إرهابية قرب الحدود مع مالي',
      body: 'أعلنت وزارة الدفاع الجزائرية تفكيك خلية إرهابية.',
      source: 'El Watan',
      url: 'https://example.org/a',
      externalId: 'ext-1',
      importBatch: { format: 'api', imported: 2, duplicates: 1 },
    });
    expect(first.publishedAt?.toISOString()).toBe('2016-07-23T00:00:00.000Z');
    expect(rows.find((r) => r.id === a.body.ids[1])).toMatchObject({ title: 'عنوان', body: POST_B });

    // Posting again changes nothing: all duplicates, same ids.
    const again = await call(app, 'POST', '/v1/articles', { json: { articles: [{ text: POST_A }, { title: 'عنوان', body: POST_B }] } });
    expect(again.body).toEqual({ imported: 0, duplicates: 2, ids: a.body.ids.slice(0, 2) });
    expect(await db.prisma.article.count()).toBe(2);
    models.close();
  });

  it('a raw page is parsed like `mizan import` parses it, and is a duplicate of the imported seed', async () => {
    const { app, db, models } = await appWithDb();
    const raw = readFileSync(SEED, 'utf8');
    const a = await call(app, 'POST', '/v1/articles', { json: { articles: [{ raw }] } });
    expect(a.status).toBe(201);
    expect(a.body.imported).toBe(1);
    const row = await db.prisma.article.findUniqueOrThrow({ where: { id: a.body.ids[0] } });
    expect(row.title).toBe('تعاون استخبارات الجزائر والمغرب لتجفيف منابع «داعش» في ليبيا');
    expect(row.sourceKey).toBe('atwasat');
    expect(row.publishedAt?.toISOString().slice(0, 10)).toBe('2016-07-23');
    expect(row.rawText).toBe(raw);
    await db.close();

    // The CLI import of the same page into the same database finds it already there.
    const cli = await runCli(['--db', db.url, 'import', SEED]);
    expect(cli.stdout).toMatch(/imported 0 articles from 1 file\(s\): 1 duplicates skipped/);
    models.close();
  });

  it('an article already imported from CSV is a duplicate over the API, with the same id', async () => {
    const dir = tempDir();
    const csv = join(dir, 'a.csv');
    writeFileSync(csv, `id,text\nx1,"${POST_B}"\n`);
    const { app, db, models } = await appWithDb();
    const cli = await runCli(['--db', db.url, 'import', csv]);
    expect(cli.code).toBe(0);
    const a = await call(app, 'POST', '/v1/articles', { json: { articles: [{ text: POST_B }] } });
    expect(a.body).toMatchObject({ imported: 0, duplicates: 1 });
    expect(a.body.ids).toHaveLength(1);
    models.close();
  });

  it('a bad row rejects the whole request, naming it, and nothing is written', async () => {
    const { app, db, models } = await appWithDb();
    const a = await call(app, 'POST', '/v1/articles', { json: { articles: [{ text: POST_A }, { text: POST_B, publishedAt: 'yesterday-ish' }] } });
    expectError(a, 400, 'invalid_request', /^articles\.1\.publishedAt: "yesterday-ish" is not a date/);
    const blank = await call(app, 'POST', '/v1/articles', { json: { articles: [{ text: POST_A }, { raw: '   ' }] } });
    expectError(blank, 400, 'invalid_request', /^articles\.1\.text: /);
    expect(await db.prisma.article.count()).toBe(0);
    expect(await db.prisma.importBatch.count()).toBe(0);
    models.close();
  });

  it('GET /v1/ready: the database answers, the model is still missing (503)', async () => {
    const { app, models } = await appWithDb();
    const a = await call(app, 'GET', '/v1/ready');
    expect(a.status).toBe(503);
    expect(a.body).toMatchObject({ status: 'not_ready', model: false, database: true });
    models.close();
  });
});

describe.skipIf(!HAS_PG)('a database that stops answering [postgresql]', () => {
  it('GET /v1/ready turns 503 (database: false) and POST /v1/articles is a 500 without internals', async () => {
    const url = await tempPgUrl();
    const db = await openDatabase(url);
    const models = await watchModels({ modelsDir: tempDir() });
    const app = createApp({ models, db });
    expect((await call(app, 'GET', '/v1/ready')).body).toMatchObject({ database: true });
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE "${new URL(url).pathname.slice(1)}" WITH (FORCE)`);
    await admin.end();
    const ready = await call(app, 'GET', '/v1/ready');
    expect(ready.status).toBe(503);
    expect(ready.body).toEqual({ status: 'not_ready', model: false, database: false, message: expect.stringMatching(/no model/) });
    const post = await call(app, 'POST', '/v1/articles', { json: { articles: [{ text: POST_A }] } });
    expectError(post, 500, 'internal');
    expect(post.text).not.toContain('mizan_test_');
    await db.close().catch(() => undefined);
    models.close();
  });
});

describe('a database held by another process [sqlite]', () => {
  it('POST /v1/articles answers 503 database_busy with Retry-After once the busy timeout has passed, and writes nothing', async () => {
    const db = await tempDb({ busyTimeoutMs: 200 });
    const models = await watchModels({ modelsDir: tempDir() });
    const app = createApp({ models, db });
    // What a large import does: a rollback journal and the write lock, for longer than the timeout.
    const holder = new Database(db.url.replace(/^file:/, ''));
    try {
      holder.pragma('journal_mode = DELETE');
      holder.exec('BEGIN EXCLUSIVE');
      const post = await call(app, 'POST', '/v1/articles', { json: { articles: [{ text: POST_A }] } });
      expectError(post, 503, 'database_busy');
      expect(post.headers.get('retry-after')).toBe('5');
      holder.exec('ROLLBACK');
      expect(await db.prisma.article.count()).toBe(0);
    } finally {
      if (holder.inTransaction) holder.exec('ROLLBACK');
      holder.close();
      models.close();
      await db.close();
    }
  }, 60_000);
});
