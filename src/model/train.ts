// Training without a database: examples and a codebook in, an in-memory model (usable by predict and
// saveModel) and a report out. Deterministic given `seed`: the split, the shuffles and the folds
// all come from one seeded generator, and the arithmetic is plain JS in a fixed order.
//
// One example's way through the stages (each a module of train/ with an options object):
//   heads.ts planHeads/encodeLabels  its labels → a class index (or multi-hot row) per head
//   train/vectorize.ts               its text → normalized → raw hashed n-gram counts
//   train/splits.ts                  train or validation side (or its fold)
//   train/fit.ts, per split:
//     train/represent.ts             tf-idf with the training part's idf → the heads' input row
//     train/heads-svm.ts             one-vs-rest SVM heads (to tolerance)
//     train/heads-adagrad.ts         Adagrad epochs, early stopping on the validation score
//     train/calibrate.ts             SVM margins summed in, temperatures fitted
//     train/evaluation.ts            validation pairs → per-head metrics and confusion counts
//     train/self-train.ts            with unlabeled articles: the confident ones pseudo-labeled, the
//                                    idf and the heads above fitted again with them
//   train/package.ts                 weights + idf + metadata → the model saveModel writes
import { emptyPairs } from './evaluate.js';
import { encodeLabels, planHeads } from './heads.js';
import type { HeadPlan } from './heads.js';
import type { LoadedModel } from './io.js';
import type { CodebookSpec, TrainOptions, TrainReport, TrainingExample } from './types.js';
import { appendPairs, summarize } from './train/evaluation.js';
import { fitSplit } from './train/fit.js';
import type { FitResult, FitSplitOptions } from './train/fit.js';
import { resolveSettings } from './train/options.js';
import type { TrainSettings } from './train/options.js';
import { packageModel } from './train/package.js';
import { indices, mulberry32, stratifiedFolds, stratifiedSplit, stratum } from './train/splits.js';
import { vectorizeTexts } from './train/vectorize.js';

export { DEFAULTS } from './train/options.js';
export { metricsSummary, multiHot } from './train/evaluation.js';
export { mulberry32, stratifiedSplit } from './train/splits.js';

export async function trainModel(
  examples: TrainingExample[],
  codebook: CodebookSpec,
  opts: TrainOptions,
): Promise<{ model: LoadedModel; report: TrainReport }> {
  const started = performance.now();
  const settings = resolveSettings(opts);
  const plan = planHeads(examples, codebook);
  const heads = plan.heads;
  const labels = examples.map((ex) => encodeLabels(ex, heads));
  // The unlabeled corpus follows the examples in `raw`, with no label for any head.
  const given = opts.unlabeled ?? [];
  const skipped = selfTrainingSkipped(plan, settings);
  const unlabeledTexts = skipped === undefined ? given : [];
  const { pipeline, vectorizer, raw } = await vectorizeTexts([...examples.map((ex) => ex.text), ...unlabeledTexts], {
    pipeline: opts.pipeline,
    hashBits: opts.hashBits,
    featureBlocks: settings.featureBlocks,
    threads: settings.threads,
  });
  const unlabeled = Array.from(unlabeledTexts, (_, j) => examples.length + j);
  for (const _ of unlabeledTexts) labels.push(heads.map(() => null));
  const rng = mulberry32(opts.seed);
  const strata = examples.map((ex) => stratum(ex));
  const groups = examples.some((ex) => ex.group !== undefined) ? examples.map((ex) => ex.group) : undefined;
  const all = Array.from(examples.keys());
  const fit = (o: Pick<FitSplitOptions, 'train' | 'val' | 'maxEpochs' | 'tag'> & { temperatures?: Record<string, number> }): FitResult =>
    fitSplit({ raw, labels, heads, hashBits: pipeline.features.hashBits, settings, rng, unlabeled, onEpoch: opts.onEpoch, ...o });
  const counts = (train: number[], val: number[]) => ({ unseen: plan.unseen, started, trainingSize: train.length, validationSize: val.length });

  let report: TrainReport;
  let final: FitResult;
  if (settings.folds !== undefined) {
    const k = settings.folds;
    const fold = stratifiedFolds(strata, k, rng, groups);
    const foldReports: Omit<TrainReport, 'folds'>[] = [];
    const pooled = emptyPairs(heads);
    const bestEpochs: number[] = [];
    const foldTemperatures: Record<string, number>[] = [];
    for (let f = 0; f < k; f++) {
      const train = indices(fold, (x) => x !== f);
      const val = indices(fold, (x) => x === f);
      const run = fit({ train, val, maxEpochs: settings.epochs, tag: { fold: f } });
      foldReports.push(summarize({ pairs: run.pairs, epochs: run.epochs, bestEpoch: run.bestEpoch, ...counts(train, val) }));
      bestEpochs.push(run.bestEpoch);
      foldTemperatures.push(run.temperatures);
      run.pairs.forEach((p, h) => appendPairs(pooled[h]!, p));
    }
    // The delivered model sees every example, for the median number of epochs the folds chose, with
    // the folds' median temperatures.
    const finalEpochs = Math.max(1, median(bestEpochs));
    const temperatures = Object.fromEntries(Object.keys(foldTemperatures[0] ?? {}).map((h) => [h, median(foldTemperatures.map((t) => t[h]!))]));
    final = fit({ train: all, val: [], maxEpochs: finalEpochs, tag: { refit: true }, temperatures });
    report = { ...summarize({ pairs: pooled, epochs: final.epochs, bestEpoch: finalEpochs, ...counts(all, all) }), folds: foldReports };
  } else {
    const { train, val } = stratifiedSplit(strata, settings.validationFraction, rng, groups);
    const run = fit({ train, val, maxEpochs: settings.epochs, tag: {} });
    report = summarize({ pairs: run.pairs, epochs: run.epochs, bestEpoch: run.bestEpoch, ...counts(train, val) });
    final = run;
    if (settings.refit && val.length > 0) {
      // The validation split chose the number of epochs; the delivered model then learns from every
      // example for that many (measured: +0.5-0.7 macro-F1 points on the topic corpus). The report
      // stays the honest held-out one.
      final = fit({ train: all, val: [], maxEpochs: Math.max(1, run.bestEpoch), tag: { refit: true }, temperatures: run.temperatures });
      report = { ...report, seconds: (performance.now() - started) / 1000 };
    }
  }

  if (given.length > 0)
    report = { ...report, unlabeled: { articles: given.length, pseudoLabeled: final.pseudoLabeled, ...(skipped === undefined ? {} : { skipped }) } };
  const model = packageModel({
    examples,
    codebook,
    pipeline,
    featureBlocks: vectorizer.blocks,
    heads,
    weights: final.weights,
    idf: final.idf,
    temperatures: final.temperatures,
    report,
    settings,
  });
  return { model, report };
}

/** Why self-training does not run, if it does not (the corpus then costs nothing). */
export function selfTrainingSkipped(plan: HeadPlan, settings: TrainSettings): 'off' | 'enough-labels' | 'no-topic-head' | undefined {
  const s = settings.selfTrain;
  if (s.ratio <= 0 || s.rounds <= 0) return 'off';
  const topics = plan.heads.findIndex((h) => h.field === 'topics');
  if (topics < 0) return 'no-topic-head';
  const labeled = plan.counts[topics]!.reduce((a, b) => a + b, 0);
  return labeled >= s.until ? 'enough-labels' : undefined;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s[Math.floor((s.length - 1) / 2)]!;
}
