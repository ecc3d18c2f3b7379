// The classes of a head solved on helper threads give the weights one thread gives, bit for bit,
// and those of the plain solver with the class's seed (the job adds no arithmetic of its own).
import { threadId } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { solveClasses, startClasses } from '../../src/model/svm-parallel.js';
import { nbRatios } from '../../src/model/svm-problem.js';
import { trainBinarySvm } from '../../src/model/svm.js';
import { mulberry32 } from '../../src/model/train.js';
import type { SparseVector } from '../../src/text/types.js';

const DIMS = 256;
const SETTINGS = { C: 1, tolerance: 0.01, maxPasses: 50, classWeightPower: 0.5, nbAlpha: 1 };

/** Documents of three classes, each leaning on its own block of buckets. */
function corpus(n: number): { xs: SparseVector[]; targets: Int8Array[] } {
  const rng = mulberry32(5);
  const cls = Array.from({ length: n }, (_, i) => i % 3);
  const xs = cls.map((c) => {
    const ids = [...new Set(Array.from({ length: 12 }, () => (rng() < 0.6 ? c * 64 : 192) + Math.floor(rng() * 64)))].sort((a, b) => a - b);
    return { ids: Uint32Array.from(ids), values: Float32Array.from(ids, () => 0.1 + rng()) };
  });
  const targets = [0, 1, 2].map((j) => Int8Array.from(cls, (c) => (c === j ? 1 : -1)));
  return { xs, targets };
}

describe('solveClasses', () => {
  const { xs, targets } = corpus(600);
  const seeds = [11, 22, 33];

  it('gives the same weights on three threads as on one, and as the plain solver', () => {
    const one = solveClasses({ xs, targets, seeds, dims: DIMS, settings: SETTINGS, threads: 1 });
    // The caller only waits, so the helper threads solve every class.
    const three = solveClasses({ xs, targets, seeds, dims: DIMS, settings: SETTINGS, threads: 3, minWork: 0, callerSolves: false });
    expect(three.every((f) => f.thread !== threadId)).toBe(true);
    expect(one.every((f) => f.thread === threadId)).toBe(true);
    expect(three.map((f) => [...f.w])).toEqual(one.map((f) => [...f.w]));
    expect(three.map((f) => f.bias)).toEqual(one.map((f) => f.bias));
    targets.forEach((y, j) => {
      const pos = y.filter((v) => v === 1).length;
      const wp = ((y.length - pos) / pos) ** SETTINGS.classWeightPower;
      const plain = trainBinarySvm(
        xs,
        y,
        Float64Array.from(y, (v) => (v === 1 ? wp : 1)),
        DIMS,
        { C: 1, tolerance: 0.01, maxPasses: 50, featureScale: nbRatios(xs, y, DIMS, 1) },
        mulberry32(seeds[j]!),
      );
      expect([...three[j]!.w]).toEqual([...plain.w]);
      expect(three[j]!.passes).toBe(plain.passes);
      expect(three[j]!.converged).toBe(plain.converged);
    });
    // Small work stays on the calling thread whatever the threads.
    expect(solveClasses({ xs, targets, seeds, dims: DIMS, settings: SETTINGS, threads: 3 }).every((f) => f.thread === threadId)).toBe(true);
    // Each class separates its own documents.
    one.forEach((f, j) => {
      const right = xs.filter((x, i) => Math.sign(f.bias + x.ids.reduce((s, id, k) => s + f.w[id]! * x.values[k]!, 0)) === targets[j]![i]).length;
      expect(right / xs.length).toBeGreaterThan(0.9);
    });
  });

  it('goes on solving on a helper while the caller does other work, and the caller then joins in', () => {
    const one = solveClasses({ xs, targets, seeds, dims: DIMS, settings: SETTINGS, threads: 1 });
    const pending = startClasses({ xs, targets, seeds, dims: DIMS, settings: SETTINGS, threads: 2, minWork: 0 });
    // The caller is busy elsewhere (the trainer's Adagrad epochs): it waits here until the helper has
    // finished a class on its own, without handing it any work.
    const control = new Int32Array(new SharedArrayBuffer(4));
    for (let waited = 0; pending.done() === 0 && waited < 30_000; waited += 10) Atomics.wait(control, 0, 0, 10);
    expect(pending.done()).toBeGreaterThan(0);
    const fits = pending.finish();
    expect(fits.some((f) => f.thread !== threadId)).toBe(true);
    expect(fits.map((f) => [...f.w])).toEqual(one.map((f) => [...f.w]));
    expect(fits.map((f) => f.bias)).toEqual(one.map((f) => f.bias));
    // Finishing twice returns the same fits (no second solve).
    expect(pending.finish()).toBe(fits);
  });

  it('without helpers (little work) solves everything in finish, on the calling thread', () => {
    const pending = startClasses({ xs, targets, seeds, dims: DIMS, settings: SETTINGS, threads: 2 });
    expect(pending.done()).toBe(0);
    expect(pending.finish().every((f) => f.thread === threadId)).toBe(true);
    expect(pending.done()).toBe(targets.length);
  });
});
