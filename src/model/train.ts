// Training without a database: examples and a codebook in, an in-memory model (usable by predict and
// saveModel) and a report out. Deterministic given `seed`: the split, the shuffles and the folds
// all come from one seeded generator, and the arithmetic is plain JS in a fixed order.
import { createHash } from 'node:crypto';
import { DEFAULT_PIPELINE, resolvePipelineConfig } from '../text/config.js';
import type { PipelineConfig, SparseVector } from '../text/types.js';
import { emptyPairs, headReport, pooledStanceMeanF1, selectionScore } from './evaluate.js';
import type { HeadPairs } from './evaluate.js';
import { encodeLabels, planHeads } from './heads.js';
import type { EncodedLabels } from './heads.js';
import type { LoadedModel, ModelMetadata } from './io.js';
import { activate, argmaxHead, logits, zeroWeights } from './linear.js';
import type { LinearWeights } from './linear.js';
import { currentWeights, epoch, newState } from './sgd.js';
import { fitSvmHead, fitTemperature, scaleHead } from './svm-heads.js';
import { fitIdfMinDf, unionIds, vectorizer, weigh } from './vectorize.js';
import type { CodebookSpec, EpochReport, HeadSpec, Solver, TrainOptions, TrainReport, TrainingExample } from './types.js';

// Chosen on fold 0 of the shared topic and Mawqif folds (bench/RESULTS.md, "Model design measurements").
export const DEFAULTS = {
  epochs: 20,
  learningRate: 0.1,
  l2: 1e-3,
  patience: 3,
  /** Class weight = (n / (k · count))^power: 1 is "balanced", 0 is none. */
  classWeightPower: 0.5,
  featureBlocks: 'joint',
  average: false,
  refit: true,
  minDf: 2,
  /**
   * Topic head: Adagrad softmax/sigmoid plus 8 × the one-vs-rest NB-SVM margins (bench/RESULTS.md,
   * "Model vs peers": 90.17 vs 90.07 NB-SVM alone and 89.42 Adagrad alone, 5-fold); stance heads:
   * Adagrad (an SVM stance head scored 73.81 vs 74.26 on Mawqif).
   */
  solver: 'svm+adagrad',
  stanceSolver: 'adagrad',
  C: 1,
  tolerance: 0.1,
  /** Most SVM passes when `epochs` is not given. */
  svmPasses: 20,
  svmClassWeightPower: 0,
  nbAlpha: 1,
  /** 'svm+adagrad' heads: the SVM margins' weight added to the Adagrad logits. */
  svmWeight: 8,
  /** Margin temperature of an SVM head when no validation split chose one. */
  temperature: 4,
} as const satisfies Record<string, unknown> & { solver: Solver; stanceSolver: Solver };

