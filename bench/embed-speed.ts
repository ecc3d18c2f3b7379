// Issue 16: what the embedding part costs at prediction. A linear model (trainModel on the first
// --labels topic articles: the kernel is 2^18 × 6 whatever the label count, so prediction costs the
// same as the full model's) with and without the embedding part of a table from bench/embed-cv.ts
// (bench/out/embed/tables/<dir>), predict() over all 8,778 topic articles (median of 3, CPU time),
// single-document latency (median of 300), the saved model directory's size, peak RSS.
// Usage: npx tsx bench/embed-speed.ts TABLE_DIR | --train-docs N  [--labels 1000] [--save MODELS_DIR]
import { readFileSync, readdirSync, statSync } from 'node:fs';
import Papa from 'papaparse';
import { join } from 'node:path';
import { attachEmbedding } from '../src/model/embed/ensemble.js';
import { readEmbedder } from '../src/model/embed/store.js';
import { EMBED_DEFAULTS, trainEmbedder } from '../src/model/embed/train-embedder.js';
import { saveModel } from '../src/model/io.js';
import { predict } from '../src/model/predict.js';
import { trainModel } from '../src/model/train.js';
import type { CodebookSpec } from '../src/model/types.js';
import { DEFAULT_PIPELINE } from '../src/text/config.js';
import { DATA_DIR, loadTopics } from './lib/text-data.js';

const loadUnlabeled = () =>
  Papa.parse<{ text: string }>(readFileSync(`${DATA_DIR}/topics_unlabeled.csv`, 'utf8'), { header: true, skipEmptyLines: true }).data.map((r) => r.text);

const args = process.argv.slice(2);
const opt = (n: string) => (args.indexOf(n) >= 0 ? args[args.indexOf(n) + 1] : undefined);
const rows = loadTopics();
const codebook: CodebookSpec = { version: 1, multiLabel: false, topics: [...new Set(rows.map((r) => r.topic))].sort().map((key) => ({ key })), targets: [] };
const examples = rows.slice(0, Number(opt('--labels') ?? 1000)).map((r) => ({ id: r.id, text: r.text, topics: [r.topic] }));
const texts = rows.map((r) => r.text);
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const { model } = await trainModel(examples, codebook, { seed: 1, epochs: 0, validationFraction: 0.1 });
// A table from bench/embed-cv.ts, or (`--train-docs N`) one learned here from the first N unlabeled
// articles: prediction cost per token does not depend on how many articles the table saw.
const trainDocs = opt('--train-docs');
const embedder =
  trainDocs !== undefined
    ? trainEmbedder(loadUnlabeled().slice(0, Number(trainDocs)), { ...EMBED_DEFAULTS, seed: 1, normalization: DEFAULT_PIPELINE.normalize })
    : await readEmbedder(args[0]!, DEFAULT_PIPELINE.normalize);
const a0 = cpu();
const embedded = attachEmbedding(model, examples, { embedder, corpus: { hash: 'bench', articles: 0 }, seed: 1 });
const attachCpu = cpu() - a0;

function measure(m: typeof model) {
  const first0 = performance.now();
  predict(m, [texts[0]!]);
  const firstMs = performance.now() - first0;
  const rates: number[] = [];
  for (let r = 0; r < 3; r++) {
    const c0 = cpu();
    predict(m, texts);
    rates.push(texts.length / (cpu() - c0));
  }
  const single: number[] = [];
  for (const t of texts.slice(0, 300)) {
    const t0 = performance.now();
    predict(m, [t]);
    single.push(performance.now() - t0);
  }
  return { docs_per_cpu_s: Math.round(median(rates)), single_ms: Number(median(single).toFixed(3)), first_call_ms: Math.round(firstMs) };
}

const dirSize = (d: string) => readdirSync(d).reduce((n, f) => n + statSync(join(d, f)).size, 0);
const out: Record<string, unknown> = {
  words: embedder.vocab.words.length,
  rows: embedder.vocab.rows,
  attach_cpu_s: attachCpu,
  labels: examples.length,
  linear: measure(model),
  embedded: measure(embedded),
};
if (opt('--save') !== undefined) {
  const plainSaved = await saveModel(model, opt('--save')!, { moveLatest: false });
  const saved = await saveModel(embedded, opt('--save')!);
  out['model_dir_mb'] = { linear: dirSize(plainSaved.dir) / 1e6, embedded: dirSize(saved.dir) / 1e6, dir: saved.dir };
}
out['peak_rss_mb'] = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify(out));
