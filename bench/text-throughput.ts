// Throughput of the text pipeline's hot path (normalize + featurize) on one core, over the text column
// of topics_train.csv. MB = UTF-8 bytes of the raw text. Usage: npx tsx bench/text-throughput.ts [runs]
import { cpus } from 'node:os';
import { DEFAULT_PIPELINE, featurize, normalize, tokenize } from '../src/text/pipeline.js';
import { loadTopics } from './lib/text-data.js';
import { naiveFeaturize } from './lib/text-naive.js';
import { median } from './lib/stats.js';

const runs = Number(process.argv[2] ?? 5);
const texts = loadTopics().map((r) => r.text);
const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t, 'utf8'), 0);
const mb = bytes / 1e6;

function time(label: string, fn: () => number): number {
  fn(); // warm-up (JIT, table building)
  const rates: number[] = [];
  let sink = 0;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    sink += fn();
    const s = (performance.now() - t0) / 1000;
    rates.push(mb / s);
  }
  const mid = median(rates);
  console.log(`${label.padEnd(28)} median ${mid.toFixed(1)} MB/s  (runs: ${rates.map((r) => r.toFixed(1)).join(', ')}; sink ${sink})`);
  return mid;
}

console.log(`${texts.length} texts, ${mb.toFixed(1)} MB UTF-8, ${runs} runs; ${cpus()[0]?.model ?? '?'}; node ${process.version}`);
time('normalize', () => {
  let n = 0;
  for (const t of texts) n += normalize(t).length;
  return n;
});
const normalized = texts.map((t) => normalize(t));
time('tokenize (normalized in)', () => {
  let n = 0;
  for (const t of normalized) n += tokenize(t).length;
  return n;
});
const fast = time('normalize + featurize', () => {
  let n = 0;
  for (const t of texts) n += featurize(t, DEFAULT_PIPELINE).ids.length;
  return n;
});

// Peer: the straightforward implementation of the same features (bench/lib/text-naive.ts). First
// check that both give identical vectors on every document, then time it.
let mismatches = 0;
for (const t of texts) {
  const a = featurize(t, DEFAULT_PIPELINE);
  const b = naiveFeaturize(t, DEFAULT_PIPELINE);
  if (a.ids.length !== b.ids.length || a.ids.some((x, i) => x !== b.ids[i] || a.values[i] !== b.values[i])) mismatches++;
}
console.log(`fast vs naive featurize: ${mismatches} of ${texts.length} documents differ`);
const naive = time('naive normalize + featurize', () => {
  let n = 0;
  for (const t of texts) n += naiveFeaturize(t, DEFAULT_PIPELINE).ids.length;
  return n;
});
console.log(`speed-up over the naive peer: ${(fast / naive).toFixed(1)}x`);
