import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/open.js';
import type { LoadedModel } from '../../src/model/io.js';
import { createApp } from '../../src/server/app.js';
import { watchModels } from '../../src/server/model-source.js';
import { tempDb } from '../helpers/temp.js';
import { call } from './http.js';
import { trainTinyModel } from './tiny-model.js';

const SECURITY = (i: number) => `تفكيك خلية إرهابية رقم ${i} في الرباط. وأشاد المراقبون بدور الجزائر الإيجابي ونجاحها.`;
const SPORT = (i: number) => `فوز المنتخب في كأس أفريقيا رقم ${i} في تونس. وقال المتحدث إن التفاصيل ستعلن لاحقا.`;

let modelsDir: string;
let older: LoadedModel;
let model: LoadedModel;
beforeAll(async () => {
  modelsDir = mkdtempSync(join(tmpdir(), 'mizan-report-api-'));
  older = await trainTinyModel(modelsDir, 2);
  model = await trainTinyModel(modelsDir, 1); // latest
}, 120_000);
afterAll(() => rmSync(modelsDir, { recursive: true, force: true }));

async function seeded(): Promise<Database> {
  const db = await tempDb();
  await db.prisma.article.createMany({
    data: Array.from({ length: 9 }, (_, i) => {
      const text = i % 3 === 0 ? SECURITY(i) : SPORT(i);
      return {
        id: `a${i}`,
        title: text.split('.')[0]!,
        body: text,
        contentHash: `h${i}`,
        source: i < 5 ? 'الشروق' : 'هسبريس',
        publishedAt: new Date(Date.UTC(2016, i % 2, 10)),
      };
    }),
  });
  return db;
}

async function appWith(db: Database | null) {
  const models = await watchModels({ modelsDir });
  return { app: createApp({ models, db, modelsDir }), models };
}

describe('GET /v1/report', () => {
  it('classifies what is not stored yet and reports per group, as mizan report does', async () => {
    const db = await seeded();
    const { app, models } = await appWith(db);
    const a = await call(app, 'GET', '/v1/report?field=topics&by=source');
    expect(a.status).toBe(200);
    expect(a.body.modelVersion).toBe(model.id);
    expect(a.body.groups).toEqual([
      { group: 'الشروق', articles: 5, labeled: 0 },
      { group: 'هسبريس', articles: 4, labeled: 0 },
    ]);
    expect(a.body.records).toHaveLength(6);
    expect(a.body.records[0]).toEqual({
      group: 'الشروق',
      field: 'topics',
      value: 'security',
      count: 2,
      share: expect.any(Number),
      low: expect.any(Number),
      high: expect.any(Number),
      method: 'acc',
    });
    expect(await db.prisma.prediction.count({ where: { modelId: model.id } })).toBe(18);

    const raw = await call(app, 'GET', '/v1/report?field=topics&raw=true&format=csv');
    expect(raw.status).toBe(200);
    expect(raw.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = raw.text.trim().split('\n');
    expect(lines[0]).toBe('group,field,value,count,share,low,high,method');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 4).concat(l.split(',')[7]!))).toEqual([
      ['all', 'topics', 'security', '3', 'cc'],
      ['all', 'topics', 'economy', '0', 'cc'],
      ['all', 'topics', 'sport', '6', 'cc'],
    ]);
    expect(Number(lines[1]!.split(',')[4])).toBeCloseTo(3 / 9, 4);

    const other = await call(app, 'GET', `/v1/report?field=stance:algeria&model=${older.id}&by=month`);
    expect(other.status).toBe(200);
    expect(other.body.modelVersion).toBe(older.id);
    expect(other.body.groups.map((g: { group: string }) => g.group)).toEqual(['2016-01', '2016-02']);
    models.close();
  });

  it('answers bad parameters with 400 naming the parameter', async () => {
    const { app, models } = await appWith(await seeded());
    const cases: [string, string][] = [
      ['/v1/report', 'field: '],
      ['/v1/report?field=topicz', 'field: use topics or stance:<target>'],
      ['/v1/report?field=topics&by=day', 'by: use one or more of source, month, week, year, dateline'],
      ['/v1/report?field=topics&articles=some', 'articles: '],
      ['/v1/report?field=topics&since=2016-02-30', 'since: not a date'],
      ['/v1/report?field=topics&since=2016-03-01&until=2016-02-01', 'since: not before until'],
      ['/v1/report?field=topics&raw=yes', 'raw: '],
      ['/v1/report?field=topics&colour=red', 'colour: unknown field'],
    ];
    for (const [path, message] of cases) {
      const a = await call(app, 'GET', path);
      expect(a.status, path).toBe(400);
      expect(a.body.error.code).toBe('invalid_request');
      expect(a.body.error.message.startsWith(message), `${path}: ${a.body.error.message}`).toBe(true);
    }
    models.close();
  });

  it('404 for an unknown model version or an empty selection, 409 for a field the model lacks, 503 without a database', async () => {
    const { app, models } = await appWith(await seeded());
    const missing = await call(app, 'GET', '/v1/report?field=topics&model=nope');
    expect([missing.status, missing.body.error.code]).toEqual([404, 'model_not_found']);
    const empty = await call(app, 'GET', '/v1/report?field=topics&since=2030-01-01');
    expect([empty.status, empty.body.error.code]).toEqual([404, 'no_articles']);
    expect(empty.body.error.message).toBe('no articles match the report (articles: all, since 2030-01-01T00:00:00.000Z)');
    const lacking = await call(app, 'GET', '/v1/report?field=stance:morocco');
    expect([lacking.status, lacking.body.error.code]).toEqual([409, 'field_not_in_model']);
    expect(lacking.body.error.message).toBe(`field: model ${model.id} has no head for stance:morocco (its fields: topics, stance:algeria)`);
    models.close();
    const noDb = await appWith(null);
    const a = await call(noDb.app, 'GET', '/v1/report?field=topics');
    expect([a.status, a.body.error.code]).toEqual([503, 'no_database']);
    noDb.models.close();
  });

  it('is in the OpenAPI document with its parameters', async () => {
    const { app, models } = await appWith(null);
    const doc = (await call(app, 'GET', '/openapi.json')).body;
    const op = doc.paths['/v1/report'].get;
    expect(op.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['articles', 'by', 'field', 'format', 'model', 'raw', 'since', 'until']);
    expect(Object.keys(op.responses).sort()).toEqual(['200', '400', '401', '404', '409', '503']);
    expect(doc.components.schemas.Report).toBeDefined();
    models.close();
  });
});