export async function trainModel(
  examples: TrainingExample[],
  codebook: CodebookSpec,
  opts: TrainOptions,
): Promise<{ model: LoadedModel; report: TrainReport }> {
  const started = performance.now();
  const pipeline = pipelineFor(opts);
  const plan = planHeads(examples, codebook);
  const heads = plan.heads;
  const labels = examples.map((ex) => encodeLabels(ex, heads));
  const vec = vectorizer(pipeline, opts.featureBlocks ?? DEFAULTS.featureBlocks);
  const raw = examples.map((ex) => vec.raw(ex.text));
  const rng = mulberry32(opts.seed);
  const strata = examples.map((ex) => stratum(ex));
  const epochs = opts.epochs > 0 ? opts.epochs : DEFAULTS.epochs;

  let report: TrainReport;
  let weights: LinearWeights;
  let idf: Float32Array;
  let temperatures: Record<string, number>;
  if (opts.folds !== undefined && opts.folds > 1) {
    const fold = stratifiedFolds(strata, opts.folds, rng);
    const foldReports: Omit<TrainReport, 'folds'>[] = [];
    const pooled = emptyPairs(heads);
    const bestEpochs: number[] = [];
    const foldTemperatures: Record<string, number>[] = [];
    for (let f = 0; f < opts.folds; f++) {
      const train = indices(fold, (k) => k !== f);
      const val = indices(fold, (k) => k === f);
      const run = fitSplit(raw, labels, heads, train, val, pipeline, epochs, opts, rng, { fold: f });
      foldReports.push(summarize(run.pairs, run.epochs, run.bestEpoch, train.length, val.length, plan.unseen, started));
      bestEpochs.push(run.bestEpoch);
      foldTemperatures.push(run.temperatures);
      run.pairs.forEach((p, h) => appendPairs(pooled[h]!, p));
    }
    // The delivered model sees every example, for the median number of epochs the folds chose.
    const finalEpochs = Math.max(1, median(bestEpochs));
    const all = Array.from(examples.keys());
    const temps = Object.fromEntries(Object.keys(foldTemperatures[0] ?? {}).map((k) => [k, median(foldTemperatures.map((t) => t[k]!))]));
    const final = fitSplit(raw, labels, heads, all, [], pipeline, finalEpochs, { ...opts, patience: Infinity }, rng, { refit: true }, temps);
    weights = final.weights;
    idf = final.idf;
    temperatures = final.temperatures;
    report = { ...summarize(pooled, final.epochs, finalEpochs, examples.length, examples.length, plan.unseen, started), folds: foldReports };
  } else {
    const fraction = opts.validationFraction;
    const { train, val } = stratifiedSplit(strata, fraction, rng);
    const run = fitSplit(raw, labels, heads, train, val, pipeline, epochs, opts, rng, {});
    report = summarize(run.pairs, run.epochs, run.bestEpoch, train.length, val.length, plan.unseen, started);
    if ((opts.refit ?? DEFAULTS.refit) && val.length > 0) {
      // The validation split chose the number of epochs; the delivered model then learns from every
      // example for that many (measured: +0.5-0.7 macro-F1 points on the topic corpus). The report
      // stays the honest held-out one.
      const all = Array.from(examples.keys());
      const final = fitSplit(raw, labels, heads, all, [], pipeline, Math.max(1, run.bestEpoch), opts, rng, { refit: true }, run.temperatures);
      weights = final.weights;
      idf = final.idf;
      temperatures = final.temperatures;
      report = { ...report, seconds: (performance.now() - started) / 1000 };
    } else {
      weights = run.weights;
      idf = run.idf;
      temperatures = run.temperatures;
    }
  }

  const createdAt = new Date();
  const trainingHash = hashTraining(examples);
  const metadata: ModelMetadata = {
    format: 'mizan-linear-v1',
    id: modelId(createdAt, trainingHash, opts.seed),
    createdAt: createdAt.toISOString(),
    codebook: {
      version: codebook.version,
      multiLabel: codebook.multiLabel,
      topics: codebook.topics.map((t) => ({ key: t.key, ...(t.name !== undefined ? { name: t.name } : {}), ...(t.aliases !== undefined ? { aliases: [...t.aliases] } : {}) })),
      targets: codebook.targets.map((t) => ({ key: t.key, values: [...t.values], ...(t.name !== undefined ? { name: t.name } : {}), ...(t.aliases !== undefined ? { aliases: [...t.aliases] } : {}) })),
      ...(codebook.values !== undefined ? { values: codebook.values.map((v) => ({ ...v })) } : {}),
    },
    pipeline,
    featureBlocks: vec.blocks,
    heads,
    idf: { file: 'idf.bin', length: idf.length },
    tfjs: { modelFile: 'model.json', weightsFile: 'weights.bin' },
    metrics: metricsSummary(report),
    trainingSize: examples.length,
    trainingHash,
    backend: 'js',
    packages: {},
    training: {
      seed: opts.seed,
      epochs,
      bestEpoch: report.bestEpoch,
      learningRate: opts.learningRate ?? DEFAULTS.learningRate,
      l2: opts.l2 ?? DEFAULTS.l2,
      validationFraction: opts.validationFraction,
      refit: (opts.refit ?? DEFAULTS.refit) && !(opts.folds !== undefined && opts.folds > 1) && report.validationSize > 0,
      ...(opts.folds !== undefined && opts.folds > 1 ? { folds: opts.folds } : {}),
      solver: {
        heads: Object.fromEntries(heads.map((h) => [h.field, solverOf(h, opts)])),
        ...(heads.some((h) => solverOf(h, opts) === 'svm+adagrad') ? { svmWeight: opts.svmWeight ?? DEFAULTS.svmWeight } : {}),
        ...(heads.some((h) => solverOf(h, opts) !== 'adagrad')
          ? {
              C: opts.C ?? DEFAULTS.C,
              tolerance: opts.tolerance ?? DEFAULTS.tolerance,
              nbAlpha: opts.nbAlpha ?? DEFAULTS.nbAlpha,
              classWeightPower: opts.classWeightPower ?? DEFAULTS.svmClassWeightPower,
              temperatures,
            }
          : {}),
      },
    },
  };
  return { model: { id: metadata.id, dir: '', metadata, heads, weights, idf, pipeline, featureBlocks: vec.blocks }, report };
}

