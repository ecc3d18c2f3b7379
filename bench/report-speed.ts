// Speed of `mizan report` at 100k articles: filling the stored predictions (all cores), then
// reports from them (cached). The corpus is topics_unlabeled.csv and topics_train.csv cycled to
// --articles rows (each copy made distinct by a number, so none is a duplicate), with 12 Arabic
// outlets and dates over 2015–2018, imported with `mizan import` into a fresh SQLite file.
//
//   nice npx tsx bench/report-speed.ts --model DIR [--articles 100000] [--runs 5]
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { openDatabase } from '../src/db/open.js';
import { loadModel } from '../src/model/io.js';
import { fillPredictions } from '../src/report/predictions.js';
import { buildReport } from '../src/report/report.js';
import type { GroupBy } from '../src/report/groups.js';
import { DATA_DIR } from './lib/text-data.js';
import { readFileSync } from 'node:fs';

const arg = (name: string, dflt?: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? dflt : process.argv[i + 1];
};
const N = Number(arg('articles', '100000'));
const RUNS = Number(arg('runs', '5'));
const modelDir = arg('model');
if (modelDir === undefined) throw new Error('--model DIR');
const model = await loadModel(modelDir);

const texts = ['topics_unlabeled.csv', 'topics_train.csv'].flatMap((f) =>
  Papa.parse<{ text: string }>(readFileSync(join(DATA_DIR, f), 'utf8'), { header: true, skipEmptyLines: true }).data.map((r) => r.text),
);
const OUTLETS = ['الشروق', 'الخبر', 'هسبريس', 'بوابة الوسط', 'الصباح', 'الأهرام', 'النهار', 'المساء', 'العربي الجديد', 'الأيام', 'اليوم السابع', 'الوطن'];
const dir = join(import.meta.dirname, 'out', 'report', 'speed');
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const csv = join(dir, 'corpus.csv');
const rows = Array.from({ length: N }, (_, i) => ({
  id: `s${i}`,
  text: i < texts.length ? texts[i]! : `${texts[i % texts.length]!} (${i})`,
  source: OUTLETS[(i * 7) % OUTLETS.length]!,
  date: new Date(Date.UTC(2015, 0, 1) + ((i * 9973) % (4 * 365)) * 86_400_000).toISOString().slice(0, 10),
}));
writeFileSync(csv, Papa.unparse(rows));
const url = `file:${join(dir, 'mizan.db')}`;
let t = performance.now();
execFileSync(
  'node',
  [
    join(import.meta.dirname, '..', 'bin', 'mizan.js'),
    '--db',
    url,
    'import',
    csv,
    '--text-col',
    'text',
    '--id-col',
    'id',
    '--source-col',
    'source',
    '--date-col',
    'date',
  ],
  { stdio: 'inherit' },
);
console.log(`import of ${N} articles: ${((performance.now() - t) / 1000).toFixed(1)} s`);

const db = await openDatabase(url);
// CPU time of this process, its prediction threads included: on a shared machine the wall-clock
// rate is whatever the other jobs leave; articles per CPU-second × cores is what two free cores give.
const cpuS = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
};
t = performance.now();
let cpu0 = process.cpuUsage();
const added = await fillPredictions(db.prisma, model, { sqliteFile: join(dir, 'mizan.db') });
const fillS = (performance.now() - t) / 1000;
const fillCpu = cpuS(cpu0);
console.log(
  `fill: ${added} articles predicted and stored in ${fillS.toFixed(1)} s = ${Math.round(added / fillS)} articles/s; ${fillCpu.toFixed(1)} CPU-s = ${Math.round(added / fillCpu)} articles per CPU-second (${cpus().length} cores, load ${loadavg()[0]!.toFixed(1)})`,
);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const sqliteFile = join(dir, 'mizan.db');
for (const by of [[], ['source'], ['source', 'month']] as GroupBy[][]) {
  const times: number[] = [];
  const cpu: number[] = [];
  let records = 0;
  for (let r = 0; r < RUNS; r++) {
    t = performance.now();
    cpu0 = process.cpuUsage();
    const rep = await buildReport(db.prisma, model, { field: 'topics', by, articles: 'all', raw: false, sqliteFile });
    times.push((performance.now() - t) / 1000);
    cpu.push(cpuS(cpu0));
    records = rep.records.length;
  }
  console.log(
    `report --by ${by.join(',') || '(none)'}: median ${median(times).toFixed(2)} s of ${RUNS} (${times.map((x) => x.toFixed(2)).join(' ')}), CPU median ${median(cpu).toFixed(2)} s, ${records} records, load ${loadavg()[0]!.toFixed(1)}`,
  );
}
await db.close();
const cli: number[] = [];
for (let r = 0; r < 3; r++) {
  t = performance.now();
  execFileSync('node', [
    join(import.meta.dirname, '..', 'bin', 'mizan.js'),
    '--db',
    url,
    'report',
    '--model',
    modelDir,
    '--field',
    'topics',
    '--by',
    'source,month',
    '--format',
    'csv',
    '--out',
    join(dir, 'report.csv'),
  ]);
  cli.push((performance.now() - t) / 1000);
}
console.log(
  `mizan report --by source,month (whole command, process start included): median ${median(cli).toFixed(2)} s of 3 (${cli.map((x) => x.toFixed(2)).join(' ')}), load ${loadavg()[0]!.toFixed(1)}`,
);
