// Import throughput: `mizan import` of 100,000 CSV rows vs sqlite3's `.import` of the same file.
//   npm run build && npx tsx bench/import.ts [--data ../shared/data/topics_train.csv] [--rows 100000] [--runs 3] [--code bin|dist]
// Two Mizan imports per run: the labeled corpus (--topic-col: a label, a topic and two label events
// per row) and the articles alone (the text column only, as sqlite3's .import stores rows).
// Reports wall time and the child's user CPU time (bash `times`, all threads: the import parses on a
// worker thread): on a shared, loaded machine the CPU time is the comparable number.
// `--code dist` runs the compiled bundle even when a source is newer than it (others editing);
// the default runs bin/mizan.js, which falls back to the sources through tsx when dist/ is stale.
// Rows repeat topics_train.csv with new ids; each copy's text gets its id appended, so no row is an
// exact duplicate (Mizan skips duplicates, which would flatter it).
import { execFileSync, spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Papa from 'papaparse';
import { median } from './lib/stats.js';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: resolve(import.meta.dirname, '../../shared/data/topics_train.csv') },
    rows: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '3' },
    out: { type: 'string', default: '/tmp/mizan-bench' },
    code: { type: 'string', default: 'bin' },
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
    Papa.parse(createReadStream(values.data), {
      header: true,
      skipEmptyLines: true,
      step: (r) => source.push(r.data as never),
      complete: () => done(),
      error: fail,
    }),
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

interface Timing {
  wall: number;
  user: number;
}

/** Runs `cmd` (its stdout goes to our stderr) and measures wall time and its user CPU time. */
function measure(cmd: readonly string[]): Timing {
  const t0 = process.hrtime.bigint();
  const p = spawnSync('bash', ['-c', '"$@" 1>&2 || exit $?; times', 'bash', ...cmd], { stdio: ['ignore', 'pipe', 'inherit'] });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  if (p.status !== 0) throw new Error(`${cmd.join(' ')} failed with status ${p.status}`);
  // `times` prints the shell's user/sys, then its children's: "0m24.131s 0m6.252s".
  const children = p.stdout.toString().trim().split('\n')[1] ?? '';
  const m = /^(\d+)m([\d.]+)s/.exec(children);
  if (m === null) throw new Error(`cannot read CPU time from: ${p.stdout}`);
  return { wall, user: Number(m[1]) * 60 + Number(m[2]) };
}

await makeCsv();
const mizan: Timing[] = [];
const articlesOnly: Timing[] = [];
const sqlite: Timing[] = [];
const root = resolve(import.meta.dirname, '..');
const bin = resolve(root, 'bin/mizan.js');
/** The command line that runs Mizan with `args`. */
const mizanCmd = (args: string[]): string[] => (values.code === 'dist' ? ['node', resolve(root, 'bench/lib/run-dist.mjs'), ...args] : ['node', bin, ...args]);

/** Whether bin/mizan.js will run the compiled build (its own test: dist/BUILD newer than every source). */
function compiledIsCurrent(): boolean {
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((m, e) => {
      const p = join(dir, e.name);
      return Math.max(m, e.isDirectory() ? newest(p) : /\.tsx?$/.test(e.name) ? statSync(p).mtimeMs : 0);
    }, 0);
  try {
    const built = statSync(join(root, 'dist', 'BUILD')).mtimeMs;
    return newest(join(root, 'src')) <= built && newest(join(root, 'tui')) <= built;
  } catch {
    return false;
  }
}
const codeNote =
  values.code === 'dist'
    ? 'dist/ bundle (forced)'
    : compiledIsCurrent()
      ? 'dist/ bundle via bin/mizan.js'
      : 'TypeScript sources through tsx (dist/ stale or missing: run `npm run build`)';
for (let r = 0; r < runs; r++) {
  const db = join(values.out, `mizan-${r}.db`);
  rmSync(db, { force: true });
  rmSync(`${db}-wal`, { force: true });
  // Migrate first so the timing is the import alone.
  const [node, ...migrate] = mizanCmd(['--db', `file:${db}`, 'db', 'migrate']);
  execFileSync(node!, migrate, { stdio: 'ignore' });
  process.stderr.write(`mizan run ${r + 1}: `);
  mizan.push(measure(mizanCmd(['--db', `file:${db}`, 'import', csvPath, '--text-col', 'text', '--id-col', 'id', '--topic-col', 'topic', '--extend-codebook'])));
  rmSync(db, { force: true });
  rmSync(`${db}-wal`, { force: true });
  execFileSync(node!, migrate, { stdio: 'ignore' });
  process.stderr.write(`mizan run ${r + 1}, articles only: `);
  articlesOnly.push(measure(mizanCmd(['--db', `file:${db}`, 'import', csvPath, '--text-col', 'text', '--id-col', 'id'])));
  const sdb = join(values.out, `sqlite-${r}.db`);
  rmSync(sdb, { force: true });
  sqlite.push(measure(['sqlite3', sdb, '.mode csv', `.import ${csvPath} articles`]));
  process.stderr.write(
    `  mizan ${JSON.stringify(mizan.at(-1))}, articles only ${JSON.stringify(articlesOnly.at(-1))}, sqlite3 ${JSON.stringify(sqlite.at(-1))}\n`,
  );
}
const mb = statSync(csvPath).size / 1e6;
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`);
console.log(
  `file: ${rows} rows, ${mb.toFixed(0)} MB; ${runs} runs each, median; mizan ran: ${codeNote}; load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
console.log(`| tool | wall s | user CPU s | rows/s (wall) | rows/s (CPU) | MB/s (CPU) |`);
console.log(`|---|---|---|---|---|---|`);
for (const [name, xs] of [
  ['mizan import (labels + dedup + one transaction)', mizan],
  ['mizan import, articles only (dedup + one transaction)', articlesOnly],
  ['sqlite3 .import (raw rows)', sqlite],
] as const) {
  const wall = median(xs.map((x) => x.wall));
  const user = median(xs.map((x) => x.user));
  console.log(`| ${name} | ${wall.toFixed(2)} | ${user.toFixed(2)} | ${Math.round(rows / wall)} | ${Math.round(rows / user)} | ${(mb / user).toFixed(1)} |`);
}
const ratio = (xs: Timing[], f: (t: Timing) => number) => (median(sqlite.map(f)) / median(xs.map(f))).toFixed(3);
console.log(
  `ratio mizan rows/s ÷ sqlite3 rows/s: ${ratio(mizan, (t) => t.wall)} (wall), ${ratio(mizan, (t) => t.user)} (user CPU); articles only ${ratio(articlesOnly, (t) => t.wall)} (wall), ${ratio(articlesOnly, (t) => t.user)} (user CPU)`,
);
