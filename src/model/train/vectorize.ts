// Stage 1, vectorize: each text → normalized → raw term-frequency vectors over the hashed n-gram
// buckets (one per feature block), exactly as prediction featurizes (../vectorize.ts). Done once per
// run; the idf weighting that depends on the training part comes in represent.ts. With many texts
// and a second thread, a helper thread (vectorize-worker.ts) takes the last part of them: the
// vectors are the same whichever thread makes them, and nothing else could use that core yet.
import { DEFAULT_PIPELINE, resolvePipelineConfig } from '../../text/config.js';
import { startThread } from '../../start-thread.js';
import type { PipelineConfig, SparseVector } from '../../text/types.js';
import { vectorizer } from '../vectorize.js';
import type { Vectorizer } from '../vectorize.js';
import { unpackRaw } from './raw-pack.js';
import type { VectorizeRequest, VectorizeResponse } from './vectorize-worker.js';

export interface VectorizeOptions {
  /** The pipeline to featurize with (DEFAULT_PIPELINE otherwise). */
  pipeline?: PipelineConfig | undefined;
  /** Overrides the pipeline's hash bits. */
  hashBits?: number | undefined;
  featureBlocks: 'joint' | 'word+char';
  /** Threads to use at most, the caller's included (default 1). */
  threads?: number | undefined;
  /** Texts from which a helper thread starts (default PARALLEL_MIN_TEXTS). */
  minTexts?: number | undefined;
}

export interface Vectorized {
  pipeline: PipelineConfig;
  vectorizer: Vectorizer;
  /** Per text, per feature block: raw tf counts. */
  raw: SparseVector[][];
}

/**
 * Below this many texts one thread is quicker than starting another (a thread starts in ~0.05 s
 * from the bundle, up to ~0.8 s from the TypeScript sources; 4,000 texts take ~1 s).
 */
export const PARALLEL_MIN_TEXTS = 4000;

/** The helper's share: a little under half, as the calling thread starts at once and the helper later. */
const HELPER_SHARE = 0.45;

export async function vectorizeTexts(texts: readonly string[], opts: VectorizeOptions): Promise<Vectorized> {
  const pipeline = pipelineFor(opts);
  const vec = vectorizer(pipeline, opts.featureBlocks);
  const split = (opts.threads ?? 1) > 1 && texts.length >= (opts.minTexts ?? PARALLEL_MIN_TEXTS) ? Math.ceil(texts.length * (1 - HELPER_SHARE)) : texts.length;
  const helper = split < texts.length ? startHelper({ pipeline, blocks: opts.featureBlocks, texts: texts.slice(split) }) : null;
  const raw = texts.slice(0, split).map((t) => vec.raw(t));
  if (helper !== null) {
    const rest = await helper;
    // A helper that failed (or could not start) leaves its share to this thread.
    for (const r of rest ?? texts.slice(split).map((t) => vec.raw(t))) raw.push(r);
  }
  return { pipeline, vectorizer: vec, raw };
}

/** The helper's vectors, or null if it failed. */
function startHelper(req: VectorizeRequest): Promise<SparseVector[][] | null> {
  const worker = startThread(new URL('./vectorize-worker.js', import.meta.url), req);
  return new Promise((resolve) => {
    worker.once('message', (m: VectorizeResponse) => {
      resolve('packed' in m ? unpackRaw(m.packed) : null);
      void worker.terminate();
    });
    worker.once('error', () => resolve(null));
    worker.once('exit', () => resolve(null));
  });
}

function pipelineFor(opts: VectorizeOptions): PipelineConfig {
  const base = opts.pipeline ?? DEFAULT_PIPELINE;
  if (opts.hashBits === undefined || opts.hashBits === base.features.hashBits) return base;
  return resolvePipelineConfig({ ...base, features: { ...base.features, hashBits: opts.hashBits } });
}
