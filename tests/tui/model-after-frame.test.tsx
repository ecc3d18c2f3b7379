// The model loads after the first frame: the screen shows the first article at once ("model
// loading…" in the header), then the suggestion of the article on screen arrives and is pre-selected.
// A real tiny model, trained here on the seed codebook's keys and saved as `mizan train` saves it,
// loaded through the same loader `mizan label` uses.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadSuggester } from '../../src/cli/commands/label.js';
import { loadLabel } from '../../src/labels/edit.js';
import type { LabelSession } from '../../src/labels/session.js';
import { saveModel } from '../../src/model/io.js';
import { trainModel } from '../../src/model/train.js';
import type { CodebookSpec } from '../../src/model/types.js';
import type { ModelParts } from '../../tui/runner.js';
import { firstArticle } from '../../tui/runner.js';
import { step } from '../../tui/state/reducer.js';
import { codebookView, initialState } from '../../tui/state/init.js';
import { tempDb, tempDir } from '../helpers/temp.js';
import { tinyCorpus } from '../server/tiny-model.js';
import { addArticles, seedCodebook, session } from '../labels/label-fixture.js';

// Colours on, to see the evidence highlighted (yellow background): set before Ink and its colour
// library load, hence the dynamic imports.
process.env['FORCE_COLOR'] = '1';
const { render } = await import('ink-testing-library');
const { App } = await import('../../tui/components/App.js');
const ANSI = /\x1b\[[0-9;]*m/g;
const HIGHLIGHT = '\x1b[43m';

// The tiny corpus's topics renamed to seed codebook topics, so the suggestion lands on its chips.
const TOPIC: Record<string, string> = { security: 'counter_terrorism', economy: 'diplomacy', sport: 'libya_conflict' };
const SPEC: CodebookSpec = {
  version: 1,
  topics: Object.values(TOPIC).map((key) => ({ key })),
  multiLabel: true,
  targets: [{ key: 'algeria', values: ['favor', 'against', 'not_addressed'] }],
};
// Security news with praise for Algeria: the model says counter-terrorism, Algeria favor.
const BODY = (i: number) => `تفكيك خلية إرهابية في الرباط ${i}. وأشاد المراقبون بدور الجزائر الإيجابي ونجاحها.`;

let modelsDir = '';
let modelId = '';
// One model for the file (tempDir is removed after each test).
beforeAll(async () => {
  modelsDir = mkdtempSync(join(tmpdir(), 'mizan-test-models-'));
  const examples = tinyCorpus().map((e) => ({ ...e, topics: (e.topics ?? []).map((t) => TOPIC[t]!) }));
  const { model } = await trainModel(examples, SPEC, { seed: 1, epochs: 30, validationFraction: 0.2, learningRate: 0.05 });
  modelId = (await saveModel(model, modelsDir)).id;
}, 60_000);
afterAll(() => rmSync(modelsDir, { recursive: true, force: true }));

type Instance = ReturnType<typeof render>;
const mounted: Instance[] = [];
afterEach(() => {
  for (const i of mounted.splice(0)) i.unmount();
});

/** A promise the test opens: the model "finishes loading" when the test says so. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open = () => undefined as void;
  const wait = new Promise<void>((r) => {
    open = r;
  });
  return { wait, open };
}

async function start(loadModel: (s: LabelSession) => () => Promise<ModelParts | null>) {
  const db = await tempDb();
  await seedCodebook(db);
  const ids = await addArticles(db, 3, BODY);
  const s = await session(db);
  let idle: () => Promise<void> = async () => undefined;
  // As `mizan label` starts: the first article fetched before the first frame, the model after it.
  const initial = step(
    initialState({
      codebook: codebookView(s.codebook),
      annotator: s.annotator.name,
      queue: s.spec.queue,
      filter: null,
      rtl: { mode: 'terminal', reason: 'test' },
      startedAt: 0,
      model: 'loading',
    }),
    await firstArticle({ db: db.prisma, session: s }),
  ).state;
  const deps = {
    db: db.prisma,
    session: s,
    writeTerminal: () => undefined,
    onQuit: () => undefined,
    registerIdle: (f: () => Promise<void>) => {
      idle = f;
    },
    loadModel: loadModel(s),
  };
  const app = render(<App initial={initial} deps={deps} now={() => 60_000} />);
  mounted.push(app);
  const frame = () => (app.lastFrame() ?? '').replace(ANSI, '');
  const highlighted = () => (app.lastFrame() ?? '').includes(HIGHLIGHT);
  const until = async (what: string, ok: () => boolean) => {
    for (let i = 0; i < 500; i++) {
      if (ok()) return;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`gave up waiting for ${what}; frame:\n${frame()}`);
  };
  const press = async (key: string) => {
    const n = app.frames.length;
    app.stdin.write(key);
    for (let i = 0; i < 100 && app.frames.length === n; i++) await new Promise((r) => setTimeout(r, 10));
    await idle();
  };
  return { db, s, ids, app, frame, highlighted, until, press, idle: () => idle() };
}

const titleOf = (frame: string) => frame.split('\n')[2] ?? '';

describe('model suggestions loaded after the first frame', () => {
  it('the first frame shows the article while the model loads; the suggestion follows, pre-selected; Enter accepts it', async () => {
    const loaded = gate();
    const t = await start((s) => () => loaded.wait.then(() => loadSuggester(join(modelsDir, 'latest'), s)));
    const first = t.app.frames[0]!.replace(ANSI, '');
    expect(t.app.frames[0]).not.toContain(HIGHLIGHT);
    expect(first).toContain('عنوان 1');
    expect(first).toContain('model loading…');
    expect(first).toContain('1 □ Counter-terrorism');
    loaded.open();
    await t.until('the suggestion', () => t.frame().includes(`model ${modelId}`));
    expect(t.frame()).not.toContain('model loading…');
    expect(t.frame()).toMatch(/1 ■ Counter-terrorism ~[01]\.\d\d/);
    expect(titleOf(t.frame())).toBe(titleOf(first));
    // The evidence behind it is highlighted in the text (the highlighter comes with the model).
    expect(t.highlighted()).toBe(true);
    await t.press('\r');
    const row = await loadLabel(t.db.prisma, t.s.editor, t.ids[0]!);
    expect(row.topics).toEqual(['counter_terrorism']);
    expect(row.stance).toEqual({ algeria: 'favor' });
    expect(row.confirmedAt).not.toBeNull();
    // The next article (fetched while the model was loading) gets its suggestion too.
    await t.until('the second article with its suggestion', () => t.frame().includes('عنوان 2') && /1 ■ Counter-terrorism ~[01]\.\d\d/.test(t.frame()));
  });

  it('articles shown before the model is ready get their suggestion when it is; a change made before it keeps the suggestion out', async () => {
    const loaded = gate();
    const t = await start((s) => () => loaded.wait.then(() => loadSuggester(join(modelsDir, 'latest'), s)));
    // Moves on while the model loads: the second article and the prefetched third come without suggestions.
    await t.press('s');
    await t.until('the second article', () => t.frame().includes('عنوان 2'));
    await t.press('e'); // the annotator sets Algeria: neutral
    loaded.open();
    await t.until('the model', () => t.frame().includes(`model ${modelId}`));
    // The suggestion arrived after the change: nothing pre-selected, the annotator's value stays.
    expect(t.frame()).toContain('1 □ Counter-terrorism');
    await t.press('\r');
    expect(await loadLabel(t.db.prisma, t.s.editor, t.ids[1]!)).toMatchObject({ topics: [], stance: { algeria: 'neutral' } });
    // The third article was prefetched without the model: shown now, it gets its suggestion.
    await t.until('the third article with its suggestion', () => t.frame().includes('عنوان 3') && /1 ■ Counter-terrorism ~[01]\.\d\d/.test(t.frame()));
  });

  it('a model that fails to load: the article stays, the status line says why, labeling goes on', async () => {
    const broken = join(tempDir(), 'latest');
    mkdirSync(broken);
    writeFileSync(join(broken, 'metadata.json'), '{ not json');
    const t = await start((s) => () => loadSuggester(broken, s));
    await t.until('the note', () => t.frame().includes('no model suggestions:'));
    expect(t.frame()).not.toContain('model loading…');
    expect(t.frame()).toContain('عنوان 1');
    await t.press('8');
    expect((await loadLabel(t.db.prisma, t.s.editor, t.ids[0]!)).topics).toEqual(['diplomacy']);
  });
});
