import { describe, expect, it } from 'vitest';
import { classificationMetrics, stanceMeanF1 } from '../../src/model/metrics.js';
import { TooFewLabelsError, isTooFewLabelsError } from '../../src/model/errors.js';

describe('classificationMetrics', () => {
  // Hand computed: truth a a b b c, predicted a b b b a.
  // a: tp1 fp1 fn1 → P .5 R .5 F1 .5; b: tp2 fp1 fn0 → P 2/3 R 1 F1 .8; c: tp0 → 0.
  const m = classificationMetrics(['a', 'b', 'c'], [0, 0, 1, 1, 2], [0, 1, 1, 1, 0]);
  it('counts the confusion matrix as [true][predicted]', () => {
    expect(m.confusion).toEqual([
      [1, 1, 0],
      [0, 2, 0],
      [1, 0, 0],
    ]);
  });
  it('gives accuracy, per-class P/R/F1 and macro-F1', () => {
    expect(m.accuracy).toBeCloseTo(3 / 5);
    expect(m.perClass[0]).toMatchObject({ label: 'a', precision: 0.5, recall: 0.5, f1: 0.5, support: 2 });
    expect(m.perClass[1]!.precision).toBeCloseTo(2 / 3);
    expect(m.perClass[1]!.f1).toBeCloseTo(0.8);
    expect(m.perClass[2]).toMatchObject({ f1: 0, support: 1 });
    expect(m.macroF1).toBeCloseTo((0.5 + 0.8 + 0) / 3);
  });
  it('macro-F1 leaves out a class that is neither in the truth nor predicted, as scikit-learn does', () => {
    const unused = classificationMetrics(['a', 'b', 'c', 'neutral'], [0, 0, 1, 1, 2], [0, 1, 1, 1, 0]);
    expect(unused.perClass[3]).toMatchObject({ f1: 0, support: 0 });
    expect(unused.macroF1).toBeCloseTo((0.5 + 0.8 + 0) / 3);
    // Predicted but never true: a false positive class, counted (F1 0).
    const wrong = classificationMetrics(['a', 'b', 'neutral'], [0, 1], [0, 2]);
    expect(wrong.macroF1).toBeCloseTo((1 + 0 + 0) / 3);
  });
  it('stanceMeanF1 matches favor/against case-insensitively or as named', () => {
    const s = classificationMetrics(['Favor', 'Against', 'None'], [0, 0, 1, 1, 2], [0, 1, 1, 1, 0]);
    expect(stanceMeanF1(s)).toBeCloseTo((0.5 + 0.8) / 2);
    expect(stanceMeanF1(s, { favor: 'Favor', against: 'None' })).toBeCloseTo(0.25);
    expect(() => stanceMeanF1(s, { favor: 'pro' })).toThrow(/pro/);
  });
});

describe('errors', () => {
  it('TooFewLabelsError names the classes lacking examples', () => {
    const e = new TooFewLabelsError([{ label: 'topic:security', count: 1 }], 2);
    expect(isTooFewLabelsError(e)).toBe(true);
    expect(e.message).toContain('topic:security (1)');
    expect(e.code).toBe('too_few_labels');
  });
});
