// Adds the embedding part to a trained linear model: the dense head is fitted on the document
// vectors of the same examples and heads, scaled by λ (the ensemble weight chosen in
// bench/embed-cv.ts), and kept beside the linear weights. The linear model is not changed, so a
// model without the part is exactly the labels-only model.
import type { LoadedModel } from '../io.js';
import { encodeLabels } from '../heads.js';
import { mulberry32 } from '../train.js';
import type { TrainingExample } from '../types.js';
import { DENSE_HEAD_DEFAULTS, fitDenseHeads } from './dense-head.js';
import type { Embedder } from './doc-vectors.js';
import { documentVector } from './part.js';
import type { EmbeddingPart } from './part.js';

export const ENSEMBLE_DEFAULTS = { lambda: 0.5 } as const;

export interface AttachOptions {
  embedder: Embedder;
  corpus: { hash: string; articles: number };
  seed: number;
  lambda?: number;
}

export function attachEmbedding(model: LoadedModel, examples: readonly TrainingExample[], opts: AttachOptions): LoadedModel {
  const heads = model.heads;
  const vectors = examples.map((ex) => documentVector(opts.embedder, ex.text));
  const labels = examples.map((ex) => encodeLabels(ex, heads));
  const head = fitDenseHeads(
    vectors,
    labels,
    heads,
    vectors.map((_, i) => i),
    { ...DENSE_HEAD_DEFAULTS, rng: mulberry32(opts.seed ^ 0x2545f491) },
  );
  const lambda = opts.lambda ?? ENSEMBLE_DEFAULTS.lambda;
  for (let i = 0; i < head.kernel.length; i++) head.kernel[i]! *= lambda;
  for (let j = 0; j < head.bias.length; j++) head.bias[j]! *= lambda;
  const embedding: EmbeddingPart = { embedder: opts.embedder, head, lambda, corpus: opts.corpus };
  const e = opts.embedder;
  return {
    ...model,
    embedding,
    metadata: {
      ...model.metadata,
      embedding: {
        vocabFile: 'vocab.json',
        words: e.vocab.words.length,
        rows: e.vocab.rows,
        dim: e.dim,
        sif: e.sif,
        subwords: { ...e.vocab.subwords },
        lambda,
        corpus: { ...opts.corpus },
      },
    },
  };
}
