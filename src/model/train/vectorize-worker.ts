// A helper thread of vectorize.ts: its share of the texts → raw vectors, sent back packed (the
// buffers transferred), or the error.
import { parentPort, workerData } from 'node:worker_threads';
import type { PipelineConfig } from '../../text/types.js';
import { vectorizer } from '../vectorize.js';
import type { FeatureBlocks } from '../vectorize.js';
import { packRaw, transferList } from './raw-pack.js';
import type { SparseRows } from '../sparse-rows.js';

export interface VectorizeRequest {
  pipeline: PipelineConfig;
  blocks: FeatureBlocks;
  texts: string[];
}

export type VectorizeResponse = { packed: SparseRows[] } | { error: string };

const req = workerData as VectorizeRequest;
const port = parentPort!;
try {
  const vec = vectorizer(req.pipeline, req.blocks);
  const raw = req.texts.map((t) => vec.raw(t));
  const packed = packRaw(raw, raw[0]?.length ?? 0);
  port.postMessage({ packed } satisfies VectorizeResponse, transferList(packed));
} catch (e) {
  port.postMessage({ error: e instanceof Error ? e.message : String(e) } satisfies VectorizeResponse);
}
