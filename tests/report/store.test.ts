// Stored predictions and reports against a real database on both providers, with a real tiny model.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it, vi } from 'vitest';
import type { Database } from '../../src/db/open.js';
import type { LoadedModel } from '../../src/model/io.js';
import { PredictPool } from '../../src/model/predict-pool.js';
import { isEmptyReportError, isReportFieldError } from '../../src/report/errors.js';
import { countMissing, fillPredictions } from '../../src/report/predictions.js';
import { buildReport } from '../../src/report/report.js';
import type { ReportOptions } from '../../src/report/report.js';
import { runCli } from '../helpers/cli.js';
import { describeEachProvider } from '../helpers/providers.js';
import { tempDir } from '../helpers/temp.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { trainTinyModel } from '../server/tiny-model.js';

const SECURITY = (i: number) => `تفكيك خلية إرهابية رقم ${i} في الرباط. وأشاد المراقبون بدور الجزائر الإيجابي ونجاحها.`;
const SPORT = (i: number) => `فوز المنتخب في كأس أفريقيا رقم ${i} في تونس. وقال المتحدث إن التفاصيل ستعلن لاحقا.`;

let modelsDir: string;
let model: LoadedModel;
let model2: LoadedModel;
beforeAll(async () => {
  modelsDir = mkdtempSync(join(tmpdir(), 'mizan-report-models-'));
  model = await trainTinyModel(modelsDir, 1);
  model2 = await trainTinyModel(modelsDir, 2);
}, 120_000);

async function addArticles(db: Database, rows: { id: string; text: string; source?: string; publishedAt?: Date }[]): Promise<void> {
  await db.prisma.article.createMany({
    data: rows.map((r) => ({
      id: r.id,
      title: r.text.split('.')[0]!,
      body: r.text,
      contentHash: `h-${r.id}`,
      source: r.source ?? null,
      publishedAt: r.publishedAt ?? null,
    })),
  });
}

const sqliteFile = (db: Database) => (db.target.provider === 'sqlite' ? db.target.file : undefined);
const report = (db: Database, m: LoadedModel, opts: Partial<ReportOptions> = {}) =>
  buildReport(db.prisma, m, { field: 'topics', by: [], articles: 'all', raw: false, replicates: 200, sqliteFile: sqliteFile(db), ...opts });

