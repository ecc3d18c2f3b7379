// Model design measurements (issue 4): hash bucket count vs accuracy, training time, inference speed
// and artifact size, on fold 0 of the shared folds (bench/out/folds; train on folds 1-4, score fold 0).
// Usage: npx tsx bench/model-design.ts [bits...]     (default 16 18 20; JSON lines on stdout)
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFolds, STANCE_FOLDS_FILE, TOPIC_FOLDS_FILE } from './lib/folds.js';
import { loadStance, loadTopics } from './lib/text-data.js';
import { classificationMetrics } from '../src/model/metrics.js';
import { saveModel } from '../src/model/io.js';
import { predict } from '../src/model/predict.js';
import { trainModel } from '../src/model/train.js';
import type { CodebookSpec, TrainingExample } from '../src/model/types.js';
import { median } from './lib/stats.js';

const key = (s: string): string =>
  s
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_');

interface Task {
  name: 'topics' | 'mawqif';
  spec: CodebookSpec;
  train: TrainingExample[];
  test: { text: string; gold: string; target?: string }[];
}

function tasks(): Task[] {
  const tf = readFolds(TOPIC_FOLDS_FILE);
  const topics = loadTopics().map((r) => ({ id: r.id, text: r.text, topics: [key(r.topic)], gold: key(r.topic), f: tf.get(r.id) }));
  const sf = readFolds(STANCE_FOLDS_FILE);
  const stanceRows = loadStance();
  const values = [...new Set(stanceRows.map((r) => key(r.stance)))].sort();
  const stance = stanceRows.map((r) => ({
    id: r.id,
    text: r.text,
    stance: { [key(r.target)]: key(r.stance) },
    gold: key(r.stance),
    target: key(r.target),
    f: sf.get(r.id),
  }));
  return [
    {
      name: 'topics',
      spec: { version: 1, multiLabel: false, topics: [...new Set(topics.map((t) => t.gold))].sort().map((k) => ({ key: k })), targets: [] },
      train: topics.filter((t) => t.f !== 0),
      test: topics.filter((t) => t.f === 0),
    },
    {
      name: 'mawqif',
      spec: { version: 1, multiLabel: false, topics: [], targets: [...new Set(stance.map((s) => s.target))].sort().map((k) => ({ key: k, values })) },
      train: stance.filter((s) => s.f !== 0),
      test: stance.filter((s) => s.f === 0),
    },
  ];
}

function score(task: Task, preds: ReturnType<typeof predict>): number {
  if (task.name === 'topics') {
    const labels = task.spec.topics.map((t) => t.key);
    return classificationMetrics(
      labels,
      task.test.map((d) => labels.indexOf(d.gold)),
      preds.map((p) => labels.indexOf(p.topics[0]!.label)),
    ).macroF1;
  }
  const labels = task.spec.targets[0]!.values;
  const m = classificationMetrics(
    labels,
    task.test.map((d) => labels.indexOf(d.gold)),
    preds.map((p, i) => labels.indexOf(p.stance[task.test[i]!.target!]!.label)),
  );
  const f1 = (l: string): number => m.perClass.find((c) => c.label === l)!.f1;
  return (f1('favor') + f1('against')) / 2;
}

const bitsList = process.argv.slice(2).map(Number);
for (const task of tasks()) {
  for (const bits of bitsList.length > 0 ? bitsList : [16, 18, 20]) {
    const t0 = performance.now();
    const { model, report } = await trainModel(task.train, task.spec, { seed: 1, epochs: 20, validationFraction: 0.1, hashBits: bits });
    const trainS = (performance.now() - t0) / 1000;
    const docsTrained = report.epochs.length * report.trainingSize;
    const texts = task.test.map((d) => d.text);
    const batch: number[] = [];
    let preds = predict(model, texts);
    for (let r = 0; r < 3; r++) {
      const s = performance.now();
      preds = predict(model, texts);
      batch.push(texts.length / ((performance.now() - s) / 1000));
    }
    const single: number[] = [];
    for (const t of texts.slice(0, 300)) {
      const s = performance.now();
      predict(model, [t]);
      single.push(performance.now() - s);
    }
    const dir = mkdtempSync(join(tmpdir(), 'mizan-design-'));
    const saved = await saveModel(model, dir, { moveLatest: false });
    const bytes = ['weights.bin', 'idf.bin', 'model.json', 'metadata.json'].reduce((n, f) => n + statSync(join(saved.dir, f)).size, 0);
    rmSync(dir, { recursive: true, force: true });
    console.log(
      JSON.stringify({
        task: task.name,
        bits,
        fold0: +score(task, preds).toFixed(4),
        epochs: report.epochs.length,
        trainS: +trainS.toFixed(1),
        trainDocsPerS: Math.round(docsTrained / trainS),
        batchDocsPerS: Math.round(median(batch)),
        singleMs: +median(single).toFixed(3),
        artifactMB: +(bytes / 1e6).toFixed(1),
        rssMB: Math.round(process.memoryUsage().rss / 1e6),
      }),
    );
  }
}
