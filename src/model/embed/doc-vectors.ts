// Document vectors from the word/subword table: the SIF-weighted mean (Arora et al. 2017) of the
// document's word vectors, weight a / (a + p(w)) with p the word's corpus frequency (words outside
// the vocabulary count as rare). Linear in the table: docvec = bag · table, where bag spreads each
// token's weight over its rows. That is how the TF.js model computes it (an `embedding_bag` input
// and a bias-free Dense layer holding the table), and `bag` below is the one place that weighting
// is defined, for training, predict() and the saved model alike.
import { TokenSpans } from '../../text/tokenize.js';
import type { NormalizeOptions } from '../../text/types.js';
import { textTokens, wordRows } from './vocab.js';
import type { Vocabulary } from './vocab.js';

export interface Embedder {
  vocab: Vocabulary;
  dim: number;
  /** [vocab.rows × dim]. */
  table: Float32Array;
  sif: number;
  normalization: NormalizeOptions;
}

export interface Bag {
  rows: Int32Array;
  weights: Float32Array;
}

const spans = new TokenSpans();
const rowCache = new WeakMap<Vocabulary, Map<string, Int32Array>>();

function rowsFor(v: Vocabulary, w: string): Int32Array {
  let cache = rowCache.get(v);
  if (cache === undefined) rowCache.set(v, (cache = new Map<string, Int32Array>()));
  let r = cache.get(w);
  if (r === undefined) {
    r = wordRows(v, w);
    if (cache.size < 500_000) cache.set(w, r);
  }
  return r;
}

/** The document's rows and their weights (rows ascending, each once), summing to 1 over tokens with rows. */
export function bag(e: Pick<Embedder, 'vocab' | 'sif' | 'normalization'>, text: string): Bag {
  const v = e.vocab;
  const tokens = textTokens(text, e.normalization, spans);
  const total = totalCount(v);
  const acc = new Map<number, number>();
  let mass = 0;
  for (const w of tokens) {
    const rows = rowsFor(v, w);
    if (rows.length === 0) continue;
    const id = v.index.get(w);
    const p = id === undefined ? 0 : v.counts[id]! / total;
    const weight = e.sif / (e.sif + p);
    mass += weight;
    const share = weight / rows.length;
    for (let r = 0; r < rows.length; r++) acc.set(rows[r]!, (acc.get(rows[r]!) ?? 0) + share);
  }
  const ids = Int32Array.from(acc.keys()).sort();
  const weights = new Float32Array(ids.length);
  const inv = mass > 0 ? 1 / mass : 0;
  for (let i = 0; i < ids.length; i++) weights[i] = acc.get(ids[i]!)! * inv;
  return { rows: ids, weights };
}

const totals = new WeakMap<Vocabulary, number>();
function totalCount(v: Vocabulary): number {
  let t = totals.get(v);
  if (t === undefined) {
    t = v.counts.reduce((a, b) => a + b, 0) || 1;
    totals.set(v, t);
  }
  return t;
}

/** out = bag · table (float64 sums in ascending row order, as the float32 weights say). */
export function docVector(e: Pick<Embedder, 'dim' | 'table'>, b: Bag, out: Float64Array = new Float64Array(e.dim)): Float64Array {
  const d = e.dim;
  out.fill(0);
  for (let i = 0; i < b.rows.length; i++) {
    const w = b.weights[i]!;
    const base = b.rows[i]! * d;
    for (let k = 0; k < d; k++) out[k]! += w * e.table[base + k]!;
  }
  return out;
}

/** A word's vector: the mean of its rows (zero when it has none). */
export function wordVector(e: Pick<Embedder, 'vocab' | 'dim' | 'table'>, word: string): Float64Array {
  const rows = rowsFor(e.vocab, word);
  const out = new Float64Array(e.dim);
  for (let r = 0; r < rows.length; r++) {
    const base = rows[r]! * e.dim;
    for (let k = 0; k < e.dim; k++) out[k]! += e.table[base + k]! / rows.length;
  }
  return out;
}