function pipelineFor(opts: TrainOptions): PipelineConfig {
  const base = opts.pipeline ?? DEFAULT_PIPELINE;
  if (opts.hashBits === undefined || opts.hashBits === base.features.hashBits) return base;
  return resolvePipelineConfig({ ...base, features: { ...base.features, hashBits: opts.hashBits } });
}

interface FitResult {
  weights: LinearWeights;
  idf: Float32Array;
  epochs: EpochReport[];
  bestEpoch: number;
  pairs: HeadPairs[];
  /** Per SVM head: the temperature of its margins (chosen on validation when there is one). */
  temperatures: Record<string, number>;
}

function fitSplit(
  raw: readonly SparseVector[][],
  labels: readonly EncodedLabels[],
  heads: readonly HeadSpec[],
  train: number[],
  val: number[],
  pipeline: PipelineConfig,
  maxEpochs: number,
  opts: TrainOptions,
  rng: () => number,
  tag: { fold?: number; refit?: boolean },
  fixedTemperatures?: Record<string, number>,
): FitResult {
  const buckets = 2 ** pipeline.features.hashBits;
  // idf from the training part only, so validation scores are honest.
  const idf = fitIdfMinDf(train.map((i) => unionIds(raw[i]!)), pipeline.features.hashBits, opts.minDf ?? DEFAULTS.minDf);
  const features = new Array<SparseVector>(raw.length);
  for (const i of train) features[i] = weigh(raw[i]!, idf);
  for (const i of val) features[i] = weigh(raw[i]!, idf);
  const outputs = heads.reduce((n, h) => n + h.labels.length, 0);
  const state = newState(buckets, outputs, opts.average ?? DEFAULTS.average);
  const power = opts.classWeightPower ?? DEFAULTS.classWeightPower;
  const reports: EpochReport[] = [];

  // SVM heads first: each is fitted once, to its tolerance, into its own kernel columns, which the
  // Adagrad epochs below never touch. An 'svm+adagrad' head gets its SVM margins on the side; they
  // are added to its Adagrad logits once the epochs are done (two linear models summed are one).
  const svmIdx = heads.flatMap((h, hi) => (solverOf(h, opts) !== 'adagrad' ? [hi] : []));
  const pureSvm = svmIdx.filter((hi) => solverOf(heads[hi]!, opts) === 'svm');
  const side = svmIdx.length > pureSvm.length ? zeroWeights(buckets, outputs) : null;
  const temperatures: Record<string, number> = {};
  const z = new Float64Array(outputs);
  const temperatureOf = (w: LinearWeights, hi: number): number => {
    const h = heads[hi]!;
    const held = val.filter((i) => labels[i]![hi] !== null && labels[i]![hi] !== undefined);
    const margins = held.map((i) => {
      logits(w, features[i]!, z);
      return z.slice(h.offset, h.offset + h.labels.length);
    });
    // Without held-out labels: raw SVM margins (about ±1) need sharpening; summed logits already carry
    // the Adagrad model's calibrated scale.
    const fallback = solverOf(h, opts) === 'svm' ? (opts.temperature ?? DEFAULTS.temperature) : 1;
    return fixedTemperatures?.[h.field] ?? fitTemperature(h, margins, held.map((i) => labels[i]![hi]!)) ?? fallback;
  };
  if (svmIdx.length > 0) {
    const svmOpts = {
      C: opts.C ?? DEFAULTS.C,
      tolerance: opts.tolerance ?? DEFAULTS.tolerance,
      maxPasses: opts.epochs > 0 ? opts.epochs : DEFAULTS.svmPasses,
      classWeightPower: opts.classWeightPower ?? DEFAULTS.svmClassWeightPower,
      nbAlpha: opts.nbAlpha ?? DEFAULTS.nbAlpha,
    };
    let passes = 0;
    let loss = 0;
    for (const hi of svmIdx) {
      const h = heads[hi]!;
      const into = solverOf(h, opts) === 'svm' ? state.weights : side!;
      const fit = fitSvmHead(into, h, hi, features, labels, train, svmOpts, rng);
      passes = Math.max(passes, fit.passes);
      loss += fit.loss / svmIdx.length;
      if (into !== state.weights) continue;
      const t = temperatureOf(state.weights, hi);
      scaleHead(state.weights, h, t);
      temperatures[h.field] = t;
    }
    if (pureSvm.length === heads.length) {
      const pairs = collectPairs(state.weights, heads, features, labels, val);
      const score = val.length === 0 ? 0 : selectionScore(pairs.map(headReport));
      const rep: EpochReport = { epoch: passes, loss, validationMacroF1: score };
      reports.push(rep);
      opts.onEpoch?.({ ...rep, ...tag });
      return { weights: state.weights, idf, epochs: reports, bestEpoch: passes, pairs, temperatures };
    }
  }

  const adaIdx = heads.flatMap((_, hi) => (pureSvm.includes(hi) ? [] : [hi]));
  const adaHeads = adaIdx.map((hi) => heads[hi]!);
  const adaLabels = pureSvm.length === 0 ? labels : labels.map((l) => adaIdx.map((hi) => l[hi]!));
  const classWeights = adaIdx.map((hi) => classWeightsFor(heads[hi]!, train.map((i) => labels[i]![hi]!), power));
  const sgd = { learningRate: opts.learningRate ?? DEFAULTS.learningRate, l2: opts.l2 ?? DEFAULTS.l2 };
  const patience = opts.patience ?? DEFAULTS.patience;
  const order = Int32Array.from(train);
  let best = { score: -Infinity, epoch: 0, kernel: null as Float32Array | null, bias: null as Float32Array | null };
  for (let e = 1; e <= maxEpochs; e++) {
    shuffle(order, rng);
    const loss = epoch(state, adaHeads, classWeights, features, adaLabels, order, sgd);
    const now = currentWeights(state);
    const pairs = val.length > 0 ? collectPairs(now, heads, features, labels, val) : null;
    const score = pairs === null ? 0 : selectionScore(pairs.map(headReport));
    const rep: EpochReport = { epoch: e, loss, validationMacroF1: score };
    reports.push(rep);
    opts.onEpoch?.({ ...rep, ...tag });
    if (val.length === 0) {
      best = { score, epoch: e, kernel: now.kernel, bias: now.bias };
      continue;
    }
    if (score > best.score) {
      // A copy only on improvement: the kernel is a few MB to tens of MB.
      best = { score, epoch: e, kernel: now === state.weights ? now.kernel.slice() : now.kernel, bias: now === state.weights ? now.bias.slice() : now.bias };
    } else if (e - best.epoch >= patience) {
      break;
    }
  }
  const weights: LinearWeights =
    best.kernel === null ? currentWeights(state) : { ...state.weights, kernel: best.kernel, bias: best.bias! };
  if (side !== null) {
    const lambda = opts.svmWeight ?? DEFAULTS.svmWeight;
    for (const hi of svmIdx) {
      const h = heads[hi]!;
      if (solverOf(h, opts) !== 'svm+adagrad') continue;
      addHead(weights, side, h, lambda);
      const t = temperatureOf(weights, hi);
      scaleHead(weights, h, t);
      temperatures[h.field] = t;
    }
  }
  const pairs = collectPairs(weights, heads, features, labels, val);
  return { weights, idf, epochs: reports, bestEpoch: best.epoch, pairs, temperatures };
}

