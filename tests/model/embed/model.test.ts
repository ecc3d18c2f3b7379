import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tfBackend } from '../../../src/model/backend.js';
import { CACHE_DIR, cachedEmbedder } from '../../../src/model/embed/cache.js';
import type { CorpusArticle } from '../../../src/model/embed/cache.js';
import { bag } from '../../../src/model/embed/doc-vectors.js';
import { attachEmbedding } from '../../../src/model/embed/ensemble.js';
import { EMBED_DEFAULTS, trainEmbedder } from '../../../src/model/embed/train-embedder.js';
import { loadModel, saveModel } from '../../../src/model/io.js';
import type { LoadedModel } from '../../../src/model/io.js';
import { PredictPool } from '../../../src/model/predict-pool.js';
import { predict } from '../../../src/model/predict.js';
import { loadLayersModel } from '../../../src/model/tfjs-artifact.js';
import { trainModel } from '../../../src/model/train.js';
import { vectorizer, weigh } from '../../../src/model/vectorize.js';
import { DEFAULT_PIPELINE } from '../../../src/text/config.js';
import { tempDir } from '../../helpers/temp.js';
import { TOY_SPEC, toyCorpus, toyHeldOut } from '../toy.js';

const SMALL = { ...EMBED_DEFAULTS, dim: 8, epochs: 2, minCount: 1, sample: 1, subwords: { minn: 3, maxn: 4, bucketBits: 9 } };
const texts = [...toyHeldOut().map((h) => h.text), 'نص لا علاقة له بأي شيء', '', 'كلمات جديدة تماما لم ترد'];
const unlabeled = (): CorpusArticle[] =>
  [...toyCorpus(), ...toyHeldOut().map((h, i) => ({ id: `h${i}`, text: h.text }))].map((a) => ({ id: a.id ?? '', text: a.text }));

let plain: LoadedModel;
let embedded: LoadedModel;

beforeAll(async () => {
  plain = (await trainModel(toyCorpus(), TOY_SPEC, { seed: 5, epochs: 10, validationFraction: 0.2, hashBits: 12 })).model;
  const embedder = trainEmbedder(
    unlabeled().map((a) => a.text),
    { ...SMALL, seed: 2, normalization: DEFAULT_PIPELINE.normalize },
  );
  embedded = attachEmbedding(plain, toyCorpus(), { embedder, corpus: { hash: 'sha256:test', articles: 10 }, seed: 5 });
});

describe('a model with an embedding part', () => {
  it('adds the embedding head to the scores and leaves the linear model as it was', () => {
    const a = predict(plain, texts);
    const b = predict(embedded, texts);
    expect(b).not.toEqual(a);
    expect(embedded.weights).toBe(plain.weights);
    for (const p of b) expect(p.topics.reduce((s, t) => s + t.score, 0)).toBeCloseTo(1, 6);
    expect(b.slice(0, toyHeldOut().length).map((p) => p.topics[0]!.label)).toEqual(toyHeldOut().map((h) => h.topic));
  });

  it('prediction threads give the same predictions as predict()', async () => {
    const pool = new PredictPool(embedded, 2);
    try {
      expect(await pool.predict(texts)).toEqual(predict(embedded, texts));
    } finally {
      await pool.close();
    }
  });

  it('save → load predicts the same and describes the part in metadata.json', async () => {
    const saved = await saveModel(embedded, tempDir());
    const loaded = await loadModel(saved.dir);
    expect(predict(loaded, texts, { explain: true })).toEqual(predict(embedded, texts, { explain: true }));
    expect(loaded.metadata.embedding).toMatchObject({ vocabFile: 'vocab.json', dim: 8, rows: embedded.embedding!.embedder.vocab.rows, lambda: 0.5 });
    expect(readdirSync(saved.dir).sort()).toEqual(['idf.bin', 'metadata.json', 'model.json', 'vocab.json', 'weights.bin']);
  });

  it('is one TF.js layers model (sparse features + embedding bag) that agrees with predict', async () => {
    const saved = await saveModel(embedded, tempDir());
    const { tf } = await tfBackend('cpu');
    const layers = await loadLayersModel(tf, saved.dir);
    expect(layers.inputNames).toEqual(['features', 'embedding_bag']);
    const vec = vectorizer(saved.pipeline, saved.featureBlocks);
    const buckets = 2 ** saved.pipeline.features.hashBits;
    const e = saved.embedding!.embedder;
    const dense = new Float32Array(texts.length * buckets);
    const bags = new Float32Array(texts.length * e.vocab.rows);
    texts.forEach((t, i) => {
      const x = weigh(vec.raw(t), saved.idf);
      x.ids.forEach((id, j) => (dense[i * buckets + id] = x.values[j]!));
      const b = bag(e, t);
      b.rows.forEach((r, j) => (bags[i * e.vocab.rows + r] = b.weights[j]!));
    });
    const outs = layers.predict([tf.tensor2d(dense, [texts.length, buckets]), tf.tensor2d(bags, [texts.length, e.vocab.rows])]) as ReturnType<
      typeof tf.tensor2d
    >[];
    const [topics, stance] = outs.map((o) => o.arraySync());
    predict(saved, texts).forEach((p, i) => {
      for (const t of p.topics) expect(topics![i]![['security', 'economy', 'sport'].indexOf(t.label)]).toBeCloseTo(t.score, 5);
      const s = p.stance['algeria']!.scores;
      ['favor', 'against', 'not_addressed'].forEach((v, j) => expect(stance![i]![j]).toBeCloseTo(s[v]!, 5));
    });
  });
});

