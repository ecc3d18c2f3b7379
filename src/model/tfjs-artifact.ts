// The saved model is a real TF.js layers model: input = the tf-idf vector [buckets], one Dense
// output per head (softmax, or sigmoid for a multi-label topic head). The weights trained by the
// sparse JS optimizer are copied into the layers and saved as model.json + weights.bin in the
// layout of tfjs' own file:// handler, so `tf.loadLayersModel` (tfjs-node: 'file://…/model.json',
// or the handler below anywhere) reads it back.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LayersModel, io } from '@tensorflow/tfjs';
import type { Tf } from './backend.js';
import type { LinearWeights } from './linear.js';
import type { HeadSpec } from './types.js';

export const MODEL_FILE = 'model.json';
export const WEIGHTS_FILE = 'weights.bin';

/** A Keras-safe layer name for a head field (`stance:algeria` → `stance_algeria`). */
export function layerName(field: string): string {
  return field.replace(/[^A-Za-z0-9_]/g, '_');
}

export function buildLayersModel(tf: Tf, heads: readonly HeadSpec[], w: LinearWeights): LayersModel {
  const input = tf.input({ shape: [w.buckets], name: 'features' });
  const outputs = heads.map((h) =>
    tf.layers
      .dense({ units: h.labels.length, activation: h.kind, name: layerName(h.field), kernelInitializer: 'zeros' })
      .apply(input),
  );
  const model = tf.model({ inputs: input, outputs: outputs as ReturnType<typeof tf.input>[], name: 'mizan_linear' });
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
