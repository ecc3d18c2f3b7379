// Inputs for the server bench: 2 KB Arabic articles from the shared topic corpus, and a small real
// model trained on that corpus (the server's speed does not depend on how well it was trained).
import { loadStance, loadTopics } from './text-data.js';
import { trainModel } from '../../src/model/train.js';
import { saveModel } from '../../src/model/io.js';
import type { CodebookSpec, TrainingExample } from '../../src/model/types.js';

/** `count` article texts of at most `maxBytes` UTF-8 bytes each, cut at a word boundary. */
export function articleBodies(maxBytes: number, count: number): string[] {
  const out: string[] = [];
  for (const row of loadTopics()) {
    const text = row.text.trim();
    if (Buffer.byteLength(text) < maxBytes) continue;
    let cut = text.slice(0, maxBytes / 2); // Arabic letters are 2 bytes; grow to the limit
    for (const word of text.slice(cut.length).split(' ')) {
      if (Buffer.byteLength(`${cut} ${word}`) > maxBytes) break;
      cut = `${cut} ${word}`;
    }
    out.push(cut);
    if (out.length === count) break;
  }
  return out;
}

const keyOf = (s: string): string =>
  s
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_');

/**
 * Trains a small model (topics from the topic corpus, stance toward three targets from the Mawqif
 * corpus, each head masked where a row has no label) and saves it under `modelsDir`; returns its dir.
 */
export async function trainBenchModel(modelsDir: string, opts: { perCorpus?: number; hashBits?: number } = {}): Promise<string> {
  const perCorpus = opts.perCorpus ?? 1500;
  const topicRows = loadTopics();
  const stanceRows = loadStance();
  const sample = <T>(rows: T[]) => rows.filter((_, i) => i % Math.max(1, Math.floor(rows.length / perCorpus)) === 0).slice(0, perCorpus);
  const data: TrainingExample[] = [
    ...sample(topicRows).map((r) => ({ id: `t${r.id}`, text: r.text, topics: [keyOf(r.topic)] })),
    ...sample(stanceRows).map((r) => ({ id: `s${r.id}`, text: r.text, stance: { [keyOf(r.target)]: keyOf(r.stance) } })),
  ];
  const values = [...new Set(stanceRows.map((r) => keyOf(r.stance)))].sort();
  const spec: CodebookSpec = {
    version: 1,
    topics: [...new Set(topicRows.map((r) => keyOf(r.topic)))].sort().map((key) => ({ key })),
    multiLabel: false,
    targets: [...new Set(stanceRows.map((r) => keyOf(r.target)))].sort().map((key) => ({ key, values })),
  };
  const { model } = await trainModel(data, spec, {
    seed: 7,
    epochs: 3,
    validationFraction: 0.1,
    ...(opts.hashBits === undefined ? {} : { hashBits: opts.hashBits }),
  });
  const saved = await saveModel(model, modelsDir);
  return saved.dir;
}
