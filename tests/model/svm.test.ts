import { describe, expect, it } from 'vitest';
import { loadModel, saveModel } from '../../src/model/io.js';
import { predict } from '../../src/model/predict.js';
import { dualObjective, margin, primalObjective, trainBinarySvm } from '../../src/model/svm.js';
import { fitTemperature } from '../../src/model/svm-heads.js';
import { nbRatios } from '../../src/model/svm-problem.js';
import { mulberry32, trainModel } from '../../src/model/train.js';
import type { CodebookSpec } from '../../src/model/types.js';
import type { SparseVector } from '../../src/text/types.js';
import { tempDir } from '../helpers/temp.js';
import { TOY_SPEC, toyCorpus, toyHeldOut } from './toy.js';

const DIMS = 64;

/** Random sparse vectors labelled by the sign of a hidden weight vector, with a margin gap. */
function separable(n: number, seed: number): { xs: SparseVector[]; y: Int8Array; truth: Float64Array } {
  const rng = mulberry32(seed);
  const truth = Float64Array.from({ length: DIMS }, () => rng() * 2 - 1);
  const xs: SparseVector[] = [];
  const ys: number[] = [];
  while (xs.length < n) {
    const ids = [...new Set(Array.from({ length: 6 }, () => Math.floor(rng() * DIMS)))].sort((a, b) => a - b);
    const values = Float32Array.from(ids, () => rng());
    const score = ids.reduce((s, id, k) => s + truth[id]! * values[k]!, 0);
    if (Math.abs(score) < 0.2) continue; // keep a gap so the set is separable with room
    xs.push({ ids: Uint32Array.from(ids), values });
    ys.push(score > 0 ? 1 : -1);
  }
  return { xs, y: Int8Array.from(ys), truth };
}

