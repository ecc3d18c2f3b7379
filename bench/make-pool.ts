// Pool and test files for bench/label-efficiency.ts: pool = 4 of the 5 project folds
// (bench/make-folds.ts), test = the fifth, with the columns of the shared data.
// One newline style throughout: Papa's default \r\n plus a final \n made the last row's label "technology\n",
// a seventh topic that scored 0 and pulled every macro-F1 down by a seventh.
// Usage: MIZAN_DATA_DIR=/work/shared/data npx tsx bench/make-pool.ts [--fold 0] [--out bench/out/al]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { STANCE_FOLDS_FILE, TOPIC_FOLDS_FILE, readFolds } from './lib/folds.js';
import { loadStance, loadTopics } from './lib/text-data.js';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => (args.includes(name) ? args[args.indexOf(name) + 1]! : dflt);
const testFold = Number(opt('--fold', '0'));
const out = opt('--out', join('bench', 'out', 'al'));
mkdirSync(out, { recursive: true });

function write<T extends { id: string }>(name: string, rows: T[], folds: Map<string, number>, columns: (keyof T & string)[]) {
  const fold = (r: T) => folds.get(r.id) ?? -1;
  const pool = rows.filter((r) => fold(r) !== testFold && fold(r) >= 0);
  const test = rows.filter((r) => fold(r) === testFold);
  writeFileSync(join(out, `${name}-pool.csv`), Papa.unparse(pool, { columns, newline: '\n' }) + '\n');
  writeFileSync(join(out, `${name}-test.csv`), Papa.unparse(test, { columns, newline: '\n' }) + '\n');
  console.error(`${name}: pool ${pool.length}, test ${test.length} (fold ${testFold}) in ${out}`);
}

write('topics', loadTopics(), readFolds(TOPIC_FOLDS_FILE), ['id', 'text', 'topic']);
write('mawqif', loadStance(), readFolds(STANCE_FOLDS_FILE), ['id', 'text', 'target', 'stance']);
