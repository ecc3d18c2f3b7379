// A model on disk: `<modelsDir>/<id>/` holds metadata.json, idf.bin and the TF.js layers model
// (model.json + weights.bin); `<modelsDir>/latest` is a symlink moved atomically by saveModel.
// loadModel reads the TF.js weights straight from weights.bin through the manifest in model.json,
// without starting TF.js, so the server and the TUI load a model in milliseconds.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { io } from '@tensorflow/tfjs';
import { PACKAGE_ROOT } from '../package-root.js';
import { isPipelineConfigError, resolvePipelineConfig } from '../text/pipeline.js';
import type { PipelineConfig } from '../text/types.js';
import { tfBackend } from './backend.js';
import type { BackendName } from './backend.js';
import { ModelCorruptError, ModelNotFoundError } from './errors.js';
import type { LinearWeights } from './linear.js';
import { buildLayersModel, EMBEDDING_TABLE, embeddingHeadName, layerName, MODEL_FILE, saveLayersModel, WEIGHTS_FILE } from './tfjs-artifact.js';
import { readVocabulary, writeVocabulary } from './embed/store.js';
import type { HeadSpec, NamedEntry } from './types.js';
import type { FeatureBlocks } from './vectorize.js';
import type { EmbeddingPart } from './embed/part.js';

export const METADATA_FILE = 'metadata.json';
export const IDF_FILE = 'idf.bin';
export const FORMAT = 'mizan-linear-v1';

export interface ModelMetadata {
  format: typeof FORMAT;
  /** The directory name under models/ and the version clients see. */
  id: string;
  createdAt: string;
  codebook: {
    version: number;
    multiLabel: boolean;
    topics: NamedEntry[];
    targets: (NamedEntry & { values: string[] })[];
    values?: NamedEntry[];
  };
  pipeline: PipelineConfig;
  /** How the pipeline's features are weighted (see vectorize.ts); absent means 'joint'. */
  featureBlocks?: FeatureBlocks;
  /** The label maps: each trained head's classes, in output order. */
  heads: HeadSpec[];
  idf: { file: string; length: number };
  tfjs: { modelFile: string; weightsFile: string };
  metrics: Record<string, unknown>;
  /**
   * The embedding part (embed/part.ts), when the model learned from the unlabeled corpus: the
   * vocabulary file, the table's shape (the `embedding_table` layer of the TF.js model), the SIF
   * weight, the subword hashing, the ensemble weight λ and the corpus the table came from.
   */
  embedding?: {
    vocabFile: string;
    words: number;
    rows: number;
    dim: number;
    sif: number;
    subwords: { minn: number; maxn: number; bucketBits: number };
    lambda: number;
    corpus: { hash: string; articles: number };
  };
  /**
   * Per head, the held-out confusion counts, so `mizan report` can correct classify-and-count
   * prevalence estimates. Keyed by HeadSpec.field: 'topics' for the topic head and
   * 'stance:<targetKey>' for each stance target. With --folds the counts are the pooled out-of-fold
   * predictions (every example once); absent when training had no validation split (validation 0),
   * and a head without validation examples is left out.
   */
  validationConfusion?: Record<string, HeadConfusion>;
  trainingSize: number;
  trainingHash: string;
  /** The TF.js backend that built and saved the layers model ('js' until saved). */
  backend: string;
  packages: Record<string, string>;
  training: {
    seed: number;
    epochs: number;
    bestEpoch: number;
    learningRate: number;
    l2: number;
    validationFraction: number;
    /** The saved weights were refitted on all examples after the validation split chose the epochs. */
    refit?: boolean;
    folds?: number;
    /** Which trainer fitted each head (absent: all Adagrad) and the SVM settings (see train.ts). */
    solver?: {
      heads: Record<string, 'svm' | 'adagrad' | 'svm+adagrad'>;
      svmWeight?: number;
      C?: number;
      tolerance?: number;
      nbAlpha?: number;
      classWeightPower?: number;
      temperatures?: Record<string, number>;
    };
  };
}

