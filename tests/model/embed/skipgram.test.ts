import { describe, expect, it } from 'vitest';
import { wordVector } from '../../../src/model/embed/doc-vectors.js';
import { mulberry32 } from '../../../src/model/train.js';
import { EMBED_DEFAULTS, trainEmbedder } from '../../../src/model/embed/train-embedder.js';
import { DEFAULT_PIPELINE } from '../../../src/text/config.js';

// Two worlds of words that never share a document (and no character n-gram longer than 2): inside a
// world the words co-occur in every document.
const SEA = ['بحر', 'موج', 'شاطئ', 'سفينة', 'قارب'];
const SKY = ['غيمة', 'نجوم', 'قمر', 'طائرة', 'شمس'];

function corpus(): string[] {
  const rng = mulberry32(5);
  const pick = (ws: string[]) => Array.from({ length: 12 }, () => ws[Math.floor(rng() * ws.length)]!).join(' ');
  return Array.from({ length: 200 }, (_, i) => pick(i % 2 === 0 ? SEA : SKY));
}

const OPTS = {
  ...EMBED_DEFAULTS,
  dim: 16,
  epochs: 5,
  minCount: 1,
  sample: 1, // a tiny corpus: subsampling would drop nearly every token
  subwords: { minn: 3, maxn: 4, bucketBits: 10 },
  seed: 3,
  normalization: DEFAULT_PIPELINE.normalize,
};

function cosine(a: Float64Array, b: Float64Array): number {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let k = 0; k < a.length; k++) {
    ab += a[k]! * b[k]!;
    aa += a[k]! * a[k]!;
    bb += b[k]! * b[k]!;
  }
  return ab / Math.sqrt(aa * bb);
}

describe('skip-gram embeddings', () => {
  it('put words that co-occur closer than words that never do', () => {
    const e = trainEmbedder(corpus(), OPTS);
    const v = (w: string) => wordVector(e, w);
    let within = 0;
    let across = 0;
    let n = 0;
    for (let i = 0; i < SEA.length; i++) {
      for (let j = 0; j < SEA.length; j++) {
        if (i === j) continue;
        within += cosine(v(SEA[i]!), v(SEA[j]!)) + cosine(v(SKY[i]!), v(SKY[j]!));
        across += cosine(v(SEA[i]!), v(SKY[j]!)) * 2;
        n += 2;
      }
    }
    expect(within / n).toBeGreaterThan(across / n + 0.3);
    // Every single pair, not only the mean.
    for (const a of SEA) for (const b of SEA) for (const c of SKY) if (a !== b) expect(cosine(v(a), v(b))).toBeGreaterThan(cosine(v(a), v(c)));
  });

  it('is deterministic for a seed and differs for another', () => {
    const a = trainEmbedder(corpus(), OPTS);
    const b = trainEmbedder(corpus(), OPTS);
    const c = trainEmbedder(corpus(), { ...OPTS, seed: 4 });
    expect(Buffer.from(a.table.buffer).equals(Buffer.from(b.table.buffer))).toBe(true);
    expect(Buffer.from(a.table.buffer).equals(Buffer.from(c.table.buffer))).toBe(false);
  });

  it('reports every epoch', () => {
    const seen: number[] = [];
    trainEmbedder(corpus(), { ...OPTS, epochs: 3, onEpoch: (e) => seen.push(e.epoch) });
    expect(seen).toEqual([1, 2, 3]);
  });
});
