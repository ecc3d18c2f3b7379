// The low-label curve (issue 16): seeded random subsets of each fold's training part, of 100, 300,
// 1,000 labels and the full part, scored on the fold's test part. Mizan here; LinearSVC on the very
// same subsets in bench/peers/sklearn_lowlabel.py (it reads the subsets file this script writes).
//   npx tsx bench/low-label.ts subsets              writes bench/out/lowlabel/subsets-{topics,mawqif}.csv
//   npx tsx bench/low-label.ts run topics|mawqif    Mizan on every subset (JSON on stdout)
// Options: --sizes 100,300,1000,full  --seeds 3 (subsets per size and fold; the full part has one)
//   --folds 0,1,2,3,4  --unlabeled FILE|off: the rest of the corpus as unlabeled texts (id,text CSV)
//   for the trainer; off (default) trains on the labels alone. --self-train-ratio R, --self-train-max N, --self-train-rounds N
//   override the trainer's self-training defaults.
// Mawqif: one multi-task model per subset (a head per target), subsets drawn over all targets.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Papa from 'papaparse';
import { predict } from '../src/model/predict.js';
import { trainModel } from '../src/model/train.js';
import type { CodebookSpec, TrainOptions, TrainingExample } from '../src/model/types.js';
import { STANCES, favorAgainstF1, macroF1 } from './lib/cv-score.js';
import { FOLDS, FOLDS_DIR, STANCE_FOLDS_FILE, TOPIC_FOLDS_FILE, readFolds } from './lib/folds.js';
import { rng, shuffle } from './lib/text-classifier.js';
import { loadStance, loadTopics } from './lib/text-data.js';

const args = process.argv.slice(2);
const value = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const SIZES = (value('--sizes') ?? '100,300,1000,full').split(',');
const SEEDS = Number(value('--seeds') ?? 3);
const FOLD_LIST = (value('--folds') ?? '0,1,2,3,4').split(',').map(Number);
const SUBSET_SEED = 20261202;
const OUT_DIR = join(dirname(FOLDS_DIR), 'lowlabel');
const subsetFile = (task: string): string => join(OUT_DIR, `subsets-${task}.csv`);

interface Doc {
  id: string;
  text: string;
  gold: string;
  target?: string;
  fold: number;
}

function docs(task: string): Doc[] {
  if (task === 'topics') {
    const folds = readFolds(TOPIC_FOLDS_FILE);
    return loadTopics().map((r) => ({ id: r.id, text: r.text, gold: r.topic, fold: folds.get(r.id)! }));
  }
  const folds = readFolds(STANCE_FOLDS_FILE);
  return loadStance().map((r) => ({ id: r.id, text: r.text, gold: r.stance, target: r.target, fold: folds.get(r.id)! }));
}

/** One subset: `key` = fold/size/seed, its training ids. The full part is seed 0. */
interface Subset {
  fold: number;
  size: string;
  seed: number;
  ids: string[];
}

function makeSubsets(all: Doc[]): Subset[] {
  const out: Subset[] = [];
  for (let f = 0; f < FOLDS; f++) {
    const train = all.filter((d) => d.fold !== f).map((d) => d.id);
    out.push({ fold: f, size: 'full', seed: 0, ids: train });
    for (const size of [100, 300, 1000]) {
      for (let s = 1; s <= 5; s++)
        out.push({ fold: f, size: String(size), seed: s, ids: shuffle([...train], rng(SUBSET_SEED + 1000 * f + 10 * s + size)).slice(0, size) });
    }
  }
  return out;
}

function readSubsets(task: string): Subset[] {
  const rows = Papa.parse<{ fold: string; size: string; seed: string; id: string }>(readFileSync(subsetFile(task), 'utf8'), {
    header: true,
    skipEmptyLines: true,
  }).data;
  const by = new Map<string, Subset>();
  for (const r of rows) {
    const key = `${r.fold}/${r.size}/${r.seed}`;
    if (!by.has(key)) by.set(key, { fold: Number(r.fold), size: r.size, seed: Number(r.seed), ids: [] });
    by.get(key)!.ids.push(r.id);
  }
  return [...by.values()];
}

