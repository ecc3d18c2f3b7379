// Ablation of the text pipeline: what each normalization step, feature family and bucket size does to
// cross-validated quality. 5-fold stratified CV with a fixed seed; tf-idf (idf fitted on each training
// fold) + softmax regression (bench/lib/text-classifier.ts).
//   topics_train.csv: macro-F1 over the 6 topics (folds stratified by topic).
//   mawqif_train.csv: mean of F1(Favor) and F1(Against); one classifier PER TARGET (3 stances), folds
//   stratified by target+stance, F1 computed over each fold's pooled test predictions.
// Every configuration sees the same folds, so differences are paired: the table gives the mean
// change against the defaults and in how many of the 5 folds it went up.
// Usage: npx tsx bench/text-ablation.ts [--seed S] [--subsample N] [--topics-subsample N]
//          [--tasks topics,mawqif] [--only name,name] > out.md
// --subsample caps both corpora, --topics-subsample only topics_train.csv (the costly one: 24 MB).
import { DEFAULT_PIPELINE, applyIdf, featurize, fitIdf, resolvePipelineConfig } from '../src/text/pipeline.js';
import type { DeepPartial, PipelineConfig, SparseVector } from '../src/text/types.js';
import { SoftmaxRegression, f1PerClass, rng, shuffle, stratifiedFolds } from './lib/text-classifier.js';
import { loadStance, loadTopics } from './lib/text-data.js';

const K = 5;
const args = process.argv.slice(2);
const argValue = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const SEED = Number(argValue('--seed') ?? 20260523);
const subsample = Number(argValue('--subsample') ?? 0);
const topicsSubsample = Number(argValue('--topics-subsample') ?? subsample);
const taskNames = argValue('--tasks')?.split(',') ?? ['topics', 'mawqif'];
const only = argValue('--only')?.split(',');

interface Variant {
  name: string;
  config: DeepPartial<PipelineConfig>;
}

const d = DEFAULT_PIPELINE;
const variants: Variant[] = [{ name: 'defaults', config: {} }];
for (const key of Object.keys(d.normalize) as (keyof typeof d.normalize)[]) {
  const on = d.normalize[key];
  variants.push({ name: `${key} ${on ? 'off' : 'on'}`, config: { normalize: { [key]: !on } } });
}
for (const key of ['wordUnigrams', 'wordBigrams', 'stems'] as const) {
  variants.push({ name: `${key} ${d.features[key] ? 'off' : 'on'}`, config: { features: { [key]: !d.features[key] } } });
}
variants.push({ name: 'charNgrams off', config: { features: { charNgrams: null } } });
variants.push({ name: 'charNgrams 3-5', config: { features: { charNgrams: { min: 3, max: 5 } } } });
variants.push({ name: `sublinearTf ${d.features.sublinearTf ? 'off' : 'on'}`, config: { features: { sublinearTf: !d.features.sublinearTf } } });
for (const bits of [16, 18, 20]) {
  if (bits !== d.features.hashBits) variants.push({ name: `hashBits ${bits}`, config: { features: { hashBits: bits } } });
}

interface Task {
  name: string;
  texts: string[];
  labels: string[];
  /** Classifiers are trained separately per group (mawqif: per target). */
  groups: string[];
  strata: string[];
  score: (gold: string[], pred: string[]) => number;
}

function macroF1(gold: string[], pred: string[]): number {
  const classes = [...new Set(gold)].sort();
  const f1 = f1PerClass(
    gold.map((g) => classes.indexOf(g)),
    pred.map((p) => classes.indexOf(p)),
    classes.length,
  );
  return f1.reduce((a, b) => a + b, 0) / f1.length;
}

function favorAgainstF1(gold: string[], pred: string[]): number {
  const classes = ['Favor', 'Against', 'None'];
  const f1 = f1PerClass(
    gold.map((g) => classes.indexOf(g)),
    pred.map((p) => classes.indexOf(p)),
    3,
  );
  return (f1[0]! + f1[1]!) / 2;
}

