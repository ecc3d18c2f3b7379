import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadedModel } from '../../src/model/io.js';
import { predict } from '../../src/model/predict.js';
import { createApp } from '../../src/server/app.js';
import { watchModels } from '../../src/server/model-source.js';
import { classification } from '../../src/server/present.js';
import { tempDb } from '../helpers/temp.js';
import { call } from './http.js';
import { SPEC, trainTinyModel } from './tiny-model.js';

const SECURITY = 'تفكيك خلية إرهابية في الرباط. وأشاد المراقبون بدور الجزائر الإيجابي ونجاحها.';
const SPORT = 'فوز المنتخب في كأس أفريقيا في تونس. وقال المتحدث إن التفاصيل ستعلن لاحقا.';

let modelsDir: string;
let model: LoadedModel;

beforeAll(async () => {
  modelsDir = mkdtempSync(join(tmpdir(), 'mizan-server-models-'));
  model = await trainTinyModel(modelsDir, 1);
});
afterAll(() => rmSync(modelsDir, { recursive: true, force: true }));

async function appWithModel() {
  const models = await watchModels({ modelsDir });
  return { app: createApp({ models, db: null }), models };
}

/** What the model itself says, in the API's shape. */
const direct = (text: string, explain = false) => classification(predict(model, [text], { explain })[0]!);

describe('POST /v1/classify with a real trained model', () => {
  it('returns the model version, a score per topic and stance per target, as predict() does', async () => {
    const { app, models } = await appWithModel();
    const a = await call(app, 'POST', '/v1/classify', { json: { text: SECURITY } });
    expect(a.status).toBe(200);
    expect(a.body.modelVersion).toBe(model.id);
    expect(a.body).not.toHaveProperty('evidence');
    const labels = a.body.topics.map((t: { label: string }) => t.label);
    expect(labels.length).toBeGreaterThan(0);
    for (const l of labels) expect(SPEC.topics.map((t) => t.key)).toContain(l);
    for (const t of a.body.topics) {
      expect(t.score).toBeGreaterThanOrEqual(0);
      expect(t.score).toBeLessThanOrEqual(1);
    }
    expect(Object.keys(a.body.stance)).toEqual(['algeria']);
    expect(Object.keys(a.body.stance.algeria.scores).sort()).toEqual([...SPEC.targets[0]!.values].sort());
    expect(SPEC.targets[0]!.values).toContain(a.body.stance.algeria.label);
    const { modelVersion, ...rest } = a.body;
    expect(modelVersion).toBe(model.id);
    expect(rest).toEqual(direct(SECURITY));
    models.close();
  });

  it('title + body classify like the text they make', async () => {
    const { app, models } = await appWithModel();
    const [title, body] = SECURITY.split('. ');
    const a = await call(app, 'POST', '/v1/classify', { json: { title, body } });
    expect(a.status).toBe(200);
    const { modelVersion: _, ...rest } = a.body;
    expect(rest).toEqual(direct(`${title}\n${body}`));
    models.close();
  });

  it('explain: true adds the evidence behind the prediction', async () => {
    const { app, models } = await appWithModel();
    const a = await call(app, 'POST', '/v1/classify', { json: { text: SECURITY, explain: true } });
    expect(a.status).toBe(200);
    expect(Array.isArray(a.body.evidence)).toBe(true);
    expect(a.body.evidence.length).toBeGreaterThan(0);
    for (const e of a.body.evidence) expect(e).toEqual({ term: expect.any(String), weight: expect.any(Number), field: expect.any(String) });
    expect(a.body.evidence).toEqual(direct(SECURITY, true).evidence);
    models.close();
  });
});

describe('POST /v1/classify/batch', () => {
  it('answers in the order of the items, each with its id, as single classification does', async () => {
    const { app, models } = await appWithModel();
    const items = [
      { id: 'b', text: SPORT },
      { id: 'a', text: SECURITY },
      { id: 'c', title: 'ارتفاع أسعار النفط', body: 'في طرابلس.' },
    ];
    const a = await call(app, 'POST', '/v1/classify/batch', { json: { items } });
    expect(a.status).toBe(200);
    expect(a.body.modelVersion).toBe(model.id);
    expect(a.body.results.map((r: { id: string }) => r.id)).toEqual(['b', 'a', 'c']);
    for (const [i, text] of [SPORT, SECURITY, 'ارتفاع أسعار النفط\nفي طرابلس.'].entries()) {
      const { id: _, ...rest } = a.body.results[i];
      expect(rest).toEqual(direct(text));
    }
    const explained = await call(app, 'POST', '/v1/classify/batch', { json: { items: items.slice(0, 2), explain: true } });
    expect(explained.body.results.map((r: { evidence: unknown }) => r.evidence)).toEqual([direct(SPORT, true).evidence, direct(SECURITY, true).evidence]);
    models.close();
  });
});

describe('GET /v1/model and /v1/ready', () => {
  it('describe the model in use: version, codebook, metrics', async () => {
    const { app, models } = await appWithModel();
    const a = await call(app, 'GET', '/v1/model');
    expect(a.status).toBe(200);
    expect(a.body.version).toBe(model.id);
    expect(a.body.codebook).toEqual({ version: 3, topics: ['security', 'economy', 'sport'], targets: { algeria: ['favor', 'against', 'not_addressed'] } });
    expect(Number.isNaN(Date.parse(a.body.createdAt))).toBe(false);
    expect(typeof a.body.backend).toBe('string');
    expect(typeof a.body.metrics).toBe('object');
    expect(Object.keys(a.body.metrics).length).toBeGreaterThan(0);
    models.close();
  });

  it('ready is 200 once a model is loaded and the database answers', async () => {
    const db = await tempDb();
    const models = await watchModels({ modelsDir });
    const app = createApp({ models, db });
    const a = await call(app, 'GET', '/v1/ready');
    expect(a.status).toBe(200);
    expect(a.body).toEqual({ status: 'ready', model: true, database: true });
    models.close();
  });
});
