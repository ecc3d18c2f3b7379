// Labeling screen on a large corpus: start-up time and keypress-to-frame time.
//   npx tsx bench/tui.ts [--articles 100000] [--runs 3] [--keys 200] [--db bench/out/tui-100k.db]
//                        [--startup-runs 7] [--startup-only] [--model]
//   npx tsx bench/tui.ts --while-training --articles 20000 --labels 2000 --keys 100 --db bench/out/tui-20k.db
//
// Start-up: from opening the (already migrated) database to the first frame that shows an article
// (session, codebook, first keyset query, article, Ink render), in-process; and the whole
// `node bin/mizan.js label` process, from spawn to the first frame that shows an article, two ways:
// on a pseudo-terminal (`script`, the frame timestamped as it arrives on the pty; also the CPU time
// the process had used by then) and under tmux (capture-pane polled every 25 ms, as a user's
// terminal). Beside them, what is not Mizan: `node bin/mizan.js --version`, and a trivial `node -e`
// program that prints a line, through the same two harnesses (Node's boot plus the harness).
// With --model, the same whole-process start-up also with a trained model in `models/latest` (a
// model trained once by this script on generated labels with the seed codebook and the default
// pipeline, 2^18 buckets, kept in bench/out/tui-models): the first frame (the model loads after it),
// the frame with the model's suggestion, and `--queue uncertain`, which loads the model first.
// Keypress-to-frame: a key written to the screen's stdin until the frame that shows its effect:
// topic toggle, stance value, scroll, and Enter (confirm + next article from the queue).
// The screen renders through ink-testing-library's streams (real Ink, debug rendering: every frame
// is written in full, a little more work than a terminal update).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { openDatabase } from '../src/db/open.js';
import type { Database } from '../src/db/open.js';
import { parseCodebook } from '../src/codebook/parse.js';
import { saveCodebook } from '../src/codebook/store.js';
import { startSession } from '../src/labels/session.js';
import { loadCodebook } from '../src/codebook/store.js';
import { codebookSpec } from '../src/model/dataset.js';
import { saveModel } from '../src/model/io.js';
import { trainModel } from '../src/model/train.js';
import { codebookView, initialState } from '../tui/state/init.js';
import { median } from './lib/stats.js';

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
    'startup-runs': { type: 'string', default: '7' },
    'startup-only': { type: 'boolean', default: false },
    // Also measure start-up with a trained model present (trained here once if missing).
    model: { type: 'boolean', default: false },
    // The CLI script to launch (default bin/mizan.js, which picks dist/ or the sources itself).
    cli: { type: 'string', default: 'bin/mizan.js' },
    // Each poll starts a tmux client process: on 2 cores, polling faster steals CPU from the app.
    'tmux-poll': { type: 'string', default: '25' },
    // Keypress → frame while a model trains in the background (bench/lib/tui-while-training.ts).
    'while-training': { type: 'boolean', default: false },
    labels: { type: 'string', default: '2000' },
  },
});
const STARTUP_RUNS = Number(values['startup-runs']);
const TMUX_POLL_MS = Number(values['tmux-poll']);
const N = Number(values.articles);
const RUNS = Number(values.runs);
const ARTICLES_PER_RUN = Number(values.keys);
const DB_PATH = resolve(values.db);
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

/**
 * The model for --model: `<MODELS_DIR>/latest`, trained here once if missing on generated labels
 * (each seed topic with words of its own, stance values at random) with the seed codebook and the
 * default pipeline (2^18 buckets, 8 topics + 3 targets × 4 values: the size `mizan train` saves for
 * the seed codebook, which is what loading costs). Returns its id.
 */
