// One training run against a database, as `mizan train` and the labeling screen's background
// retraining both do it: the resolved labels and the codebook in, a saved model version out
// (models/<id>/, models/latest moved, a ModelVersion row). Callers differ only in how they report.
import type { PrismaClient } from '../db/generated/client.js';
import { loadCodebook } from '../codebook/store.js';
import { tfBackend } from './backend.js';
import { codebookSpec, loadTrainingExamples } from './dataset.js';
import { planHeads } from './heads.js';
import { saveModel } from './io.js';
import type { LoadedModel } from './io.js';
import { metricsSummary, trainModel } from './train.js';
import type { EpochReport, TrainOptions, TrainReport } from './types.js';

export interface TrainJobOptions {
  db: PrismaClient;
  modelsDir: string;
  /** Trainer options (seed, epochs, validation, …); the backend is chosen here. */
  train: Omit<TrainOptions, 'backend' | 'onEpoch'>;
  /** TF.js backend for the saved model (default: the first that loads). */
  backend?: 'node' | 'wasm' | 'cpu' | undefined;
  /** Called once the labels are read and the backend is up, before the long part. */
  onStart?: (info: { examples: number; codebookVersion: number; backend: string }) => void;
  onEpoch?: (e: EpochReport) => void;
}

export interface TrainJobResult {
  /** The saved model (its `id`, `dir`, `metadata`). */
  saved: LoadedModel;
  report: TrainReport;
  examples: number;
  codebookVersion: number;
}

export async function runTrainJob(opts: TrainJobOptions): Promise<TrainJobResult> {
  const codebook = await loadCodebook(opts.db);
  const spec = codebookSpec(codebook);
  const examples = await loadTrainingExamples(opts.db);
  // Too few labels fail here, before the backend starts and anything is printed.
  planHeads(examples, spec);
  // Pick the backend before the long part, so a forced one that does not load fails at once.
  const tf = await tfBackend(opts.backend);
  opts.onStart?.({ examples: examples.length, codebookVersion: codebook.version, backend: tf.name });

  const { model, report } = await trainModel(examples, spec, {
    ...opts.train,
    backend: tf.name,
    ...(opts.onEpoch !== undefined ? { onEpoch: opts.onEpoch } : {}),
  });

  const saved = await saveModel(model, opts.modelsDir, { backend: tf.name });
  await opts.db.modelVersion.create({
    data: {
      id: saved.id,
      path: saved.dir,
      version: codebook.version,
      metrics: JSON.stringify(metricsSummary(report)),
      trainingSize: examples.length,
      trainingHash: saved.metadata.trainingHash,
      backend: saved.metadata.backend,
      pipeline: JSON.stringify(saved.pipeline),
    },
  });
  return { saved, report, examples: examples.length, codebookVersion: codebook.version };
}
