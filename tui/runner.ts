// Turns the reducer's effects into engine calls, through small jobs in tui/engine/: the database
// chain (writes, the queue), the prefetch of the next article, the counts, the model slot. Their
// failures come back as actions. Rendering never waits for the chain.
import type { PrismaClient } from '../src/db/generated/client.js';
import { modeSequence } from '../src/display/mode.js';
import { applyChange, undoLast } from '../src/labels/edit.js';
import { propagateLabel } from '../src/labels/propagate.js';
import { nextArticle, releaseClaim } from '../src/labels/queue.js';
import { renewClaim } from '../src/labels/claims.js';
import type { LabelSession } from '../src/labels/session.js';
import type { Action, Effect } from './state/types.js';
import type { Highlighter } from './view/layout.js';
import { loadForScreen } from './engine/articles.js';
import type { Loaded } from './engine/articles.js';
import { createChain } from './engine/chain.js';
import { createCounter } from './engine/counts.js';
import { createModelSlot } from './engine/model-slot.js';
import type { ModelParts } from './engine/model-slot.js';
import { oneLine } from './engine/one-line.js';
import { createPrefetch } from './engine/prefetch.js';
import { createTrainer } from './engine/training.js';
import type { TrainingDeps } from './engine/training.js';
import type { ActiveQueue } from '../src/active/types.js';

export { firstArticle } from './engine/articles.js';
export type { ModelParts } from './engine/model-slot.js';
export type { TrainingDeps } from './engine/training.js';

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
  /** Background training (`--retrain-every`, the key t); without it the t key says it is not available. */
  training?: TrainingDeps;
  /**
   * The active-learning queue: rescored with each new model, and asked for the next article (in
   * place of the session's queue query) when the screen is not in team mode.
   */
  activeQueue?: ActiveQueue;
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