async function ensureModel(): Promise<string> {
  const latest = join(MODELS_DIR, 'latest');
  if (existsSync(join(latest, 'metadata.json'))) return (JSON.parse(readFileSync(join(latest, 'metadata.json'), 'utf8')) as { id: string }).id;
  const db = await openDatabase(URL);
  try {
    const spec = codebookSpec(await loadCodebook(db.prisma));
    const r = rng(7);
    const examples = [];
    for (const [i, topic] of spec.topics.entries()) {
      const own = WORDS.slice((i * 7) % WORDS.length, ((i * 7) % WORDS.length) + 6);
      for (let k = 0; k < 60; k++) {
        const stance: Record<string, string> = {};
        for (const t of spec.targets) stance[t.key] = t.values[Math.floor(r() * t.values.length)]!;
        const text = `${sentence(r, 12)} ${own.join(' ')} ${sentence(r, 12)} ${own[Math.floor(r() * own.length)]}`;
        examples.push({ id: `m${i}-${k}`, text, topics: [topic.key], stance });
      }
    }
    const t0 = performance.now();
    const { model } = await trainModel(examples, spec, { seed: 1, epochs: 10, validationFraction: 0 });
    const saved = await saveModel(model, MODELS_DIR);
    console.error(`trained the bench model ${saved.id} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    return saved.id;
  } finally {
    await db.close();
  }
}

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
    codebook: codebookView(session.codebook),
    annotator: session.annotator.name,
    queue: 'unlabeled',
    filter: null,
    rtl: { mode: 'app', reason: 'bench' },
    startedAt: Date.now(),
  });
  const deps = {
    db: db.prisma,
    session,
    writeTerminal: () => undefined,
    onQuit: () => undefined,
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

if (values['while-training']) {
  await ensureCorpus();
  const { whileTraining } = await import('./lib/tui-while-training.js');
  const db = await openDatabase(URL);
  try {
    console.log(
      await whileTraining({
        db,
        url: URL,
        modelsDir: join(ROOT, 'bench/out/tui-train-models'),
        labels: Number(values.labels),
        keys: ARTICLES_PER_RUN * 4,
        articles: N,
        median,
        p95,
      }),
    );
  } finally {
    await db.close();
  }
  process.exit(0);
}

const CLI = values.cli;
// Explicit models directories: an empty one (no model) and the bench's own (with --model).
const NO_MODELS_DIR = join(ROOT, 'bench/out/tui-no-models');
const MODELS_DIR = join(ROOT, 'bench/out/tui-models');
const LABEL_CMD = `node ${CLI} --db ${URL} --models ${NO_MODELS_DIR} label --annotator bench-proc`;
const MODEL_CMD = `node ${CLI} --db ${URL} --models ${MODELS_DIR} label --annotator bench-proc`;
const UNCERTAIN_CMD = `${MODEL_CMD} --queue uncertain`;
/** Prints a line and stays up (as the labeling screen does), for the harnesses' own cost. */
const TRIVIAL_CMD = `node -e "console.log('trivial-ready'); setTimeout(() => {}, 10000)"`;
// "model loading…" in the header is not the screen loading: the article is there.
const withoutModelLoading = (s: string) => s.replaceAll('model loading…', '');
const articleFrame = (screen: string) => screen.includes('Counter-terrorism') && !withoutModelLoading(screen).includes('loading');
/** On the output stream: the article's label panel after the last "loading…" frame. */
const articleInStream = (out: string) => {
  const o = withoutModelLoading(out);
  return o.indexOf('Counter-terrorism', o.lastIndexOf('loading') + 1) !== -1;
};
/** The model's suggestion is on screen: the header names the model (set once the model is known). */
let modelId = '';
const suggestionShown = (s: string) => modelId !== '' && s.includes(`model ${modelId}`);
const trivialFrame = (screen: string) => screen.includes('trivial-ready');

/** Which code `node bin/mizan.js` runs now (the same test as bin/mizan.js). */
function compiledCopy(): string {
  const newest = (dir: string): number => {
    let n = 0;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) n = Math.max(n, newest(path));
      else if (/\.tsx?$/.test(e.name)) n = Math.max(n, statSync(path).mtimeMs);
    }
    return n;
  };
  try {
    const build = join(ROOT, 'dist', 'BUILD');
    const built = statSync(build).mtimeMs;
    if (newest(join(ROOT, 'src')) > built || newest(join(ROOT, 'tui')) > built) return 'TypeScript sources through tsx (dist/ is older than a source)';
    return readFileSync(build, 'utf8').includes('bundle') ? 'the esbuild bundle in dist/' : 'the tsc build in dist/';
  } catch {
    return 'TypeScript sources through tsx (no dist/)';
  }
}

/** CPU time (user + system, all threads) a process has used, in ms, from /proc. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // USER_HZ is 100 on Linux
}

/**
 * Spawn → first matching output, on a pseudo-terminal made by util-linux `script` (the screen needs
 * a terminal). Output is timestamped as it arrives, so there is no polling interval in the number.
 */
async function ptyStartup(
  cmd: string,
  ok: (s: string) => boolean,
  later?: (s: string) => boolean,
): Promise<{ ms: number; cpu: number; laterMs: number } | null> {
  if (spawnSync('script', ['--version']).status !== 0) return null;
  // Ink renders only the last frame, on exit, when it sees CI in the environment; a user's terminal has none.
  const env: Record<string, string | undefined> = { ...process.env, TERM: process.env['TERM'] || 'xterm-256color' };
  delete env['CI'];
  delete env['CONTINUOUS_INTEGRATION'];
  const t0 = performance.now();
  // The same 120×40 screen as the tmux run (a pty made by `script` from a pipe has no size).
  const child = spawn('script', ['-qfec', `stty cols 120 rows 40; exec ${cmd}`, '/dev/null'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'ignore'], env });
  try {
    return await new Promise((resolvePromise) => {
      let seen = '';
      let first: { ms: number; cpu: number } | null = null;
      const timer = setTimeout(() => resolvePromise(null), 60_000);
      child.stdout.on('data', (chunk: Buffer) => {
        seen = (seen + chunk.toString('utf8')).slice(-20_000);
        if (first !== null) {
          // A later milestone (the model's suggestion), after the first frame.
          if (later === undefined || !later(seen)) return;
          clearTimeout(timer);
          resolvePromise({ ...first, laterMs: performance.now() - t0 });
          return;
        }
        if (!ok(seen)) return;
        const ms = performance.now() - t0;
        // `script` runs the command as its child (exec: the shell is replaced by node).
        let cpu = NaN;
        try {
          const kids = execFileSync('pgrep', ['-P', String(child.pid)], { encoding: 'utf8' })
            .trim()
            .split('\n');
          cpu = kids.reduce((sum, k) => sum + cpuMs(Number(k)), 0);
        } catch {
          // no pgrep: no CPU figure
        }
        first = { ms, cpu };
        if (later === undefined) {
          clearTimeout(timer);
          resolvePromise({ ...first, laterMs: NaN });
        } else {
          // Only what arrives from now on counts for the later milestone.
          seen = '';
        }
      });
      child.on('exit', () => resolvePromise(null));
    });
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The whole process under tmux: launch to the first frame with an article, polled every TMUX_POLL_MS. */
async function tmuxStartup(cmd: string, ok: (s: string) => boolean, later?: (s: string) => boolean): Promise<{ ms: number; laterMs: number } | null> {
  if (spawnSync('tmux', ['-V']).status !== 0) return null;
  const socket = `mizan-bench-${process.pid}`;
  const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  try {
    const t0 = performance.now();
    tmux('new-session', '-d', '-s', 'b', '-x', '120', '-y', '40', '-c', ROOT, `exec env -u CI -u CONTINUOUS_INTEGRATION ${cmd}`);
    let first: number | null = null;
    for (;;) {
      const screen = tmux('capture-pane', '-p', '-t', 'b');
      if (first === null && ok(screen)) {
        first = performance.now() - t0;
        if (later === undefined) return { ms: first, laterMs: NaN };
      }
      if (first !== null && later !== undefined && later(screen)) return { ms: first, laterMs: performance.now() - t0 };
      if (performance.now() - t0 > 60_000) return null;
      await new Promise((r) => setTimeout(r, TMUX_POLL_MS));
    }
  } finally {
    spawnSync('tmux', ['-L', socket, 'kill-server']);
  }
}

/** Baseline: the same CLI doing nothing (`mizan --version`): Node's boot and the CLI's entry module. */
function bootOnly(): number {
  const t0 = performance.now();
  execFileSync('node', [CLI, '--version'], { cwd: ROOT });
  return performance.now() - t0;
}

await ensureCorpus();
mkdirSync(NO_MODELS_DIR, { recursive: true });
const WITH_MODEL = values.model === true;
if (WITH_MODEL) modelId = await ensureModel();
// A first launch outside the measurement: it applies any pending migration to the corpus and warms
// the page cache, as a user's second launch would find them.
await ptyStartup(LABEL_CMD, articleInStream);
if (WITH_MODEL) await ptyStartup(MODEL_CMD, articleInStream, suggestionShown);
const whole = {
  pty: [] as number[],
  cpu: [] as number[],
  tmux: [] as number[],
  version: [] as number[],
  trivialPty: [] as number[],
  trivialTmux: [] as number[],
};
const withModel = {
  pty: [] as number[],
  cpu: [] as number[],
  ptySuggestion: [] as number[],
  tmux: [] as number[],
  tmuxSuggestion: [] as number[],
  uncertainPty: [] as number[],
  uncertainCpu: [] as number[],
};
for (let run = 0; run < STARTUP_RUNS; run++) {
  if (WITH_MODEL) {
    // Interleaved with the runs without a model, so both see the same load.
    const mp = await ptyStartup(MODEL_CMD, articleInStream, suggestionShown);
    if (mp !== null) {
      withModel.pty.push(mp.ms);
      if (Number.isFinite(mp.cpu)) withModel.cpu.push(mp.cpu);
      withModel.ptySuggestion.push(mp.laterMs);
    }
    const mt = await tmuxStartup(MODEL_CMD, articleFrame, suggestionShown);
    if (mt !== null) {
      withModel.tmux.push(mt.ms);
      withModel.tmuxSuggestion.push(mt.laterMs);
    }
    // The uncertain queue loads the model before choosing the first article: its first frame has the suggestion.
    const up = await ptyStartup(UNCERTAIN_CMD, (o) => articleInStream(o) && suggestionShown(o));
    if (up !== null) {
      withModel.uncertainPty.push(up.ms);
      if (Number.isFinite(up.cpu)) withModel.uncertainCpu.push(up.cpu);
    }
    console.error(
      `model run ${run + 1}: pty first frame ${mp?.ms.toFixed(0) ?? 'n/a'} ms (cpu ${mp?.cpu.toFixed(0) ?? 'n/a'}), suggestion ${mp?.laterMs.toFixed(0) ?? 'n/a'} ms; tmux ${mt?.ms.toFixed(0) ?? 'n/a'} / ${mt?.laterMs.toFixed(0) ?? 'n/a'} ms; uncertain pty ${up?.ms.toFixed(0) ?? 'n/a'} ms`,
    );
  }
  const p = await ptyStartup(LABEL_CMD, articleInStream);
  if (p !== null) {
    whole.pty.push(p.ms);
    if (Number.isFinite(p.cpu)) whole.cpu.push(p.cpu);
  }
  const t = (await tmuxStartup(LABEL_CMD, articleFrame))?.ms ?? null;
  if (t !== null) whole.tmux.push(t);
  whole.version.push(bootOnly());
  const tp = await ptyStartup(TRIVIAL_CMD, trivialFrame);
  if (tp !== null) whole.trivialPty.push(tp.ms);
  const tt = (await tmuxStartup(TRIVIAL_CMD, trivialFrame))?.ms ?? null;
  if (tt !== null) whole.trivialTmux.push(tt);
  console.error(
    `start-up run ${run + 1}: pty ${p?.ms.toFixed(0) ?? 'n/a'} ms (cpu ${p?.cpu.toFixed(0) ?? 'n/a'} ms), tmux ${t?.toFixed(0) ?? 'n/a'} ms, --version ${whole.version.at(-1)!.toFixed(0)} ms, trivial pty ${tp?.ms.toFixed(0) ?? 'n/a'} / tmux ${tt?.toFixed(0) ?? 'n/a'} ms`,
  );
}
const ms = (xs: number[]) => (xs.length === 0 ? 'n/a' : `${median(xs).toFixed(0)} ms`);
const range = (xs: number[]) => (xs.length === 0 ? '' : ` (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)})`);
const ran = CLI === 'bin/mizan.js' ? `runs ${compiledCopy()}` : `through ${CLI}`;
const wholeTable = `| whole process, \`node ${CLI} label\` (${ran}) | median of ${STARTUP_RUNS} |
|---|---|
| spawn → first frame with the article, on a pty (\`script\`; frame timestamped on arrival) | ${ms(whole.pty)}${range(whole.pty)} |
| CPU time the process had used by then (user + system, all threads) | ${ms(whole.cpu)}${range(whole.cpu)} |
| same under tmux (\`new-session\` → \`capture-pane\` shows the article, polled every ${TMUX_POLL_MS} ms) | ${ms(whole.tmux)}${range(whole.tmux)} |
| baseline: \`node ${CLI} --version\` (Node's boot + the CLI's entry) | ${ms(whole.version)}${range(whole.version)} |
| harness: trivial \`node -e\` printing a line, on the pty | ${ms(whole.trivialPty)}${range(whole.trivialPty)} |
| harness: trivial \`node -e\` printing a line, under tmux | ${ms(whole.trivialTmux)}${range(whole.trivialTmux)} |${
  WITH_MODEL
    ? `
| **with a trained model** in \`--models\` (latest = ${modelId}; it loads after the first frame) | |
| spawn → first frame with the article, on a pty ("model loading…" in the header) | ${ms(withModel.pty)}${range(withModel.pty)} |
| CPU time the process had used by then | ${ms(withModel.cpu)}${range(withModel.cpu)} |
| spawn → frame with the model's suggestion, on a pty | ${ms(withModel.ptySuggestion)}${range(withModel.ptySuggestion)} |
| same under tmux: first frame / suggestion | ${ms(withModel.tmux)}${range(withModel.tmux)} / ${ms(withModel.tmuxSuggestion)}${range(withModel.tmuxSuggestion)} |
| \`--queue uncertain\` (model loaded first, to order the queue): first frame, with the suggestion, pty | ${ms(withModel.uncertainPty)}${range(withModel.uncertainPty)} |
| CPU time by then | ${ms(withModel.uncertainCpu)}${range(withModel.uncertainCpu)} |`
    : ''
}`;
if (values['startup-only']) {
  const loadNow = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  console.log(
    `\`npx tsx bench/tui.ts --startup-only --startup-runs ${STARTUP_RUNS}${WITH_MODEL ? ' --model' : ''}${CLI === 'bin/mizan.js' ? '' : ` --cli ${CLI}`}\` — ${N.toLocaleString('en')} articles; ${cpus().length} cores, Node ${process.versions.node}; load average at the end ${loadNow}\n\n${wholeTable}`,
  );
  process.exit(0);
}

const results: RunResult[] = [];
for (let run = 0; run < RUNS; run++) {
  results.push(await oneRun(run));
  const r = results[results.length - 1]!;
  console.error(`run ${run + 1}: start-up ${r.startup.toFixed(0)} ms in-process; enter median ${median(r.keys['enter']!).toFixed(1)} ms`);
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
| resident memory after start-up (Node, Prisma, React, Ink; no corpus) | ${median(results.map((r) => r.rssMb)).toFixed(0)} MB |

${wholeTable}

| keypress → frame (goal < 50 ms) | median ms | p95 ms | keys |
|---|---|---|---|
${line('topic', 'topic hotkey (toggle; write runs after the frame)')}
${line('stance', 'stance value key')}
${line('scroll', 'scroll (j)')}
${line('enter', 'Enter: confirm + next article from the queue (keyset query, load, render)')}
`);
