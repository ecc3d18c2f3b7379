// Issue 16: does what the unlabeled articles teach help the classifier? Per fold of the shared
// folds (bench/out/folds): embeddings (src/model/embed) trained on every text the database would
// hold except the held-out fold (topics: the training folds + topics_unlabeled.csv; mawqif: the same
// news articles + the training tweets), then per label budget (all training labels, or a seeded
// random subset): the linear model alone (trainModel/predict, today's model), the embedding head
// alone, and their ensemble log p_lin + λ · log p_emb for several λ; optionally (--self T)
// self-training: unlabeled articles the ensemble labels with p ≥ T join the labels, the linear
// model is retrained. JSON lines on stdout, progress on stderr.
// Usage: npx tsx bench/embed-cv.ts topics|mawqif --folds 0,1 --labels all,100,300 [--embed JSON] [--corpus N] [--self 0.9]
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { bag, docVector } from '../src/model/embed/doc-vectors.js';
import type { Embedder } from '../src/model/embed/doc-vectors.js';
import { DENSE_HEAD_DEFAULTS, denseLogits, fitDenseHeads } from '../src/model/embed/dense-head.js';
import { readEmbedder, writeTable, writeVocabulary } from '../src/model/embed/store.js';
import { EMBED_DEFAULTS, trainEmbedder } from '../src/model/embed/train-embedder.js';
import { encodeLabels } from '../src/model/heads.js';
import { activate } from '../src/model/linear.js';
import type { LinearWeights } from '../src/model/linear.js';
import { predict } from '../src/model/predict.js';
import { mulberry32, trainModel } from '../src/model/train.js';
import type { CodebookSpec, HeadSpec, TrainingExample } from '../src/model/types.js';
import { DEFAULT_PIPELINE } from '../src/text/config.js';
import { STANCE_FOLDS_FILE, TOPIC_FOLDS_FILE, readFolds } from './lib/folds.js';
import { f1PerClass } from './lib/text-classifier.js';
import { DATA_DIR, loadStance, loadTopics } from './lib/text-data.js';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const task = args[0] as 'topics' | 'mawqif';
const opt = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const folds = (opt('--folds') ?? '0').split(',').map(Number);
const budgets = (opt('--labels') ?? 'all').split(',');
const embedOver = JSON.parse(opt('--embed') ?? '{}') as Record<string, unknown>;
const selfThreshold = opt('--self') !== undefined ? Number(opt('--self')) : null;
const lambdas = (opt('--lambdas') ?? '0,0.25,0.5,1,2').split(',').map(Number);
const STANCES = ['Favor', 'Against', 'None'];
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

const unlabeled = Papa.parse<{ id: string; text: string }>(readFileSync(`${DATA_DIR}/topics_unlabeled.csv`, 'utf8'), {
  header: true,
  skipEmptyLines: true,
}).data.map((r) => r.text);
const topics = loadTopics();

interface Row {
  id: string;
  text: string;
  gold: string;
  target?: string;
  fold: number;
  example: TrainingExample;
}
let rows: Row[];
let codebook: CodebookSpec;
if (task === 'topics') {
  const fm = readFolds(TOPIC_FOLDS_FILE);
  rows = topics.map((r) => ({ id: r.id, text: r.text, gold: r.topic, fold: fm.get(r.id)!, example: { id: r.id, text: r.text, topics: [r.topic] } }));
  codebook = { version: 1, multiLabel: false, topics: [...new Set(topics.map((r) => r.topic))].sort().map((key) => ({ key })), targets: [] };
} else {
  const st = loadStance();
  const fm = readFolds(STANCE_FOLDS_FILE);
  rows = st.map((r) => ({
    id: r.id,
    text: r.text,
    gold: r.stance,
    target: r.target,
    fold: fm.get(r.id)!,
    example: { id: r.id, text: r.text, stance: { [r.target]: r.stance } },
  }));
  codebook = { version: 1, multiLabel: false, topics: [], targets: [...new Set(st.map((r) => r.target))].sort().map((key) => ({ key, values: STANCES })) };
}