/** A head's confusion counts on held-out examples (see ModelMetadata.validationConfusion). */
export interface HeadConfusion {
  /** True for the multi-label (sigmoid) topic head: then `binary`, else `matrix`. */
  multiLabel: boolean;
  /** The codebook value keys (topic keys or stance values), in the head's output order. */
  values: string[];
  /** Validation examples of this head. */
  n: number;
  /** Single-label: k×k counts, rows = true value, columns = predicted value. */
  matrix?: number[][];
  /** Multi-label: per value [[tn, fp], [fn, tp]] of "has this value" (rows true, columns predicted). */
  binary?: [[number, number], [number, number]][];
}

export interface LoadedModel {
  /** Present when the model learned from the unlabeled corpus too (embed/part.ts). */
  embedding?: EmbeddingPart;
  id: string;
  /** '' for a model trained in memory and not saved yet. */
  dir: string;
  metadata: ModelMetadata;
  heads: HeadSpec[];
  weights: LinearWeights;
  idf: Float32Array;
  pipeline: PipelineConfig;
  featureBlocks: FeatureBlocks;
}

export async function loadModel(dir: string): Promise<LoadedModel> {
  try {
    if (!(await stat(dir)).isDirectory()) throw new ModelNotFoundError(dir);
  } catch (e) {
    if (e instanceof ModelNotFoundError) throw e;
    throw new ModelNotFoundError(dir);
  }
  const metaPath = join(dir, METADATA_FILE);
  const metadata = parseMetadata(metaPath, await readOrCorrupt(metaPath, 'is missing'));
  let pipeline: PipelineConfig;
  try {
    pipeline = resolvePipelineConfig(metadata.pipeline);
  } catch (e) {
    if (isPipelineConfigError(e)) throw new ModelCorruptError(metaPath, `pipeline: ${e.message}`);
    throw e;
  }
  const buckets = 2 ** pipeline.features.hashBits;

  const idfPath = join(dir, metadata.idf.file);
  const idfBytes = await readOrCorrupt(idfPath, 'is missing');
  if (idfBytes.byteLength !== buckets * 4 || metadata.idf.length !== buckets) {
    throw new ModelCorruptError(idfPath, `has ${idfBytes.byteLength} bytes, expected ${buckets * 4} (2^${pipeline.features.hashBits} float32)`);
  }
  const idf = floats(idfBytes);
  const views = await readWeightViews(dir, metadata);
  const weights = readWeights(join(dir, metadata.tfjs.modelFile), metadata, buckets, views);
  const featureBlocks = metadata.featureBlocks ?? 'joint';
  const embedding = metadata.embedding === undefined ? undefined : await readEmbedding(dir, metadata, pipeline, views, weights.outputs);
  return { id: metadata.id, dir, metadata, heads: metadata.heads, weights, idf, pipeline, featureBlocks, ...(embedding !== undefined ? { embedding } : {}) };
}

async function readOrCorrupt(path: string, problem: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch {
    throw new ModelCorruptError(path, problem);
  }
}

function parseMetadata(path: string, bytes: Buffer): ModelMetadata {
  let m: unknown;
  try {
    m = JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    throw new ModelCorruptError(path, `is not valid JSON (${(e as Error).message})`);
  }
  const bad = (what: string): never => {
    throw new ModelCorruptError(path, what);
  };
  if (typeof m !== 'object' || m === null) return bad('is not a JSON object');
  const o = m as Partial<ModelMetadata>;
  if (o.format !== FORMAT) bad(`format is ${JSON.stringify(o.format)}, expected "${FORMAT}"`);
  if (typeof o.id !== 'string' || o.id === '') bad('has no id');
  if (!Array.isArray(o.heads) || o.heads.length === 0) bad('has no heads');
  for (const h of o.heads!) {
    if (typeof h?.field !== 'string' || !Array.isArray(h.labels) || typeof h.offset !== 'number' || (h.kind !== 'softmax' && h.kind !== 'sigmoid')) {
      bad(`has a malformed head ${JSON.stringify(h)}`);
    }
  }
  if (typeof o.codebook?.version !== 'number') bad('has no codebook version');
  if (typeof o.idf?.file !== 'string' || typeof o.idf.length !== 'number') bad('has no idf reference');
  if (typeof o.tfjs?.modelFile !== 'string' || typeof o.tfjs.weightsFile !== 'string') bad('has no tfjs model reference');
  if (typeof o.pipeline !== 'object' || o.pipeline === null) bad('has no pipeline');
  if (o.featureBlocks !== undefined && o.featureBlocks !== 'joint' && o.featureBlocks !== 'word+char')
    bad(`has unknown featureBlocks ${JSON.stringify(o.featureBlocks)}`);
  return o as ModelMetadata;
}

