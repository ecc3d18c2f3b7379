// The model the server classifies with. `models/latest` is a symlink that `mizan train` moves
// atomically; we notice the move and load the new model before swapping, so in-flight requests
// finish on the old model and no request ever sees a half-loaded one.
import { realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { loadModel } from '../model/io.js';
import type { LoadedModel } from '../model/io.js';
import { predict } from '../model/predict.js';
import type { Prediction } from '../model/types.js';
import { PredictQueue } from './predict-queue.js';

export interface ModelSource {
  /** The current model, or null when none has been trained yet. */
  current(): LoadedModel | null;
  /** Why there is no model (missing, or failed to load), for the 503 message: safe to show, no paths. */
  problem(): string | null;
  /** Classifies with `model` (the one the request started with), batched with concurrent requests. */
  classify(model: LoadedModel, texts: string[], explain: boolean): Promise<Prediction[]>;
  close(): void;
}

export interface WatchOptions {
  /** A fixed model directory (--model), or undefined to follow `<modelsDir>/latest`. */
  modelDir?: string;
  modelsDir: string;
  pollMs?: number;
  onSwap?: (from: string | null, to: string) => void;
  onError?: (message: string) => void;
}

export async function watchModels(opts: WatchOptions): Promise<ModelSource & { refresh(): Promise<void> }> {
  let model: LoadedModel | null = null;
  let loadedFrom: string | null = null;
  /** A directory that failed to load: not retried on every poll, only once `latest` moves again. */
  let failedDir: string | null = null;
  let problem: string | null = null;
  let busy: Promise<void> | null = null;
  const link = opts.modelDir ?? join(opts.modelsDir, 'latest');
  const queue = new PredictQueue<LoadedModel>(predict);

  async function refresh(): Promise<void> {
    busy ??= (async () => {
      let dir: string;
      try {
        dir = await realpath(link);
        await stat(join(dir, 'metadata.json'));
      } catch {
        if (model === null) {
          problem = opts.modelDir === undefined ? 'no model has been trained yet: run `mizan train`' : 'the model given with --model is not there';
        }
        return;
      }
      if (dir === loadedFrom || dir === failedDir) return;
      try {
        const next = await loadModel(dir);
        const previous = loadedFrom;
        model = next;
        loadedFrom = dir;
        failedDir = null;
        problem = null;
        opts.onSwap?.(previous, dir);
      } catch (e) {
        // The details (with the path) go to the log only; clients learn that loading failed.
        if (model === null) problem = 'the model failed to load; the server log says why';
        opts.onError?.(`model at ${dir} failed to load: ${(e as Error).message}`);
        failedDir = dir;
      }
    })().finally(() => {
      busy = null;
    });
    return busy;
  }

  await refresh();
  const timer = setInterval(() => void refresh(), opts.pollMs ?? 1000);
  timer.unref();
  return {
    current: () => model,
    problem: () => (model === null ? problem : null),
    refresh,
    classify: (m, texts, explain) => queue.run(m, texts, explain),
    close: () => clearInterval(timer),
  };
}
