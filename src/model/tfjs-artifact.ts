// The saved model is a real TF.js layers model: input = the tf-idf vector [buckets], one Dense
// output per head (softmax, or sigmoid for a multi-label topic head). The weights trained by the
// sparse JS optimizer are copied into the layers and saved as model.json + weights.bin in the
// layout of tfjs' own file:// handler, so `tf.loadLayersModel` (tfjs-node: 'file://…/model.json',
// or the handler below anywhere) reads it back.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LayersModel, io } from '@tensorflow/tfjs';
import type { Tf } from './backend.js';
import type { EmbeddingPart } from './embed/part.js';
import type { LinearWeights } from './linear.js';
import type { HeadSpec } from './types.js';

export const MODEL_FILE = 'model.json';
export const WEIGHTS_FILE = 'weights.bin';

/** A Keras-safe layer name for a head field (`stance:algeria` → `stance_algeria`). */
export function layerName(field: string): string {
  return field.replace(/[^A-Za-z0-9_]/g, '_');
}

/** The layer holding the embedding table: `embedding_bag` [rows] · table [rows × dim] = document vector. */
export const EMBEDDING_TABLE = 'embedding_table';

/** Name of a head's dense layer over the document vector. */
export function embeddingHeadName(field: string): string {
  return `${layerName(field)}_embedding`;
}

/**
 * Without an embedding part: input `features` [buckets], one Dense per head with its activation.
 * With one: a second input `embedding_bag` [rows] (the SIF weights of the document's word and
 * n-gram rows, embed/doc-vectors.ts), a bias-free Dense holding the table gives the document
 * vector, and per head the sparse Dense (linear) and a Dense over the document vector are added
 * before the head's activation.
 */
export function buildLayersModel(tf: Tf, heads: readonly HeadSpec[], w: LinearWeights, embedding?: EmbeddingPart): LayersModel {
  type Sym = ReturnType<typeof tf.input>;
  const input = tf.input({ shape: [w.buckets], name: 'features' });
  const e = embedding?.embedder;
  const bagInput = e === undefined ? null : tf.input({ shape: [e.vocab.rows], name: 'embedding_bag' });
  const docvec =
    bagInput === null ? null : (tf.layers.dense({ units: e!.dim, useBias: false, name: EMBEDDING_TABLE, kernelInitializer: 'zeros' }).apply(bagInput) as Sym);
  const outputs = heads.map((h) => {
    const sparse = tf.layers
      .dense({ units: h.labels.length, activation: docvec === null ? h.kind : 'linear', name: layerName(h.field), kernelInitializer: 'zeros' })
      .apply(input) as Sym;
    if (docvec === null) return sparse;
    const dense = tf.layers.dense({ units: h.labels.length, name: embeddingHeadName(h.field), kernelInitializer: 'zeros' }).apply(docvec) as Sym;
    const sum = tf.layers.add({ name: `${layerName(h.field)}_sum` }).apply([sparse, dense]) as Sym;
    return tf.layers.activation({ activation: h.kind, name: `${layerName(h.field)}_out` }).apply(sum) as Sym;
  });
  const model = tf.model({ inputs: bagInput === null ? input : [input, bagInput], outputs, name: 'mizan_linear' });
  if (embedding !== undefined) {
    model.getLayer(EMBEDDING_TABLE).setWeights([tf.tensor2d(embedding.embedder.table, [embedding.embedder.vocab.rows, embedding.embedder.dim])]);
    const hw = embedding.head;
    for (const h of heads) {
      const k = h.labels.length;
      const kernel = new Float32Array(embedding.embedder.dim * k);
      for (let r = 0; r < embedding.embedder.dim; r++) kernel.set(hw.kernel.subarray(r * hw.outputs + h.offset, r * hw.outputs + h.offset + k), r * k);
      model
        .getLayer(embeddingHeadName(h.field))
        .setWeights([tf.tensor2d(kernel, [embedding.embedder.dim, k]), tf.tensor1d(hw.bias.slice(h.offset, h.offset + k))]);
    }
  }
  for (const h of heads) {
    const k = h.labels.length;
    const kernel = new Float32Array(w.buckets * k);
    for (let r = 0; r < w.buckets; r++) {
      const from = r * w.outputs + h.offset;
      kernel.set(w.kernel.subarray(from, from + k), r * k);
    }
    const bias = w.bias.slice(h.offset, h.offset + k);
    const layer = model.getLayer(layerName(h.field));
    layer.setWeights([tf.tensor2d(kernel, [w.buckets, k]), tf.tensor1d(bias)]);
  }
  return model;
}

/** Saves through tfjs' serializer into `dir`/model.json + weights.bin. */
export async function saveLayersModel(tf: Tf, model: LayersModel, dir: string): Promise<void> {
  await model.save(
    tf.io.withSaveHandler(async (artifacts: io.ModelArtifacts) => {
      const data = artifacts.weightData;
      const buffers = data === undefined ? [] : Array.isArray(data) ? data : [data];
      await writeFile(join(dir, WEIGHTS_FILE), Buffer.concat(buffers.map((b) => Buffer.from(b))));
      const json = {
        modelTopology: artifacts.modelTopology,
        format: artifacts.format ?? 'layers-model',
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy ?? null,
        weightsManifest: [{ paths: [`./${WEIGHTS_FILE}`], weights: artifacts.weightSpecs ?? [] }],
      };
      await writeFile(join(dir, MODEL_FILE), JSON.stringify(json));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
}

/** An IOHandler reading model.json + weights.bin from a directory, for `tf.loadLayersModel`. */
export function fileHandler(dir: string): io.IOHandler {
  return {
    async load() {
      const json = JSON.parse(await readFile(join(dir, MODEL_FILE), 'utf8')) as io.ModelJSON;
      const manifest = json.weightsManifest;
      const specs = manifest.flatMap((g) => g.weights);
      const parts = await Promise.all(manifest.flatMap((g) => g.paths.map((p) => readFile(join(dir, p)))));
      const all = Buffer.concat(parts);
      return {
        modelTopology: json.modelTopology,
        format: json.format,
        weightSpecs: specs,
        weightData: all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength),
      };
    },
  };
}

export async function loadLayersModel(tf: Tf, dir: string): Promise<LayersModel> {
  return tf.loadLayersModel(fileHandler(dir));
}
