// The first sample, before any model exists: diverse (no two picks alike) and representative (no
// outliers first). Greedy: each pick maximizes density × distance to the nearest earlier pick, over
// word tf-idf vectors (density.ts). Density here is the mean cosine similarity to a fixed random
// reference set.
import { density, wordVectors } from './density.js';

const REFERENCES = 100;

export interface ColdStartOptions {
  /** How many picks to order. */
  picks: number;
  seed: number;
  /** Called between picks so a caller can yield to its event loop. */
  pause?: () => Promise<void>;
}

/** Indices into `texts`, in the order to ask for them. */
export async function coldStartOrder(texts: readonly string[], opts: ColdStartOptions): Promise<number[]> {
  const n = texts.length;
  if (n === 0) return [];
  const vectors = await wordVectors(texts, opts.pause);
  const { similarities } = vectors;
  const typical = density(vectors, { references: REFERENCES, seed: opts.seed });
  // Distance to the nearest pick so far (1 - cosine); 1 before the first pick.
  const nearest = new Float32Array(n).fill(1);
  const taken = new Uint8Array(n);
  const order: number[] = [];
  const picks = Math.min(opts.picks, n);
  while (order.length < picks) {
    let best = -1;
    let bestScore = -Infinity;
    for (let j = 0; j < n; j++) {
      if (taken[j] === 1) continue;
      const score = (typical[j]! + 1e-6) * nearest[j]!;
      if (score > bestScore) {
        bestScore = score;
        best = j;
      }
    }
    taken[best] = 1;
    order.push(best);
    const s = similarities(best);
    for (let j = 0; j < n; j++) nearest[j] = Math.min(nearest[j]!, 1 - s[j]!);
    if (opts.pause !== undefined && order.length % 8 === 0) await opts.pause();
  }
  return order;
}