function score(gold: string[], pred: string[]): number {
  if (task === 'topics') {
    const classes = [...new Set(gold)].sort();
    return mean(
      f1PerClass(
        gold.map((g) => classes.indexOf(g)),
        pred.map((p) => classes.indexOf(p)),
        classes.length,
      ),
    );
  }
  const f1 = f1PerClass(
    gold.map((g) => STANCES.indexOf(g)),
    pred.map((p) => STANCES.indexOf(p)),
    3,
  );
  return (f1[0]! + f1[1]!) / 2;
}

/** The head a row is scored on, and its labels. */
function headOf(heads: HeadSpec[], r: Row): HeadSpec {
  return heads.find((h) => h.field === (task === 'topics' ? 'topics' : `stance:${r.target}`))!;
}

function linearLogProbs(model: Awaited<ReturnType<typeof trainModel>>['model'], test: Row[]): Float64Array[] {
  return predict(
    model,
    test.map((r) => r.text),
  ).map((p, i) => {
    const h = headOf(model.heads, test[i]!);
    const scores = task === 'topics' ? Object.fromEntries(p.topics.map((t) => [t.label, t.score])) : p.stance[test[i]!.target!]!.scores;
    return Float64Array.from(h.labels, (l) => Math.log(Math.max(scores[l]!, 1e-12)));
  });
}

function denseLogProbs(w: LinearWeights, heads: HeadSpec[], vecs: Float64Array[], test: Row[]): Float64Array[] {
  const z = new Float64Array(w.outputs);
  const p = new Float64Array(w.outputs);
  return test.map((r, i) => {
    denseLogits(w, vecs[i]!, z);
    const h = headOf(heads, r);
    activate(h, z, p);
    return Float64Array.from(h.labels, (_, j) => Math.log(Math.max(p[h.offset + j]!, 1e-12)));
  });
}

function decide(heads: HeadSpec[], test: Row[], lin: Float64Array[], emb: Float64Array[], lambda: number): string[] {
  return test.map((r, i) => {
    const h = headOf(heads, r);
    let best = 0;
    let bestS = -Infinity;
    for (let j = 0; j < h.labels.length; j++) {
      const s = (Number.isFinite(lambda) ? lin[i]![j]! : 0) + (Number.isFinite(lambda) ? lambda : 1) * emb[i]![j]!;
      if (s > bestS) {
        bestS = s;
        best = j;
      }
    }
    return h.labels[best]!;
  });
}

function subset(train: Row[], budget: string, seed: number): Row[] {
  if (budget === 'all') return train;
  const rng = mulberry32(seed);
  const a = [...train];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a.slice(0, Number(budget));
}

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

