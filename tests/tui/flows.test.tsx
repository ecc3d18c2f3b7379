// The labeling screen end to end in-process: Ink renders to ink-testing-library's streams, keys go
// in through its stdin, and the effects land in a real SQLite database.
import Database from 'better-sqlite3';
import { render } from 'ink-testing-library';
import { afterEach, expect, it, describe } from 'vitest';
import { applyChange, loadLabel, stanceField, topicField } from '../../src/labels/edit.js';
import type { QueueName } from '../../src/labels/queue.js';
import { App } from '../../tui/components/App.js';
import { firstArticle } from '../../tui/runner.js';
import { step } from '../../tui/state/reducer.js';
import { codebookView, initialState } from '../../tui/state/init.js';
import { inline } from '../../tui/view/layout.js';
import { tempDb } from '../helpers/temp.js';
import { addArticles, seedCodebook, session } from '../labels/label-fixture.js';

type Instance = ReturnType<typeof render>;
const mounted: Instance[] = [];
afterEach(() => {
  for (const i of mounted.splice(0)) i.unmount();
});

let lastShown = () => '';

async function until(what: string, ok: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (await ok()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`gave up waiting for ${what}; frame:\n${lastShown()}`);
}

type Db = Awaited<ReturnType<typeof tempDb>>;

async function corpus(): Promise<{ db: Db; ids: string[] }> {
  // A short busy timeout: the busy-database flow below waits it out once.
  const db = await tempDb({ busyTimeoutMs: 300 });
  await seedCodebook(db);
  const ids = await addArticles(db, 3, (i) => `الفقرة الأولى من المقال ${i}.\n\nالفقرة الثانية عن الجزائر والمغرب.`);
  return { db, ids };
}

async function start(shared?: { db: Db; ids: string[] }, opts: { annotator?: string; overlap?: number; queue?: QueueName; preload?: boolean } = {}) {
  const { db, ids } = shared ?? (await corpus());
  const s = await session(db, { annotator: opts.annotator ?? 'amina', overlap: opts.overlap ?? null, queue: opts.queue ?? 'unlabeled' });
  let idle: () => Promise<void> = async () => undefined;
  let quit = 0;
  const empty = initialState({
    codebook: codebookView(s.codebook),
    annotator: s.annotator.name,
    queue: s.spec.queue,
    filter: null,
    rtl: { mode: 'app', reason: 'test' },
    startedAt: 0,
  });
  // As `mizan label` starts: the first article fetched before the first frame.
  const initial = opts.preload === true ? step(empty, await firstArticle({ db: db.prisma, session: s })).state : empty;
  const deps = {
    db: db.prisma,
    session: s,
    writeTerminal: () => undefined,
    onQuit: () => {
      quit++;
    },
    registerIdle: (f: () => Promise<void>) => {
      idle = f;
    },
  };
  const app = render(<App initial={initial} deps={deps} now={() => 60_000} />);
  mounted.push(app);
  const frame = () => app.lastFrame() ?? '';
  lastShown = frame;
  await until('the first article', () => (frame().includes('Counter-terrorism') || frame().includes('Nothing to label')) && !frame().includes('loading'));
  const press = async (...keys: string[]) => {
    for (const k of keys) {
      // Ink reads stdin asynchronously: wait for the frame the key produces (bounded, for keys
      // that change nothing on screen), then let the writes commit.
      const n = app.frames.length;
      app.stdin.write(k);
      for (let i = 0; i < 100 && app.frames.length === n; i++) await new Promise((r) => setTimeout(r, 10));
    }
    await idle();
    await new Promise((r) => setTimeout(r, 20));
  };
  const label = (id: string) => loadLabel(db.prisma, s.editor, id);
  return { db, s, ids, app, frame, press, label, quits: () => quit };
}

