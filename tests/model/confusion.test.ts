// The held-out confusion counts that `mizan report` uses to correct classify-and-count.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { headConfusion } from '../../src/model/evaluate.js';
import { loadModel, saveModel } from '../../src/model/io.js';
import { trainModel } from '../../src/model/train.js';
import type { CodebookSpec, HeadSpec } from '../../src/model/types.js';
import { tempDir } from '../helpers/temp.js';
import { TOY_SPEC, toyCorpus } from './toy.js';

const FAST = { epochs: 8, validationFraction: 0.25, hashBits: 12, learningRate: 0.3 } as const;
const sum = (m: number[][]): number => m.flat().reduce((a, b) => a + b, 0);

describe('validation confusion counts', () => {
  it('holds, per head, a k×k matrix (rows true, columns predicted) that agrees with the report', async () => {
    const { model, report } = await trainModel(toyCorpus(), TOY_SPEC, { seed: 4, ...FAST });
    const vc = report.validationConfusion!;
    expect(Object.keys(vc)).toEqual(['topics', 'stance:algeria']);
    for (const h of report.heads) {
      const c = vc[h.field]!;
      expect(c.multiLabel).toBe(false);
      expect(c.values).toEqual(h.labels);
      expect(c.n).toBe(h.size);
      expect(c.matrix).toEqual(h.confusion);
      expect(sum(c.matrix!)).toBe(c.n);
      // Row sums are the true counts of each value among the validation examples.
      h.perClass.forEach((pc, j) => expect(c.matrix![j]!.reduce((a, b) => a + b, 0)).toBe(pc.support));
    }
    expect(vc['topics']!.n).toBe(report.validationSize);
    expect(model.metadata.validationConfusion).toEqual(vc);
  });

  it('is written to metadata.json and read back', async () => {
    const { model } = await trainModel(toyCorpus(), TOY_SPEC, { seed: 4, ...FAST });
    const saved = await saveModel(model, tempDir());
    const onDisk = JSON.parse(readFileSync(join(saved.dir, 'metadata.json'), 'utf8'));
    expect(onDisk.validationConfusion).toEqual(model.metadata.validationConfusion);
    expect((await loadModel(saved.dir)).metadata.validationConfusion).toEqual(model.metadata.validationConfusion);
  });

  it('uses the out-of-fold predictions with --folds: every labelled example counted once', async () => {
    const data = toyCorpus();
    const { model, report } = await trainModel(data, TOY_SPEC, { seed: 2, ...FAST, folds: 3 });
    const vc = model.metadata.validationConfusion!;
    expect(vc['topics']!.n).toBe(data.length);
    expect(sum(vc['topics']!.matrix!)).toBe(data.length);
    expect(vc['stance:algeria']!.n).toBe(data.filter((d) => d.stance !== undefined).length);
    // True counts per value are the corpus's, whatever the model predicted.
    const favor = data.filter((d) => d.stance?.['algeria'] === 'favor').length;
    expect(vc['stance:algeria']!.matrix![0]!.reduce((a, b) => a + b, 0)).toBe(favor);
    expect(report.validationConfusion).toEqual(vc);
  });

  it('is absent without a validation split', async () => {
    const { model, report } = await trainModel(toyCorpus(), TOY_SPEC, { seed: 4, ...FAST, validationFraction: 0 });
    expect(report.validationConfusion).toBeUndefined();
    expect(model.metadata.validationConfusion).toBeUndefined();
    expect('validationConfusion' in model.metadata).toBe(false);
  });

  it('gives a multi-label head per value [[tn, fp], [fn, tp]]', async () => {
    const spec: CodebookSpec = { ...TOY_SPEC, multiLabel: true };
    const data = toyCorpus().map((ex) => ({ ...ex, topics: ex.topic === 'sport' ? ['sport', 'economy'] : ex.topics! }));
    const { report } = await trainModel(data, spec, { seed: 1, ...FAST, epochs: 20 });
    const c = report.validationConfusion!['topics']!;
    expect(c.multiLabel).toBe(true);
    expect(c.matrix).toBeUndefined();
    expect(c.values).toEqual(['security', 'economy', 'sport']);
    const head = report.heads.find((h) => h.field === 'topics')!;
    c.binary!.forEach(([[tn, fp], [fn, tp]], j) => {
      expect(tn + fp + fn + tp).toBe(c.n);
      expect(fn + tp).toBe(head.perClass[j]!.support);
    });
  });

  it('counts hand-made pairs exactly', () => {
    const soft: HeadSpec = { field: 'stance:x', kind: 'softmax', labels: ['favor', 'against'], offset: 0 };
    expect(headConfusion({ head: soft, truth: [0, 0, 1, 1, 1], predicted: [0, 1, 1, 1, 0], truthSets: [], predictedSets: [] })).toEqual({
      multiLabel: false,
      values: ['favor', 'against'],
      n: 5,
      matrix: [
        [1, 1],
        [1, 2],
      ],
    });
    const sig: HeadSpec = { field: 'topics', kind: 'sigmoid', labels: ['a', 'b'], offset: 0 };
    const t = [Uint8Array.of(1, 0), Uint8Array.of(1, 1), Uint8Array.of(0, 1)];
    const p = [Uint8Array.of(1, 1), Uint8Array.of(0, 1), Uint8Array.of(0, 1)];
    expect(headConfusion({ head: sig, truth: [], predicted: [], truthSets: t, predictedSets: p })).toEqual({
      multiLabel: true,
      values: ['a', 'b'],
      n: 3,
      binary: [
        [
          [1, 0],
          [1, 1],
        ],
        [
          [0, 1],
          [0, 2],
        ],
      ],
    });
  });
});
