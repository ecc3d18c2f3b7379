// Mizan's side of the model benchmark (issue 4): the same 5 folds as the peers (bench/out/folds,
// written by bench/make-folds.ts) through trainModel/predict from src/model, as the product runs them.
//   cv topics    macro-F1 over the 6 topics of topics_train.csv, per fold.
//   cv mawqif    mean F1(Favor, Against) on mawqif_train.csv: ONE multi-task model per fold with a
//                stance head per target (shared features), pooled over targets per fold.
//   speed        trainModel on all of topics_train.csv (wall and CPU time, featurizing included); batch
//                predict docs/s; single-document latency; peak RSS of the process.
// Early stopping uses trainModel's own stratified validation split carved out of the training folds
// (--val, default 0.1): the held-out fold is never seen. Options: --seed N --epochs N --val F
// --hash-bits N --lr X --l2 X --patience N --min-delta D --solver svm|adagrad --stance-solver svm|adagrad --C X --tol X
// --nb ALPHA --class-weight P --min-df N --calibrate svm|all --pipeline JSON --per-target (mawqif: one model per target)
// --unlabeled FILE (topics: the rest of the corpus, unlabeled) --self-train-ratio R --self-train-max N --self-train-rounds N --only-folds 0,2.
// Besides F1, the test predictions' calibration: mean NLL of the true class and top-label ECE.
// JSON on stdout, progress on stderr.
// Usage: npx tsx bench/model-cv.ts cv topics [--hash-bits 20]
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { predict } from '../src/model/predict.js';
import { trainModel } from '../src/model/train.js';
import type { CodebookSpec, Solver, TrainOptions, TrainingExample } from '../src/model/types.js';
import { resolvePipelineConfig } from '../src/text/config.js';
import { FOLDS, STANCE_FOLDS_FILE, TOPIC_FOLDS_FILE, readFolds } from './lib/folds.js';
import { STANCES, favorAgainstF1, macroF1 } from './lib/cv-score.js';
import { loadStance, loadTopics } from './lib/text-data.js';
import { median } from './lib/stats.js';

const args = process.argv.slice(2);
const flag = (name: string): number | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : undefined;
};
const text = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const opts: TrainOptions = {
  seed: flag('--seed') ?? 1,
  epochs: flag('--epochs') ?? 0, // 0: trainModel's default
  validationFraction: flag('--val') ?? 0.1,
  ...(flag('--hash-bits') !== undefined ? { hashBits: flag('--hash-bits')! } : {}),
  ...(flag('--lr') !== undefined ? { learningRate: flag('--lr')! } : {}),
  ...(flag('--l2') !== undefined ? { l2: flag('--l2')! } : {}),
  ...(flag('--patience') !== undefined ? { patience: flag('--patience')! } : {}),
  ...(flag('--min-delta') !== undefined ? { minDelta: flag('--min-delta')! } : {}),
  ...(text('--solver') !== undefined ? { solver: text('--solver') as Solver } : {}),
  ...(text('--stance-solver') !== undefined ? { stanceSolver: text('--stance-solver') as Solver } : {}),
  ...(flag('--C') !== undefined ? { C: flag('--C')! } : {}),
  ...(flag('--tol') !== undefined ? { tolerance: flag('--tol')! } : {}),
  ...(flag('--nb') !== undefined ? { nbAlpha: flag('--nb')! } : {}),
  ...(flag('--svm-weight') !== undefined ? { svmWeight: flag('--svm-weight')! } : {}),
  ...(flag('--class-weight') !== undefined ? { classWeightPower: flag('--class-weight')! } : {}),
  ...(flag('--min-df') !== undefined ? { minDf: flag('--min-df')! } : {}),
  ...(text('--calibrate') !== undefined ? { calibrate: text('--calibrate') as 'svm' | 'all' } : {}),
  ...(flag('--self-train-ratio') !== undefined ? { selfTrainRatio: flag('--self-train-ratio')! } : {}),
  ...(flag('--self-train-max') !== undefined ? { selfTrainMax: flag('--self-train-max')! } : {}),
  ...(flag('--self-train-rounds') !== undefined ? { selfTrainRounds: flag('--self-train-rounds')! } : {}),
  // A partial pipeline config as JSON, merged over DEFAULT_PIPELINE (e.g. '{"features":{"stems":false}}').
  ...(text('--pipeline') !== undefined ? { pipeline: resolvePipelineConfig(JSON.parse(text('--pipeline')!)) } : {}),
};