describe('labeling screen (ink-testing-library)', () => {
  it('started with the first article fetched beforehand: the first frame shows it; Enter goes on to the next', async () => {
    const t = await start(undefined, { preload: true });
    expect(t.app.frames[0]).toContain('Counter-terrorism');
    expect(t.app.frames[0]).not.toContain('loading');
    expect(t.app.frames[0]).toContain(inline('عنوان 1', 200, 'app').trim());
    await t.press('1', '\r');
    expect((await t.label(t.ids[0]!)).confirmedAt).not.toBeNull();
    await until('the second article', () => t.frame().includes('session 1') && t.frame().includes(inline('عنوان 2', 200, 'app').trim()));
    await until('the counts', () => t.frame().includes('1/3 labeled'));
  });

  it('started on an empty queue: the first frame says so', async () => {
    const db = await tempDb();
    await seedCodebook(db);
    const t = await start({ db, ids: [] }, { preload: true });
    expect(t.app.frames[0]).toContain('Nothing to label');
  });

  it('labels with keys: topic, stance, Enter → a confirmed row and the next article', async () => {
    const t = await start();
    expect(t.frame()).toContain('amina');
    await t.press('1', 'f', '\t', 'a', '\r');
    const row = await t.label(t.ids[0]!);
    expect(row).toMatchObject({ topics: ['counter_terrorism'], stance: { algeria: 'favor', morocco: 'against' }, skipped: false });
    expect(row.confirmedAt).not.toBeNull();
    await until('the next article and the counts', () => t.frame().includes('1/3 labeled') && t.frame().includes('session 1'));
    expect(t.frame()).toContain('saved ✓');
    const events = await t.db.prisma.labelEvent.findMany({ orderBy: { id: 'asc' } });
    expect(events.map((e) => e.field)).toEqual(['topic:counter_terrorism', 'stance:algeria', 'stance:morocco', 'confirmed']);
    expect(new Set(events.map((e) => e.session))).toEqual(new Set([t.s.id]));
  });

  it('a key pressed while another process holds the database: NOT SAVED in one line, nothing written; pressed again, saved', async () => {
    const t = await start();
    // Another writer (an import that found the file in use keeps WAL) holding the lock past the busy timeout.
    const holder = new Database(t.db.url.replace(/^file:/, ''));
    try {
      holder.exec('BEGIN EXCLUSIVE');
      await t.press('1');
      await until('the failed save', () => t.frame().includes('NOT SAVED'));
      expect(t.frame()).toMatch(/NOT SAVED: the database is busy \(another process is writing it/);
      holder.exec('ROLLBACK');
      expect((await t.label(t.ids[0]!)).topics).toEqual([]);
      // The screen shows the topic on; the analyst sets it again (off, on) and it is saved.
      await t.press('1', '1');
      await until('saved', () => t.frame().includes('saved ✓'));
      expect((await t.label(t.ids[0]!)).topics).toEqual(['counter_terrorism']);
    } finally {
      if (holder.inTransaction) holder.exec('ROLLBACK');
      holder.close();
    }
  }, 60_000);

  it('undo restores the previous row, step by step', async () => {
    const t = await start();
    await t.press('1', '2');
    expect((await t.label(t.ids[0]!)).topics).toEqual(['counter_terrorism', 'intelligence_cooperation']);
    await t.press('u');
    expect((await t.label(t.ids[0]!)).topics).toEqual(['counter_terrorism']);
    expect(t.frame()).toContain('2 □ Intelligence');
    await t.press('u');
    expect((await t.label(t.ids[0]!)).topics).toEqual([]);
    expect(t.frame()).toContain('1 □ Counter-terrorism');
  });

  it('skip marks the article skipped and moves on; undo brings it back', async () => {
    const t = await start();
    const titleLine = () => t.frame().split('\n')[2];
    const first = titleLine();
    await t.press('s');
    expect((await t.label(t.ids[0]!)).skipped).toBe(true);
    expect(titleLine()).not.toBe(first);
    await t.press('u');
    expect((await t.label(t.ids[0]!)).skipped).toBe(false);
    expect(titleLine()).toBe(first);
    expect(t.frame()).toContain('undone: skipped');
  });

  it('note: n, text, Enter saves the note', async () => {
    const t = await start();
    await t.press('n');
    expect(t.frame()).toContain('Note (Enter saves');
    await t.press('مصدر ضعيف', '\r');
    expect((await t.label(t.ids[0]!)).note).toBe('مصدر ضعيف');
    expect(t.frame()).toContain(inline('note: مصدر ضعيف', 100, 'app'));
  });

  it('quit waits for the writes, then asks to exit', async () => {
    const t = await start();
    t.app.stdin.write('3');
    t.app.stdin.write('q');
    await until('quit', () => t.quits() === 1);
    expect((await t.label(t.ids[0]!)).topics).toEqual(['algeria_morocco']);
  });

  it('search narrows the queue; [ and ] walk the session; Enter after going back continues along it', async () => {
    const t = await start();
    const titleLine = () => t.frame().split('\n')[2];
    const first = titleLine();
    await t.press('/', 'المقال 3', '\r');
    expect(t.frame()).toContain('0/1 labeled');
    const third = titleLine();
    expect(third).not.toBe(first);
    await t.press('[');
    expect(titleLine()).toBe(first);
    await t.press(']');
    expect(titleLine()).toBe(third);
    await t.press('[', '2', '\r');
    expect((await t.label(t.ids[0]!)).topics).toEqual(['intelligence_cooperation']);
    expect(titleLine()).toBe(third);
  });

  it('team mode (overlap 1): two annotators get different articles, and confirming moves on to a free one', async () => {
    const shared = await corpus();
    const amina = await start(shared, { overlap: 1 });
    const yusuf = await start(shared, { annotator: 'yusuf', overlap: 1 });
    const claims = async () =>
      (await shared.db.prisma.claim.findMany({ include: { annotator: true }, orderBy: { articleId: 'asc' } })).map((c) => `${c.annotator.name}:${c.articleId}`);
    expect(await claims()).toEqual([`amina:${shared.ids[0]}`, `yusuf:${shared.ids[1]}`]);
    await amina.press('1', '\r');
    expect(await claims()).toEqual([`yusuf:${shared.ids[1]}`, `amina:${shared.ids[2]}`]);
    await yusuf.press('2', '\r');
    // Nothing is left for yusuf: a0 is confirmed by amina (overlap 1) and a2 is hers.
    await until("yusuf's empty queue", () => yusuf.frame().includes('Nothing to label'));
  });

  it("disagreements: the reviewer sees each annotator's choice and records an adjudication", async () => {
    const shared = await corpus();
    const a1 = shared.ids[0]!;
    const at = '2026-01-01T00:00:00.000Z';
    for (const [name, value] of [
      ['amina', 'favor'],
      ['yusuf', 'against'],
    ] as const) {
      const s = await session(shared.db, { annotator: name });
      await applyChange(shared.db.prisma, s.editor, a1, { field: topicField('diplomacy'), after: 'on' });
      await applyChange(shared.db.prisma, s.editor, a1, { field: stanceField('algeria'), after: value });
      await applyChange(shared.db.prisma, s.editor, a1, { field: 'confirmed', after: at });
    }
    const rev = await start(shared, { annotator: 'reviewer', queue: 'disagreements' });
    expect(rev.frame()).toContain('amina: topics 8 · Algeria f');
    expect(rev.frame()).toContain('yusuf: topics 8 · Algeria a');
    await rev.press('8', 'a', '\r');
    const adjudication = await shared.db.prisma.label.findFirstOrThrow({ where: { kind: 'adjudication' }, include: { stances: true, annotator: true } });
    expect(adjudication.annotator.name).toBe('reviewer');
    expect(adjudication.confirmedAt).not.toBeNull();
    expect(adjudication.stances.map((x) => `${x.targetKey}=${x.valueKey}`)).toEqual(['algeria=against']);
    await until('the settled queue', () => rev.frame().includes('Nothing to label'));
  });
});
