// Turns the reducer's effects into engine calls. Database work runs one at a time on a chain, in the
// order the keys were pressed, so "saved" on screen means committed, an undo sees every earlier write
// and the next article is chosen after the confirmation is in. Rendering never waits for the chain.
import type { PrismaClient } from '../src/db/generated/client.js';
import { isTransientConflict } from '../src/db/write-transaction.js';
import { modeSequence } from '../src/display/mode.js';
import { applyChange, undoLast } from '../src/labels/edit.js';
import { nextArticle, queueCounts, releaseClaim } from '../src/labels/queue.js';
import type { ConfidenceRanker } from '../src/labels/queue.js';
import { loadDisagreement } from '../src/labels/adjudicate.js';
import { renewClaim } from '../src/labels/claims.js';
import { loadArticle } from '../src/labels/session.js';
import type { ArticleView, LabelSession } from '../src/labels/session.js';
import type { Action, Effect, Suggestion } from './state/types.js';
import type { Highlighter } from './view/layout.js';

/** What the screen uses of a trained model (tui/suggest.ts modelSuggester). */
export interface ModelParts {
  /** The model's suggestion for an article. */
  suggest: (article: ArticleView) => Promise<Suggestion | null>;
  ranker: ConfidenceRanker;
  /** Marks the model's evidence in the article. */
  highlight: Highlighter;
}

export interface RunnerDeps extends Partial<ModelParts> {
  db: PrismaClient;
  session: LabelSession;
  /**
   * Loads the model after the first frame (null: there is none), when it was not loaded before
   * (suggest, ranker and highlight above). Its outcome comes back as a `model` action; the article
   * on screen then gets its suggestion as a `suggestion` action.
   */
  loadModel?: () => Promise<ModelParts | null>;
  /** Raw output to the terminal (mode sequences). */
  writeTerminal: (s: string) => void;
  /** Called once every write before the quit has committed. */
  onQuit: () => void;
  /** Hands out the runner's idle() so signal handlers can let pending writes commit before exiting. */
  registerIdle?: (idle: () => Promise<void>) => void;
  /**
   * Resolves once the terminal has the frame of the latest change (Ink's next render), or after a
   * short while when no render comes. Work that can wait (counts, the prefetch) starts after it:
   * better-sqlite3 holds the main thread while it queries, and Ink may hold a frame back for its
   * frame-rate throttle, so a query started first would delay the frame. Without it (tests render
   * at once), the runner yields one turn of the event loop instead.
   */
  afterFrame?: () => Promise<void>;
}

export interface Runner {
  run(effects: readonly Effect[]): void;
  /** The model's evidence highlighter, once the model is loaded. */
  highlight(): Highlighter | undefined;
  /** The article on screen came from the queue before the runner started (firstArticle): prefetch the one after it. */
  shown(articleId: string, filter: string | null): void;
  /** Resolves when every database job queued so far is done (tests, quit). */
  idle(): Promise<void>;
}

const COUNT_DELAY_MS = 30;

type Loaded = Extract<Action, { type: 'loaded' }>;

/** One article as the screen shows it: text, this editor's label, the model's suggestion, other annotators' choices. */
async function loadForScreen(deps: Pick<RunnerDeps, 'db' | 'session' | 'suggest'>, id: string): Promise<Loaded | null> {
  const { db, session } = deps;
  const loaded = await loadArticle(db, session.editor, id);
  if (loaded === null) return null;
  const suggestion = deps.suggest === undefined || loaded.label.confirmedAt !== null ? null : await deps.suggest(loaded.article).catch(() => null);
  // A reviewer settling a disagreement sees what each annotator chose.
  const others = session.editor.kind === 'adjudication' ? ((await loadDisagreement(db, id))?.choices ?? []) : [];
  return {
    type: 'loaded', article: loaded.article, label: loaded.label, suggestion, via: 'queue',
    others: others.map((c) => ({ annotator: c.annotator, topics: c.topics, stance: c.stance })),
  };
}

/**
 * The queue's first article, fetched before the screen is drawn, so that the first frame already
 * shows it (one render instead of a "loading…" frame and then the article): the action the
 * screen's initial state is stepped with, then `Runner.shown`.
 */
