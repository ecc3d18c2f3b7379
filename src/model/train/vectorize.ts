// Stage 1, vectorize: each example's text → normalized → raw term-frequency vectors over the hashed
// n-gram buckets (one per feature block), exactly as prediction featurizes (../vectorize.ts). Done
// once per run; the idf weighting that depends on the training part comes in represent.ts.
import { DEFAULT_PIPELINE, resolvePipelineConfig } from '../../text/config.js';
import type { PipelineConfig, SparseVector } from '../../text/types.js';
import { vectorizer } from '../vectorize.js';
import type { Vectorizer } from '../vectorize.js';
import type { TrainingExample } from '../types.js';

export interface VectorizeOptions {
  /** The pipeline to featurize with (DEFAULT_PIPELINE otherwise). */
  pipeline?: PipelineConfig | undefined;
  /** Overrides the pipeline's hash bits. */
  hashBits?: number | undefined;
  featureBlocks: 'joint' | 'word+char';
}

export interface Vectorized {
  pipeline: PipelineConfig;
  vectorizer: Vectorizer;
  /** Per example, per feature block: raw tf counts. */
  raw: SparseVector[][];
}

export function vectorizeExamples(examples: readonly TrainingExample[], opts: VectorizeOptions): Vectorized {
  const pipeline = pipelineFor(opts);
  const vec = vectorizer(pipeline, opts.featureBlocks);
  return { pipeline, vectorizer: vec, raw: examples.map((ex) => vec.raw(ex.text)) };
}

function pipelineFor(opts: VectorizeOptions): PipelineConfig {
  const base = opts.pipeline ?? DEFAULT_PIPELINE;
  if (opts.hashBits === undefined || opts.hashBits === base.features.hashBits) return base;
  return resolvePipelineConfig({ ...base, features: { ...base.features, hashBits: opts.hashBits } });
}
