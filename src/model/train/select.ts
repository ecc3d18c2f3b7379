// Feature selection by χ² (as scikit-learn's SelectKBest(chi2) on binary occurrence): per head
// and class, the χ² statistic of "document contains bucket d" against "document is of the class",
// on the training part; a bucket's score is its best over every class of every head, and only the
// `keep` best buckets keep their idf (the others weigh 0, like min-df's cut).
import type { SparseVector } from '../../text/types.js';
import type { EncodedLabels } from '../heads.js';
import type { HeadSpec } from '../types.js';

export function chi2Keep(
  docs: readonly SparseVector[],
  labels: readonly EncodedLabels[],
  heads: readonly HeadSpec[],
  buckets: number,
  keep: number,
): Uint8Array {
  const score = new Float64Array(buckets);
  heads.forEach((h, hi) => {
    const k = h.labels.length;
    const inClass = Array.from({ length: k }, () => new Uint32Array(buckets));
    const df = new Uint32Array(buckets);
    const classSize = new Uint32Array(k);
    let n = 0;
    docs.forEach((x, i) => {
      const y = labels[i]![hi];
      if (y === null || y === undefined) return;
      n++;
      const classes = typeof y === 'number' ? [y] : Array.from(y.keys()).filter((j) => y[j] === 1);
      for (const j of classes) classSize[j]!++;
      for (let t = 0; t < x.ids.length; t++) {
        const d = x.ids[t]!;
        df[d]!++;
        for (const j of classes) inClass[j]![d]!++;
      }
    });
    for (let j = 0; j < k; j++) {
      const nc = classSize[j]!;
      if (nc === 0 || nc === n) continue;
      const a = inClass[j]!;
      for (let d = 0; d < buckets; d++) {
        const A = a[d]!;
        const B = df[d]! - A;
        const C = nc - A;
        const D = n - nc - B;
        const den = (A + B) * (C + D) * (A + C) * (B + D);
        if (den === 0) continue;
        const chi = (n * (A * D - B * C) ** 2) / den;
        if (chi > score[d]!) score[d] = chi;
      }
    }
  });
  const order = Array.from(score.keys()).filter((d) => score[d]! > 0);
  order.sort((x, y) => score[y]! - score[x]! || x - y);
  const kept = new Uint8Array(buckets);
  for (const d of order.slice(0, keep)) kept[d] = 1;
  return kept;
}