describe('dual coordinate descent L2-loss SVM', () => {
  it('separates a linearly separable set and converges to the tolerance', () => {
    const { xs, y } = separable(300, 11);
    const m = trainBinarySvm(xs, y, null, DIMS, { C: 100, tolerance: 1e-3, maxPasses: 2000, biasFeature: 0 }, mulberry32(1));
    expect(m.converged).toBe(true);
    const wrong = xs.filter((x, i) => Math.sign(margin(m, x)) !== y[i]).length;
    expect(wrong).toBe(0);
  });

  it('lowers the dual objective on every pass and ends at the primal optimum (duality gap ~ 0)', () => {
    const { xs, y } = separable(200, 12);
    const opts = { C: 1, tolerance: 1e-6, maxPasses: 1, shrinking: false };
    const values: number[] = [];
    for (let passes = 1; passes <= 12; passes++) {
      const m = trainBinarySvm(xs, y, null, DIMS, { ...opts, maxPasses: passes }, mulberry32(3));
      values.push(dualObjective(m, xs, y, null, 1));
    }
    for (let k = 1; k < values.length; k++) expect(values[k]!).toBeLessThanOrEqual(values[k - 1]! + 1e-9);
    expect(values.at(-1)!).toBeLessThan(values[0]!);
    const done = trainBinarySvm(xs, y, null, DIMS, { ...opts, maxPasses: 5000 }, mulberry32(3));
    expect(done.converged).toBe(true);
    const primal = primalObjective(done, xs, y, null, 1);
    // Strong duality: min primal = −min dual.
    expect(Math.abs(primal + dualObjective(done, xs, y, null, 1)) / primal).toBeLessThan(1e-4);
  });

  it('skips documents labelled 0, and is reproducible given the order seed', () => {
    const { xs, y } = separable(100, 13);
    const masked = Int8Array.from(y, (v, i) => (i % 3 === 0 ? 0 : v));
    const a = trainBinarySvm(xs, masked, null, DIMS, { C: 1, tolerance: 0.01, maxPasses: 100 }, mulberry32(9));
    const b = trainBinarySvm(xs, masked, null, DIMS, { C: 1, tolerance: 0.01, maxPasses: 100 }, mulberry32(9));
    expect(a.alpha.filter((_, i) => i % 3 === 0).every((v) => v === 0)).toBe(true);
    expect(Buffer.from(a.w.buffer).equals(Buffer.from(b.w.buffer))).toBe(true);
    expect(a.bias).toBe(b.bias);
  });

  it('with a feature scale, returns weights that apply to the unscaled input', () => {
    const { xs, y } = separable(150, 14);
    const scale = Float64Array.from({ length: DIMS }, (_, d) => 0.5 + (d % 4));
    const scaled = xs.map((x) => ({ ids: x.ids, values: Float32Array.from(x.values, (v, k) => v * scale[x.ids[k]!]!) }));
    const opts = { C: 1, tolerance: 1e-6, maxPasses: 3000 };
    const viaScale = trainBinarySvm(xs, y, null, DIMS, { ...opts, featureScale: scale }, mulberry32(2));
    const direct = trainBinarySvm(scaled, y, null, DIMS, opts, mulberry32(2));
    xs.forEach((x, i) => expect(margin(viaScale, x)).toBeCloseTo(margin(direct, scaled[i]!), 3));
  });

  it('naive-Bayes ratios are positive for buckets of the positive class and negative for the others', () => {
    const xs: SparseVector[] = [
      { ids: Uint32Array.of(0, 2), values: Float32Array.of(1, 1) },
      { ids: Uint32Array.of(0, 3), values: Float32Array.of(1, 1) },
      { ids: Uint32Array.of(1, 2), values: Float32Array.of(1, 1) },
      { ids: Uint32Array.of(1, 3), values: Float32Array.of(1, 0) },
    ];
    const r = nbRatios(xs, Int8Array.of(1, 1, -1, -1), 4, 1);
    expect(r[0]).toBeGreaterThan(0);
    expect(r[1]).toBeLessThan(0);
    // p = α + counts = [3, 1, 2, 2] (sum 8), q = [1, 3, 2, 1] (sum 7: the zero value does not count).
    expect(r[2]).toBeCloseTo(Math.log(2 / 8 / (2 / 7)), 10);
    expect(r[3]).toBeCloseTo(Math.log(2 / 8 / (1 / 7)), 10); // a zero value is not an occurrence
  });

  it('fits a larger temperature to margins that are right but small', () => {
    const head = { field: 'topics', kind: 'softmax' as const, labels: ['a', 'b'], offset: 0 };
    const margins = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? Float64Array.of(0.1, -0.1) : Float64Array.of(-0.1, 0.1)));
    const ys = margins.map((_, i) => i % 2);
    expect(fitTemperature(head, margins, ys)).toBeGreaterThan(10);
    expect(fitTemperature(head, [], [])).toBeNull();
  });
});

