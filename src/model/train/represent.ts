// Stage 2, representation: the model's input rows for one split. Today these are the tf-idf
// weighted, L2-normalized sparse n-grams over 2^hashBits buckets, with idf fitted on the training
// part only so validation scores stay honest (with self-training, the pseudo-labeled articles are
// part of the training part).
//
// The seam for learned representations: document vectors (e.g. averaged subword embeddings) join
// as extra input columns after the hash buckets — ids `buckets … buckets + dims - 1` appended to
// each row, `width` grown by `dims` — so every head below, SVM or Adagrad, treats them as features
// like any other, and the saved model stays one linear layer over [sparse | dense] inputs.
import type { SparseVector } from '../../text/types.js';
import { fitIdfMinDf, unionIds, weigh } from '../vectorize.js';

export interface RepresentOptions {
  /** Per example, per feature block: raw tf vectors (vectorize.ts). */
  raw: readonly SparseVector[][];
  train: readonly number[];
  val: readonly number[];
  /**
   * Unlabeled articles: weighted with the same idf, so self-training can score them. They do not
   * count for the idf: fitted on them too it scored lower (topics, 100 labels: −3.2 macro-F1 labels
   * alone, −1.1 with self-training), the buckets of words no label shows diluting each row.
   */
  corpus: readonly number[];
  hashBits: number;
  /** Buckets in fewer training documents get idf 0. */
  minDf: number;
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
  const idf = fitIdfMinDf(
    train.map((i) => unionIds(raw[i]!)),
    hashBits,
    opts.minDf,
  );
  const features = new Array<SparseVector>(raw.length);
  for (const i of [...train, ...val, ...opts.corpus]) features[i] = weigh(raw[i]!, idf);
  return { width: 2 ** hashBits, idf, features };
}
