// Inference speed (issue 4: batch ≥ 5,000 docs/s, single document < 5 ms, peak RSS < 1.5 GB) on all
// 8,778 documents of topics_train.csv (~2.8 KB each):
//   - predict() on one core: the whole corpus in one call, docs/s wall and per CPU-second;
//   - `mizan classify` (classifyTable, the CLI's code path: CSV in, CSV out, streamed in batches)
//     with 1 and with N prediction threads, the threads started per run (as one CLI invocation
//     does: their start-up counted) and already running (steady state);
//   - single-document latency: median of 300 predict() calls with one document;
//   - peak RSS of the process (threads included).
// Median of --runs runs (default 3). CPU time is the process's (all threads), from process.cpuUsage.
//
//   npx tsx bench/inference.ts [--model DIR] [--runs 3] [--threads 1,2]
//
// Without --model, a topics model is trained first on all of topics_train.csv with trainModel's
// defaults (as `bench/model-cv.ts speed` does), in a child process (its memory is not this
// process's peak RSS), and saved to a temp dir.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { classifyTable } from '../src/model/classify-table.js';
import { loadModel, saveModel } from '../src/model/io.js';
import { predict } from '../src/model/predict.js';
import { PredictPool } from '../src/model/predict-pool.js';
import { trainModel } from '../src/model/train.js';
import type { CodebookSpec, TrainingExample } from '../src/model/types.js';
import { DATA_DIR, loadTopics } from './lib/text-data.js';
import { median } from './lib/stats.js';

const { values: args } = parseArgs({
  options: {
    model: { type: 'string' },
    runs: { type: 'string', default: '3' },
    threads: { type: 'string', default: '1,2' },
    'train-to': { type: 'string' },
  },
});
const RUNS = Number(args.runs);
const cpuS = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1e6;

async function trainTopics(modelsDir: string): Promise<string> {
  const rows = loadTopics();
  const keys = [...new Set(rows.map((r) => r.topic))].sort();
  const spec: CodebookSpec = { version: 1, topics: keys.map((key) => ({ key })), multiLabel: false, targets: [] };
  const data: TrainingExample[] = rows.map((r) => ({ id: r.id, text: r.text, topics: [r.topic] }));
  console.error(`training a topics model on ${data.length} documents…`);
  const { model } = await trainModel(data, spec, { seed: 1, epochs: 0, validationFraction: 0.1 });
  return (await saveModel(model, modelsDir)).dir;
}

interface Timed {
  wall: number;
  cpu: number;
  user: number;
}

async function timed(fn: () => unknown): Promise<Timed> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await fn();
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  return { wall, cpu: cpuS(c), user: c.user / 1e6 };
}

function summarize(name: string, docs: number, runs: Timed[]) {
  return {
    name,
    docs,
    docs_per_s: Math.round(median(runs.map((r) => docs / r.wall))),
    docs_per_cpu_s: Math.round(median(runs.map((r) => docs / r.cpu))),
    wall_s: +median(runs.map((r) => r.wall)).toFixed(3),
    cpu_s: +median(runs.map((r) => r.cpu)).toFixed(3),
    user_cpu_s: +median(runs.map((r) => r.user)).toFixed(3),
    runs: runs.map((r) => Math.round(docs / r.wall)),
  };
}

/** Trains in a child process, so that training's memory does not count in this process's peak RSS. */
function trainElsewhere(modelsDir: string): string {
  const r = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--train-to', modelsDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`training failed (exit ${r.status})`);
  return r.stdout.trim();
}

async function main(): Promise<void> {
  if (args['train-to'] !== undefined) {
    console.log(await trainTopics(args['train-to']));
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'mizan-bench-inference-'));
  try {
    const modelDir = args.model === undefined ? trainElsewhere(join(dir, 'models')) : resolve(args.model);
    const model = await loadModel(modelDir);
    const texts = loadTopics().map((r) => r.text);
    const load0 = loadavg()[0]!;
    const results = [];

    // Warm-up (JIT, lazily built inference layout), then one core.
    predict(model, texts.slice(0, 500));
    const single: Timed[] = [];
    for (let r = 0; r < RUNS; r++) single.push(await timed(() => predict(model, texts)));
    results.push(summarize('predict(), one call, main thread', texts.length, single));

    // The CLI's path: CSV in, CSV out.
    const input = join(DATA_DIR, 'topics_train.csv');
    for (const threads of args.threads.split(',').map(Number)) {
      const runs: Timed[] = [];
      let n = 0;
      for (let r = 0; r < RUNS; r++) {
        runs.push(
          await timed(async () => {
            n = await classifyTable(model, {
              input,
              output: join(dir, 'out.csv'),
              textCol: 'text',
              idCol: 'id',
              threads,
              stdin: new PassThrough(),
              stdout: new PassThrough(),
            });
          }),
        );
      }
      results.push(summarize(`mizan classify path (CSV → CSV), threads ${threads}${threads > 1 ? ', threads started per run' : ''}`, n, runs));
      if (threads === 1) continue;
      // Steady state: the same pool for every run (started and warmed up before timing).
      const pool = new PredictPool(model, threads);
      try {
        const run = () =>
          classifyTable(model, {
            input,
            output: join(dir, 'out.csv'),
            textCol: 'text',
            idCol: 'id',
            pool,
            stdin: new PassThrough(),
            stdout: new PassThrough(),
          });
        await run();
        const warm: Timed[] = [];
        for (let r = 0; r < RUNS; r++) warm.push(await timed(run));
        results.push(summarize(`mizan classify path (CSV → CSV), threads ${threads}, pool already running`, n, warm));
      } finally {
        await pool.close();
      }
    }

    const latency: number[] = [];
    for (const t of texts.slice(0, 300)) {
      const t0 = performance.now();
      predict(model, [t]);
      latency.push(performance.now() - t0);
    }
    const report = {
      machine: `${cpus().length} cores (${cpus()[0]?.model ?? '?'}), Node ${process.versions.node}`,
      load_average_before: +load0.toFixed(2),
      load_average_after: +loadavg()[0]!.toFixed(2),
      model: { outputs: model.weights.outputs, hashBits: model.pipeline.features.hashBits },
      results,
      single_doc_ms_median: +median(latency).toFixed(3),
      peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    };
    console.log(JSON.stringify(report, null, 2));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
