// Import throughput: `mizan import` of 100,000 CSV rows vs sqlite3's `.import` of the same file.
//   npx tsx bench/import.ts [--data ../shared/data/topics_train.csv] [--rows 100000] [--runs 3]
// Rows repeat topics_train.csv with new ids; each copy's text gets its id appended, so no row is an
// exact duplicate (Mizan skips duplicates, which would flatter it).
import { execFileSync, spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Papa from 'papaparse';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: resolve(import.meta.dirname, '../../shared/data/topics_train.csv') },
    rows: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '3' },
    out: { type: 'string', default: '/tmp/mizan-bench' },
  },
});
const rows = Number(values.rows);
const runs = Number(values.runs);
mkdirSync(values.out, { recursive: true });
const csvPath = join(values.out, `import-${rows}.csv`);

async function makeCsv(): Promise<void> {
  if (existsSync(csvPath)) return;
  const source: { id: string; text: string; topic: string }[] = [];
  await new Promise<void>((done, fail) =>
    Papa.parse(createReadStream(values.data!), { header: true, skipEmptyLines: true, step: (r) => source.push(r.data as never), complete: () => done(), error: fail }),
  );
  const out = createWriteStream(csvPath);
  out.write('id,text,topic\n');
  for (let i = 0; i < rows; i++) {
    const row = source[i % source.length]!;
    const copy = Math.floor(i / source.length);
    const id = `${row.id}-c${copy}`;
    out.write(Papa.unparse([[id, copy === 0 ? row.text : `${row.text} (${id})`, row.topic]], { newline: '\n' }) + '\n');
  }
  await new Promise((done) => out.end(done));
}

function time(run: () => void): number {
  const t0 = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

await makeCsv();
const mizan: number[] = [];
const sqlite: number[] = [];
const bin = resolve(import.meta.dirname, '../bin/mizan.js');
for (let r = 0; r < runs; r++) {
  const db = join(values.out, `mizan-${r}.db`);
  rmSync(db, { force: true });
  rmSync(`${db}-wal`, { force: true });
  // Migrate first so the timing is the import alone.
  execFileSync('node', [bin, '--db', `file:${db}`, 'db', 'migrate'], { stdio: 'ignore' });
  mizan.push(time(() => {
    const p = spawnSync('node', [bin, '--db', `file:${db}`, 'import', csvPath, '--text-col', 'text', '--id-col', 'id', '--topic-col', 'topic', '--extend-codebook'], { stdio: ['ignore', 'pipe', 'inherit'] });
    if (p.status !== 0) throw new Error(`mizan import failed: ${p.stdout}`);
    process.stderr.write(`mizan run ${r + 1}: ${p.stdout.toString().trim()}\n`);
  }));
  const sdb = join(values.out, `sqlite-${r}.db`);
  rmSync(sdb, { force: true });
  sqlite.push(time(() => execFileSync('sqlite3', [sdb, '.mode csv', `.import ${csvPath} articles`], { stdio: 'inherit' })));
}
const mb = statSync(csvPath).size / 1e6;
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`);
console.log(`file: ${rows} rows, ${mb.toFixed(0)} MB; ${runs} runs each, median`);
console.log(`| tool | seconds | rows/s | MB/s |`);
console.log(`|---|---|---|---|`);
for (const [name, xs] of [['mizan import (labels + dedup + one transaction)', mizan], ['sqlite3 .import (raw rows)', sqlite]] as const) {
  const s = median(xs);
  console.log(`| ${name} | ${s.toFixed(2)} | ${Math.round(rows / s)} | ${(mb / s).toFixed(1)} |`);
}
console.log(`ratio (mizan rows/s ÷ sqlite3 rows/s): ${(median(sqlite) / median(mizan)).toFixed(2)}`);
