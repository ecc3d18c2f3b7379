// A model another screen trained appears here: models/latest moves, the screen (watching it, as
// `mizan label` does) swaps the model in, hands it to the active queue, and leaves the label on
// screen as the analyst made it. The next article then comes from the active queue.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ActiveQueue } from '../../src/active/types.js';
import { labelTraining } from '../../src/cli/commands/label-training.js';
import { loadSuggester } from '../../src/cli/commands/label.js';
import { loadLabel } from '../../src/labels/edit.js';
import type { LoadedModel } from '../../src/model/io.js';
import { saveModel } from '../../src/model/io.js';
import { trainModel } from '../../src/model/train.js';
import type { CodebookSpec } from '../../src/model/types.js';
import { modelSuggester } from '../../tui/suggest.js';
import { firstArticle } from '../../tui/runner.js';
import { step } from '../../tui/state/reducer.js';
import { codebookView, initialState } from '../../tui/state/init.js';
import { tempDb, tempDir } from '../helpers/temp.js';
import { tinyCorpus } from '../server/tiny-model.js';
import { addArticles, seedCodebook, session } from '../labels/label-fixture.js';

const { render } = await import('ink-testing-library');
const { App } = await import('../../tui/components/App.js');
const ANSI = /\x1b\[[0-9;]*m/g;

const TOPIC: Record<string, string> = { security: 'counter_terrorism', economy: 'diplomacy', sport: 'libya_conflict' };
const SPEC: CodebookSpec = {
  version: 1,
  topics: Object.values(TOPIC).map((key) => ({ key })),
  multiLabel: true,
  targets: [{ key: 'algeria', values: ['favor', 'against', 'not_addressed'] }],
};
const BODY = (i: number) => `تفكيك خلية إرهابية في الرباط ${i}. وأشاد المراقبون بدور الجزائر الإيجابي ونجاحها.`;

let trained: LoadedModel;
const scratch: string[] = [];
beforeAll(async () => {
  const examples = tinyCorpus().map((e) => ({ ...e, topics: (e.topics ?? []).map((t) => TOPIC[t]!) }));
  trained = (await trainModel(examples, SPEC, { seed: 1, epochs: 30, validationFraction: 0.2, learningRate: 0.05 })).model;
}, 60_000);
afterAll(() => {
  for (const d of scratch) rmSync(d, { recursive: true, force: true });
});
const mounted: { unmount(): void }[] = [];
afterEach(() => {
  for (const m of mounted.splice(0)) m.unmount();
});

/** An ActiveQueue that offers articles last id first and records the models it was given. */
function recordingQueue(ids: string[]): ActiveQueue & { rescored: string[] } {
  const rescored: string[] = [];
  return {
    rescored,
    rescore: async (m) => void rescored.push(m.id),
    async next(accept) {
      for (const id of [...ids].reverse()) if (await accept(id)) return id;
      return null;
    },
    status: () => ({ candidates: ids.length, scoredBy: rescored.at(-1) ?? null, scoring: false, picks: { ranked: 0, explore: 0, 'cold-start': 0 } }),
  };
}

describe('a model trained elsewhere', () => {
  it('swaps in without changing the label on screen, goes to the active queue, and the queue picks the next article', async () => {
    const db = await tempDb();
    await seedCodebook(db);
    const ids = await addArticles(db, 3, BODY);
    const s = await session(db, { queue: 'uncertain' });
    const modelsDir = mkdtempSync(join(tmpdir(), 'mizan-test-models-'));
    scratch.push(modelsDir);
    const view = codebookView(s.codebook);
    const training = { ...labelTraining({ db, dbUrl: db.url, cwd: tempDir(), modelsDir, load: async (dir) => (await loadSuggester(dir, s))! }), watchMs: 20 };
    const queue = recordingQueue(ids);
    let idle: () => Promise<void> = async () => undefined;
    const initial = step(
      initialState({
        codebook: view,
        annotator: s.annotator.name,
        queue: 'uncertain',
        filter: null,
        rtl: { mode: 'terminal', reason: 'test' },
        startedAt: 0,
        retrainEvery: 0,
      }),
      await firstArticle({ db: db.prisma, session: s }),
    ).state;
    const deps = {
      db: db.prisma,
      session: s,
      training,
      activeQueue: queue,
      writeTerminal: () => undefined,
      onQuit: () => undefined,
      registerIdle: (f: () => Promise<void>) => void (idle = f),
    };
    const app = render(<App initial={initial} deps={deps} now={() => 60_000} />);
    mounted.push(app);
    const frame = () => (app.lastFrame() ?? '').replace(ANSI, '');
    const until = async (what: string, ok: () => boolean) => {
      for (let i = 0; i < 1000; i++) {
        if (ok()) return;
        await new Promise((r) => setTimeout(r, 10));
      }
      throw new Error(`gave up waiting for ${what}; frame:\n${frame()}`);
    };
    // The analyst sets Algeria: against on the first article, which has no suggestion (no model yet).
    expect(frame()).toContain('عنوان 1');
    app.stdin.write('a');
    await until('the change', () => frame().includes('[a]Against✓'));
    await idle();

    // Another screen's training moves models/latest.
    const saved = await saveModel(trained, modelsDir);
    await until('the swap', () => frame().includes(`model ${saved.id}`) && frame().includes('trained by another screen'));
    expect(queue.rescored).toEqual([saved.id]);
    // The label on screen is the analyst's; the late suggestion pre-selects nothing.
    expect(frame()).toContain('1 □ Counter-terrorism');
    expect(frame()).toContain('[a]Against✓');

    app.stdin.write('\r');
    await until('the next article', () => !frame().includes('عنوان 1') && frame().includes('session 1'));
    await idle();
    // The active queue chose it: the last id first.
    expect(frame()).toContain('عنوان 3');
    expect(await loadLabel(db.prisma, s.editor, ids[0]!)).toMatchObject({ topics: [], stance: { algeria: 'against' } });
    expect((await loadLabel(db.prisma, s.editor, ids[0]!)).confirmedAt).not.toBeNull();
    // It has the new model's suggestion.
    await until('its suggestion', () => /1 ■ Counter-terrorism ~[01]\.\d\d/.test(frame()));
  }, 60_000);

  it('ranks the queue with the model the screen started with; a ranking that fails is one status line and labeling goes on', async () => {
    const db = await tempDb();
    await seedCodebook(db);
    const ids = await addArticles(db, 2, BODY);
    const s = await session(db, { queue: 'uncertain' });
    const view = codebookView(s.codebook);
    const given: string[] = [];
    const failing: ActiveQueue = {
      ...recordingQueue(ids),
      rescore: async (m) => {
        given.push(m.id);
        throw new Error('the corpus could not be read');
      },
    };
    let idle: () => Promise<void> = async () => undefined;
    const initial = step(
      initialState({
        codebook: view,
        annotator: s.annotator.name,
        queue: 'uncertain',
        filter: null,
        rtl: { mode: 'terminal', reason: 'test' },
        startedAt: 0,
        retrainEvery: 0,
      }),
      await firstArticle({ db: db.prisma, session: s }),
    ).state;
    const deps = {
      db: db.prisma,
      session: s,
      ...modelSuggester(trained, view),
      activeQueue: failing,
      writeTerminal: () => undefined,
      onQuit: () => undefined,
      registerIdle: (f: () => Promise<void>) => void (idle = f),
    };
    const app = render(<App initial={initial} deps={deps} now={() => 60_000} />);
    mounted.push(app);
    const frame = () => (app.lastFrame() ?? '').replace(ANSI, '');
    for (let i = 0; i < 500 && !frame().includes('queue ranking failed'); i++) await new Promise((r) => setTimeout(r, 10));
    expect(given).toEqual([trained.id]);
    expect(frame()).toContain('queue ranking failed: the corpus could not be read');
    app.stdin.write('a');
    for (let i = 0; i < 500 && !frame().includes('[a]Against✓'); i++) await new Promise((r) => setTimeout(r, 10));
    await idle();
    expect((await loadLabel(db.prisma, s.editor, ids[0]!)).stance).toEqual({ algeria: 'against' });
  }, 60_000);
});
