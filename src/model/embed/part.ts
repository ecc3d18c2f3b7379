// The embedding part of a model: the word/subword table learned from the whole corpus, the SIF
// document vector over it, and a dense head per output whose logits are added to the linear
// model's before the activation (an ensemble of the two: for a softmax head, softmax(z_lin + z_emb)
// is the normalized product p_lin · p_emb^λ, λ folded into the dense head).
//
// predict() does not build the document vector: z_emb = b + Σ_t w_t · mean_rows(table)·W is linear
// in the table, so at load each vocabulary word gets its logit contribution (table·W averaged over
// its rows, `outputs` numbers) and a document costs one lookup per token. The TF.js model computes
// the same through its layers (embedding_bag · table, then the dense head).
import type { LinearWeights } from '../linear.js';
import { bag, docVector } from './doc-vectors.js';
import type { Embedder } from './doc-vectors.js';
import { textTokens, wordRows } from './vocab.js';
import type { Vocabulary } from './vocab.js';
import { TokenSpans } from '../../text/tokenize.js';

export interface EmbeddingPart {
  embedder: Embedder;
  /** [dim × outputs], the ensemble weight λ already folded in. */
  head: LinearWeights;
  lambda: number;
  /** The corpus the table was learned from (the cache key). */
  corpus: { hash: string; articles: number };
}

/**
 * What prediction needs of the part (plain data: prediction threads get a structured clone, without
 * the table): per-row logit contributions table·W and, per vocabulary word, their mean over its rows.
 */
export interface EmbeddingInference {
  vocab: Vocabulary;
  normalization: Embedder['normalization'];
  bias: Float32Array;
  outputs: number;
  /** [rows × outputs]. */
  rows: Float32Array;
  /** Vocabulary words: mean of their rows' contributions, [words × outputs]. */
  words: Float32Array;
  /** SIF weight of each vocabulary word. */
  sif: Float32Array;
}

const projected = new WeakMap<EmbeddingPart, EmbeddingInference>();
const oovCache = new WeakMap<EmbeddingInference, Map<string, { z: Float32Array; none: boolean }>>();

export function embeddingInference(part: EmbeddingPart): EmbeddingInference {
  let p = projected.get(part);
  if (p !== undefined) return p;
  const { embedder: e, head } = part;
  const c = head.outputs;
  const d = e.dim;
  const rows = new Float32Array(e.vocab.rows * c);
  for (let r = 0; r < e.vocab.rows; r++) {
    for (let j = 0; j < c; j++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += e.table[r * d + k]! * head.kernel[k * c + j]!;
      rows[r * c + j] = s;
    }
  }
  const v = e.vocab;
  const words = new Float32Array(v.words.length * c);
  const total = v.counts.reduce((a, b) => a + b, 0) || 1;
  const sif = Float32Array.from(v.counts, (n) => e.sif / (e.sif + n / total));
  v.words.forEach((w, i) => meanRows(rows, c, wordRows(v, w), words.subarray(i * c, i * c + c)));
  p = { vocab: v, normalization: e.normalization, bias: Float32Array.from(head.bias), outputs: c, rows, words, sif };
  projected.set(part, p);
  return p;
}

function meanRows(rows: Float32Array, c: number, ids: Int32Array, out: Float32Array): void {
  const acc = new Float64Array(c);
  for (let r = 0; r < ids.length; r++) for (let j = 0; j < c; j++) acc[j]! += rows[ids[r]! * c + j]!;
  for (let j = 0; j < c; j++) out[j] = ids.length === 0 ? 0 : acc[j]! / ids.length;
}

const spans = new TokenSpans();

/** z[0 … outputs) += the embedding part's logits for `text`. */
export function addEmbeddingLogits(p: EmbeddingInference, text: string, z: Float64Array): void {
  const v = p.vocab;
  const c = p.outputs;
  let oov = oovCache.get(p);
  if (oov === undefined) oovCache.set(p, (oov = new Map<string, { z: Float32Array; none: boolean }>()));
  const tokens = textTokens(text, p.normalization, spans);
  const acc = new Float64Array(c);
  let mass = 0;
  for (const w of tokens) {
    const id = v.index.get(w);
    if (id !== undefined) {
      const s = p.sif[id]!;
      mass += s;
      const base = id * c;
      for (let j = 0; j < c; j++) acc[j]! += s * p.words[base + j]!;
      continue;
    }
    let o = oov.get(w);
    if (o === undefined) {
      const ids = wordRows(v, w);
      o = { z: new Float32Array(c), none: ids.length === 0 };
      meanRows(p.rows, c, ids, o.z);
      if (oov.size < 200_000) oov.set(w, o);
    }
    if (o.none) continue;
    mass += 1; // outside the vocabulary: a rare word, SIF weight a / (a + 0)
    for (let j = 0; j < c; j++) acc[j]! += o.z[j]!;
  }
  const inv = mass > 0 ? 1 / mass : 0;
  for (let j = 0; j < c; j++) z[j]! += p.bias[j]! + acc[j]! * inv;
}

/** The document vector of `text` (training the dense head; the TF.js model's intermediate). */
export function documentVector(e: Embedder, text: string): Float64Array {
  return docVector(e, bag(e, text));
}
