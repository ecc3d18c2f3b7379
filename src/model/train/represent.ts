// Stage 2, representation: the model's input rows for one split. Today these are the tf-idf
// weighted, L2-normalized sparse n-grams over 2^hashBits buckets, with idf fitted on the training
// part only so validation scores stay honest.
//
// The seam for learned representations: document vectors (e.g. averaged subword embeddings) join
// as extra input columns after the hash buckets — ids `buckets … buckets + dims - 1` appended to
// each row, `width` grown by `dims` — so every head below, SVM or Adagrad, treats them as features
// like any other, and the saved model stays one linear layer over [sparse | dense] inputs.
import type { SparseVector } from '../../text/types.js';
import type { EncodedLabels } from '../heads.js';
import type { HeadSpec } from '../types.js';
import { fitIdfMinDf, unionIds, weigh } from '../vectorize.js';
import { chi2Keep } from './select.js';

export interface RepresentOptions {
  /** Per example, per feature block: raw tf vectors (vectorize.ts). */
  raw: readonly SparseVector[][];
  train: readonly number[];
  val: readonly number[];
  hashBits: number;
  /** Buckets in fewer training documents get idf 0. */
  minDf: number;
  /** Keep only the `keep` buckets with the best χ² against the training labels (select.ts). */
  chi2Keep?: number | undefined;
  labels: readonly EncodedLabels[];
  heads: readonly HeadSpec[];
}

export interface Representation {
  /** Input columns of the linear heads (the kernel's rows). */
  width: number;
  /** The idf table saved with the model (one float per hash bucket). */
  idf: Float32Array;
  /** Input rows of the split's examples (train and val indices set, others undefined). */
  features: SparseVector[];
}

export function represent(opts: RepresentOptions): Representation {
  const { raw, train, val, hashBits } = opts;
  const docs = train.map((i) => unionIds(raw[i]!));
  const idf = fitIdfMinDf(docs, hashBits, opts.minDf);
  if (opts.chi2Keep !== undefined) {
    const kept = chi2Keep(docs, train.map((i) => opts.labels[i]!), opts.heads, 2 ** hashBits, opts.chi2Keep);
    for (let d = 0; d < idf.length; d++) if (kept[d] === 0) idf[d] = 0;
  }
  const features: SparseVector[] = new Array(raw.length);
  for (const i of train) features[i] = weigh(raw[i]!, idf);
  for (const i of val) features[i] = weigh(raw[i]!, idf);
  return { width: 2 ** hashBits, idf, features };
}
