import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { activate, logits, zeroWeights } from '../../src/model/linear.js';
import { layoutFrom, packLayout, scoreRaw, strideFor } from '../../src/model/packed.js';
import { inferenceModel, predict, predictWith } from '../../src/model/predict.js';
import { trainModel } from '../../src/model/train.js';
import type { HeadSpec } from '../../src/model/types.js';
import { vectorizer, weigh } from '../../src/model/vectorize.js';
import type { FeatureBlocks } from '../../src/model/vectorize.js';
import { resolvePipelineConfig } from '../../src/text/pipeline.js';
import { TOY_SPEC, toyCorpus, toyHeldOut } from './toy.js';

// Real texts: the paragraphs of the seed news articles (Arabic with Latin, digits, punctuation).
const SEEDS = new URL('../../seeds/', import.meta.url);
const texts = readdirSync(SEEDS)
  .filter((f) => f.endsWith('.txt'))
  .flatMap((f) => readFileSync(new URL(f, SEEDS), 'utf8').split(/\n\s*\n/))
  .map((t) => t.trim())
  .filter((t) => t.length > 0);
texts.push('', '!!!', 'ok', ...toyHeldOut().map((h) => h.text));

/** A deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random weights and idf (some idf 0, as min_df gives) for `outputs` columns split into heads. */
function randomModel(outputs: number, featureBlocks: FeatureBlocks, seed: number) {
  const pipeline = resolvePipelineConfig({ features: { hashBits: 14 } });
  const buckets = 2 ** 14;
  const random = rng(seed);
  const weights = zeroWeights(buckets, outputs);
  for (let i = 0; i < weights.kernel.length; i++) weights.kernel[i] = (random() - 0.5) * 4;
  for (let j = 0; j < outputs; j++) weights.bias[j] = random() - 0.5;
  const idf = new Float32Array(buckets);
  for (let i = 0; i < buckets; i++) idf[i] = random() < 0.2 ? 0 : 1 + random() * 8;
  const topics = Math.ceil(outputs / 2);
  const heads: HeadSpec[] = [
    { field: 'topics', kind: outputs % 2 === 0 ? 'sigmoid' : 'softmax', labels: Array.from({ length: topics }, (_, j) => `t${j}`), offset: 0 },
    { field: 'stance:x', kind: 'softmax', labels: Array.from({ length: outputs - topics }, (_, j) => `s${j}`), offset: topics },
  ];
  return { heads, weights, idf, pipeline, featureBlocks };
}

describe('packed inference layout', () => {
  it('pads rows to 8 floats or a multiple of 16 (idf + kernel row)', () => {
    expect([1, 6, 7, 8, 15, 16, 31, 40].map(strideFor)).toEqual([8, 8, 8, 16, 16, 32, 32, 48]);
    const m = randomModel(15, 'joint', 1);
    const l = packLayout(m.weights, m.idf)!;
    expect(l.rows.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(l.rows[5 * 16]).toBe(m.idf[5]);
    expect(Array.from(l.rows.subarray(5 * 16 + 1, 5 * 16 + 16))).toEqual(Array.from(m.weights.kernel.subarray(5 * 15, 6 * 15)));
  });

  // Unrolled accumulators up to 32 outputs, the loop beyond; softmax and sigmoid heads; both block modes.
  for (const outputs of [3, 6, 7, 15, 16, 33]) {
    for (const blocks of ['joint', 'word+char'] as const) {
      it(`logits equal the reference logits(weigh(...)) exactly: ${outputs} outputs, ${blocks}`, () => {
        const m = randomModel(outputs, blocks, outputs);
        const vec = vectorizer(m.pipeline, blocks);
        const im = inferenceModel(m);
        const l = layoutFrom(im.layout!);
        const ref = new Float64Array(outputs);
        const fast = new Float64Array(outputs);
        for (const t of texts) {
          const raw = vec.raw(t);
          logits(m.weights, weigh(raw, m.idf), ref);
          if (raw.length > 1) continue; // word+char: checked through whole predictions below
          scoreRaw(l, raw[0]!, fast);
          expect(Array.from(fast)).toEqual(Array.from(ref));
        }
        // Whole predictions against the reference path (plain weights, no layout).
        const plain = predictWith({ ...im, layout: null, plain: { weights: m.weights, idf: m.idf } }, texts, { explain: true });
        expect(predict(m, texts, { explain: true })).toEqual(plain);
        // And against scores computed by hand from the reference logits.
        const p = new Float64Array(outputs);
        predict(m, texts).forEach((prediction, i) => {
          logits(m.weights, weigh(vec.raw(texts[i]!), m.idf), ref);
          for (const h of m.heads) activate(h, ref, p);
          for (const { label, score } of prediction.topics) expect(score).toBe(p[m.heads[0]!.labels.indexOf(label)]);
          const s = prediction.stance['x']!;
          for (const [label, score] of Object.entries(s.scores)) expect(score).toBe(p[m.heads[1]!.offset + m.heads[1]!.labels.indexOf(label)]);
        });
      });
    }
  }

  it('a trained model predicts the same through the layout as through its plain weights (explanations too)', async () => {
    const { model } = await trainModel(toyCorpus(), TOY_SPEC, { seed: 3, epochs: 5, validationFraction: 0.2 });
    const im = inferenceModel(model);
    expect(im.layout).not.toBeNull();
    const plain = predictWith({ ...im, layout: null, plain: { weights: model.weights, idf: model.idf } }, texts, { explain: true });
    const fast = predict(model, texts, { explain: true });
    expect(fast).toEqual(plain);
    expect(fast.some((p) => (p.evidence ?? []).length > 0)).toBe(true);
    // The layout is built once per weights object.
    expect(inferenceModel(model).layout).toBe(im.layout);
  });
});