/** The TF.js weights by name, via the manifest in model.json. */
async function readWeightViews(dir: string, metadata: ModelMetadata): Promise<Map<string, Float32Array>> {
  const jsonPath = join(dir, metadata.tfjs.modelFile);
  let json: io.ModelJSON;
  try {
    json = JSON.parse((await readOrCorrupt(jsonPath, 'is missing')).toString('utf8')) as io.ModelJSON;
  } catch (e) {
    if (e instanceof ModelCorruptError) throw e;
    throw new ModelCorruptError(jsonPath, `is not valid JSON (${(e as Error).message})`);
  }
  if (!Array.isArray(json.weightsManifest)) throw new ModelCorruptError(jsonPath, 'has no weightsManifest');
  const binPath = join(dir, metadata.tfjs.weightsFile);
  const bin = await readOrCorrupt(binPath, 'is missing');
  const specs = json.weightsManifest.flatMap((g) => g.weights);
  const views = new Map<string, Float32Array>();
  let offset = 0;
  for (const s of specs) {
    if (s.dtype !== 'float32') throw new ModelCorruptError(jsonPath, `weight ${s.name} has dtype ${s.dtype}, expected float32`);
    const n = s.shape.reduce((a, b) => a * b, 1);
    if (offset + n * 4 > bin.byteLength)
      throw new ModelCorruptError(binPath, `is truncated (${bin.byteLength} bytes, weight ${s.name} needs ${offset + n * 4})`);
    views.set(s.name, floats(bin.subarray(offset, offset + n * 4)));
    offset += n * 4;
  }
  if (offset !== bin.byteLength) throw new ModelCorruptError(binPath, `has ${bin.byteLength} bytes, the manifest describes ${offset}`);
  return views;
}

/** The sparse layers into the row-major [buckets × outputs] kernel of linear.ts. */
function readWeights(jsonPath: string, metadata: ModelMetadata, buckets: number, views: Map<string, Float32Array>): LinearWeights {
  const outputs = metadata.heads.reduce((n, h) => Math.max(n, h.offset + h.labels.length), 0);
  const kernel = new Float32Array(buckets * outputs);
  const bias = new Float32Array(outputs);
  for (const h of metadata.heads) {
    const k = h.labels.length;
    const name = layerName(h.field);
    const kv = views.get(`${name}/kernel`);
    const bv = views.get(`${name}/bias`);
    if (kv === undefined || bv === undefined) throw new ModelCorruptError(jsonPath, `has no weights for layer ${name}`);
    if (kv.length !== buckets * k || bv.length !== k)
      throw new ModelCorruptError(jsonPath, `layer ${name} has the wrong shape for ${buckets} buckets × ${k} classes`);
    for (let r = 0; r < buckets; r++) kernel.set(kv.subarray(r * k, r * k + k), r * outputs + h.offset);
    bias.set(bv, h.offset);
  }
  return { buckets, outputs, kernel, bias };
}

/** A Float32Array over little-endian bytes (copied when the buffer is not 4-byte aligned). */
function floats(b: Buffer): Float32Array {
  if (b.byteOffset % 4 === 0) return new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4);
  const copy = new Uint8Array(b.byteLength);
  copy.set(b);
  return new Float32Array(copy.buffer);
}

