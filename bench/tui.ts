// Labeling screen on a large corpus: start-up time and keypress-to-frame time.
//   npx tsx bench/tui.ts [--articles 100000] [--runs 3] [--keys 200] [--db bench/out/tui-100k.db]
//
// Start-up: from opening the (already migrated) database to the first frame that shows an article
// (session, codebook, first keyset query, article, Ink render), in-process; plus, when tmux is there,
// the whole `node bin/mizan.js label` process to its first frame (Node + tsx boot included).
// Keypress-to-frame: a key written to the screen's stdin until the frame that shows its effect:
// topic toggle, stance value, scroll, and Enter (confirm + next article from the queue).
// The screen renders through ink-testing-library's streams (real Ink, debug rendering: every frame
// is written in full, a little more work than a terminal update).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { openDatabase } from '../src/db/open.js';
import type { Database } from '../src/db/open.js';
import { parseCodebook } from '../src/codebook/parse.js';
import { saveCodebook } from '../src/codebook/store.js';
import { startSession } from '../src/labels/session.js';
import { codebookView, initialState } from '../tui/state/init.js';

// As `mizan label` does before loading React: the production build (imports below are dynamic so
// this runs first).
process.env['NODE_ENV'] ??= 'production';
const { createElement } = await import('react');
const { render } = await import('ink-testing-library');
const { App } = await import('../tui/components/App.js');

const ROOT = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '3' },
    keys: { type: 'string', default: '200' },
    db: { type: 'string', default: join(ROOT, 'bench/out/tui-100k.db') },
  },
});
const N = Number(values.articles);
const RUNS = Number(values.runs);
const ARTICLES_PER_RUN = Number(values.keys);
const DB_PATH = resolve(values.db!);
const URL = `file:${DB_PATH}`;

const WORDS = (
  'الأمن الجزائر المغرب ليبيا تونس الساحل الحدود الإرهاب خلية تفكيك التعاون الاستخبارات وزير الداخلية ' +
  'الرئيس الحكومة البرلمان الجيش الشرطة الهجرة التهريب اتفاق قمة زيارة مباحثات الصحراء البوليساريو ' +
  'الأمم المتحدة مجلس الأمن طرابلس بنغازي مالي النيجر موريتانيا عملية مداهمة أسلحة مخدرات تصريح بيان ' +
  'مصدر مسؤول أكد أعلن قال أضاف خلال يوم الأربعاء الخميس العاصمة المنطقة الوضع التوتر العلاقات'
).split(' ');

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function sentence(r: () => number, n: number): string {
  return Array.from({ length: n }, () => WORDS[Math.floor(r() * WORDS.length)]!).join(' ');
}