/** topics: the rest of the corpus (an id,text CSV, e.g. topics_unlabeled.csv) as the trainer's unlabeled articles. */
const unlabeledFile = text('--unlabeled');
const unlabeled =
  unlabeledFile === undefined
    ? undefined
    : Papa.parse<{ text: string }>(readFileSync(unlabeledFile, 'utf8'), { header: true, skipEmptyLines: true }).data.map((r) => r.text);
/** Which folds to score (default all). */
const foldList = text('--only-folds')?.split(',').map(Number);

/** mawqif: one model per target (as the peers do) instead of one multi-task model with a head per target. */
const perTarget = args.includes('--per-target');

/** Mean negative log-likelihood of the true class and top-label expected calibration error (10 bins). */
function calibration(cases: { p: number; top: number; correct: boolean }[]): { nll: number; ece: number } {
  const nll = mean(cases.map((c) => -Math.log(Math.max(c.p, 1e-12))));
  const bins = Array.from({ length: 10 }, () => ({ n: 0, conf: 0, acc: 0 }));
  for (const c of cases) {
    const b = bins[Math.min(9, Math.floor(c.top * 10))]!;
    b.n++;
    b.conf += c.top;
    b.acc += c.correct ? 1 : 0;
  }
  const ece = bins.reduce((e, b) => e + (b.n === 0 ? 0 : Math.abs(b.conf - b.acc)), 0) / cases.length;
  return { nll, ece };
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: number[]) => Math.sqrt(mean(xs.map((x) => (x - mean(xs)) ** 2)));
const peakRssMb = () => process.resourceUsage().maxRSS / 1024;
const summary = (folds: number[]) => ({ folds, mean: mean(folds), sd: sd(folds) });

function foldOf(folds: Map<string, number>, id: string): number {
  const f = folds.get(id);
  if (f === undefined) throw new Error(`document ${id} has no fold: re-run npx tsx bench/make-folds.ts`);
  return f;
}

function topicData() {
  const rows = loadTopics();
  const folds = readFolds(TOPIC_FOLDS_FILE);
  const codebook: CodebookSpec = {
    version: 1,
    multiLabel: false,
    topics: [...new Set(rows.map((r) => r.topic))].sort().map((key) => ({ key })),
    targets: [],
  };
  const examples: TrainingExample[] = rows.map((r) => ({ id: r.id, text: r.text, topics: [r.topic] }));
  return { rows, examples, codebook, fold: rows.map((r) => foldOf(folds, r.id)) };
}

async function cvTopics() {
  const { rows, examples, codebook, fold } = topicData();
  const scores: number[] = [];
  const cal: { nll: number; ece: number }[] = [];
  for (let f = 0; f < FOLDS; f++) {
    if (foldList !== undefined && !foldList.includes(f)) continue;
    const t0 = performance.now();
    const { model, report } = await trainModel(
      examples.filter((_, i) => fold[i] !== f),
      codebook,
      unlabeled === undefined ? opts : { ...opts, unlabeled },
    );
    const test = rows.filter((_, i) => fold[i] === f);
    const preds = predict(
      model,
      test.map((r) => r.text),
    );
    const pred = preds.map((p) => p.topics[0]!.label);
    scores.push(
      macroF1(
        test.map((r) => r.topic),
        pred,
      ),
    );
    cal.push(
      calibration(
        preds.map((p, i) => ({
          p: p.topics.find((t) => t.label === test[i]!.topic)?.score ?? 0,
          top: p.topics[0]!.score,
          correct: pred[i] === test[i]!.topic,
        })),
      ),
    );
    console.error(
      `mizan topics fold ${f}: ${scores[scores.length - 1]!.toFixed(4)} (best epoch ${report.bestEpoch}, ${((performance.now() - t0) / 1000).toFixed(0)} s)`,
    );
  }
  return { ...summary(scores), nll: summary(cal.map((c) => c.nll)), ece: summary(cal.map((c) => c.ece)) };
}

