// Background training in the screen: one run at a time (and one per database: the lock is taken in
// TrainingDeps.start), the result swapped into the model slot and handed to the active queue. Also
// watches models/latest for a model another screen trained. Outcomes come back as actions.
import type { ActiveQueue } from '../../src/active/types.js';
import type { Action } from '../state/types.js';
import { modelInfo } from './model-slot.js';
import type { ModelParts, ModelSlot } from './model-slot.js';
import { oneLine } from './one-line.js';

/** What the screen needs of the engine to train (src/cli/commands/label-training.ts builds it). */
export interface TrainingDeps {
  /**
   * Starts one training in the background on all current labels; null when another process holds
   * the database's training lock. `done` gives the saved model's directory.
   */
  start(): Promise<{ done: Promise<{ dir: string }>; cancel(): Promise<void> } | null>;
  /** Reads a saved model into what the screen uses. */
  load(dir: string): Promise<ModelParts>;
  /** With no model yet: how many more labels the trainer needs (0: enough). */
  missing(): Promise<number>;
  /** The model models/latest points to now: its id and directory (null: none). */
  latest(): Promise<{ id: string; dir: string } | null>;
  /** How often to look at models/latest for another screen's model (ms; 0 or absent: never). */
  watchMs?: number;
}

export interface Trainer {
  start(): void;
  /** The screen quits: a training still running is abandoned, the watch ends, results are dropped. */
  stop(): Promise<void>;
}

export function createTrainer(o: { deps: TrainingDeps; slot: ModelSlot; dispatch: (a: Action) => void; queue?: ActiveQueue | undefined }): Trainer {
  const { deps, slot, dispatch } = o;
  let job: { cancel(): Promise<void> } | null = null;
  let stopped = false;
  let looking = false;
  // What models/latest pointed to when last looked at (undefined: not looked yet). The first look
  // only notes it: the model this screen started with is loaded by the screen, not the watch.
  let seen: string | null | undefined;

  const swap = (parts: ModelParts, elsewhere: boolean) => {
    slot.set(parts);
    if (parts.model === undefined) return;
    dispatch({ type: 'trained', info: modelInfo(parts.model), ...(elsewhere ? { elsewhere } : {}) });
    // The queue re-ranks off the event loop; until it is done it answers from its last order.
    o.queue?.rescore(parts.model).catch((e: unknown) => dispatch({ type: 'backgroundFailed', job: 'model update', message: oneLine(e) }));
  };

  const look = async () => {
    if (looking || job !== null || stopped) return;
    looking = true;
    try {
      const latest = await deps.latest();
      const moved = seen !== undefined && (latest?.id ?? null) !== seen;
      seen = latest?.id ?? null;
      if (latest === null || !moved || latest.id === slot.get().model?.id) return;
      const parts = await deps.load(latest.dir);
      if (!stopped && job === null) swap(parts, true);
    } catch (e) {
      if (!stopped) dispatch({ type: 'backgroundFailed', job: 'model update', message: oneLine(e) });
    } finally {
      looking = false;
    }
  };
  const timer = deps.watchMs !== undefined && deps.watchMs > 0 ? setInterval(() => void look(), deps.watchMs) : null;
  timer?.unref();
  if (timer !== null) void look();

  return {
    start() {
      if (stopped || job !== null) return;
      const run = async () => {
        const handle = await deps.start();
        if (handle === null) {
          job = null;
          return dispatch({ type: 'trainFailed', message: 'busy', busy: true });
        }
        if (stopped) return void (await handle.cancel());
        job = handle;
        try {
          const { dir } = await handle.done;
          if (stopped) return;
          const parts = await deps.load(dir);
          if (!stopped) swap(parts, false);
        } finally {
          job = null;
        }
      };
      // A placeholder until the lock is taken, so that a second start does not race the first.
      job = { cancel: async () => undefined };
      run().catch((e: unknown) => {
        job = null;
        if (!stopped) dispatch({ type: 'trainFailed', message: oneLine(e) });
      });
    },
    async stop() {
      stopped = true;
      if (timer !== null) clearInterval(timer);
      await job?.cancel();
    },
  };
}
