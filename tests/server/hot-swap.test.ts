import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pointLatest } from '../../src/model/io.js';
import type { LoadedModel } from '../../src/model/io.js';
import { predict } from '../../src/model/predict.js';
import { createApp } from '../../src/server/app.js';
import { watchModels } from '../../src/server/model-source.js';
import { classification } from '../../src/server/present.js';
import { serve } from '../../src/server/serve.js';
import { tempDir } from '../helpers/temp.js';
import { tinyCorpus, trainTinyModel } from './tiny-model.js';

const TEXTS = tinyCorpus()
  .filter((_, i) => i % 7 === 0)
  .map((e) => e.text);

describe('hot swap on a real server (127.0.0.1, port 0)', () => {
  it('moves to the new models/latest without dropping a request; every answer comes wholly from one model', async () => {
    const modelsDir = tempDir();
    const first = await trainTinyModel(modelsDir, 1);
    const swaps: [string | null, string][] = [];
    // The poll is slow on purpose: the test calls refresh() itself once `latest` has moved.
    const models = await watchModels({ modelsDir, pollMs: 600_000, onSwap: (from, to) => swaps.push([from, to]) });
    const app = createApp({ models, db: null });
    const server = await serve({ fetch: app.fetch, host: '127.0.0.1', port: 0 });
    const modelNow = async () => ((await (await fetch(`${server.url}/v1/model`)).json()) as { version: string }).version;
    expect(await modelNow()).toBe(first.id);

    // Clients keep classifying while the next model is trained, saved (moving `latest`) and loaded.
    type Answer = { client: number; status: number; body: { modelVersion: string; results: { id: string }[] } };
    const answers: Answer[] = [];
    let stop = false;
    const items = TEXTS.map((text, i) => ({ id: `i${i}`, text }));
    const clients = Array.from({ length: 4 }, async (_, client) => {
      while (!stop) {
        const res = await fetch(`${server.url}/v1/classify/batch`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ items }),
        });
        answers.push({ client, status: res.status, body: (await res.json()) as Answer['body'] });
      }
    });
    const second = await trainTinyModel(modelsDir, 2);
    expect(second.id).not.toBe(first.id);
    await models.refresh();
    const swappedAt = answers.length;
    // Let every client send a few requests after the swap too.
    const afterSwap = (client: number) => answers.slice(swappedAt).filter((a) => a.client === client).length;
    while ([0, 1, 2, 3].some((c) => afterSwap(c) < 3)) await new Promise((r) => setTimeout(r, 5));
    stop = true;
    await Promise.all(clients);

    expect(answers.every((a) => a.status === 200)).toBe(true);
    const versions = new Set(answers.map((a) => a.body.modelVersion));
    expect(versions).toEqual(new Set([first.id, second.id]));
    for (let client = 0; client < 4; client++) {
      const seen = answers.filter((a) => a.client === client).map((a) => a.body.modelVersion);
      // Once a client has seen the new model it never sees the old one again, and it does see it.
      expect(seen.at(-1)).toBe(second.id);
      expect(seen.slice(seen.indexOf(second.id)).every((v) => v === second.id)).toBe(true);
    }
    // Each answer is exactly what the model it names predicts: no request mixes the two.
    const byId = new Map<string, LoadedModel>([
      [first.id, first],
      [second.id, second],
    ]);
    const expected = new Map([...byId].map(([id, m]) => [id, predict(m, TEXTS, { explain: false }).map((p, i) => ({ id: `i${i}`, ...classification(p) }))]));
    expect(JSON.stringify(expected.get(first.id))).not.toBe(JSON.stringify(expected.get(second.id)));
    for (const a of answers) expect(a.body.results).toEqual(expected.get(a.body.modelVersion));

    expect(await modelNow()).toBe(second.id);
    expect(swaps.map(([from, to]) => [from !== null, to])).toEqual([
      [false, first.dir],
      [true, second.dir],
    ]);
    await server.close();
    models.close();
  });

  it('a new model that fails to load is logged; the old one keeps serving until a good one arrives', async () => {
    const modelsDir = tempDir();
    const first = await trainTinyModel(modelsDir, 1);
    const errors: string[] = [];
    const models = await watchModels({ modelsDir, pollMs: 600_000, onError: (m) => errors.push(m) });
    const app = createApp({ models, db: null });
    mkdirSync(join(modelsDir, 'broken'));
    writeFileSync(join(modelsDir, 'broken', 'metadata.json'), '{"format": "something-else"}');
    await pointLatest(modelsDir, 'broken');
    await models.refresh();
    await models.refresh(); // not retried while `latest` stays on it
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/broken failed to load: .*format/);
    const still = await app.request('/v1/model');
    expect(((await still.json()) as { version: string }).version).toBe(first.id);
    const text = TEXTS[0]!;
    const answer = await app.request('/v1/classify', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }) });
    expect(answer.status).toBe(200);
    const second = await trainTinyModel(modelsDir, 2);
    await models.refresh();
    expect(((await (await app.request('/v1/model')).json()) as { version: string }).version).toBe(second.id);
    models.close();
  });
});
