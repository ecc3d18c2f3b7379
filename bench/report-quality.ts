// Quality of `mizan report`'s estimate on labeled articles with a shifted topic mix.
//
// The model is trained exactly as `mizan train` trains (trainModel, default options: a validation
// split records the confusion counts, then the refit on all training examples) on folds ≠ F of the
// project's 5 folds (bench/lib/folds.ts); fold F is the labeled check pool, never seen in training.
// Each seeded resample draws a topic mix from a flat Dirichlet (most are far from the training mix),
// samples N pool articles with that mix, and scores classify-and-count and the corrected estimate
// (src/report/estimate.ts, the code the report runs) against the sample's true shares: total
// variation error, and whether each value's 95 % interval covers its true share.
//
//   nice npx tsx bench/report-quality.ts [--fold 0] [--resamples 200] [--n 1000] [--seed 1]
// The trained model is kept in bench/out/report/ and reused by later runs.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { loadModel, saveModel } from '../src/model/io.js';
import { predict } from '../src/model/predict.js';
import { trainModel } from '../src/model/train.js';
import type { CodebookSpec } from '../src/model/types.js';
import { estimateGroup } from '../src/report/estimate.js';
import { multinomial, seededRng } from '../src/report/random.js';
import type { Rng } from '../src/report/random.js';
import { topicFolds } from './lib/folds.js';
import { loadTopics } from './lib/text-data.js';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? dflt : Number(process.argv[i + 1]);
};
const FOLD = arg('fold', 0);
const RESAMPLES = arg('resamples', 200);
const N = arg('n', 1000);
const SEED = arg('seed', 1);
const REPLICATES = arg('replicates', 1000);
// --folds K: train as `mizan train --folds K` (out-of-fold confusion counts over every training article).
const K = arg('folds', 0);

const rows = loadTopics();
const folds = topicFolds(rows);
const topics = [...new Set(rows.map((r) => r.topic))].sort();
const spec: CodebookSpec = { version: 1, multiLabel: false, topics: topics.map((key) => ({ key })), targets: [] };
const train = rows.filter((_, i) => folds[i] !== FOLD);
const pool = rows.filter((_, i) => folds[i] === FOLD);

const dir = join(import.meta.dirname, 'out', 'report', K > 1 ? `fold${FOLD}-k${K}` : `fold${FOLD}`);
let model;
if (existsSync(join(dir, 'latest'))) model = await loadModel(join(dir, 'latest'));
else {
  const started = performance.now();
  const { model: m } = await trainModel(
    train.map((r) => ({ id: r.id, text: r.text, topics: [r.topic] })),
    spec,
    { seed: 1, epochs: 20, validationFraction: 0.15, ...(K > 1 ? { folds: K } : {}) },
  );
  model = await loadModel((await saveModel(m, dir)).dir);
  console.error(`trained on ${train.length} articles in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}
const confusion = model.metadata.validationConfusion?.['topics'];
if (confusion === undefined) throw new Error('the model has no validation confusion counts');
const head = model.heads.find((h) => h.field === 'topics')!;
const values = head.labels;

const predicted = predict(
  model,
  pool.map((r) => r.text),
).map((p) => values.indexOf(p.topics[0]!.label));
const truthIndex = pool.map((r) => values.indexOf(r.topic));
const byClass = values.map((_, k) => truthIndex.flatMap((t, i) => (t === k ? [i] : [])));
const accuracy = predicted.filter((p, i) => p === truthIndex[i]).length / pool.length;

function dirichlet(k: number, rng: Rng): number[] {
  const g = Array.from({ length: k }, () => -Math.log(1 - rng())); // Gamma(1) = Exp(1)
  const s = g.reduce((a, b) => a + b, 0);
  return g.map((x) => x / s);
}

const tv = (a: readonly number[], b: readonly number[]) => a.reduce((s, x, i) => s + Math.abs(x - b[i]!), 0) / 2;
const rng = seededRng(SEED);
// Diagnostic floor: the same correction with the pool's own confusion matrix (an oracle no user has).
const oracle = {
  multiLabel: false,
  values,
  n: pool.length,
  matrix: values.map((_, t) => values.map((_, p) => predicted.filter((x, i) => x === p && truthIndex[i] === t).length)),
};
const result = { oracle: [] as number[], cc: [] as number[], acc: [] as number[], coveredAcc: 0, coveredCc: 0, values: 0, widths: [] as number[] };
for (let r = 0; r < RESAMPLES; r++) {
  const mix = dirichlet(values.length, rng);
  const perClass = multinomial(N, mix, rng);
  const counts = new Array<number>(values.length).fill(0);
  perClass.forEach((c, k) => {
    for (let j = 0; j < c; j++) counts[predicted[byClass[k]![Math.floor(rng() * byClass[k]!.length)]!]!]!++;
  });
  const truth = perClass.map((c) => c / N);
  const group = { predicted: counts, predictedArticles: N, labeled: new Array<number>(values.length).fill(0), labeledArticles: 0 };
  const acc = estimateGroup(group, { values, multiLabel: false, confusion, rng: seededRng(SEED * 1000 + r), replicates: REPLICATES });
  const cc = estimateGroup(group, { values, multiLabel: false, confusion: null, rng: seededRng(SEED * 1000 + r), replicates: REPLICATES });
  result.acc.push(
    tv(
      acc.map((e) => e.share),
      truth,
    ),
  );
  result.oracle.push(
    tv(
      estimateGroup(group, { values, multiLabel: false, confusion: oracle, rng: seededRng(r), replicates: 1 }).map((e) => e.share),
      truth,
    ),
  );
  result.cc.push(
    tv(
      cc.map((e) => e.share),
      truth,
    ),
  );
  acc.forEach((e, k) => {
    result.values++;
    if (e.low <= truth[k]! && truth[k]! <= e.high) result.coveredAcc++;
    if (cc[k]!.low <= truth[k]! && truth[k]! <= cc[k]!.high) result.coveredCc++;
    result.widths.push(e.high - e.low);
  });
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(
  `fold ${FOLD} held out: ${pool.length} labeled articles (model ${model.id}, trained on ${train.length}; accuracy on the pool ${(accuracy * 100).toFixed(1)} %, validation n = ${confusion.n})`,
);
console.log(`${RESAMPLES} resamples of ${N} articles, topic mix ~ Dirichlet(1), seed ${SEED}; ${REPLICATES} bootstrap replicates`);
console.log(
  `total-variation error, mean (median): classify-and-count ${(mean(result.cc) * 100).toFixed(2)} (${(median(result.cc) * 100).toFixed(2)}) points, adjusted ${(mean(result.acc) * 100).toFixed(2)} (${(median(result.acc) * 100).toFixed(2)}) points; ratio ${(mean(result.acc) / mean(result.cc)).toFixed(3)}`,
);
console.log(
  `diagnostic: corrected with the pool's own confusion matrix instead of the validation split's ${(mean(result.oracle) * 100).toFixed(2)} points (what validation counts without noise would give)`,
);
console.log(
  `95 % interval coverage: adjusted ${((result.coveredAcc / result.values) * 100).toFixed(1)} % of ${result.values} values (mean width ${(mean(result.widths) * 100).toFixed(1)} points); classify-and-count's bootstrap ${((result.coveredCc / result.values) * 100).toFixed(1)} %`,
);
console.log(
  `load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