describe('the embedding cache', () => {
  const opts = (modelsDir: string, articles: CorpusArticle[]) => ({
    modelsDir,
    articles,
    embed: { ...SMALL, seed: 1 },
    normalization: DEFAULT_PIPELINE.normalize,
  });

  it('is reused for the same corpus and a slightly grown one, relearned when it grew enough or the options change', async () => {
    const dir = tempDir();
    const base = Array.from({ length: 40 }, (_, i) => ({ id: `a${i}`, text: toyCorpus()[i % toyCorpus().length]!.text }));
    const first = await cachedEmbedder(opts(dir, base));
    expect(first.reused).toBe(false);
    const again = await cachedEmbedder(opts(dir, [...base].reverse()));
    expect(again.reused).toBe(true);
    expect(Buffer.from(again.embedder.table.buffer).equals(Buffer.from(first.embedder.table.buffer))).toBe(true);
    const plus3 = await cachedEmbedder(opts(dir, [...base, ...[1, 2, 3].map((i) => ({ id: `b${i}`, text: 'خبر جديد' }))]));
    expect(plus3.reused).toBe(true); // 3 of 40 new: under 10 %
    expect(plus3.corpus.articles).toBe(40);
    const plus5 = await cachedEmbedder(opts(dir, [...base, ...[1, 2, 3, 4, 5].map((i) => ({ id: `b${i}`, text: 'خبر جديد' }))]));
    expect(plus5.reused).toBe(false);
    expect(plus5.corpus.articles).toBe(45);
    const otherSeed = await cachedEmbedder({
      ...opts(dir, base.concat([1, 2, 3, 4, 5].map((i) => ({ id: `b${i}`, text: 'خبر جديد' })))),
      embed: { ...SMALL, seed: 9 },
    });
    expect(otherSeed.reused).toBe(false);
    expect(readdirSync(join(dir, '.cache'))).toEqual(['embeddings']);
  });

  it('relearns a damaged cache instead of failing', async () => {
    const dir = tempDir();
    const base = toyCorpus().map((a) => ({ id: a.id, text: a.text }));
    await cachedEmbedder(opts(dir, base));
    rmSync(join(dir, CACHE_DIR, 'table.bin'));
    mkdirSync(join(dir, CACHE_DIR, 'table.bin'));
    const r = await cachedEmbedder(opts(dir, base));
    expect(r.reused).toBe(false);
    expect(r.embedder.table.length).toBe(r.embedder.vocab.rows * 8);
  });
});
