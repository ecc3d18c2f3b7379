// Label efficiency of the active-learning queue (issue 15): a simulated annotator drives the SAME
// ActiveQueue (src/active/queue.ts) and trainer (trainModel with `mizan train`'s defaults, as
// runTrainJob runs it) as the labeling screen. From a seeded random start it asks the strategy for
// batches, reveals the pool's gold labels, retrains (at geometric steps), and scores the test file
// at every budget. JSON on --json, a table and a chart on stdout, progress on stderr.
// Usage: npx tsx bench/label-efficiency.ts --pool FILE --test FILE --task topics|stance
//   --strategies random,uncertain[,margin,entropy,least-confidence][:EXPLORE] --budgets 50,100,200,400,800,1600
//   --seeds 3 [--first-seed 1] [--json OUT] [--heads topics|stance|all] [--explore 0.1] [--retrain-every 25] [--growth 1] [--full]
//   [--unlabeled self|off] [--self-train-until N]
// A strategy may carry its own explore share and warm-up after colons (margin:0.2, margin:0.1:w200). "uncertain" is the
// queue's default strategy (src/active/defaults.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import Papa from 'papaparse';
import { ACTIVE_DEFAULTS } from '../src/active/defaults.js';
import { lineChart } from '../src/active/chart.js';
import { createActiveQueue, memorySource } from '../src/active/queue.js';
import { STRATEGIES } from '../src/active/types.js';
import type { Candidate, HeadSelection, Strategy } from '../src/active/types.js';
import { predict } from '../src/model/predict.js';
import { isTooFewLabelsError } from '../src/model/errors.js';
import { mulberry32, trainModel } from '../src/model/train.js';
import type { CodebookSpec, TrainingExample } from '../src/model/types.js';
import { f1PerClass } from './lib/text-classifier.js';

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const need = (name: string): string => opt(name) ?? usage(`${name} is required`);
function usage(msg: string): never {
  console.error(
    `label-efficiency: ${msg}\nusage: npx tsx bench/label-efficiency.ts --pool FILE --test FILE --task topics|stance --strategies random,uncertain --budgets 50,100,200,400,800,1600 --seeds 3 [--json OUT]`,
  );
  process.exit(2);
}

const task = need('--task');
if (task !== 'topics' && task !== 'stance') usage(`--task: "${task}" is not topics or stance`);
const budgets = need('--budgets')
  .split(',')
  .map(Number)
  .sort((a, b) => a - b);
const seeds = Number(opt('--seeds') ?? '1');
// Seeds firstSeed … firstSeed + seeds − 1, so that seeds can run as parallel processes.
const firstSeed = Number(opt('--first-seed') ?? '1');
const growth = Number(opt('--growth') ?? '1');
const retrainEvery = Number(opt('--retrain-every') ?? String(ACTIVE_DEFAULTS.retrainEvery));
if (!(retrainEvery >= 1)) usage(`--retrain-every: "${opt('--retrain-every')}" is not a whole number ≥ 1`);
const heads = (opt('--heads') ?? (task === 'topics' ? 'topics' : 'stance')) as HeadSelection;
const defaultExplore = Number(opt('--explore') ?? ACTIVE_DEFAULTS.explore);
// `mizan train`'s defaults (src/cli/commands/train.ts) as runTrainJob passes them to trainModel.
const TRAIN = { epochs: 20, validationFraction: 0.1 };
// --unlabeled self (as the labeling screen trains: the pool's articles not yet labeled are the
// database's unlabeled ones) or off (labels alone; how the figures before 2026-12-03 were measured).
const unlabeledMode = opt('--unlabeled') ?? 'self';
if (unlabeledMode !== 'self' && unlabeledMode !== 'off') usage(`--unlabeled: "${unlabeledMode}" is not self or off`);
// --self-train-until N: the trainer's label count from which self-training stops (its default otherwise).
const selfTrainUntil = opt('--self-train-until') === undefined ? {} : { selfTrainUntil: Number(opt('--self-train-until')) };