async function ensureCorpus(): Promise<void> {
  mkdirSync(dirname(DB_PATH), { recursive: true });
  const db = await openDatabase(URL);
  try {
    if ((await db.prisma.codebookVersion.count()) === 0) {
      const file = join(ROOT, 'seeds/codebook.yaml');
      const source = readFileSync(file, 'utf8');
      await saveCodebook(db.prisma, parseCodebook(source, file), source);
    }
    const have = await db.prisma.article.count();
    if (have >= N) return;
    const r = rng(42);
    const t0 = performance.now();
    for (let start = have; start < N; start += 5000) {
      const rows = [];
      for (let i = start; i < Math.min(N, start + 5000); i++) {
        const body = Array.from({ length: 4 }, () => `${sentence(r, 20 + Math.floor(r() * 20))}.`).join('\n\n');
        const id = `b${i.toString(36).padStart(6, '0')}${Math.floor(r() * 1e9).toString(36)}`;
        rows.push({ id, title: sentence(r, 8), body, rawText: body, contentHash: `bench-${i}`, source: 'بوابة الوسط' });
      }
      await db.prisma.article.createMany({ data: rows });
    }
    console.error(`generated ${N - have} articles in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  } finally {
    await db.close();
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 === 1 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const p95 = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)]!;
};

interface RunResult {
  startup: number;
  /** Of which: openDatabase (connect, migration check, pragmas). */
  opened: number;
  keys: Record<string, number[]>;
  rssMb: number;
}

async function oneRun(run: number): Promise<RunResult> {
  const t0 = performance.now();
  const db: Database = await openDatabase(URL);
  const opened = performance.now() - t0;
  const session = await startSession(db.prisma, { annotator: `bench-${process.pid}-${run}`, queue: 'unlabeled', filter: null });
  let idle: () => Promise<void> = async () => undefined;
  const initial = initialState({
    codebook: codebookView(session.codebook), annotator: session.annotator.name, queue: 'unlabeled', filter: null,
    rtl: { mode: 'app', reason: 'bench' }, startedAt: Date.now(),
  });
  const deps = {
    db: db.prisma, session, writeTerminal: () => undefined, onQuit: () => undefined,
    registerIdle: (f: () => Promise<void>) => {
      idle = f;
    },
  };
  const app = render(createElement(App, { initial, deps }));
  // Frames as they are written, with the time they were written.
  const frames: { t: number; text: string }[] = [];
  const write = app.stdout.write;
  app.stdout.write = (frame: string) => {
    frames.push({ t: performance.now(), text: frame });
    write(frame);
  };
  const waitFrame = async (since: number, ok: (f: string) => boolean): Promise<number> => {
    const started = performance.now();
    for (;;) {
      const hit = frames.find((f) => f.t >= since && ok(f.text));
      if (hit !== undefined) return hit.t;
      if (performance.now() - started > 10_000) throw new Error(`no matching frame within 10 s; last:\n${frames[frames.length - 1]?.text}`);
      await new Promise((r) => setImmediate(r));
    }
  };
  const startup = (await waitFrame(0, (f) => f.includes('Counter-terrorism') && !f.includes('loading'))) - t0;
  const rssMb = process.memoryUsage().rss / 2 ** 20;
  const keys: Record<string, number[]> = { topic: [], stance: [], scroll: [], enter: [] };
  const press = async (name: string, input: string, ok: (f: string) => boolean) => {
    const since = performance.now();
    app.stdin.write(input);
    keys[name]!.push((await waitFrame(since, ok)) - since);
  };
  for (let i = 1; i <= ARTICLES_PER_RUN; i++) {
    await press('topic', '1', (f) => f.includes('1 ■ Counter-terrorism'));
    await press('stance', 'f', (f) => f.includes('[f]Favor✓'));
    await press('scroll', 'j', (f) => /─ \d+\/\d+ lines/.test(f));
    await press('enter', '\r', (f) => f.includes(`session ${i} `) && f.includes('1 □ Counter-terrorism') && !f.includes('loading'));
  }
  await idle();
  app.unmount();
  const labeled = await db.prisma.label.count({ where: { annotatorId: session.annotator.id, confirmedAt: { not: null } } });
  if (labeled !== ARTICLES_PER_RUN) throw new Error(`expected ${ARTICLES_PER_RUN} confirmed labels, found ${labeled}`);
  await db.close();
  return { startup, opened, keys, rssMb };
}

/** The whole process under tmux: launch to the first frame with an article (Node and tsx boot included). */
async function processStartup(): Promise<number | null> {
  if (spawnSync('tmux', ['-V']).status !== 0) return null;
  const socket = `mizan-bench-${process.pid}`;
  const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  try {
    const t0 = performance.now();
    tmux('new-session', '-d', '-s', 'b', '-x', '120', '-y', '40', '-c', ROOT, `exec env -u CI node bin/mizan.js --db ${URL} label --annotator bench-proc`);
    for (;;) {
      const screen = tmux('capture-pane', '-p', '-t', 'b');
      if (screen.includes('Counter-terrorism') && !screen.includes('loading')) return performance.now() - t0;
      if (performance.now() - t0 > 60_000) return null;
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    spawnSync('tmux', ['-L', socket, 'kill-server']);
  }
}

/** Baseline: the same process doing nothing (`mizan --version`): Node + tsx boot of the CLI. */
function bootOnly(): number {
  const t0 = performance.now();
  execFileSync('node', ['bin/mizan.js', '--version'], { cwd: ROOT });
  return performance.now() - t0;
}

await ensureCorpus();
const results: RunResult[] = [];
const procs: number[] = [];
const boots: number[] = [];
for (let run = 0; run < RUNS; run++) {
  results.push(await oneRun(run));
  const p = await processStartup();
  if (p !== null) procs.push(p);
  boots.push(bootOnly());
  const r = results[results.length - 1]!;
  console.error(`run ${run + 1}: start-up ${r.startup.toFixed(0)} ms in-process${p === null ? '' : `, ${p.toFixed(0)} ms whole process`}; enter median ${median(r.keys['enter']!).toFixed(1)} ms`);
}
const all = (name: string) => results.flatMap((r) => r.keys[name]!);
const line = (name: string, what: string) => `| ${what} | ${median(all(name)).toFixed(1)} | ${p95(all(name)).toFixed(1)} | ${all(name).length} |`;
const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
console.log(`## TUI

\`npx tsx bench/tui.ts --articles ${N} --runs ${RUNS} --keys ${ARTICLES_PER_RUN}\` — ${N.toLocaleString('en')} generated Arabic articles in
SQLite (WAL), seed codebook; ${cpus().length} cores, Node ${process.versions.node}; load average at the end ${load} (the machine is shared
with other jobs, so these are upper bounds). Each run labels ${ARTICLES_PER_RUN} articles as a new annotator (topic, stance, scroll,
Enter), every change written to the database as it is made.

| start-up (goal < 1 s) | median of ${RUNS} runs |
|---|---|
| open DB → first frame with an article, in-process | ${median(results.map((r) => r.startup)).toFixed(0)} ms |
| of which opening the database (connect, migration check) | ${median(results.map((r) => r.opened)).toFixed(0)} ms |
| \`node bin/mizan.js label\` launch → first frame (tmux, Node + tsx boot included) | ${procs.length === 0 ? 'n/a (no tmux)' : `${median(procs).toFixed(0)} ms`} |
| baseline: \`node bin/mizan.js --version\` (Node + tsx boot, nothing else) | ${median(boots).toFixed(0)} ms |
| resident memory after start-up (Node, Prisma, React, Ink; no corpus) | ${median(results.map((r) => r.rssMb)).toFixed(0)} MB |

| keypress → frame (goal < 50 ms) | median ms | p95 ms | keys |
|---|---|---|---|
${line('topic', 'topic hotkey (toggle; write runs after the frame)')}
${line('stance', 'stance value key')}
${line('scroll', 'scroll (j)')}
${line('enter', 'Enter: confirm + next article from the queue (keyset query, load, render)')}
`);