/** The embedding part: vocab.json, the table layer and each head's dense layer over the document vector. */
async function readEmbedding(
  dir: string,
  metadata: ModelMetadata,
  pipeline: PipelineConfig,
  views: Map<string, Float32Array>,
  outputs: number,
): Promise<EmbeddingPart> {
  const m = metadata.embedding!;
  const vocabPath = join(dir, m.vocabFile);
  let parsed: Awaited<ReturnType<typeof readVocabulary>>;
  try {
    parsed = await readVocabulary(dir);
  } catch (e) {
    throw new ModelCorruptError(vocabPath, `is unreadable (${(e as Error).message})`);
  }
  const jsonPath = join(dir, metadata.tfjs.modelFile);
  const table = views.get(`${EMBEDDING_TABLE}/kernel`);
  if (table === undefined || table.length !== parsed.vocab.rows * parsed.dim || parsed.vocab.rows !== m.rows) {
    throw new ModelCorruptError(jsonPath, `layer ${EMBEDDING_TABLE} is missing or not ${m.rows} × ${m.dim}`);
  }
  const kernel = new Float32Array(parsed.dim * outputs);
  const bias = new Float32Array(outputs);
  for (const h of metadata.heads) {
    const k = h.labels.length;
    const name = embeddingHeadName(h.field);
    const kv = views.get(`${name}/kernel`);
    const bv = views.get(`${name}/bias`);
    if (kv === undefined || bv === undefined || kv.length !== parsed.dim * k || bv.length !== k)
      throw new ModelCorruptError(jsonPath, `layer ${name} is missing or has the wrong shape`);
    for (let r = 0; r < parsed.dim; r++) kernel.set(kv.subarray(r * k, r * k + k), r * outputs + h.offset);
    bias.set(bv, h.offset);
  }
  return {
    embedder: { vocab: parsed.vocab, dim: parsed.dim, table, sif: parsed.sif, normalization: pipeline.normalize },
    head: { buckets: parsed.dim, outputs, kernel, bias },
    lambda: m.lambda,
    corpus: { ...m.corpus },
  };
}

export interface SaveOptions {
  backend?: BackendName;
  /** Move `<modelsDir>/latest` to the new model (default true). */
  moveLatest?: boolean;
  onBackend?: (name: BackendName) => void;
}

/**
 * Writes `<modelsDir>/<id>/` (complete in a temp dir first, then renamed into place) and moves the
 * `latest` symlink to it atomically: a new link under a temp name renamed over the old one.
 */
export async function saveModel(model: LoadedModel, modelsDir: string, opts: SaveOptions = {}): Promise<LoadedModel> {
  await mkdir(modelsDir, { recursive: true });
  const { tf, name: backend } = await tfBackend(opts.backend);
  opts.onBackend?.(backend);
  let id = model.id;
  for (let n = 2; await exists(join(modelsDir, id)); n++) id = `${model.id}-${n}`;
  const metadata: ModelMetadata = {
    ...model.metadata,
    id,
    backend,
    packages: { ...model.metadata.packages, ...(await packageVersions(tf)) },
  };
  const tmp = join(modelsDir, `.tmp-${id}-${randomBytes(4).toString('hex')}`);
  await mkdir(tmp);
  try {
    const layers = buildLayersModel(tf, model.heads, model.weights, model.embedding);
    try {
      await saveLayersModel(tf, layers, tmp);
    } finally {
      layers.dispose();
    }
    const idf = model.idf;
    await writeFile(join(tmp, IDF_FILE), new Uint8Array(idf.buffer, idf.byteOffset, idf.byteLength));
    if (model.embedding !== undefined) await writeVocabulary(tmp, model.embedding.embedder);
    await writeFile(join(tmp, METADATA_FILE), `${JSON.stringify(metadata, null, 2)}\n`);
    await rename(tmp, join(modelsDir, id));
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw e;
  }
  if (opts.moveLatest !== false) await pointLatest(modelsDir, id);
  return { ...model, id, dir: join(modelsDir, id), metadata };
}

export async function pointLatest(modelsDir: string, id: string): Promise<void> {
  const link = join(modelsDir, `.latest-${randomBytes(4).toString('hex')}`);
  await symlink(basename(id), link, 'dir'); // relative, so the models directory can move
  try {
    await rename(link, join(modelsDir, 'latest'));
  } catch (e) {
    await rm(link, { force: true });
    throw e;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

async function packageVersions(tf: { version: { [name: string]: string } }): Promise<Record<string, string>> {
  const out: Record<string, string> = { node: process.version };
  try {
    const pkg = JSON.parse(await readFile(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version?: string };
    if (pkg.version !== undefined) out['mizan'] = pkg.version;
  } catch {
    // Bundled or relocated: the version is informative only.
  }
  for (const [k, v] of Object.entries(tf.version)) out[k] = v;
  return out;
}

export { MODEL_FILE, WEIGHTS_FILE };