async function run(task: string): Promise<Record<string, unknown>> {
  const all = docs(task);
  const byId = new Map(all.map((d) => [d.id, d]));
  const unlabeledArg = value('--unlabeled') ?? 'off';
  const unlabeled =
    unlabeledArg === 'off'
      ? null
      : Papa.parse<{ text: string }>(readFileSync(unlabeledArg, 'utf8'), { header: true, skipEmptyLines: true }).data.map((r) => r.text);
  const spec: CodebookSpec =
    task === 'topics'
      ? { version: 1, multiLabel: false, topics: [...new Set(all.map((d) => d.gold))].sort().map((key) => ({ key })), targets: [] }
      : { version: 1, multiLabel: false, topics: [], targets: [...new Set(all.map((d) => d.target!))].sort().map((key) => ({ key, values: STANCES })) };
  const toExample = (d: Doc): TrainingExample =>
    task === 'topics' ? { id: d.id, text: d.text, topics: [d.gold] } : { id: d.id, text: d.text, stance: { [d.target!]: d.gold } };
  const ratio = value('--self-train-ratio');
  const rounds = value('--self-train-rounds');
  const max = value('--self-train-max');
  const opts: TrainOptions = {
    seed: 1,
    epochs: 0,
    validationFraction: 0.1,
    ...(ratio !== undefined ? { selfTrainRatio: Number(ratio) } : {}),
    ...(rounds !== undefined ? { selfTrainRounds: Number(rounds) } : {}),
    ...(max !== undefined ? { selfTrainMax: Number(max) } : {}),
  };
  const results: { fold: number; size: string; seed: number; score: number; seconds: number }[] = [];
  for (const s of readSubsets(task)) {
    if (!FOLD_LIST.includes(s.fold) || !SIZES.includes(s.size) || s.seed > SEEDS) continue;
    const t0 = performance.now();
    // The rest of the corpus: the fold's training articles outside the subset, unlabeled, and the file.
    const inSubset = new Set(s.ids);
    const rest = unlabeled === null ? [] : all.filter((d) => d.fold !== s.fold && !inSubset.has(d.id)).map((d) => d.text);
    const { model } = await trainModel(
      s.ids.map((id) => toExample(byId.get(id)!)),
      spec,
      unlabeled === null ? opts : { ...opts, unlabeled: [...rest, ...unlabeled] },
    );
    const test = all.filter((d) => d.fold === s.fold);
    const preds = predict(
      model,
      test.map((d) => d.text),
    );
    const pred = task === 'topics' ? preds.map((p) => p.topics[0]!.label) : preds.map((p, i) => p.stance[test[i]!.target!]!.label);
    const score =
      task === 'topics'
        ? macroF1(
            test.map((d) => d.gold),
            pred,
          )
        : favorAgainstF1(
            test.map((d) => d.gold),
            pred,
          );
    const seconds = (performance.now() - t0) / 1000;
    results.push({ fold: s.fold, size: s.size, seed: s.seed, score, seconds });
    console.error(`mizan ${task} fold ${s.fold} size ${s.size} seed ${s.seed}: ${score.toFixed(4)} (${seconds.toFixed(0)} s)`);
  }
  return { system: 'mizan', task, unlabeled: unlabeledArg, curve: curve(results), results };
}

/** Per size: mean over folds and seeds, and the number of runs. */
export function curve(results: { size: string; score: number }[]): Record<string, { mean: number; runs: number }> {
  const by = new Map<string, number[]>();
  for (const r of results) by.set(r.size, [...(by.get(r.size) ?? []), r.score]);
  return Object.fromEntries([...by].map(([size, xs]) => [size, { mean: xs.reduce((a, b) => a + b, 0) / xs.length, runs: xs.length }]));
}

const [mode, task] = args;
if (mode === 'subsets') {
  mkdirSync(OUT_DIR, { recursive: true });
  for (const t of ['topics', 'mawqif']) {
    const lines = makeSubsets(docs(t)).flatMap((s) => s.ids.map((id) => `${s.fold},${s.size},${s.seed},${id}`));
    writeFileSync(subsetFile(t), `fold,size,seed,id\n${lines.join('\n')}\n`);
    console.error(`${subsetFile(t)}: ${lines.length} rows`);
  }
} else if (mode === 'run' && (task === 'topics' || task === 'mawqif')) {
  console.log(JSON.stringify(await run(task), null, 2));
} else {
  console.error('usage: npx tsx bench/low-label.ts subsets | run topics|mawqif [--sizes 100,300,1000,full] [--seeds N] [--folds 0,1,…] [--unlabeled FILE|off]');
  process.exit(2);
}