describeEachProvider('stored predictions', (p) => {
  it('classifies only articles without a prediction of that model version; a new version is a new pass', async () => {
    const db = await p.freshDb();
    await addArticles(
      db,
      Array.from({ length: 12 }, (_, i) => ({ id: `a${i}`, text: i % 2 === 0 ? SECURITY(i) : SPORT(i) })),
    );
    expect(await countMissing(db.prisma, model)).toBe(12);
    expect(await fillPredictions(db.prisma, model, { threads: 1 })).toBe(12);
    // One row per article and head (topics and stance:algeria).
    expect(await db.prisma.prediction.count({ where: { modelId: model.id } })).toBe(24);
    expect(await fillPredictions(db.prisma, model, { threads: 1 })).toBe(0);

    await addArticles(db, [
      { id: 'b1', text: SPORT(100) },
      { id: 'b2', text: SECURITY(101) },
    ]);
    expect(await fillPredictions(db.prisma, model, { threads: 1 })).toBe(2);
    const stored = await db.prisma.prediction.findMany({
      where: { modelId: model.id, field: 'topics', articleId: { in: ['b1', 'b2'] } },
      orderBy: { articleId: 'asc' },
    });
    expect(stored.map((s) => s.value)).toEqual(['sport', 'security']);
    for (const s of stored) expect(s.score).toBeGreaterThan(0.3);

    expect(model2.id).not.toBe(model.id);
    expect(await countMissing(db.prisma, model2)).toBe(14);
    expect(await fillPredictions(db.prisma, model2, { threads: 1 })).toBe(14);
    expect(await db.prisma.prediction.count()).toBe(56);
  });

  it('on prediction threads stores the same predictions as inline', async () => {
    const db = await p.freshDb();
    await addArticles(
      db,
      Array.from({ length: 700 }, (_, i) => ({ id: `t${String(i).padStart(4, '0')}`, text: i % 3 === 0 ? SECURITY(i) : SPORT(i) })),
    );
    expect(await fillPredictions(db.prisma, model, { threads: 2, batchSize: 64, sqliteFile: sqliteFile(db) })).toBe(700);
    const threaded = await db.prisma.prediction.findMany({ where: { modelId: model.id }, orderBy: [{ field: 'asc' }, { articleId: 'asc' }] });
    await db.prisma.prediction.deleteMany({});
    expect(await fillPredictions(db.prisma, model, { threads: 1 })).toBe(700);
    const inline = await db.prisma.prediction.findMany({ where: { modelId: model.id }, orderBy: [{ field: 'asc' }, { articleId: 'asc' }] });
    expect(threaded).toEqual(inline);
  });

  it('hands batches to the prediction threads once they have started (reading and writing never yield on their own)', async () => {
    const db = await p.freshDb();
    await addArticles(
      db,
      Array.from({ length: 400 }, (_, i) => ({ id: `w${String(i).padStart(4, '0')}`, text: i % 2 === 0 ? SECURITY(i) : SPORT(i) })),
    );
    const pooled = vi.spyOn(PredictPool.prototype, 'predict');
    const pause = new Int32Array(new SharedArrayBuffer(4));
    const started = Date.now();
    try {
      // Each batch takes ~50 ms until the pool has a batch, so the threads have up to 10 s to start.
      const n = await fillPredictions(db.prisma, model, {
        threads: 2,
        batchSize: 2,
        sqliteFile: sqliteFile(db),
        onProgress: () => {
          if (pooled.mock.calls.length === 0 && Date.now() - started < 20_000) Atomics.wait(pause, 0, 0, 50);
        },
      });
      expect(n).toBe(400);
      expect(pooled.mock.calls.length).toBeGreaterThan(0);
    } finally {
      pooled.mockRestore();
    }
  }, 60_000);

  it('groups by month in UTC, whatever the local time zone', async () => {
    const db = await p.freshDb();
    const tz = process.env['TZ'];
    process.env['TZ'] = 'Pacific/Kiritimati'; // UTC+14: local dates are a day ahead of UTC
    try {
      await addArticles(db, [
        { id: 'm1', text: SECURITY(1), publishedAt: new Date('2016-01-31T23:30:00Z') },
        { id: 'm2', text: SECURITY(2), publishedAt: new Date('2016-02-01T00:30:00+01:00') }, // 31 January 23:30 UTC
        { id: 'm3', text: SPORT(3), publishedAt: new Date('2016-02-01T00:00:00Z') },
        { id: 'm4', text: SPORT(4) },
      ]);
      await fillPredictions(db.prisma, model, { threads: 1 });
      const r = await report(db, model, { by: ['month'] });
      expect(r.groups).toEqual([
        { group: '(no date)', articles: 1, labeled: 0 },
        { group: '2016-01', articles: 2, labeled: 0 },
        { group: '2016-02', articles: 1, labeled: 0 },
      ]);
      const jan = r.records.filter((x) => x.group === '2016-01');
      expect(jan.find((x) => x.value === 'security')!.count).toBe(2);
      expect(jan.reduce((s, x) => s + x.share, 0)).toBeCloseTo(1, 9); // single-label: shares sum to 1
      // --since/--until select by the same UTC instants.
      const feb = await report(db, model, { by: ['month'], since: new Date('2016-02-01T00:00:00Z') });
      expect(feb.groups.map((g) => g.group)).toEqual(['2016-02']);
      // Years and ISO weeks from the same UTC instants (the database cuts the date to the period).
      expect((await report(db, model, { by: ['year'] })).groups).toEqual([
        { group: '(no date)', articles: 1, labeled: 0 },
        { group: '2016', articles: 3, labeled: 0 },
      ]);
      expect((await report(db, model, { by: ['week'] })).groups.map((g) => [g.group, g.articles])).toEqual([
        ['(no date)', 1],
        ['2016-W04', 2],
        ['2016-W05', 1],
      ]);
      expect((await report(db, model, { by: ['source', 'year'] })).groups.map((g) => [g.group, g.articles])).toEqual([
        ['(no source) / (no date)', 1],
        ['(no source) / 2016', 3],
      ]);
    } finally {
      if (tz === undefined) delete process.env['TZ'];
      else process.env['TZ'] = tz;
    }
  });

  it('counts a confirmed human label as itself and the model for the rest', async () => {
    const url = await p.freshUrl();
    const dir = tempDir();
    // Sport texts that a human labeled economy: the report must follow the label, not the model.
    const csv = ['id,text,topic,source', ...[1, 2, 3].map((i) => `L${i},"${SPORT(i)}",economy,الشروق`)].join('\n');
    writeFileSync(join(dir, 'labeled.csv'), `${csv}\n`);
    const unl = ['id,text,source', ...[4, 5, 6, 7].map((i) => `U${i},"${SPORT(i)}",${i < 6 ? 'الشروق' : 'هسبريس'}`)].join('\n');
    writeFileSync(join(dir, 'unlabeled.csv'), `${unl}\n`);
    const env = { DATABASE_URL: url };
    expect(
      (
        await runCli(
          ['import', join(dir, 'labeled.csv'), '--text-col', 'text', '--id-col', 'id', '--topic-col', 'topic', '--source-col', 'source', '--extend-codebook'],
          { env },
        )
      ).code,
    ).toBe(0);
    expect((await runCli(['import', join(dir, 'unlabeled.csv'), '--text-col', 'text', '--id-col', 'id', '--source-col', 'source'], { env })).code).toBe(0);
    const { openDatabase } = await import('../../src/db/open.js');
    const db = await openDatabase(url);
    try {
      await fillPredictions(db.prisma, model, { threads: 1 });
      const all = await report(db, model, { by: ['source'] });
      expect(all.groups).toEqual([
        { group: 'الشروق', articles: 5, labeled: 3 },
        { group: 'هسبريس', articles: 2, labeled: 0 },
      ]);
      const shorouk = all.records.filter((r) => r.group === 'الشروق');
      expect(shorouk.find((r) => r.value === 'economy')!.count).toBe(3);
      expect(shorouk.find((r) => r.value === 'sport')!.count).toBe(2);
      for (const r of shorouk) expect(r.method).toBe('labeled+acc');
      // The three labels are certain: economy's share is at least 3/5 whatever the model's errors.
      expect(shorouk.find((r) => r.value === 'economy')!.low).toBeGreaterThanOrEqual(0.6 - 1e-12);

      const labeled = await report(db, model, { articles: 'labeled' });
      expect(labeled.records.map((r) => [r.value, r.share, r.method])).toEqual([
        ['security', 0, 'labeled'],
        ['economy', 1, 'labeled'],
        ['sport', 0, 'labeled'],
      ]);
      const unlabeled = await report(db, model, { articles: 'unlabeled' });
      expect(unlabeled.groups).toEqual([{ group: 'all', articles: 4, labeled: 0 }]);
      expect(unlabeled.records.find((r) => r.value === 'sport')!.count).toBe(4);
    } finally {
      await db.close();
    }
  });

  it('says clearly when the model lacks the field or no article matches', async () => {
    const db = await p.freshDb();
    await addArticles(db, [{ id: 'x1', text: SECURITY(1), publishedAt: new Date('2016-05-01T00:00:00Z') }]);
    await fillPredictions(db.prisma, model, { threads: 1 });
    const lacking = await report(db, model, { field: 'stance:morocco' }).catch((e: unknown) => e);
    expect(isReportFieldError(lacking)).toBe(true);
    expect((lacking as Error).message).toBe(`--field stance:morocco: model ${model.id} has no head for it (its fields: topics, stance:algeria)`);
    const empty = await report(db, model, { since: new Date('2017-01-01T00:00:00Z') }).catch((e: unknown) => e);
    expect(isEmptyReportError(empty)).toBe(true);
    expect((empty as Error).message).toBe('no articles match the report (articles: all, since 2017-01-01T00:00:00.000Z)');
    const none = await report(db, model, { articles: 'labeled' }).catch((e: unknown) => e);
    expect((none as Error).message).toBe('no articles match the report (articles: labeled)');
  });
});
