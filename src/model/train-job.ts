// One training run against a database, as `mizan train` and the labeling screen's background
// retraining both do it: the resolved labels and the codebook in, a saved model version out
// (models/<id>/, models/latest moved, a ModelVersion row). Callers differ only in how they report.
import type { PrismaClient } from '../db/generated/client.js';
import { loadCodebook } from '../codebook/store.js';
import { tfBackend } from './backend.js';
import { articleText, codebookSpec, loadTrainingExamples } from './dataset.js';
import { cachedEmbedder } from './embed/cache.js';
import type { CorpusArticle } from './embed/cache.js';
import { attachEmbedding } from './embed/ensemble.js';
import { EMBED_DEFAULTS } from './embed/train-embedder.js';
import { DEFAULT_PIPELINE } from '../text/config.js';
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
  /**
   * Learn word and subword embeddings from every article in the database (labels not needed) and
   * add an embedding head to the model (default false: measured below the labels-only model,
   * bench/history/2026-12-02-embed.md). Off, or with no unlabeled article in the database, the
   * model is the labels-only one.
   */
  unlabeled?: boolean;
  /** Embedding settings over EMBED_DEFAULTS (tests use small tables). */
  embed?: Partial<typeof EMBED_DEFAULTS>;
  /** Progress of the unsupervised part: `reused` once when the cached table serves, else per epoch. */
  onEmbedding?: (e: { reused: boolean; articles: number; epoch?: number; epochs?: number; loss?: number }) => void;
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

  let final = model;
  if (opts.unlabeled === true) {
    const articles = await loadCorpus(opts.db);
    if (articles.length > examples.length) {
      const normalization = (opts.train.pipeline ?? DEFAULT_PIPELINE).normalize;
      const cached = await cachedEmbedder({
        modelsDir: opts.modelsDir,
        articles,
        embed: { ...EMBED_DEFAULTS, ...opts.embed, seed: opts.train.seed },
        normalization,
        onEpoch: (e) => opts.onEmbedding?.({ reused: false, articles: articles.length, epoch: e.epoch, epochs: e.epochs, loss: e.loss }),
      });
      if (cached.reused) opts.onEmbedding?.({ reused: true, articles: cached.corpus.articles });
      final = attachEmbedding(model, examples, { embedder: cached.embedder, corpus: cached.corpus, seed: opts.train.seed });
    }
  }

  const saved = await saveModel(final, opts.modelsDir, { backend: tf.name });
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

/** Every article's id and text (what the embeddings learn from), in id order. */
async function loadCorpus(db: PrismaClient): Promise<CorpusArticle[]> {
  const out: CorpusArticle[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await db.article.findMany({
      select: { id: true, title: true, body: true },
      orderBy: { id: 'asc' },
      take: 5000,
      ...(cursor !== undefined ? { skip: 1, cursor: { id: cursor } } : {}),
    });
    for (const a of page) out.push({ id: a.id, text: articleText(a.title, a.body ?? '') });
    if (page.length < 5000) return out;
    cursor = page[page.length - 1]!.id;
  }
}
