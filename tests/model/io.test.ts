import { readFileSync, readlinkSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tfBackend } from '../../src/model/backend.js';
import type { ModelCorruptError } from '../../src/model/errors.js';
import { ModelNotFoundError, isModelCorruptError } from '../../src/model/errors.js';
import { loadModel, saveModel } from '../../src/model/io.js';
import type { LoadedModel } from '../../src/model/io.js';
import { predict } from '../../src/model/predict.js';
import { loadLayersModel } from '../../src/model/tfjs-artifact.js';
import { trainModel } from '../../src/model/train.js';
import { vectorizer, weigh } from '../../src/model/vectorize.js';
import { tempDir } from '../helpers/temp.js';
import { TOY_SPEC, toyCorpus, toyHeldOut } from './toy.js';

let trained: LoadedModel;
const texts = [...toyHeldOut().map((h) => h.text), 'نص لا علاقة له بأي شيء', ''];

beforeAll(async () => {
  trained = (await trainModel(toyCorpus(), TOY_SPEC, { seed: 5, epochs: 10, validationFraction: 0.2, hashBits: 12 })).model;
});

describe('saveModel / loadModel', () => {
  it('save → load gives identical predictions and the same metadata', async () => {
    const dir = tempDir();
    const saved = await saveModel(trained, dir);
    const loaded = await loadModel(saved.dir);
    expect(predict(loaded, texts, { explain: true })).toEqual(predict(trained, texts, { explain: true }));
    expect(loaded.metadata).toEqual(saved.metadata);
    expect(JSON.parse(readFileSync(join(saved.dir, 'metadata.json'), 'utf8'))).toEqual(saved.metadata);
    const m = loaded.metadata;
    expect(m.codebook.version).toBe(1);
    expect(m.codebook.targets[0]).toMatchObject({ key: 'algeria', values: ['favor', 'against', 'not_addressed'], aliases: ['الجزائر'] });
    expect(m.pipeline.features.hashBits).toBe(12);
    expect(m.heads.map((h) => [h.field, h.labels])).toEqual([
      ['topics', ['security', 'economy', 'sport']],
      ['stance:algeria', ['favor', 'against', 'not_addressed']],
    ]);
    expect(m.trainingSize).toBe(toyCorpus().length);
    expect(m.trainingHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(['node', 'wasm', 'cpu']).toContain(m.backend);
    expect(m.packages['tfjs-core']).toMatch(/^\d+\.\d+\.\d+/);
    expect(m.metrics['topicMacroF1']).toBe(1);
    expect(readdirSync(dir).sort()).toEqual([saved.id, 'latest'].sort());
  });

  it('moves latest to each new model, and never reuses a directory', async () => {
    const dir = tempDir();
    const a = await saveModel(trained, dir);
    expect(readlinkSync(join(dir, 'latest'))).toBe(a.id);
    const b = await saveModel(trained, dir);
    expect(b.id).not.toBe(a.id);
    expect(readlinkSync(join(dir, 'latest'))).toBe(b.id);
    expect((await loadModel(join(dir, 'latest'))).id).toBe(b.id);
    expect(existsSync(join(a.dir, 'metadata.json'))).toBe(true);
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('writes a TF.js layers model that tf.loadLayersModel reads and that agrees with predict', async () => {
    const dir = tempDir();
    const saved = await saveModel(trained, dir);
    const { tf } = await tfBackend('cpu');
    const layers = await loadLayersModel(tf, saved.dir);
    expect(layers.outputNames).toEqual(['topics', 'stance_algeria']);
    const vec = vectorizer(saved.pipeline, saved.featureBlocks);
    const buckets = 2 ** saved.pipeline.features.hashBits;
    const dense = new Float32Array(texts.length * buckets);
    texts.forEach((t, i) => {
      const x = weigh(vec.raw(t), saved.idf);
      x.ids.forEach((id, j) => (dense[i * buckets + id] = x.values[j]!));
    });
    const outs = layers.predict(tf.tensor2d(dense, [texts.length, buckets])) as ReturnType<typeof tf.tensor2d>[];
    const [topics, stance] = outs.map((o) => o.arraySync());
    const js = predict(saved, texts);
    js.forEach((p, i) => {
      for (const t of p.topics) expect(topics![i]![['security', 'economy', 'sport'].indexOf(t.label)]).toBeCloseTo(t.score, 5);
      const s = p.stance['algeria']!.scores;
      ['favor', 'against', 'not_addressed'].forEach((v, j) => expect(stance![i]![j]).toBeCloseTo(s[v]!, 5));
    });
  });

  it('a missing directory is ModelNotFoundError with the path', async () => {
    const missing = join(tempDir(), 'nope');
    await expect(loadModel(missing)).rejects.toThrow(ModelNotFoundError);
    await expect(loadModel(missing)).rejects.toThrow(missing);
  });

  it.each([
    ['metadata.json missing', (d: string) => rmSync(join(d, 'metadata.json')), 'metadata.json: is missing'],
    ['metadata.json not JSON', (d: string) => writeFileSync(join(d, 'metadata.json'), '{ "format": '), 'metadata.json: is not valid JSON'],
    ['another format', (d: string) => writeFileSync(join(d, 'metadata.json'), JSON.stringify({ format: 'other' })), 'format is "other"'],
    [
      'weights truncated',
      (d: string) => writeFileSync(join(d, 'weights.bin'), readFileSync(join(d, 'weights.bin')).subarray(0, 100)),
      'weights.bin: is truncated',
    ],
    ['weights missing', (d: string) => rmSync(join(d, 'weights.bin')), 'weights.bin: is missing'],
    ['idf wrong size', (d: string) => writeFileSync(join(d, 'idf.bin'), Buffer.alloc(8)), 'idf.bin: has 8 bytes'],
    ['model.json not JSON', (d: string) => writeFileSync(join(d, 'model.json'), 'x'), 'model.json: is not valid JSON'],
  ])('%s is ModelCorruptError naming the file', async (_name, damage, message) => {
    const saved = await saveModel(trained, tempDir());
    damage(saved.dir);
    const err = await loadModel(saved.dir).catch((e: unknown) => e);
    expect(isModelCorruptError(err)).toBe(true);
    expect((err as ModelCorruptError).message).toContain(message);
    expect((err as ModelCorruptError).file.startsWith(saved.dir)).toBe(true);
  });
});