for (const f of folds) {
  const trainRows = rows.filter((r) => r.fold !== f);
  const test = rows.filter((r) => r.fold === f);
  const corpus =
    task === 'topics' ? [...trainRows.map((r) => r.text), ...unlabeled] : [...topics.map((r) => r.text), ...unlabeled, ...trainRows.map((r) => r.text)];
  // --corpus N: the table learns from a seeded sample of N of those texts (quick runs on a loaded machine).
  if (opt('--corpus') !== undefined) {
    const rng = mulberry32(11 + f);
    for (let i = corpus.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [corpus[i], corpus[j]] = [corpus[j]!, corpus[i]!];
    }
    corpus.length = Math.min(corpus.length, Number(opt('--corpus')));
  }
  const c0 = cpu();
  const t0 = performance.now();
  // The table is the slow part: kept per (task, fold, settings) in bench/out/embed/tables/.
  const settings = { ...EMBED_DEFAULTS, seed: 1, ...embedOver, corpus: opt('--corpus') ?? 'all' };
  const cacheDir = join(here, 'out', 'embed', 'tables', `${task}-${f}-${createHash('sha256').update(JSON.stringify(settings)).digest('hex').slice(0, 12)}`);
  let embedder: Embedder;
  try {
    embedder = await readEmbedder(cacheDir, DEFAULT_PIPELINE.normalize);
  } catch {
    embedder = trainEmbedder(corpus, {
      ...settings,
      normalization: DEFAULT_PIPELINE.normalize,
      onEpoch: (e) => console.error(`fold ${f} embed epoch ${e.epoch}/${e.epochs} loss ${e.loss.toFixed(3)} ${e.seconds.toFixed(0)} s`),
    });
    mkdirSync(cacheDir, { recursive: true });
    await writeTable(cacheDir, embedder);
    await writeVocabulary(cacheDir, embedder);
  }
  const embedCpu = cpu() - c0;
  const embedWall = (performance.now() - t0) / 1000;
  const vec = (t: string) => docVector(embedder, bag(embedder, t));
  const testVecs = test.map((r) => vec(r.text));
  console.error(`fold ${f}: embedder ${embedder.vocab.words.length} words, ${embedCpu.toFixed(1)} CPU-s`);
  for (const budget of budgets) {
    const labelled = subset(trainRows, budget, 7 + f);
    const l0 = cpu();
    const { model } = await trainModel(
      labelled.map((r) => r.example),
      codebook,
      { seed: 1, epochs: 0, validationFraction: 0.1 },
    );
    const linCpu = cpu() - l0;
    const heads = model.heads;
    const lin = linearLogProbs(model, test);
    const d0 = cpu();
    const trVecs = labelled.map((r) => vec(r.text));
    const w = fitDenseHeads(
      trVecs,
      labelled.map((r) => encodeLabels(r.example, heads)),
      heads,
      trVecs.map((_, i) => i),
      { ...DENSE_HEAD_DEFAULTS, rng: mulberry32(3) },
    );
    const denseCpu = cpu() - d0;
    const emb = denseLogProbs(w, heads, testVecs, test);
    const gold = test.map((r) => r.gold);
    const out: Record<string, number> = {};
    for (const l of lambdas) out[`lambda_${l}`] = score(gold, decide(heads, test, lin, emb, l));
    out['emb_only'] = score(gold, decide(heads, test, lin, emb, Infinity));
    if (selfThreshold !== null && task === 'topics') {
      // Pseudo-labels for the pool: the unlabeled articles and the training articles without labels.
      const chosen = new Set(labelled.map((r) => r.id));
      const pool = [...unlabeled, ...trainRows.filter((r) => !chosen.has(r.id)).map((r) => r.text)];
      const lam = Number(opt('--self-lambda') ?? '0.5');
      const poolRows = pool.map((text, i) => ({ id: `u${i}`, text, gold: '', fold: -1, example: { id: `u${i}`, text } }));
      const pl = linearLogProbs(model, poolRows);
      const pe = denseLogProbs(
        w,
        heads,
        poolRows.map((r) => vec(r.text)),
        poolRows,
      );
      const h = heads[0]!;
      const extra: TrainingExample[] = [];
      poolRows.forEach((r, i) => {
        const s = h.labels.map((_, j) => pl[i]![j]! + lam * pe[i]![j]!);
        const m = Math.max(...s);
        const z = s.reduce((a, x) => a + Math.exp(x - m), 0);
        const j = s.indexOf(m);
        if (1 / z >= selfThreshold) extra.push({ id: r.id, text: r.text, topics: [h.labels[j]!] });
      });
      const { model: m2 } = await trainModel([...labelled.map((r) => r.example), ...extra], codebook, { seed: 1, epochs: 0, validationFraction: 0.1 });
      const lin2 = linearLogProbs(m2, test);
      out['self_pseudo'] = extra.length;
      out['self_lin'] = score(gold, decide(heads, test, lin2, emb, 0));
      for (const l of lambdas.filter((x) => x > 0)) out[`self_lambda_${l}`] = score(gold, decide(heads, test, lin2, emb, l));
    }
    console.log(JSON.stringify({ task, fold: f, labels: budget, n: labelled.length, embed: embedOver, embedCpu, embedWall, linCpu, denseCpu, ...out }));
  }
}
