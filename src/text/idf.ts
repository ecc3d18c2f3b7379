import type { SparseVector } from './types.js';

/** Smooth idf per bucket, fitted on training documents: ln((1 + N) / (1 + df)) + 1. */
export function fitIdf(docs: Iterable<SparseVector>, hashBits: number): Float32Array {
  const size = 2 ** hashBits;
  const df = new Uint32Array(size);
  let n = 0;
  for (const d of docs) {
    n++;
    const ids = d.ids;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      if (id < size) df[id]!++;
    }
  }
  const idf = new Float32Array(size);
  for (let i = 0; i < size; i++) idf[i] = Math.log((1 + n) / (1 + df[i]!)) + 1;
  return idf;
}

/** tf·idf, then L2-normalized; new arrays, the input is left as is. A zero vector stays zero. */
export function applyIdf(v: SparseVector, idf: Float32Array): SparseVector {
  const n = v.ids.length;
  const ids = new Uint32Array(v.ids);
  const values = new Float32Array(n);
  let sq = 0;
  for (let i = 0; i < n; i++) {
    const w = v.values[i]! * (idf[v.ids[i]!] ?? 1);
    values[i] = w;
    sq += w * w;
  }
  if (sq > 0) {
    const inv = 1 / Math.sqrt(sq);
    for (let i = 0; i < n; i++) values[i]! *= inv;
  }
  return { ids, values };
}