function maybeSubsample<T>(rows: T[], n: number): T[] {
  if (!n || rows.length <= n) return rows;
  return shuffle([...rows], rng(SEED)).slice(0, n);
}

const topics = taskNames.includes('topics') ? maybeSubsample(loadTopics(), topicsSubsample) : [];
const stance = taskNames.includes('mawqif') ? maybeSubsample(loadStance(), subsample) : [];
const allTasks: Task[] = [
  {
    name: 'topics macro-F1',
    texts: topics.map((r) => r.text),
    labels: topics.map((r) => r.topic),
    groups: topics.map(() => 'all'),
    strata: topics.map((r) => r.topic),
    score: macroF1,
  },
  {
    name: 'mawqif F1(Favor,Against)',
    texts: stance.map((r) => r.text),
    labels: stance.map((r) => r.stance),
    groups: stance.map((r) => r.target),
    strata: stance.map((r) => `${r.target}|${r.stance}`),
    score: favorAgainstF1,
  },
];
const tasks = allTasks.filter((_, i) => taskNames.includes(['topics', 'mawqif'][i]!));

/** Per-fold scores of one configuration on one task. */
function crossValidate(task: Task, config: PipelineConfig): number[] {
  const bits = config.features.hashBits;
  const feats: SparseVector[] = task.texts.map((t) => featurize(t, config));
  const folds = stratifiedFolds(task.strata, K, SEED);
  const classes = [...new Set(task.labels)].sort();
  const scores: number[] = [];
  for (let f = 0; f < K; f++) {
    const gold: string[] = [];
    const pred: string[] = [];
    for (const group of [...new Set(task.groups)].sort()) {
      const train: number[] = [];
      const test: number[] = [];
      task.groups.forEach((g, i) => {
        if (g === group) (folds[i] === f ? test : train).push(i);
      });
      const idf = fitIdf(
        train.map((i) => feats[i]!),
        bits,
      );
      const model = new SoftmaxRegression(classes.length, 2 ** bits);
      model.train(
        train.map((i) => applyIdf(feats[i]!, idf)),
        train.map((i) => classes.indexOf(task.labels[i]!)),
      );
      for (const i of test) {
        gold.push(task.labels[i]!);
        pred.push(classes[model.predict(applyIdf(feats[i]!, idf))]!);
      }
    }
    scores.push(task.score(gold, pred));
  }
  return scores;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const pct = (x: number) => (100 * x).toFixed(2);
const signed = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(100 * x).toFixed(2)}`;

const started = Date.now();
const results = new Map<string, number[][]>();
console.error(
  `ablation: ${variants.length} variants × ${tasks.length} tasks, ${K}-fold CV, seed ${SEED}; ${tasks.map((t) => `${t.name} on ${t.texts.length} docs`).join(', ')}`,
);
for (const v of variants) {
  if (only && v.name !== 'defaults' && !only.includes(v.name)) continue;
  const config = resolvePipelineConfig(v.config);
  const perTask = tasks.map((t) => crossValidate(t, config));
  results.set(v.name, perTask);
  console.error(
    `${v.name.padEnd(24)} ${perTask.map((s, i) => `${tasks[i]!.name}: ${pct(mean(s))} [${s.map(pct).join(' ')}]`).join('  ')}  (${((Date.now() - started) / 1000).toFixed(0)} s)`,
  );
}

const base = results.get('defaults')!;
console.log(`| variant | ${tasks.map((t) => `${t.name} (Δ, folds up)`).join(' | ')} |`);
console.log(`|---|${tasks.map(() => '---').join('|')}|`);
for (const [name, perTask] of results) {
  const cells = perTask.map((s, t) => {
    if (name === 'defaults') {
      const m = mean(s);
      const sd = Math.sqrt(mean(s.map((x) => (x - m) ** 2)));
      return `**${pct(m)}** (fold sd ${pct(sd)})`;
    }
    const diffs = s.map((x, f) => x - base[t]![f]!);
    return `${pct(mean(s))} (${signed(mean(diffs))}, ${diffs.filter((x) => x > 0).length}/${K})`;
  });
  console.log(`| ${name} | ${cells.join(' | ')} |`);
}
console.error(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
