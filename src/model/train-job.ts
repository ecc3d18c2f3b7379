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
import { metricsSummary, selfTrainingSkipped, trainModel } from './train.js';
import { resolveSettings } from './train/options.js';
import type { UnlabeledMode } from './train-defaults.js';
import type { EpochReport, TrainOptions, TrainReport, TrainingExample } from './types.js';

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
   * What the unlabeled articles in the database teach (default 'self'): 'self' = the topic head
   * self-trains on the most confident of them (train/self-train.ts; measured ahead of the
   * labels-only model, bench/RESULTS.md); 'embeddings' = word and subword embeddings learned from
   * every article and an embedding head added to the model (experimental: measured below the
   * labels-only model, bench/history/2026-12-02-embed.md); 'off' = labels alone.
   */
  unlabeled?: UnlabeledMode;
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
  const plan = planHeads(examples, spec);
  // Pick the backend before the long part, so a forced one that does not load fails at once.
  const tf = await tfBackend(opts.backend);
  opts.onStart?.({ examples: examples.length, codebookVersion: codebook.version, backend: tf.name });

  const mode = opts.unlabeled ?? 'self';
  // Self-training that will not run (enough labels) reports only how many articles there were:
  // their texts, most of the database, stay unread.
  const texts = mode === 'embeddings' || (mode === 'self' && selfTrainingSkipped(plan, resolveSettings(opts.train)) === undefined);
  const articles = mode === 'off' ? [] : await loadCorpus(opts.db, texts);
  const { model, report } = await trainModel(examples, spec, {
    ...opts.train,
    backend: tf.name,
    ...(mode === 'self' ? { unlabeled: unlabeledTexts(articles, examples) } : {}),
    ...(opts.onEpoch !== undefined ? { onEpoch: opts.onEpoch } : {}),
  });

  let final = model;
  if (mode === 'embeddings') {
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

/**
 * The texts self-training may pseudo-label: articles with no training label, and not a near-copy of
 * a labeled one (a copy of a validation article must not carry its content into the training part).
 */
function unlabeledTexts(articles: readonly (CorpusArticle & { group: string | null })[], examples: readonly TrainingExample[]): string[] {
  const labeled = new Set(examples.map((ex) => ex.id));
  const groups = new Set(examples.flatMap((ex) => (ex.group !== undefined ? [ex.group] : [])));
  return articles.filter((a) => !labeled.has(a.id) && (a.group === null || !groups.has(a.group))).map((a) => a.text);
}

/**
 * Every article's id, text (what the unlabeled part learns from; '' without `texts`) and near-copy
 * group, in id order.
 */
async function loadCorpus(db: PrismaClient, texts: boolean): Promise<(CorpusArticle & { group: string | null })[]> {
  const out: (CorpusArticle & { group: string | null })[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await db.article.findMany({
      select: { id: true, nearDupGroup: true, ...(texts ? { title: true, body: true } : {}) },
      orderBy: { id: 'asc' },
      take: 5000,
      ...(cursor !== undefined ? { skip: 1, cursor: { id: cursor } } : {}),
    });
    for (const a of page) out.push({ id: a.id, text: texts ? articleText(a.title, a.body ?? '') : '', group: a.nearDupGroup });
    if (page.length < 5000) return out;
    cursor = page[page.length - 1]!.id;
  }
}