/** w[head columns] += λ · from[head columns]. */
function addHead(w: LinearWeights, from: LinearWeights, h: HeadSpec, lambda: number): void {
  const c = w.outputs;
  const end = h.offset + h.labels.length;
  for (let r = 0; r < w.buckets; r++) {
    const base = r * c;
    for (let j = h.offset; j < end; j++) w.kernel[base + j]! += lambda * from.kernel[base + j]!;
  }
  for (let j = h.offset; j < end; j++) w.bias[j]! += lambda * from.bias[j]!;
}

function solverOf(h: HeadSpec, opts: TrainOptions): Solver {
  return h.field === 'topics' ? (opts.solver ?? DEFAULTS.solver) : (opts.stanceSolver ?? DEFAULTS.stanceSolver);
}

function collectPairs(
  w: LinearWeights,
  heads: readonly HeadSpec[],
  features: readonly SparseVector[],
  labels: readonly EncodedLabels[],
  idx: readonly number[],
): HeadPairs[] {
  const out = emptyPairs(heads);
  const z = new Float64Array(w.outputs);
  const p = new Float64Array(w.outputs);
  for (const i of idx) {
    logits(w, features[i]!, z);
    heads.forEach((h, hi) => {
      const y = labels[i]![hi];
      if (y === null || y === undefined) return;
      activate(h, z, p);
      const pairs = out[hi]!;
      if (typeof y === 'number') {
        pairs.truth.push(y);
        pairs.predicted.push(argmaxHead(h, p));
      } else {
        pairs.truthSets.push(y);
        pairs.predictedSets.push(multiHot(h, p));
      }
    });
  }
  return out;
}

