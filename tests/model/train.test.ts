import { describe, expect, it } from 'vitest';
import { TooFewLabelsError, isTooFewLabelsError } from '../../src/model/errors.js';
import { predict } from '../../src/model/predict.js';
import { trainModel } from '../../src/model/train.js';
import type { CodebookSpec, TrainingExample } from '../../src/model/types.js';
import { TOY_SPEC, toyCorpus, toyHeldOut } from './toy.js';

const FAST = { epochs: 15, validationFraction: 0.2, hashBits: 12, learningRate: 0.3 } as const;

describe('trainModel on a separable toy set', () => {
  it('learns topics and stance and generalizes to unseen sentences', async () => {
    const { model, report } = await trainModel(toyCorpus(), TOY_SPEC, { seed: 1, ...FAST });
    const held = toyHeldOut();
    const preds = predict(
      model,
      held.map((h) => h.text),
    );
    const topicHits = preds.filter((p, i) => p.topics[0]!.label === held[i]!.topic).length;
    const stanceHits = preds.filter((p, i) => p.stance['algeria']!.label === held[i]!.stance).length;
    expect(topicHits).toBe(held.length);
    expect(stanceHits).toBe(held.length);
    expect(report.topicMacroF1).toBe(1);
    expect(report.heads.map((h) => h.field)).toEqual(['topics', 'stance:algeria']);
    expect(report.trainingSize + report.validationSize).toBe(toyCorpus().length);
  });

  it('returns sorted topic scores, per-value stance scores that sum to 1, and evidence on request', async () => {
    // Every epoch, no early stopping: the toy set's validation score is perfect from the first
    // epoch, so early stopping would leave the word weights to chance.
    const { model } = await trainModel(toyCorpus(), TOY_SPEC, { seed: 1, ...FAST, validationFraction: 0 });
    const [p] = predict(model, ['تفكيك خلية إرهابية في القاهرة. وانتقد المراقبون فشل الجزائر وتقصيرها الخطير.'], { explain: true, topEvidence: 3 });
    const scores = p!.topics.map((t) => t.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(scores.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    const s = p!.stance['algeria']!;
    expect(Object.keys(s.scores)).toEqual(['favor', 'against', 'not_addressed']);
    expect(Object.values(s.scores).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(s.score).toBe(Math.max(...Object.values(s.scores)));
    const fields = new Set(p!.evidence!.map((e) => e.field));
    expect(fields).toEqual(new Set(['topics', 'stance:algeria']));
    expect(p!.evidence!.filter((e) => e.field === 'topics').length).toBeLessThanOrEqual(3);
    // The evidence for "against" includes a word of the against sentence.
    const stanceTerms = p!
      .evidence!.filter((e) => e.field === 'stance:algeria')
      .map((e) => e.term)
      .join(' ');
    expect(stanceTerms).toMatch(/فشل|انتقد|تقصير|الخطير|خطير/);
  });

  it('is deterministic given the seed, and the seed matters', async () => {
    const a = await trainModel(toyCorpus(), TOY_SPEC, { seed: 7, ...FAST });
    const b = await trainModel(toyCorpus(), TOY_SPEC, { seed: 7, ...FAST });
    const c = await trainModel(toyCorpus(), TOY_SPEC, { seed: 8, ...FAST });
    expect(Buffer.from(a.model.weights.kernel.buffer).equals(Buffer.from(b.model.weights.kernel.buffer))).toBe(true);
    expect(a.model.metadata.trainingHash).toBe(b.model.metadata.trainingHash);
    expect(Buffer.from(a.model.weights.kernel.buffer).equals(Buffer.from(c.model.weights.kernel.buffer))).toBe(false);
  });

  it('masks heads where an example has no label: topic-only and stance-only examples train their own heads', async () => {
    const data: TrainingExample[] = toyCorpus().map((ex, i) =>
      i % 2 === 0 ? { id: ex.id, text: ex.text, topics: ex.topics! } : { id: ex.id, text: ex.text, stance: ex.stance! },
    );
    const { model, report } = await trainModel(data, TOY_SPEC, { seed: 3, ...FAST, epochs: 25 });
    const topicHead = report.heads.find((h) => h.field === 'topics')!;
    const stanceHead = report.heads.find((h) => h.field === 'stance:algeria')!;
    expect(topicHead.size + stanceHead.size).toBe(report.validationSize);
    const held = toyHeldOut();
    const preds = predict(
      model,
      held.map((h) => h.text),
    );
    expect(preds.filter((p, i) => p.topics[0]!.label === held[i]!.topic).length).toBeGreaterThanOrEqual(held.length - 1);
  });

  it('trains no topic head for a stance-only corpus', async () => {
    const data = toyCorpus().map((ex) => ({ id: ex.id, text: ex.text, stance: ex.stance! }));
    const { model } = await trainModel(data, TOY_SPEC, { seed: 1, ...FAST });
    expect(model.heads.map((h) => h.field)).toEqual(['stance:algeria']);
    expect(predict(model, ['نص'])[0]!.topics).toEqual([]);
  });

  it('uses a sigmoid head for a multi-label codebook', async () => {
    const spec: CodebookSpec = { ...TOY_SPEC, multiLabel: true };
    const data = toyCorpus().map((ex) => ({ ...ex, topics: ex.topic === 'sport' ? ['sport', 'economy'] : ex.topics! }));
    const { model, report } = await trainModel(data, spec, { seed: 1, ...FAST, epochs: 25 });
    expect(model.heads[0]!.kind).toBe('sigmoid');
    const [p] = predict(model, [`${'فوز المنتخب في كأس أفريقيا'} في القاهرة.`]);
    const over = p!.topics
      .filter((t) => t.score >= 0.5)
      .map((t) => t.label)
      .sort();
    expect(over).toEqual(['economy', 'sport']);
    expect(report.heads[0]!.confusion).toEqual([]);
  });

  it('cross-validates with folds, reporting out-of-fold metrics, and fits the model on all data', async () => {
    const epochs: number[] = [];
    const { model, report } = await trainModel(toyCorpus(), TOY_SPEC, { seed: 2, ...FAST, folds: 3, onEpoch: (e) => epochs.push(e.fold ?? -1) });
    expect(report.folds).toHaveLength(3);
    expect(report.validationSize).toBe(toyCorpus().length);
    expect(report.heads[0]!.size).toBe(toyCorpus().length);
    expect(new Set(epochs)).toEqual(new Set([0, 1, 2, -1]));
    expect(model.metadata.training.folds).toBe(3);
  });

  it('refuses too few labels, naming the classes that lack examples', async () => {
    const data = toyCorpus()
      .filter((ex) => ex.topic === 'security')
      .map((ex) => ({ id: ex.id, text: ex.text, topics: ex.topics! }));
    const err = await trainModel(data.slice(0, 5), TOY_SPEC, { seed: 1, ...FAST }).catch((e: unknown) => e);
    expect(isTooFewLabelsError(err)).toBe(true);
    const e = err as TooFewLabelsError;
    expect(e.lacking.map((l) => l.label)).toEqual(['topic:economy', 'topic:sport']);
    expect(e.message).toContain('topic:economy (0)');
  });

  it('refuses a set with no labels at all', async () => {
    const err = await trainModel([{ id: 'a', text: 'نص' }], TOY_SPEC, { seed: 1, ...FAST }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TooFewLabelsError);
  });
});

describe('stratifiedSplit', () => {
  it('holds out about the fraction, keeps every larger stratum in training, and uses singleton strata too', async () => {
    const { stratifiedSplit, mulberry32 } = await import('../../src/model/train.js');
    const strata = [...Array.from({ length: 50 }, () => 'a'), ...Array.from({ length: 3 }, () => 'b'), ...Array.from({ length: 40 }, (_, i) => `unique${i}`)];
    const { train, val } = stratifiedSplit(strata, 0.1, mulberry32(1));
    expect(train.length + val.length).toBe(strata.length);
    expect(new Set([...train, ...val]).size).toBe(strata.length);
    expect(val.length).toBeGreaterThanOrEqual(8);
    expect(val.length).toBeLessThanOrEqual(11);
    expect(train.some((i) => strata[i] === 'b')).toBe(true);
    expect(val.some((i) => strata[i]!.startsWith('unique'))).toBe(true);
  });
});
