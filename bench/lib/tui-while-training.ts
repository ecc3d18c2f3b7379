// bench/tui.ts --while-training: keypress → frame while a model trains in the background, as
// `mizan label` trains it (src/cli/commands/label-training.ts: the lock, the worker thread, the
// same runTrainJob as `mizan train`). The corpus gets `labels` confirmed labels (topics and stance
// drawn from words of their own, so the model has something to learn) from a bench annotator; the
// screen, a new annotator, presses t and then labels (topic, stance, scroll, Enter) while the
// header says "training…", pressing t again whenever a model is done, until `keys` keys were timed
// during a training. Keys pressed while no training ran are reported apart.
import { mkdirSync, rmSync } from 'node:fs';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import type { Database } from '../../src/db/open.js';
import { startSession } from '../../src/labels/session.js';
import { loadCodebook } from '../../src/codebook/store.js';
import { labelTraining } from '../../src/cli/commands/label-training.js';
import { loadModel } from '../../src/model/io.js';
import { codebookView, initialState } from '../../tui/state/init.js';
import { modelSuggester } from '../../tui/suggest.js';

export interface WhileTrainingOptions {
  db: Database;
  url: string;
  modelsDir: string;
  labels: number;
  keys: number;
  articles: number;
  median: (xs: number[]) => number;
  p95: (xs: number[]) => number;
}

/**
 * Gives the last `n` articles a confirmed label by a bench annotator (once). The last, because the
 * screen's queue starts at the first: its labels (every run's own annotator) must not fall on these
 * articles, where they would disagree and leave the trainer too few agreed labels on a reused database.
 */
async function ensureLabels(db: Database, n: number): Promise<void> {
  const prisma = db.prisma;
  const annotator = await prisma.annotator.upsert({ where: { name: 'bench-labels' }, update: {}, create: { name: 'bench-labels' } });
  const have = await prisma.label.count({ where: { annotatorId: annotator.id, confirmedAt: { not: null } } });
  if (have >= n) return;
  const cb = codebookView(await loadCodebook(prisma));
  const articles = await prisma.article.findMany({ select: { id: true, body: true }, orderBy: { id: 'desc' }, take: n });
  const at = new Date();
  for (const [i, a] of articles.entries()) {
    // A topic by the body's first letter, so the labels are learnable rather than noise.
    const topic = cb.topics[a.body.charCodeAt(0) % cb.topics.length]!.key;
    const value = cb.values[a.body.charCodeAt(1) % cb.values.length]!.key;
    const target = cb.targets[i % cb.targets.length]!.key;
    await prisma.label.upsert({
      where: { articleId_annotatorId_kind: { articleId: a.id, annotatorId: annotator.id, kind: 'annotation' } },
      update: {},
      create: {
        articleId: a.id,
        annotatorId: annotator.id,
        version: cb.version,
        topicsLabeled: true,
        confirmedAt: at,
        topics: { create: [{ topicKey: topic }] },
        stances: { create: [{ targetKey: target, valueKey: value }] },
      },
    });
  }
}

