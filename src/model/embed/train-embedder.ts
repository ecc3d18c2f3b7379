// Corpus texts in, an Embedder out: tokens through the text pipeline, the vocabulary, skip-gram.
import type { NormalizeOptions } from '../../text/types.js';
import { TokenSpans } from '../../text/tokenize.js';
import type { Embedder } from './doc-vectors.js';
import { trainSkipgram } from './skipgram.js';
import type { SkipgramOptions } from './skipgram.js';
import { buildVocabulary, textTokens, wordRows } from './vocab.js';
import type { SubwordOptions } from './vocab.js';

export interface EmbedderOptions extends Omit<SkipgramOptions, 'onEpoch'> {
  minCount: number;
  maxWords: number;
  subwords: SubwordOptions;
  /** SIF weight a of a / (a + p(w)). */
  sif: number;
  normalization: NormalizeOptions;
  onEpoch?: SkipgramOptions['onEpoch'];
}

export const EMBED_DEFAULTS = {
  dim: 64,
  // One pass, window 3, 4 negatives: the settings bench/embed-cv.ts measured (the table is the slow
  // part of a cold `mizan train`, bench/history/2026-12-02-embed.md).
  window: 3,
  negatives: 4,
  epochs: 1,
  learningRate: 0.05,
  sample: 1e-4,
  minCount: 3,
  maxWords: 60_000,
  subwords: { minn: 3, maxn: 5, bucketBits: 17 },
  sif: 1e-3,
} as const;

export function trainEmbedder(texts: readonly string[], opts: EmbedderOptions): Embedder {
  const spans = new TokenSpans();
  const tokenized = texts.map((t) => textTokens(t, opts.normalization, spans));
  const vocab = buildVocabulary(tokenized, { minCount: opts.minCount, maxWords: opts.maxWords, subwords: opts.subwords });
  const docs = tokenized.map((d) => Int32Array.from(d, (w) => vocab.index.get(w) ?? -1));
  const rowsOf = vocab.words.map((w) => wordRows(vocab, w));
  const { input } = trainSkipgram(vocab, docs, rowsOf, opts);
  return { vocab, dim: opts.dim, table: input, sif: opts.sif, normalization: opts.normalization };
}