describe('trainModel with SVM heads', () => {
  const FAST = { epochs: 30, validationFraction: 0.2, hashBits: 12 } as const;

  it('learns the toy topics and stance one-vs-rest, with softmax scores in [0, 1] that sum to 1', async () => {
    const { model, report } = await trainModel(toyCorpus(), TOY_SPEC, { seed: 1, ...FAST, solver: 'svm', stanceSolver: 'svm' });
    const held = toyHeldOut();
    const preds = predict(
      model,
      held.map((h) => h.text),
    );
    expect(preds.filter((p, i) => p.topics[0]!.label === held[i]!.topic).length).toBe(held.length);
    expect(preds.filter((p, i) => p.stance['algeria']!.label === held[i]!.stance).length).toBe(held.length);
    for (const p of preds) {
      expect(p.topics.reduce((s, t) => s + t.score, 0)).toBeCloseTo(1, 5);
      expect(p.topics[0]!.score).toBeGreaterThan(0.5);
    }
    expect(report.topicMacroF1).toBe(1);
    const training = model.metadata.training;
    expect(training.solver?.heads).toEqual({ topics: 'svm', 'stance:algeria': 'svm' });
    expect(Object.keys(training.solver?.temperatures ?? {}).sort()).toEqual(['stance:algeria', 'topics']);
  });

  it('trains a multi-label topic head one-vs-rest: both topics of a two-topic article pass 0.5', async () => {
    const spec: CodebookSpec = { ...TOY_SPEC, multiLabel: true };
    const data = toyCorpus().map((ex) => ({ ...ex, topics: ex.topic === 'sport' ? ['sport', 'economy'] : ex.topics! }));
    const { model } = await trainModel(data, spec, { seed: 1, ...FAST, solver: 'svm' });
    expect(model.heads[0]!.kind).toBe('sigmoid');
    const [sport, security] = predict(model, ['فوز المنتخب في كأس أفريقيا في القاهرة.', 'تفكيك خلية إرهابية في القاهرة.']);
    expect(
      sport!.topics
        .filter((t) => t.score >= 0.5)
        .map((t) => t.label)
        .sort(),
    ).toEqual(['economy', 'sport']);
    expect(security!.topics.filter((t) => t.score >= 0.5).map((t) => t.label)).toEqual(['security']);
  });

  it('is the default for topics, is deterministic given the seed, and save → load predicts identically', async () => {
    const a = await trainModel(toyCorpus(), TOY_SPEC, { seed: 4, ...FAST });
    const b = await trainModel(toyCorpus(), TOY_SPEC, { seed: 4, ...FAST });
    expect(a.model.metadata.training.solver?.heads).toEqual({ topics: 'svm+adagrad', 'stance:algeria': 'adagrad' });
    expect(Buffer.from(a.model.weights.kernel.buffer).equals(Buffer.from(b.model.weights.kernel.buffer))).toBe(true);
    const texts = [...toyHeldOut().map((h) => h.text), 'نص لا علاقة له بأي شيء'];
    const saved = await saveModel(a.model, tempDir());
    const loaded = await loadModel(saved.dir);
    expect(loaded.metadata.training.solver).toEqual(a.model.metadata.training.solver);
    expect(predict(loaded, texts, { explain: true })).toEqual(predict(a.model, texts, { explain: true }));
  });

  it("'svm+adagrad' sums both models into one linear head and records the SVM weight", async () => {
    const { model } = await trainModel(toyCorpus(), TOY_SPEC, { seed: 1, ...FAST, epochs: 15, solver: 'svm+adagrad', svmWeight: 2 });
    const held = toyHeldOut();
    const preds = predict(
      model,
      held.map((h) => h.text),
    );
    expect(preds.filter((p, i) => p.topics[0]!.label === held[i]!.topic).length).toBe(held.length);
    for (const p of preds) expect(p.topics.reduce((s, t) => s + t.score, 0)).toBeCloseTo(1, 5);
    expect(model.metadata.training.solver).toMatchObject({ heads: { topics: 'svm+adagrad' }, svmWeight: 2 });
  });

  it("with --folds, reports out-of-fold scores and fits the saved model on all examples with the folds' median temperature", async () => {
    const { model, report } = await trainModel(toyCorpus(), TOY_SPEC, { seed: 6, ...FAST, epochs: 10, folds: 3 });
    expect(report.folds).toHaveLength(3);
    expect(report.topicMacroF1).toBeGreaterThan(0.9);
    const t = model.metadata.training.solver?.temperatures?.['topics'];
    expect(t).toBeGreaterThan(0);
    const held = toyHeldOut();
    const preds = predict(
      model,
      held.map((h) => h.text),
    );
    expect(preds.filter((p, i) => p.topics[0]!.label === held[i]!.topic).length).toBe(held.length);
  });

  it('without a validation split every head keeps temperature 1', async () => {
    const { model } = await trainModel(toyCorpus(), TOY_SPEC, { seed: 6, ...FAST, epochs: 10, validationFraction: 0 });
    expect(model.metadata.training.solver?.temperatures).toEqual({ topics: 1, 'stance:algeria': 1 });
  });

  it('an Adagrad-only model (as trained before the SVM) still saves, loads and predicts identically', async () => {
    const { model } = await trainModel(toyCorpus(), TOY_SPEC, { seed: 2, ...FAST, epochs: 10, solver: 'adagrad' });
    const saved = await saveModel(model, tempDir());
    const loaded = await loadModel(saved.dir);
    expect(loaded.metadata.training.solver?.heads).toEqual({ topics: 'adagrad', 'stance:algeria': 'adagrad' });
    const texts = toyHeldOut().map((h) => h.text);
    expect(predict(loaded, texts)).toEqual(predict(model, texts));
  });
});
