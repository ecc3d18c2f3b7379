import { describe, expect, it } from 'vitest';
import type { EncodedLabels } from '../../src/model/heads.js';
import { epoch, newState } from '../../src/model/sgd.js';
import type { SgdState } from '../../src/model/sgd.js';
import { documentFrequencies, nbRatios } from '../../src/model/svm-problem.js';
import { mulberry32, shuffle } from '../../src/model/train/splits.js';
import type { HeadSpec } from '../../src/model/types.js';
import type { SparseVector } from '../../src/text/types.js';

const DIMS = 300;

function documents(n: number, rng: () => number): SparseVector[] {
  return Array.from({ length: n }, () => {
    const ids = [...new Set(Array.from({ length: 12 }, () => Math.floor(rng() * DIMS)))].sort((a, b) => a - b);
    return { ids: Uint32Array.from(ids), values: Float32Array.from(ids, () => rng()) };
  });
}

/** Heads of `sizes` classes side by side; `kinds` softmax unless said. */
function heads(sizes: number[], kinds: ('softmax' | 'sigmoid')[] = []): HeadSpec[] {
  let offset = 0;
  return sizes.map((k, h) => {
    const head: HeadSpec = {
      field: h === 0 ? 'topics' : `stance:t${h}`,
      kind: kinds[h] ?? 'softmax',
      labels: Array.from({ length: k }, (_, j) => `c${j}`),
      offset,
    };
    offset += k;
    return head;
  });
}

/** Labels per document and head: a class (softmax) or a multi-hot row (sigmoid), some masked. */
function labelsFor(hs: HeadSpec[], n: number, masked: number, rng: () => number): EncodedLabels[] {
  return Array.from({ length: n }, () =>
    hs.map((h) => {
      if (rng() < masked) return null;
      if (h.kind === 'softmax') return Math.floor(rng() * h.labels.length);
      return Uint8Array.from(h.labels, () => (rng() < 0.4 ? 1 : 0));
    }),
  );
}

/** Three epochs over the same shuffles; `flat` keeps the epoch on the flat kernel. */
function train(hs: HeadSpec[], xs: SparseVector[], ys: EncodedLabels[], flat: boolean): { state: SgdState; losses: number[] } {
  const outputs = hs.reduce((n, h) => n + h.labels.length, 0);
  const state = newState(DIMS, outputs);
  if (flat) state.layout = null;
  const weights = hs.map((h) => Float64Array.from(h.labels, (_, j) => 1 + j / 10));
  const order = Int32Array.from(xs.keys());
  const rng = mulberry32(5);
  const losses: number[] = [];
  for (let e = 0; e < 3; e++) {
    shuffle(order, rng);
    losses.push(epoch(state, { heads: hs, classWeights: weights, features: xs, labels: ys, order }, { learningRate: 0.1, l2: 1e-3 }));
  }
  return { state, losses };
}

const bits = (a: Float32Array): Uint32Array => new Uint32Array(a.buffer, a.byteOffset, a.length);

describe('sparse Adagrad epochs', () => {
  const cases: [string, number[], ('softmax' | 'sigmoid')[], number][] = [
    ['one softmax head (every column each step)', [6], [], 0],
    ['a sigmoid head and two masked stance heads (some columns per step)', [4, 3, 3], ['sigmoid'], 0.5],
    ['more outputs than the unrolled loops take', [40], [], 0],
  ];
  for (const [name, sizes, kinds, masked] of cases) {
    it(`give bit-identical weights in the row layout and on the flat kernel: ${name}`, () => {
      const rng = mulberry32(3);
      const hs = heads(sizes, kinds);
      const xs = documents(150, rng);
      const ys = labelsFor(hs, xs.length, masked, rng);
      const rows = train(hs, xs, ys, false);
      const flat = train(hs, xs, ys, true);
      expect(rows.state.layout).not.toBeNull();
      expect(rows.losses).toEqual(flat.losses);
      expect(bits(rows.state.weights.kernel)).toEqual(bits(flat.state.weights.kernel));
      expect(bits(rows.state.weights.bias)).toEqual(bits(flat.state.weights.bias));
      expect(bits(rows.state.gKernel)).toEqual(bits(flat.state.gKernel));
      expect(rows.state.weights.kernel.some((w) => w !== 0)).toBe(true);
    });
  }
});

describe('naive-Bayes ratios from document frequencies', () => {
  it('equal the ratios counted from every document', () => {
    const rng = mulberry32(8);
    const xs = documents(200, rng);
    xs[0]!.values[0] = 0; // a zero value is no occurrence either way
    const y = Int8Array.from(xs, () => (rng() < 0.3 ? 1 : -1));
    const df = documentFrequencies(xs, DIMS);
    expect(nbRatios(xs, y, DIMS, 1, df)).toEqual(nbRatios(xs, y, DIMS, 1));
    expect(nbRatios(xs, y, DIMS, 2, df)).toEqual(nbRatios(xs, y, DIMS, 2));
  });
});
