// fastText-style skip-gram with negative sampling, in plain JS over Float32Arrays: for each centre
// word, its input vector (mean of its word and n-gram rows, vocab.ts) predicts the words of a
// random window around it against `negatives` words drawn from the unigram^0.75 table. Only the rows
// a step touches are updated (TF.js autograd would rebuild the dense gradient of the whole table
// each step: /work/shared/notes/tfjs.md). Single-threaded with a seeded generator, so the same
// corpus, vocabulary and options give the same table bit for bit.
import type { Vocabulary } from './vocab.js';

export interface SkipgramOptions {
  dim: number;
  window: number;
  negatives: number;
  epochs: number;
  learningRate: number;
  /** Frequent-word subsampling threshold (fastText's -t). */
  sample: number;
  seed: number;
  onEpoch?: (e: { epoch: number; epochs: number; loss: number; seconds: number }) => void;
}

export interface SkipgramTables {
  dim: number;
  /** [vocab.rows × dim]: word rows then n-gram buckets. */
  input: Float32Array;
}

const TABLE_SIZE = 1 << 22;

export function trainSkipgram(vocab: Vocabulary, docs: readonly Int32Array[], rowsOf: readonly Int32Array[], opts: SkipgramOptions): SkipgramTables {
  const { dim, window, negatives } = opts;
  const rng = xorshift(opts.seed);
  const input = new Float32Array(vocab.rows * dim);
  for (let i = 0; i < input.length; i++) input[i] = (rng() * 2 - 1) / dim;
  const output = new Float32Array(vocab.words.length * dim);
  const table = negativeTable(vocab.counts);
  const total = vocab.counts.reduce((a, b) => a + b, 0);
  const keep = Float64Array.from(vocab.counts, (c) => {
    const f = c / total;
    return Math.min(1, Math.sqrt(opts.sample / f) + opts.sample / f);
  });
  const tokens = docs.reduce((n, d) => n + d.length, 0);
  const planned = tokens * opts.epochs;
  const h = new Float32Array(dim);
  const grad = new Float32Array(dim);
  const sent = new Int32Array(docs.reduce((m, d) => Math.max(m, d.length), 0));
  let seen = 0;
  const started = performance.now();
  for (let e = 1; e <= opts.epochs; e++) {
    let loss = 0;
    let pairs = 0;
    for (const doc of docs) {
      // Subsampled copy of the document (frequent words dropped at random).
      let n = 0;
      for (let i = 0; i < doc.length; i++) {
        const w = doc[i]!;
        if (w >= 0 && rng() < keep[w]!) sent[n++] = w;
      }
      seen += doc.length;
      const lr = opts.learningRate * Math.max(1e-4, 1 - seen / planned);
      for (let i = 0; i < n; i++) {
        const rows = rowsOf[sent[i]!]!;
        const nr = rows.length;
        h.fill(0);
        for (let r = 0; r < nr; r++) {
          const base = rows[r]! * dim;
          for (let k = 0; k < dim; k++) h[k]! += input[base + k]!;
        }
        const inv = 1 / nr;
        for (let k = 0; k < dim; k++) h[k]! *= inv;
        grad.fill(0);
        const b = 1 + Math.floor(rng() * window);
        for (let j = Math.max(0, i - b); j <= Math.min(n - 1, i + b); j++) {
          if (j === i) continue;
          const target = sent[j]!;
          for (let s = 0; s <= negatives; s++) {
            let o: number;
            if (s === 0) o = target;
            else {
              o = table[Math.floor(rng() * TABLE_SIZE)]!;
              if (o === target) continue;
            }
            const ob = o * dim;
            let dot = 0;
            for (let k = 0; k < dim; k++) dot += h[k]! * output[ob + k]!;
            const label = s === 0 ? 1 : 0;
            const p = sigmoid(dot);
            loss -= label === 1 ? Math.log(p + 1e-10) : Math.log(1 - p + 1e-10);
            const g = lr * (label - p);
            for (let k = 0; k < dim; k++) {
              grad[k]! += g * output[ob + k]!;
              output[ob + k]! += g * h[k]!;
            }
          }
          pairs++;
        }
        for (let k = 0; k < dim; k++) grad[k]! *= inv;
        for (let r = 0; r < nr; r++) {
          const base = rows[r]! * dim;
          for (let k = 0; k < dim; k++) input[base + k]! += grad[k]!;
        }
      }
    }
    opts.onEpoch?.({ epoch: e, epochs: opts.epochs, loss: pairs === 0 ? 0 : loss / pairs, seconds: (performance.now() - started) / 1000 });
  }
  return { dim, input };
}

function sigmoid(x: number): number {
  if (x > 8) return 1;
  if (x < -8) return 0;
  return 1 / (1 + Math.exp(-x));
}

/** Word ids repeated in proportion to count^0.75 (word2vec's negative-sampling table). */
function negativeTable(counts: Float64Array): Int32Array {
  const table = new Int32Array(TABLE_SIZE);
  if (counts.length === 0) return table;
  let z = 0;
  for (const c of counts) z += c ** 0.75;
  let w = 0;
  let acc = counts[0]! ** 0.75 / z;
  for (let i = 0; i < TABLE_SIZE; i++) {
    table[i] = w;
    if ((i + 1) / TABLE_SIZE > acc && w < counts.length - 1) {
      w++;
      acc += counts[w]! ** 0.75 / z;
    }
  }
  return table;
}

/** xorshift32 in [0, 1): fast and seeded (the inner loop draws several numbers per pair). */
export function xorshift(seed: number): () => number {
  let x = seed | 0 || 0x9e3779b9;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}