/** One turn of the event loop: React's render of the last dispatch runs first (its scheduler uses setImmediate). */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export function createRunner(deps: RunnerDeps, dispatch: (a: Action) => void): Runner {
  const { db, session } = deps;
  // The chain runs as promise continuations, ahead of any macrotask (React's render, Ink's write):
  // jobs that only prepare for later wait for the frame first.
  const afterFrame = deps.afterFrame ?? nextTurn;
  const chain = createChain((e) => dispatch({ type: 'failed', message: oneLine(e) }));
  const counter = createCounter({ db, session, afterFrame, dispatch });
  const slot = createModelSlot(
    {
      ...(deps.suggest === undefined ? {} : { suggest: deps.suggest }),
      ...(deps.ranker === undefined ? {} : { ranker: deps.ranker }),
      ...(deps.highlight === undefined ? {} : { highlight: deps.highlight }),
      ...(deps.model === undefined ? {} : { model: deps.model }),
    },
    dispatch,
  );
  if (deps.loadModel !== undefined) slot.load(deps.loadModel, afterFrame);
  const rankerNow = () => {
    const ranker = slot.get().ranker;
    return ranker === undefined ? {} : { ranker };
  };
  const prefetch = createPrefetch();
  const trainer = deps.training === undefined ? null : createTrainer({ deps: deps.training, slot, dispatch, queue: deps.activeQueue });
  // The corpus is ranked by the model the screen started with in slices behind the first article
  // (the cold-start order answers until then); a failure is a status line and the order stays random.
  const startModel = slot.get().model;
  if (deps.activeQueue !== undefined && startModel !== undefined) {
    deps.activeQueue.rescore(startModel).catch((e: unknown) => dispatch({ type: 'backgroundFailed', job: 'queue ranking', message: oneLine(e) }));
  }
  // The uncertain queue's order over the whole corpus; nextArticle checks each pick against the
  // queue (this editor's open articles, the filter) and claims it in team mode.
  const activeNow = () => (deps.activeQueue === undefined ? {} : { active: deps.activeQueue });
  const pickNext = (filter: string | null, after: string | null, exclude: ReadonlySet<string>) =>
    nextArticle(db, { ...session.spec, filter }, { after, exclude: new Set(after === null ? exclude : [...exclude, after]), ...rankerNow(), ...activeNow() });

  // Articles fetched before the model was ready (e.g. the prefetched next one) get their
  // suggestion when they are shown, if the model is ready by then.
  const unsuggested = new WeakSet<Loaded>();
  const fetchArticle = async (id: string) => {
    const suggest = slot.get().suggest;
    const action = await loadForScreen({ db, session, suggest }, id);
    if (action !== null && suggest === undefined) unsuggested.add(action);
    return action;
  };
  const deliver = (action: Loaded, via: Loaded['via'] = action.via) => {
    dispatch(via === action.via ? action : { ...action, via });
    if (unsuggested.has(action) && slot.get().suggest !== undefined && action.label.confirmedAt === null) slot.suggestFor(action.article);
  };

  // Not in team mode, where choosing the next article claims it.
  const startPrefetch = (after: string, filter: string | null) => {
    if (session.spec.overlap !== null) return;
    prefetch.clear();
    chain.enqueue(async () => {
      await afterFrame();
      const id = await pickNext(filter, after, new Set([after]));
      prefetch.put({ after, filter, action: id === null ? null : await fetchArticle(id) });
    });
  };

  let currentFilter: string | null = session.spec.filter;
  const show = async (id: string, via: 'queue' | 'trail') => {
    const action = await fetchArticle(id);
    if (action === null) {
      dispatch({ type: 'queueEmpty' });
      return;
    }
    deliver(action, via);
    if (via === 'queue') startPrefetch(id, currentFilter);
  };

  const runOne = (effect: Effect) => {
    switch (effect.type) {
      case 'write':
        prefetch.invalidate(effect.articleId);
        chain.enqueue(async () => {
          try {
            await applyChange(db, session.editor, effect.articleId, { field: effect.field, after: effect.after });
            // Team mode: working on the article keeps it claimed past the claim's expiry.
            if (session.spec.overlap !== null) await renewClaim(db, session.annotator.id, effect.articleId);
            dispatch({ type: 'saved' });
          } catch (e) {
            dispatch({ type: 'saveFailed', message: oneLine(e) });
          }
        });
        return;
      case 'undo':
        prefetch.clear();
        chain.enqueue(async () => {
          try {
            const undone = await undoLast(db, session.editor);
            dispatch({ type: 'undone', articleId: undone?.articleId ?? null, label: undone?.label ?? null });
          } catch (e) {
            dispatch({ type: 'saveFailed', message: oneLine(e) });
          }
        });
        return;
      case 'propagate':
        // The prefetched next article may be one of the copies about to be labeled.
        prefetch.clear();
        chain.enqueue(async () => {
          try {
            const done = await propagateLabel(db, session.editor, effect.articleId);
            dispatch({ type: 'propagated', count: done.articles.length });
          } catch (e) {
            dispatch({ type: 'saveFailed', message: oneLine(e) });
          }
        });
        return;
      case 'next': {
        currentFilter = effect.filter;
        const ready = prefetch.take(effect.after, effect.filter);
        if (ready !== null) {
          deliver(ready);
          startPrefetch(ready.article.id, effect.filter);
          return;
        }
        chain.enqueue(async () => {
          const spec = { ...session.spec, filter: effect.filter };
          if (spec.overlap !== null && effect.after !== null) await releaseClaim(db, spec.annotatorId, effect.after);
          const id = await pickNext(effect.filter, effect.after, new Set(effect.exclude));
          if (id === null) dispatch({ type: 'queueEmpty' });
          else await show(id, 'queue');
        });
        return;
      }
      case 'open':
        chain.enqueue(() => show(effect.articleId, 'trail'));
        return;
      case 'counts':
        // Starts once the writes before it are committed, but does not hold up the writes after it.
        chain.enqueue(async () => counter.count(effect.filter));
        return;
      case 'rtl':
        deps.writeTerminal(modeSequence(effect.mode));
        return;
      case 'suggest':
        slot.suggestFor(effect.article);
        return;
      case 'train':
        // On the chain: the confirmation that asked for it is committed, so the model learns from it.
        if (trainer === null) dispatch({ type: 'trainFailed', message: 'background training is not available in this screen' });
        else chain.enqueue(async () => trainer.start());
        return;
      case 'checkLabels': {
        const training = deps.training;
        if (training === undefined) return;
        chain.enqueue(async () => {
          await afterFrame();
          try {
            dispatch({ type: 'labelsMissing', count: await training.missing() });
          } catch (e) {
            dispatch({ type: 'backgroundFailed', job: 'training', message: oneLine(e) });
          }
        });
        return;
      }
      case 'quit':
        chain.enqueue(async () => {
          await trainer?.stop();
          deps.onQuit();
        });
        return;
    }
  };

  const runner: Runner = {
    run(effects) {
      for (const e of effects) runOne(e);
    },
    highlight: () => slot.get().highlight,
    shown(articleId, filter) {
      currentFilter = filter;
      startPrefetch(articleId, filter);
    },
    async idle() {
      // A finished count may start the one that waited, and jobs may queue more jobs: settle all.
      for (;;) {
        const c = chain.tail();
        await chain.settled();
        await counter.settled();
        if (c === chain.tail()) return;
      }
    },
  };
  deps.registerIdle?.(() => runner.idle());
  return runner;
}