/** Sigmoid heads: every topic over 0.5, and at least the best one (an article has some topic). */
export function multiHot(h: HeadSpec, p: Float64Array): Uint8Array {
  const y = new Uint8Array(h.labels.length);
  for (let j = 0; j < y.length; j++) if (p[h.offset + j]! >= 0.5) y[j] = 1;
  if (!y.includes(1) && y.length > 0) y[argmaxHead(h, p)] = 1;
  return y;
}

function appendPairs(into: HeadPairs, from: HeadPairs): void {
  into.truth.push(...from.truth);
  into.predicted.push(...from.predicted);
  into.truthSets.push(...from.truthSets);
  into.predictedSets.push(...from.predictedSets);
}

function classWeightsFor(h: HeadSpec, ys: readonly (number | Uint8Array | null)[], power: number): Float64Array {
  const k = h.labels.length;
  const count = new Float64Array(k);
  let n = 0;
  for (const y of ys) {
    if (y === null) continue;
    n++;
    if (typeof y === 'number') count[y]!++;
    else for (let j = 0; j < k; j++) count[j]! += y[j]!;
  }
  const seen = count.filter((c) => c > 0).length;
  const w = new Float64Array(k).fill(1);
  for (let j = 0; j < k; j++) {
    if (count[j]! > 0) w[j] = (n / (seen * count[j]!)) ** power;
  }
  return w;
}

function summarize(
  pairs: HeadPairs[],
  epochs: EpochReport[],
  bestEpoch: number,
  trainingSize: number,
  validationSize: number,
  unseen: string[],
  started: number,
): Omit<TrainReport, 'folds'> {
  const heads = pairs.map(headReport);
  const topic = heads.find((h) => h.field === 'topics');
  const stance = pooledStanceMeanF1(pairs);
  return {
    trainingSize,
    validationSize,
    epochs,
    bestEpoch,
    heads,
    ...(topic !== undefined && topic.size > 0 ? { topicMacroF1: topic.macroF1 } : {}),
    ...(stance !== undefined ? { stanceMeanF1: stance } : {}),
    unseenClasses: unseen,
    seconds: (performance.now() - started) / 1000,
  };
}

