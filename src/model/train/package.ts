// Stage 6, packaging: the fitted weights, the idf table and everything a reader of the model needs
// (codebook, pipeline, heads, metrics, confusion counts, how it was trained) into one in-memory
// model; io.ts saveModel then writes it as metadata.json + idf.bin + the TF.js layers model.
import { createHash } from 'node:crypto';
import type { PipelineConfig } from '../../text/types.js';
import type { LoadedModel, ModelMetadata } from '../io.js';
import type { LinearWeights } from '../linear.js';
import type { FeatureBlocks } from '../vectorize.js';
import type { CodebookSpec, HeadSpec, TrainReport, TrainingExample } from '../types.js';
import { metricsSummary } from './evaluation.js';
import { solverOf } from './options.js';
import type { TrainSettings } from './options.js';

export interface PackageOptions {
  examples: readonly TrainingExample[];
  codebook: CodebookSpec;
  pipeline: PipelineConfig;
  featureBlocks: FeatureBlocks;
  heads: HeadSpec[];
  weights: LinearWeights;
  idf: Float32Array;
  temperatures: Record<string, number>;
  report: TrainReport;
  settings: TrainSettings;
}

export function packageModel(o: PackageOptions): LoadedModel {
  const { codebook, heads, report, settings: s } = o;
  const createdAt = new Date();
  const trainingHash = hashTraining(o.examples);
  const solvers = heads.map((h) => solverOf(h, s));
  const metadata: ModelMetadata = {
    format: 'mizan-linear-v1',
    id: modelId(createdAt, trainingHash, s.seed),
    createdAt: createdAt.toISOString(),
    codebook: {
      version: codebook.version,
      multiLabel: codebook.multiLabel,
      topics: codebook.topics.map((t) => ({
        key: t.key,
        ...(t.name !== undefined ? { name: t.name } : {}),
        ...(t.aliases !== undefined ? { aliases: [...t.aliases] } : {}),
      })),
      targets: codebook.targets.map((t) => ({
        key: t.key,
        values: [...t.values],
        ...(t.name !== undefined ? { name: t.name } : {}),
        ...(t.aliases !== undefined ? { aliases: [...t.aliases] } : {}),
      })),
      ...(codebook.values !== undefined ? { values: codebook.values.map((v) => ({ ...v })) } : {}),
    },
    pipeline: o.pipeline,
    featureBlocks: o.featureBlocks,
    heads,
    idf: { file: 'idf.bin', length: o.idf.length },
    tfjs: { modelFile: 'model.json', weightsFile: 'weights.bin' },
    metrics: metricsSummary(report),
    ...(report.validationConfusion !== undefined ? { validationConfusion: report.validationConfusion } : {}),
    trainingSize: o.examples.length,
    trainingHash,
    backend: 'js',
    packages: {},
    training: {
      seed: s.seed,
      epochs: s.epochs,
      bestEpoch: report.bestEpoch,
      learningRate: s.adagrad.learningRate,
      l2: s.adagrad.l2,
      validationFraction: s.validationFraction,
      refit: s.refit && s.folds === undefined && report.validationSize > 0,
      ...(s.folds !== undefined ? { folds: s.folds } : {}),
      solver: {
        heads: Object.fromEntries(heads.map((h, hi) => [h.field, solvers[hi]!])),
        ...(solvers.some((x) => x === 'svm+adagrad') ? { svmWeight: s.svmWeight } : {}),
        ...(solvers.some((x) => x !== 'adagrad')
          ? { C: s.svm.C, tolerance: s.svm.tolerance, nbAlpha: s.svm.nbAlpha, classWeightPower: s.svm.classWeightPower, temperatures: o.temperatures }
          : s.calibrate === 'all'
            ? { temperatures: o.temperatures }
            : {}),
      },
    },
  };
  return { id: metadata.id, dir: '', metadata, heads, weights: o.weights, idf: o.idf, pipeline: o.pipeline, featureBlocks: o.featureBlocks };
}

/** Order-independent hash of what the model learned from: ids, texts and labels. */
function hashTraining(examples: readonly TrainingExample[]): string {
  const lines = examples.map((ex) => JSON.stringify([ex.id, ex.text, ex.topics ?? null, Object.entries(ex.stance ?? {}).sort()])).sort();
  const h = createHash('sha256');
  for (const l of lines) h.update(l).update('\n');
  return `sha256:${h.digest('hex')}`;
}

function modelId(at: Date, trainingHash: string, seed: number): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const tail = createHash('sha256').update(`${trainingHash}:${seed}:${at.getTime()}`).digest('hex').slice(0, 6);
  return `${stamp}-${tail}`;
}
