// `mizan db copy` throughput, SQLite → PostgreSQL (and back): a workspace made from the shared
// corpora (articles with their text, labels, topics, stances, the label history), copied into a
// fresh PostgreSQL database RUNS times; rows/s of the copy itself (snapshot, writes, verification),
// and the whole command's wall time (with migrating the empty target).
//
//   MIZAN_BENCH_PG_URL=postgresql://postgres:postgres@127.0.0.1:5432/postgres npx tsx bench/db-copy.ts
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { copyDatabase } from '../src/db/copy/copy.js';
import type { PgCopyConnection } from '../src/db/copy/pg-connection.js';

const PG = process.env['MIZAN_BENCH_PG_URL'] ?? 'postgresql://postgres:postgres@127.0.0.1:5432/postgres';
const RUNS = Number(process.env['RUNS'] ?? 3);
const DIR = process.env['BENCH_DIR'] ?? '/tmp/mizan-bench-copy';
const DATA = '/work/shared/data';
const source = join(DIR, 'source.db');
const mizan = (args: string[]) =>
  execFileSync(process.execPath, [join(import.meta.dirname, '..', 'bin', 'mizan.js'), '--db', `file:${source}`, ...args], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });

if (!existsSync(source)) {
  mkdirSync(DIR, { recursive: true });
  mizan(['import', `${DATA}/topics_train.csv`, '--text-col', 'text', '--id-col', 'id', '--topic-col', 'topic', '--extend-codebook']);
  mizan([
    'import',
    `${DATA}/mawqif_train.csv`,
    '--text-col',
    'text',
    '--id-col',
    'id',
    '--target-col',
    'target',
    '--stance-col',
    'stance',
    '--extend-codebook',
  ]);
  mizan(['import', `${DATA}/topics_unlabeled.csv`, '--text-col', 'text', '--id-col', 'id']);
}

async function freshPg(name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: PG });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const u = new URL(PG);
  u.pathname = `/${name}`;
  return u.toString();
}

/** utime + stime of a process, in seconds (Linux /proc; the bench runs as a user who may read it). */
function processCpu(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}
let serverCpuEnd = 0;
const cpuRates: number[] = [];
const insertCpuRates: number[] = [];
const insertResults: { rate: number; seconds: number; wall: number; rows: number }[] = [];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const results: { rate: number; seconds: number; wall: number; rows: number }[] = [];
for (let i = 0; i < RUNS; i++) {
  const to = await freshPg(`mizan_bench_copy_${i}`);
  const load = loadavg()[0]!.toFixed(1);
  const t0 = Date.now();
  const cpu0 = process.cpuUsage();
  let serverPid = 0;
  let serverCpu0 = 0;
  // Odd runs take the INSERT ... SELECT FROM unnest path (--merge into an empty database), for comparison with COPY.
  const viaInsert = process.env['COMPARE'] === '1' && i % 2 === 1;
  const s = await copyDatabase(`file:${source}`, to, {
    merge: viaInsert,
    onConnected: async (_reader, writer) => {
      serverPid = Number((await (writer as PgCopyConnection).query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid);
      serverCpu0 = processCpu(serverPid);
    },
    onProgress: (done, total) => {
      // The backend's CPU is read while it is alive (it exits with the connection).
      if (done === total) serverCpuEnd = processCpu(serverPid);
    },
  });
  const serverCpu = serverCpuEnd - serverCpu0;
  const wall = (Date.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  (viaInsert ? insertResults : results).push({ rate: s.rows / s.seconds, seconds: s.seconds, wall, rows: s.rows });
  console.log(
    `run ${i + 1} (${viaInsert ? 'INSERT unnest' : 'COPY'}): ${s.rows} rows in ${s.seconds.toFixed(2)} s copy (${Math.round(s.rows / s.seconds)} rows/s), ${wall.toFixed(2)} s with migration; this process's CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s, the PostgreSQL backend's CPU ${serverCpu.toFixed(2)} s (writes; verification after); load ${load}`,
  );
  (viaInsert ? insertCpuRates : cpuRates).push(s.rows / Math.max((cpu.user + cpu.system) / 1e6, serverCpu));
  console.log('  ' + s.tables.map((t) => `${t.table} ${t.after}`).join(', '));
}
// And back: PostgreSQL → a new SQLite file.
const back = join(DIR, `back-${Date.now()}.db`);
const t1 = Date.now();
const b = await copyDatabase(
  await (async () => {
    const u = new URL(PG);
    u.pathname = '/mizan_bench_copy_0';
    return u.toString();
  })(),
  `file:${back}`,
);
console.log(
  `back to SQLite: ${b.rows} rows in ${b.seconds.toFixed(2)} s (${Math.round(b.rows / b.seconds)} rows/s), ${((Date.now() - t1) / 1000).toFixed(2)} s with migration`,
);
if (insertResults.length > 0)
  console.log(
    `INSERT unnest path: median ${Math.round(median(insertResults.map((r) => r.rate)))} rows/s, ${Math.round(median(insertCpuRates))} rows per CPU-second of the busier side`,
  );
console.log(`median rows per CPU-second of the busier side (this process or the PostgreSQL backend, which overlap): ${Math.round(median(cpuRates))}`);
console.log(
  `median SQLite → PostgreSQL: ${Math.round(median(results.map((r) => r.rate)))} rows/s (copy ${median(results.map((r) => r.seconds)).toFixed(2)} s, wall ${median(results.map((r) => r.wall)).toFixed(2)} s); load now ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