async function cvStance() {
  const rows = loadStance();
  const folds = readFolds(STANCE_FOLDS_FILE);
  const fold = rows.map((r) => foldOf(folds, r.id));
  const codebook: CodebookSpec = {
    version: 1,
    multiLabel: false,
    topics: [],
    targets: [...new Set(rows.map((r) => r.target))].sort().map((key) => ({ key, values: STANCES })),
  };
  const examples: TrainingExample[] = rows.map((r) => ({ id: r.id, text: r.text, stance: { [r.target]: r.stance } }));
  const scores: number[] = [];
  const cal: { nll: number; ece: number }[] = [];
  const groups = perTarget ? codebook.targets.map((t) => [t.key]) : [codebook.targets.map((t) => t.key)];
  for (let f = 0; f < FOLDS; f++) {
    const gold: string[] = [];
    const pred: string[] = [];
    const cases: { p: number; top: number; correct: boolean }[] = [];
    for (const targets of groups) {
      const spec = { ...codebook, targets: codebook.targets.filter((t) => targets.includes(t.key)) };
      const inGroup = (i: number) => targets.includes(rows[i]!.target);
      const { model } = await trainModel(
        examples.filter((_, i) => fold[i] !== f && inGroup(i)),
        spec,
        opts,
      );
      const test = rows.filter((_, i) => fold[i] === f && inGroup(i));
      predict(
        model,
        test.map((r) => r.text),
      ).forEach((p, i) => {
        const s = p.stance[test[i]!.target]!;
        gold.push(test[i]!.stance);
        pred.push(s.label);
        cases.push({ p: s.scores[test[i]!.stance] ?? 0, top: s.score, correct: s.label === test[i]!.stance });
      });
    }
    scores.push(favorAgainstF1(gold, pred));
    cal.push(calibration(cases));
    console.error(`mizan mawqif fold ${f}: ${scores[f]!.toFixed(4)}`);
  }
  return { ...summary(scores), nll: summary(cal.map((c) => c.nll)), ece: summary(cal.map((c) => c.ece)) };
}

async function speed() {
  const { rows, examples, codebook } = topicData();
  const texts = rows.map((r) => r.text);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const { model, report } = await trainModel(examples, codebook, opts);
  const trainS = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const trainCpuS = (cpu.user + cpu.system) / 1e6;
  // Wall-clock rates suffer when the 2 cores are shared; CPU-time rates are what one free core gives.
  const batch: number[] = [];
  const batchCpu: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t1 = performance.now();
    const c1 = process.cpuUsage();
    predict(model, texts);
    const c = process.cpuUsage(c1);
    batch.push(texts.length / ((performance.now() - t1) / 1000));
    batchCpu.push(texts.length / ((c.user + c.system) / 1e6));
  }
  const single: number[] = [];
  for (const t of texts.slice(0, 300)) {
    const t1 = performance.now();
    predict(model, [t]);
    single.push(performance.now() - t1);
  }
  return {
    train_s: trainS,
    train_cpu_s: trainCpuS,
    epochs_run: report.epochs.length,
    best_epoch: report.bestEpoch,
    batch_docs_per_s: median(batch),
    batch_docs_per_cpu_s: median(batchCpu),
    single_doc_ms: median(single),
    peak_rss_mb: peakRssMb(),
    docs: texts.length,
  };
}

const [mode, task] = args;
const config = { ...Object.fromEntries(Object.entries(opts)), ...(perTarget ? { perTarget: true } : {}) };
let result: Record<string, unknown>;
if (mode === 'cv' && task === 'topics') result = { task, ...(await cvTopics()), peak_rss_mb: peakRssMb() };
else if (mode === 'cv' && task === 'mawqif') result = { task, ...(await cvStance()), peak_rss_mb: peakRssMb() };
else if (mode === 'speed') result = { task: 'speed', ...(await speed()) };
else {
  console.error(
    'usage: npx tsx bench/model-cv.ts cv topics|mawqif | speed [--seed N --epochs N --val F --hash-bits N --lr X --l2 X --patience N --min-delta D --solver S --stance-solver S --C X --tol X --nb A --class-weight P --min-df N --calibrate svm|all --per-target --pipeline JSON]',
  );
  process.exit(2);
}
console.log(JSON.stringify({ system: 'mizan', config, ...result }, null, 2));
