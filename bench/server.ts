// Load run of `mizan serve` on loopback: classify (2 KB Arabic articles) and batch throughput with
// p50/p99 latency, against /v1/health on the same server in the same run. The server runs as its own
// process (`node bin/mizan.js serve`), exactly as users start it; autocannon drives it from here.
//
//   node --import tsx bench/server.ts [--rounds 3] [--duration 10] [--connections 8] [--batch 64] [--workers 1,2] [--model DIR]
//
// Without --model, a small model is trained first on ../shared/data/topics_train.csv.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import type { Request, Result } from 'autocannon';
import { articleBodies, trainBenchModel } from './lib/server-model.js';
import { median } from './lib/stats.js';

const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '8' },
    batch: { type: 'string', default: '64' },
    model: { type: 'string' },
    workers: { type: 'string', default: '1,2' },
  },
});
const ROUNDS = Number(args.rounds);
const DURATION = Number(args.duration);
const CONNECTIONS = Number(args.connections);
const BATCH = Number(args.batch);
const BIN = new URL('../bin/mizan.js', import.meta.url).pathname;

async function startServer(dir: string, modelDir: string, workers: number): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [BIN, '--db', `file:${join(dir, 'bench.db')}`, '--models', join(dir, 'models'), 'serve', '--port', '0', '--model', modelDir, '--workers', String(workers)],
    {
      stdio: ['ignore', 'pipe', 'ignore'], // request logs are still written, as in production; we just do not read them
    },
  );
  const url = await new Promise<string>((ok, fail) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const m = /listening on (http:\/\/\S+)/.exec(line);
      if (m !== null) ok(m[1]!);
    });
    child.once('exit', (code) => fail(new Error(`server exited with ${code}`)));
  });
  return { url, child };
}

/**
 * CPU seconds used so far by a process and its descendants (the workers of --workers N), from
 * /proc. Per request, this is what the server costs, whatever else runs on the machine; wall-clock
 * throughput on a shared machine depends on the other jobs as much as on the server.
 */
function cpuSeconds(pid: number): number {
  let total = 0;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    total += (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks (USER_HZ = 100)
    for (const task of readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(' ').filter(Boolean)) total += cpuSeconds(Number(task));
  } catch {
    // The process has gone: it no longer uses CPU.
  }
  return total;
}

interface Row {
  name: string;
  reqPerSec: number;
  docsPerSec: number;
  p50: number;
  p99: number;
  errors: number;
  /** Server CPU per request (all its processes), microseconds. */
  cpuPerRequest: number;
}

async function load(
  name: string,
  url: string,
  pid: number,
  requests: { path: string; method: string; body?: string }[],
  docsPerRequest: number,
  duration = DURATION,
): Promise<Row> {
  const cpuBefore = cpuSeconds(pid);
  const result: Result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration,
    requests: requests.map((r): Request => ({ ...r, headers: r.body === undefined ? {} : { 'content-type': 'application/json' } })),
  });
  return {
    name,
    reqPerSec: result.requests.average,
    docsPerSec: result.requests.average * docsPerRequest,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    cpuPerRequest: ((cpuSeconds(pid) - cpuBefore) * 1e6) / Math.max(1, result.requests.total),
  };
}

async function measure(dir: string, modelDir: string, workers: number, texts: string[]): Promise<Row[][]> {
  const server = await startServer(dir, modelDir, workers);
  try {
    const classify = texts.map((text) => ({ method: 'POST', path: '/v1/classify', body: JSON.stringify({ text }) }));
    const batches = Array.from({ length: 16 }, (_, b) => ({
      method: 'POST',
      path: '/v1/classify/batch',
      body: JSON.stringify({ items: Array.from({ length: BATCH }, (_, i) => ({ id: `d${b}-${i}`, text: texts[(b * BATCH + i) % texts.length]! })) }),
    }));
    // Warm up (JIT) before measuring.
    await load('warm-up', server.url, server.child.pid!, classify.slice(0, 32), 1, 3);
    const rounds: Row[][] = [];
    for (let round = 0; round < ROUNDS; round++) {
      rounds.push([
        await load('GET /v1/health', server.url, server.child.pid!, [{ method: 'GET', path: '/v1/health' }], 0),
        await load('POST /v1/classify', server.url, server.child.pid!, classify, 1),
        await load(`POST /v1/classify/batch (${BATCH} docs)`, server.url, server.child.pid!, batches, BATCH),
      ]);
      console.error(
        `workers ${workers}, round ${round + 1}: ${rounds
          .at(-1)!
          .map((r) => `${r.name} ${r.reqPerSec.toFixed(0)} req/s p99 ${r.p99} ms`)
          .join('; ')} (load average ${loadavg()[0]!.toFixed(1)})`,
      );
    }
    return rounds;
  } finally {
    server.child.kill('SIGTERM');
    await new Promise((ok) => server.child.once('exit', ok));
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mizan-bench-server-'));
  try {
    const modelDir = args.model === undefined ? await trainBenchModel(join(dir, 'models')) : resolve(args.model);
    const texts = articleBodies(2048, 256);
    const bytes = texts.reduce((s, t) => s + Buffer.byteLength(t), 0) / texts.length;
    const loads: number[] = [];
    const results: [number, Row[][]][] = [];
    for (const workers of args.workers.split(',').map(Number)) {
      loads.push(loadavg()[0]!);
      results.push([workers, await measure(dir, modelDir, workers, texts)]);
    }
    console.log(
      `\nserver bench: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), Node ${process.versions.node}; autocannon ${CONNECTIONS} connections ` +
        `on the same machine, ${DURATION} s per run, median of ${ROUNDS} rounds; articles ${bytes.toFixed(0)} bytes UTF-8 on average; ` +
        `load average before the runs: ${loads.map((l) => l.toFixed(1)).join(', ')}\n`,
    );
    console.log('| server | route | req/s | docs/s | p50 ms | p99 ms | errors | server CPU µs/req | req/s per dedicated core | docs per server CPU-s |');
    console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const [workers, rounds] of results) {
      for (let i = 0; i < rounds[0]!.length; i++) {
        const runs = rounds.map((r) => r[i]!);
        const docs = median(runs.map((r) => r.docsPerSec));
        const cpu = median(runs.map((r) => r.cpuPerRequest));
        const perDoc = docs === 0 ? '' : ((1e6 / cpu) * (docs / median(runs.map((r) => r.reqPerSec)))).toFixed(0);
        console.log(
          `| --workers ${workers} | ${runs[0]!.name} | ${median(runs.map((r) => r.reqPerSec)).toFixed(0)} | ${docs === 0 ? '' : docs.toFixed(0)} | ${median(runs.map((r) => r.p50))} | ${median(runs.map((r) => r.p99))} | ${runs.reduce((s, r) => s + r.errors, 0)} | ${cpu.toFixed(0)} | ${(1e6 / cpu).toFixed(0)} | ${perDoc} |`,
        );
      }
      const health = median(rounds.map((r) => r[0]!.reqPerSec));
      const cls = median(rounds.map((r) => r[1]!.reqPerSec));
      console.log(`| --workers ${workers} | classify / health | ${(cls / health).toFixed(2)} | | | | | | | |`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
