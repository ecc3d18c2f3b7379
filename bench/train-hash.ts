// A fingerprint of the trainer's output on real data: a fixed slice of each corpus, default options
// plus --folds 3, hashed over the weights, the idf table, the report (without timings) and the
// metadata (without id and date). Run it before and after a refactoring of src/model/: equal
// hashes mean the saved models are bit-identical. tests/model/golden.test.ts does the same on the toy set.
// Usage: npx tsx bench/train-hash.ts [rows]   (default 1500 per corpus)
import { createHash } from 'node:crypto';
import { trainModel } from '../src/model/train.js';
import type { CodebookSpec, TrainOptions, TrainingExample } from '../src/model/types.js';
import { loadStance, loadTopics } from './lib/text-data.js';

const rows = Number(process.argv[2] ?? 1500);

function withoutSeconds(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(withoutSeconds);
  if (typeof x === 'object' && x !== null)
    return Object.fromEntries(
      Object.entries(x)
        .filter(([k]) => k !== 'seconds')
        .map(([k, v]) => [k, withoutSeconds(v)]),
    );
  return x;
}

async function fingerprint(examples: TrainingExample[], spec: CodebookSpec, opts: TrainOptions): Promise<string> {
  const { model, report } = await trainModel(examples, spec, opts);
  const { id: _id, createdAt: _at, ...metadata } = model.metadata;
  const h = createHash('sha256');
  for (const a of [model.weights.kernel, model.weights.bias, model.idf]) h.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  h.update(JSON.stringify(withoutSeconds(report)));
  h.update(JSON.stringify(metadata));
  return h.digest('hex').slice(0, 16);
}

const topics = loadTopics().slice(0, rows);
const topicSpec: CodebookSpec = { version: 1, multiLabel: false, topics: [...new Set(topics.map((r) => r.topic))].sort().map((key) => ({ key })), targets: [] };
const topicExamples = topics.map((r) => ({ id: r.id, text: r.text, topics: [r.topic] }));
const stance = loadStance().slice(0, rows);
const stanceSpec: CodebookSpec = {
  version: 1,
  multiLabel: false,
  topics: [],
  targets: [...new Set(stance.map((r) => r.target))].sort().map((key) => ({ key, values: ['Favor', 'Against', 'None'] })),
};
const stanceExamples = stance.map((r) => ({ id: r.id, text: r.text, stance: { [r.target]: r.stance } }));
const base: TrainOptions = { seed: 1, epochs: 0, validationFraction: 0.1 };
for (const [name, ex, spec] of [
  ['topics', topicExamples, topicSpec],
  ['mawqif', stanceExamples, stanceSpec],
] as const) {
  console.log(`${name} default ${await fingerprint(ex, spec, base)}`);
  console.log(`${name} folds3 ${await fingerprint(ex, spec, { ...base, folds: 3 })}`);
}