interface Row {
  id: string;
  text: string;
  topic?: string;
  target?: string;
  stance?: string;
}
function read(file: string): Row[] {
  const rows = Papa.parse<Row>(readFileSync(file, 'utf8'), { header: true, skipEmptyLines: true }).data;
  const missing = task === 'topics' ? ['id', 'text', 'topic'] : ['id', 'text', 'target', 'stance'];
  rows.forEach((r, i) => {
    for (const c of missing) if (typeof (r as unknown as Record<string, unknown>)[c] !== 'string') usage(`${file}: row ${i + 2} has no ${c}`);
  });
  return rows;
}
const pool = read(need('--pool'));
const test = read(need('--test'));

const STANCES = ['Favor', 'Against', 'None'];
const codebook: CodebookSpec =
  task === 'topics'
    ? { version: 1, multiLabel: false, topics: [...new Set(pool.map((r) => r.topic!))].sort().map((key) => ({ key })), targets: [] }
    : { version: 1, multiLabel: false, topics: [], targets: [...new Set(pool.map((r) => r.target!))].sort().map((key) => ({ key, values: STANCES })) };
const example = (r: Row): TrainingExample =>
  task === 'topics' ? { id: r.id, text: r.text, topics: [r.topic!] } : { id: r.id, text: r.text, stance: { [r.target!]: r.stance! } };
// Mawqif tweets were collected per target: the analyst (and the queue) knows which target a tweet is about.
const candidates: Candidate[] = pool.map((r) => ({ id: r.id, text: r.text, ...(task === 'stance' ? { targets: [r.target!] } : {}) }));
const byId = new Map(pool.map((r) => [r.id, r]));
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
/** Mean over the seeds that had a model at that budget (NaN if none had). */
const meanScored = (xs: number[]) => mean(xs.filter((x) => !Number.isNaN(x)));

type Model = Awaited<ReturnType<typeof trainModel>>['model'];
function score(model: Model): number {
  const preds = predict(
    model,
    test.map((r) => r.text),
  );
  if (task === 'topics') {
    const classes = codebook.topics.map((t) => t.key);
    return mean(
      f1PerClass(
        test.map((r) => classes.indexOf(r.topic!)),
        preds.map((p) => classes.indexOf(p.topics[0]!.label)),
        classes.length,
      ),
    );
  }
  const f1 = f1PerClass(
    test.map((r) => STANCES.indexOf(r.stance!)),
    preds.map((p, i) => STANCES.indexOf(p.stance[test[i]!.target!]!.label)),
    3,
  );
  return (f1[0]! + f1[1]!) / 2;
}

/**
 * Retraining points: the budgets, and every `--retrain-every` labels between them as the screen's
 * `mizan label --retrain-every` does; `--growth` widens the step to n·(growth − 1) where that is
 * larger, to bound the cost of long curves.
 */
function checkpoints(): number[] {
  const pts = new Set(budgets);
  for (let n = budgets[0]!; n < budgets[budgets.length - 1]!; n += Math.max(retrainEvery, Math.ceil(n * (growth - 1)))) pts.add(n);
  return [...pts].sort((a, b) => a - b);
}

function parseStrategy(s: string): { name: string; strategy: Strategy; explore: number; warmup: number } {
  const [base, e, w] = s.split(':') as [string, string | undefined, string | undefined];
  const strategy = (base === 'uncertain' ? ACTIVE_DEFAULTS.strategy : base) as Strategy;
  if (!(STRATEGIES as readonly string[]).includes(strategy)) usage(`--strategies: "${base}" is not random, uncertain or one of ${STRATEGIES.join(', ')}`);
  const warmup = w === undefined ? ACTIVE_DEFAULTS.warmup : Number(w.replace(/^w/, ''));
  return { name: s, strategy, explore: strategy === 'random' ? 1 : e === undefined || e === '' ? defaultExplore : Number(e), warmup };
}