/** The compact numbers kept in metadata.json and ModelVersion.metrics. */
export function metricsSummary(r: TrainReport): Record<string, unknown> {
  return {
    validationSize: r.validationSize,
    bestEpoch: r.bestEpoch,
    ...(r.topicMacroF1 !== undefined ? { topicMacroF1: r.topicMacroF1 } : {}),
    ...(r.stanceMeanF1 !== undefined ? { stanceMeanF1: r.stanceMeanF1 } : {}),
    heads: Object.fromEntries(
      r.heads.map((h) => [h.field, { size: h.size, accuracy: h.accuracy, macroF1: h.macroF1, ...(h.meanF1FavorAgainst !== undefined ? { meanF1FavorAgainst: h.meanF1FavorAgainst } : {}) }]),
    ),
    ...(r.folds !== undefined ? { folds: r.folds.length } : {}),
  };
}

// --- splits ---------------------------------------------------------------------------------

function stratum(ex: TrainingExample): string {
  const stance = Object.entries(ex.stance ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
  return `${(ex.topics ?? ['-']).join('|')}#${stance.map(([t, v]) => `${t}=${v}`).join(',')}`;
}

function groups(strata: readonly string[], rng: () => number): number[][] {
  const by = new Map<string, number[]>();
  strata.forEach((s, i) => {
    const g = by.get(s);
    if (g === undefined) by.set(s, [i]);
    else g.push(i);
  });
  const keys = [...by.keys()].sort();
  return keys.map((k) => {
    const g = Int32Array.from(by.get(k)!);
    shuffle(g, rng);
    return Array.from(g);
  });
}

export function stratifiedSplit(strata: readonly string[], fraction: number, rng: () => number): { train: number[]; val: number[] } {
  const train: number[] = [];
  const val: number[] = [];
  // Carrying the rounding remainder across strata keeps the overall fraction right even when
  // every stratum is small.
  let carry = 0;
  for (const g of groups(strata, rng)) {
    const exact = g.length * fraction + carry;
    let take = Math.floor(exact);
    // Keep one example of each stratum for training, except strata of one (multi-label topic sets
    // are often unique): those go to validation when their turn comes, or it would stay empty.
    if (take >= g.length && g.length > 1) take = g.length - 1;
    carry = exact - Math.floor(exact);
    val.push(...g.slice(0, Math.max(0, take)));
    train.push(...g.slice(Math.max(0, take)));
  }
  return { train: train.sort((a, b) => a - b), val: val.sort((a, b) => a - b) };
}

function stratifiedFolds(strata: readonly string[], k: number, rng: () => number): Int32Array {
  const fold = new Int32Array(strata.length);
  let next = 0;
  for (const g of groups(strata, rng)) {
    for (const i of g) fold[i] = next++ % k;
  }
  return fold;
}

function indices(fold: Int32Array, keep: (f: number) => boolean): number[] {
  const out: number[] = [];
  fold.forEach((f, i) => {
    if (keep(f)) out.push(i);
  });
  return out;
}

// --- helpers --------------------------------------------------------------------------------

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle(a: Int32Array, rng: () => number): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s[Math.floor((s.length - 1) / 2)]!;
}

/** Order-independent hash of what the model learned from: ids, texts and labels. */
function hashTraining(examples: readonly TrainingExample[]): string {
  const lines = examples
    .map((ex) => JSON.stringify([ex.id, ex.text, ex.topics ?? null, Object.entries(ex.stance ?? {}).sort()]))
    .sort();
  const h = createHash('sha256');
  for (const l of lines) h.update(l).update('\n');
  return `sha256:${h.digest('hex')}`;
}

function modelId(at: Date, trainingHash: string, seed: number): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const tail = createHash('sha256').update(`${trainingHash}:${seed}:${at.getTime()}`).digest('hex').slice(0, 6);
  return `${stamp}-${tail}`;
}
