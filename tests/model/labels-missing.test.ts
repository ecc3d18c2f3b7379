// How many labels the trainer still needs for a first model, as the labeling screen's header says
// it: the shortfall of planHeads's own minimum (two classes with MIN_PER_CLASS examples in a head).
import { describe, expect, it } from 'vitest';
import { labelsMissing, planHeads } from '../../src/model/heads.js';
import type { CodebookSpec, TrainingExample } from '../../src/model/types.js';

const SPEC: CodebookSpec = {
  version: 1,
  multiLabel: false,
  topics: [{ key: 'a' }, { key: 'b' }, { key: 'c' }],
  targets: [{ key: 'dz', values: ['favor', 'against', 'none'] }],
};
const ex = (topics?: string[], stance?: Record<string, string>): TrainingExample =>
  ({ text: 'x', ...(topics ? { topics } : {}), ...(stance ? { stance } : {}) }) as TrainingExample;

describe('labelsMissing', () => {
  it('counts down to 0 exactly when planHeads accepts the labels', () => {
    const labels: TrainingExample[] = [];
    expect(labelsMissing(labels, SPEC)).toBe(4);
    const steps = [ex(['a']), ex(['a']), ex(['a']), ex(['b']), ex(['b'])];
    const seen: number[] = [];
    for (const e of steps) {
      labels.push(e);
      seen.push(labelsMissing(labels, SPEC));
    }
    expect(seen).toEqual([3, 2, 2, 1, 0]);
    expect(() => planHeads(labels, SPEC)).not.toThrow();
    expect(() => planHeads(labels.slice(0, 4), SPEC)).toThrow();
  });

  it('a head with labels must be trainable too: a lone stance label adds its shortfall', () => {
    const labels = [ex(['a']), ex(['a']), ex(['b']), ex(['b'], { dz: 'favor' })];
    expect(labelsMissing(labels, SPEC)).toBe(3);
  });
});
