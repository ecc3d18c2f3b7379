// The one fold assignment every system in the model benchmark uses (Mizan, scikit-learn, fastText):
// 5-fold stratified CV with a fixed seed, written to CSV files (id,fold) that the Python and shell
// peers read, so all three are scored on exactly the same held-out documents.
// topics: stratified by topic. mawqif: stratified by target|stance. Same seed and helper as the text
// ablation (bench/text-ablation.ts), so those numbers are on the same splits too.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stratifiedFolds } from './text-classifier.js';
import type { StanceRow, TopicRow } from './text-data.js';

export const FOLDS = 5;
export const FOLD_SEED = 20260523;

const here = dirname(fileURLToPath(import.meta.url));
/** bench/out/ is git-ignored: the files are derived from the shared data and re-made on demand. */
export const FOLDS_DIR = process.env.MIZAN_FOLDS_DIR ?? join(here, '..', 'out', 'folds');
export const TOPIC_FOLDS_FILE = join(FOLDS_DIR, 'topics.csv');
export const STANCE_FOLDS_FILE = join(FOLDS_DIR, 'mawqif.csv');

export function topicFolds(rows: TopicRow[]): number[] {
  return stratifiedFolds(
    rows.map((r) => r.topic),
    FOLDS,
    FOLD_SEED,
  );
}

export function stanceFolds(rows: StanceRow[]): number[] {
  return stratifiedFolds(
    rows.map((r) => `${r.target}|${r.stance}`),
    FOLDS,
    FOLD_SEED,
  );
}

/** Writes `id,fold` lines; ids are checked unique (the peers join on them). */
export function writeFolds(file: string, ids: string[], folds: number[]): void {
  if (new Set(ids).size !== ids.length) throw new Error(`${file}: document ids are not unique`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `id,fold\n${ids.map((id, i) => `${id},${folds[i]}`).join('\n')}\n`);
}

export function readFolds(file: string): Map<string, number> {
  const lines = readFileSync(file, 'utf8').trim().split('\n').slice(1);
  return new Map(
    lines.map((line) => {
      const comma = line.lastIndexOf(',');
      return [line.slice(0, comma), Number(line.slice(comma + 1))] as const;
    }),
  );
}