async function run(strategy: Strategy, explore: number, warmup: number, seed: number): Promise<Map<number, number>> {
  const rng = mulberry32(seed * 7919 + 1);
  const order = pool.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const labeled = new Set(order.slice(0, budgets[0]).map((i) => pool[i]!.id));
  const queue = createActiveQueue({ source: memorySource(candidates), strategy, heads, explore, seed, warmup, sliceMs: 1e9 });
  const scores = new Map<number, number>();
  // The latest model the labels allowed: as on the screen, a training the trainer refuses (a class
  // with fewer labels than its minimum) leaves the previous model in place, and before the first one
  // the queue goes on without (its cold start); a budget reached with no model scores NaN.
  let model: Model | undefined;
  // Random picks ignore the model: it is needed only where it is scored.
  for (const target of strategy === 'random' ? budgets : checkpoints()) {
    while (labeled.size < target) {
      const id = await queue.next((a) => !labeled.has(a));
      if (id === null) break;
      labeled.add(id);
    }
    const unlabeled = unlabeledMode === 'self' ? pool.filter((r) => !labeled.has(r.id)).map((r) => r.text) : undefined;
    const trained = await trainModel(
      [...labeled].map((id) => example(byId.get(id)!)),
      codebook,
      { seed, ...TRAIN, ...selfTrainUntil, ...(unlabeled !== undefined ? { unlabeled } : {}) },
    ).catch((e: unknown) => {
      if (isTooFewLabelsError(e)) return undefined;
      throw e;
    });
    if (budgets.includes(target)) {
      const current = trained?.model ?? model;
      scores.set(target, current === undefined ? NaN : score(current));
      console.error(`  ${strategy}${strategy === 'random' ? '' : `:${explore}`} seed ${seed} @${target}: ${scores.get(target)!.toFixed(4)}`);
    }
    if (trained === undefined) continue;
    model = trained.model;
    if (target < budgets[budgets.length - 1]!) await queue.rescore(model);
  }
  return scores;
}

const strategies = need('--strategies').split(',').map(parseStrategy);
const results: Record<string, Record<string, number>> = {};
/** Per strategy and budget: seeds that had no model yet (left out of the mean). */
const unscored: Record<string, Record<string, number>> = {};
const started = performance.now();
for (const s of strategies) {
  const perSeed: Map<number, number>[] = [];
  for (let seed = firstSeed; seed < firstSeed + seeds; seed++) perSeed.push(await run(s.strategy, s.explore, s.warmup, seed));
  results[s.name] = Object.fromEntries(budgets.map((b) => [String(b), meanScored(perSeed.map((m) => m.get(b) ?? NaN))]));
  unscored[s.name] = Object.fromEntries(
    budgets.flatMap((b) => {
      const n = perSeed.filter((m) => Number.isNaN(m.get(b) ?? NaN)).length;
      return n > 0 ? [[String(b), n]] : [];
    }),
  );
}
let full: number | undefined;
if (args.includes('--full')) {
  full = mean(
    await Promise.all(Array.from({ length: seeds }, async (_, k) => score((await trainModel(pool.map(example), codebook, { seed: k + 1, ...TRAIN })).model))),
  );
  console.error(`  whole pool (${pool.length}): ${full.toFixed(4)}`);
}

const metric = task === 'topics' ? 'macro_f1' : 'f1_favor_against';
const json = {
  task,
  metric,
  results,
  ...(Object.values(unscored).some((u) => Object.keys(u).length > 0) ? { unscored } : {}),
  ...(full !== undefined ? { full_pool: { size: pool.length, score: full } } : {}),
  seeds,
  heads,
  retrainEvery,
  growth,
  seconds: Math.round((performance.now() - started) / 1000),
};
if (opt('--json') !== undefined) writeFileSync(opt('--json')!, JSON.stringify(json, null, 2) + '\n');
const pct = (v: number) => (Number.isFinite(v) ? (100 * v).toFixed(2) : '-');
const nameWidth = Math.max(10, ...strategies.map((s) => s.name.length));
console.log(
  `${task}: ${metric} (%), mean of ${seeds} seed(s); pool ${pool.length}, test ${test.length}${full !== undefined ? `; whole pool ${pct(full)}` : ''}`,
);
console.log(`${'strategy'.padEnd(nameWidth)} ${budgets.map((b) => String(b).padStart(7)).join('')}`);
for (const s of strategies) console.log(`${s.name.padEnd(nameWidth)} ${budgets.map((b) => pct(results[s.name]![String(b)]!).padStart(7)).join('')}`);
for (const s of strategies)
  for (const [b, n] of Object.entries(unscored[s.name]!))
    console.log(`${s.name} @${b}: ${n} of ${seeds} seed(s) had no model yet (too few labels of a class), left out of the mean`);
console.log('');
console.log(
  lineChart(
    budgets,
    strategies.map((s) => ({ name: s.name, values: budgets.map((b) => results[s.name]![String(b)]!) })),
  ),
);