export async function whileTraining(o: WhileTrainingOptions): Promise<string> {
  process.env['NODE_ENV'] ??= 'production';
  const { createElement } = await import('react');
  const { render } = await import('ink-testing-library');
  const { App } = await import('../../tui/components/App.js');
  await ensureLabels(o.db, o.labels);
  // A model left by an earlier run would pre-select its suggestion, and the keys below expect none.
  rmSync(o.modelsDir, { recursive: true, force: true });
  mkdirSync(o.modelsDir, { recursive: true });
  const session = await startSession(o.db.prisma, { annotator: `bench-train-${process.pid}`, queue: 'unlabeled', filter: null });
  const view = codebookView(session.codebook);
  const training = labelTraining({
    db: o.db,
    dbUrl: o.url,
    cwd: process.cwd(),
    modelsDir: o.modelsDir,
    load: async (dir) => modelSuggester(await loadModel(dir), view),
  });
  let idle: () => Promise<void> = async () => undefined;
  const initial = initialState({
    codebook: view,
    annotator: session.annotator.name,
    queue: 'unlabeled',
    filter: null,
    rtl: { mode: 'app', reason: 'bench' },
    startedAt: Date.now(),
    retrainEvery: 0,
  });
  const deps = {
    db: o.db.prisma,
    session,
    training: { ...training, watchMs: 0 },
    writeTerminal: () => undefined,
    onQuit: () => undefined,
    registerIdle: (f: () => Promise<void>) => void (idle = f),
  };
  const app = render(createElement(App, { initial, deps }));
  const frames: { t: number; text: string }[] = [];
  const write = app.stdout.write;
  app.stdout.write = (frame: string) => {
    frames.push({ t: performance.now(), text: frame });
    write(frame);
  };
  const waitFrame = async (since: number, ok: (f: string) => boolean): Promise<number> => {
    for (;;) {
      const hit = frames.find((f) => f.t >= since && ok(f.text));
      if (hit !== undefined) return hit.t;
      await new Promise((r) => setImmediate(r));
    }
  };
  await waitFrame(0, (f) => f.includes('Counter-terrorism') && !f.includes('loading'));
  const during: number[] = [];
  const outside: number[] = [];
  const cycle = async (n: number) => {
    await press('1', (f) => f.includes('1 ■ Counter-terrorism'));
    await press('f', (f) => f.includes('[f]Favor✓'));
    await press('j', (f) => /─ \d+\/\d+ lines/.test(f));
    await press('\r', (f) => f.includes(`session ${n} `) && f.includes('1 □ Counter-terrorism') && !f.includes('loading'));
  };
  const trainingNow = () => frames.at(-1)?.text.includes('training…') === true;
  const press = async (input: string, ok: (f: string) => boolean) => {
    const busy = trainingNow();
    const since = performance.now();
    app.stdin.write(input);
    const ms = (await waitFrame(since, ok)) - since;
    (busy && trainingNow() ? during : outside).push(ms);
  };
  // The same keys first with no training running (the load of the machine as it is now), then while one runs.
  let i = 1;
  for (; outside.length < o.keys; i++) await cycle(i);
  const t0 = performance.now();
  app.stdin.write('t');
  await waitFrame(t0, (f) => f.includes('training…'));
  // Until `keys` keys were timed during a training and at least one model finished (its time is reported).
  const trainMs: number[] = [];
  let startedAt = t0;
  for (; during.length < o.keys || trainMs.length === 0; i++) {
    if (!trainingNow()) {
      trainMs.push(performance.now() - startedAt);
      if (during.length >= o.keys) break;
      startedAt = performance.now();
      app.stdin.write('t');
      await waitFrame(startedAt, (f) => f.includes('training…') || f.includes('training failed'));
    }
    await cycle(i);
  }
  const models = trainMs.length;
  const last = frames.at(-1)!.text;
  await idle();
  app.unmount();
  await idle();
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  const f = (xs: number[]) => (xs.length === 0 ? 'n/a | n/a' : `${o.median(xs).toFixed(1)} | ${o.p95(xs).toFixed(1)}`);
  const header = /model \S+ \(\d+ labels[^)]*\)/.exec(last)?.[0] ?? '(no model finished)';
  return `## TUI while a model trains

\`npx tsx bench/tui.ts --while-training --articles ${o.articles} --labels ${o.labels} --keys ${o.keys / 4}\` — ${o.articles.toLocaleString('en')} generated articles, ${o.labels.toLocaleString('en')} confirmed labels;
${cpus().length} cores, Node ${process.versions.node}; load average at the end ${load}. The training runs in a worker thread (t), ${models} model(s) finished during the run (t → model in use: ${trainMs.map((m) => `${(m / 1000).toFixed(0)} s`).join(', ')}); last header: ${header}.

| keypress → frame (goal p95 < 50 ms) | median ms | p95 ms | keys |
|---|---|---|---|
| while a model trains (topic, stance, scroll, Enter) | ${f(during)} | ${during.length} |
| no training running (measured first, same keys) | ${f(outside)} | ${outside.length} |
`;
}