export async function firstArticle(deps: Pick<RunnerDeps, 'db' | 'session' | 'suggest' | 'ranker'>): Promise<Loaded | { type: 'queueEmpty' }> {
  const { db, session } = deps;
  const id = await nextArticle(db, session.spec, { after: null, exclude: new Set(), ...(deps.ranker === undefined ? {} : { ranker: deps.ranker }) });
  const loaded = id === null ? null : await loadForScreen(deps, id);
  return loaded ?? { type: 'queueEmpty' };
}

/** One turn of the event loop: React's render of the last dispatch runs first (its scheduler uses setImmediate). */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export function createRunner(deps: RunnerDeps, dispatch: (a: Action) => void): Runner {
  const { db, session } = deps;
  // The database chain runs as promise continuations, ahead of any macrotask (React's render, Ink's
  // write): jobs that only prepare for later wait for the frame first.
  const afterFrame = deps.afterFrame ?? nextTurn;
  let chain: Promise<void> = Promise.resolve();
  // One line for the header or status line: Prisma's messages span several.
  const fail = (e: unknown) =>
    isTransientConflict(e)
      ? 'the database is busy (another process is writing it, e.g. a large import): try again in a moment'
      : (e instanceof Error ? e.message : String(e)).trim().split('\n').at(-1)!;
  const enqueue = (job: () => Promise<void>) => {
    chain = chain.then(() => job().catch((e: unknown) => dispatch({ type: 'failed', message: fail(e) })));
  };

  // Counting scans the queue, so it runs beside the chain (started from it) and coalesces: at most one in flight and
  // one waiting.
  let counting: Promise<void> | null = null;
  let countAgain: string | null | undefined;
  // Articles matching each filter: counted once (a filter scans every body), reused after.
  const totals = new Map<string | null, number>();
  const count = (filter: string | null) => {
    if (counting !== null) {
      countAgain = filter;
      return;
    }
    // better-sqlite3 runs queries on the main thread: let the frame of the key that asked go out
    // first (and let quick successive keys coalesce into one count).
    counting = afterFrame()
      .then(() => new Promise((r) => setTimeout(r, COUNT_DELAY_MS)))
      .then(() => {
        const total = totals.get(filter);
        return queueCounts(db, { ...session.spec, filter }, total === undefined ? {} : { total });
      })
      .then((counts) => {
        totals.set(filter, counts.total);
        dispatch({ type: 'counts', counts });
      })
      .catch(() => undefined)
      .finally(() => {
        counting = null;
        if (countAgain !== undefined) {
          const f = countAgain;
          countAgain = undefined;
          count(f);
        }
      });
  };

  // The model as far as it is loaded: given up front (the uncertain queue needs it to choose), or
  // loaded after the first frame (loadModel), or never.
  let model: Partial<ModelParts> = { ...(deps.suggest === undefined ? {} : { suggest: deps.suggest }), ...(deps.ranker === undefined ? {} : { ranker: deps.ranker }), ...(deps.highlight === undefined ? {} : { highlight: deps.highlight }) };
  const rankerNow = () => (model.ranker === undefined ? {} : { ranker: model.ranker });
  // Articles fetched before the model was ready (e.g. the prefetched next one): they get their
  // suggestion when they are shown, if the model is ready by then.
  const unsuggested = new WeakSet<Loaded>();
  const fetchArticle = async (id: string) => {
    const suggest = model.suggest;
    const action = await loadForScreen({ db, session, ...(suggest === undefined ? {} : { suggest }) }, id);
    if (action !== null && suggest === undefined) unsuggested.add(action);
    return action;
  };
  const suggestFor = (article: ArticleView) => {
    const suggest = model.suggest;
    if (suggest === undefined) return;
    void suggest(article)
      .then((suggestion) => {
        if (suggestion !== null) dispatch({ type: 'suggestion', articleId: article.id, suggestion });
      })
      .catch(() => undefined);
  };
  const deliver = (action: Loaded, via: Loaded['via'] = action.via) => {
    dispatch(via === action.via ? action : { ...action, via });
    if (unsuggested.has(action) && model.suggest !== undefined && action.label.confirmedAt === null) suggestFor(action.article);
  };
  if (deps.loadModel !== undefined) {
    const load = deps.loadModel;
    // After the first frame: reading the model (TF.js, the weights, the text pipeline) must not hold it up.
    void afterFrame()
      .then(load)
      .then(
        (parts) => {
          if (parts === null) return dispatch({ type: 'model', status: 'none' });
          model = parts;
          dispatch({ type: 'model', status: 'ready' });
        },
        (e: unknown) => dispatch({ type: 'model', status: 'failed', message: fail(e) }),
      );
  }

  // While the annotator reads an article, the next one of the queue is fetched on the chain, so
  // Enter shows it without waiting for the confirmation to commit or for the queue query. Not in
  // team mode, where choosing the next article claims it.
  let prefetch: { after: string; filter: string | null; action: Loaded | null } | null = null;
  const startPrefetch = (after: string, filter: string | null) => {
    if (session.spec.overlap !== null) return;
    prefetch = null;
    enqueue(async () => {
      await afterFrame();
      const spec = { ...session.spec, filter };
      const id = await nextArticle(db, spec, { after, exclude: new Set([after]), ...rankerNow() });
      prefetch = { after, filter, action: id === null ? null : await fetchArticle(id) };
    });
  };

  const show = async (id: string, via: 'queue' | 'trail') => {
    const action = await fetchArticle(id);
    if (action === null) {
      dispatch({ type: 'queueEmpty' });
      return;
    }
    deliver(action, via);
    if (via === 'queue') startPrefetch(id, currentFilter);
  };
  let currentFilter: string | null = session.spec.filter;

  const runOne = (effect: Effect) => {
    switch (effect.type) {
      case 'write':
        // A change to the prefetched article (e.g. after going back to it) makes the copy stale.
        if (prefetch?.action?.article.id === effect.articleId) prefetch = null;
        enqueue(async () => {
          try {
            await applyChange(db, session.editor, effect.articleId, { field: effect.field, after: effect.after });
            // Team mode: working on the article keeps it claimed past the claim's expiry.
            if (session.spec.overlap !== null) await renewClaim(db, session.annotator.id, effect.articleId);
            dispatch({ type: 'saved' });
          } catch (e) {
            dispatch({ type: 'saveFailed', message: fail(e) });
          }
        });
        return;
      case 'undo':
        prefetch = null;
        enqueue(async () => {
          try {
            const undone = await undoLast(db, session.editor);
            dispatch({ type: 'undone', articleId: undone?.articleId ?? null, label: undone?.label ?? null });
          } catch (e) {
            dispatch({ type: 'saveFailed', message: fail(e) });
          }
        });
        return;
      case 'next': {
        currentFilter = effect.filter;
        const ready = prefetch;
        if (ready !== null && effect.after !== null && ready.after === effect.after && ready.filter === effect.filter && ready.action !== null) {
          prefetch = null;
          deliver(ready.action);
          startPrefetch(ready.action.article.id, effect.filter);
          return;
        }
        enqueue(async () => {
          const spec = { ...session.spec, filter: effect.filter };
          if (spec.overlap !== null && effect.after !== null) await releaseClaim(db, spec.annotatorId, effect.after);
          const id = await nextArticle(db, spec, {
            after: effect.after, exclude: new Set(effect.exclude), ...rankerNow(),
          });
          if (id === null) dispatch({ type: 'queueEmpty' });
          else await show(id, 'queue');
        });
        return;
      }
      case 'open':
        enqueue(() => show(effect.articleId, 'trail'));
        return;
      case 'counts':
        // Starts once the writes before it are committed, but does not hold up the writes after it.
        enqueue(async () => count(effect.filter));
        return;
      case 'rtl':
        deps.writeTerminal(modeSequence(effect.mode));
        return;
      case 'suggest':
        suggestFor(effect.article);
        return;
      case 'quit':
        enqueue(async () => deps.onQuit());
        return;
    }
  };

  const runner: Runner = {
    run(effects) {
      for (const e of effects) runOne(e);
    },
    highlight: () => model.highlight,
    shown(articleId, filter) {
      currentFilter = filter;
      startPrefetch(articleId, filter);
    },
    async idle() {
      // A finished count may start the one that waited, and jobs may queue more jobs: settle all.
      for (;;) {
        const c = chain;
        await c;
        while (counting !== null) await counting;
        if (c === chain) return;
      }
    },
  };
  deps.registerIdle?.(() => runner.idle());
  return runner;
}
