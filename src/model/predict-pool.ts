// Prediction on several cores: a pool of worker threads, each running predict() on the same model.
// The model goes to each thread once, in inference form: its packed rows live in shared memory
// (packed.ts), so N threads cost N small heaps, not N copies of the kernel. Callers submit batches
// of texts and await them in the order they need (classify-table.ts keeps a few batches in flight
// and writes them in input order). close() lets every submitted batch finish, then the threads exit.
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { MizanError } from '../errors.js';
import { startThread } from '../start-thread.js';
import { inferenceModel } from './predict.js';
import type { InferenceModel, PredictOptions } from './predict.js';
import type { LoadedModel } from './io.js';
import type { Prediction } from './types.js';

export type PoolRequest = { job: number; texts: string[]; explain: boolean } | { job: -1; close: true };
export type PoolResponse =
  { job: number; predictions: Prediction[] } | { job: number; error: { name: string; message: string; stack: string } } | { job: -1; ready: true };

type Model = Pick<LoadedModel, 'heads' | 'weights' | 'idf' | 'pipeline' | 'featureBlocks'>;

/** Prediction threads worth starting here: one per core, at most 8 (reading and writing the rows on the main thread bounds it anyway). */
export function defaultThreads(): number {
  return Math.max(1, Math.min(8, availableParallelism()));
}

interface Pending {
  resolve(p: Prediction[]): void;
  reject(e: unknown): void;
}

interface Thread {
  worker: Worker;
  pending: Map<number, Pending>;
  exited: Promise<number>;
  failed: Error | null;
  /** Loaded and listening (starting a thread takes ~0.1–0.8 s: more when it must compile TypeScript). */
  ready: boolean;
}

/** A prediction thread failed outside predict() (it could not start, or it crashed), or the pool was closed. */
export class PredictThreadError extends MizanError {
  override readonly name = 'PredictThreadError' as const;
  readonly code = 'predict_thread_failed';
}

export function isPredictThreadError(e: unknown): e is PredictThreadError {
  return e instanceof PredictThreadError;
}

export class PredictPool {
  private readonly threads: Thread[];
  private next = 0;
  private closing: Promise<void> | null = null;

  constructor(model: Model, size: number) {
    const im = inferenceModel(model);
    if (im.layout === null) throw new PredictThreadError('the model is too large for prediction threads (no packed layout)');
    this.threads = Array.from({ length: Math.max(1, size) }, () => this.start(im));
  }

  get size(): number {
    return this.threads.length;
  }

  /** Some thread has started and can take work at once (callers may predict inline until then). */
  get ready(): boolean {
    return this.threads.some((t) => t.ready && t.failed === null);
  }

  /** Batches submitted so far. */
  get jobs(): number {
    return this.next;
  }

  /** Resolves once every thread has started (or failed). */
  async started(): Promise<void> {
    while (this.threads.some((t) => !t.ready && t.failed === null)) await new Promise((r) => setTimeout(r, 5));
  }

  private start(model: InferenceModel): Thread {
    const worker = startThread(new URL('./predict-worker.js', import.meta.url), { model });
    const t: Thread = { worker, pending: new Map(), exited: new Promise((resolve) => worker.once('exit', resolve)), failed: null, ready: false };
    worker.on('message', (m: PoolResponse) => {
      if ('ready' in m) {
        t.ready = true;
        return;
      }
      const p = t.pending.get(m.job);
      if (p === undefined) return;
      t.pending.delete(m.job);
      if ('predictions' in m) p.resolve(m.predictions);
      else p.reject(Object.assign(new Error(m.error.message), { name: m.error.name, stack: m.error.stack }));
    });
    const fail = (e: Error) => {
      t.failed ??= e;
      for (const p of t.pending.values()) p.reject(t.failed);
      t.pending.clear();
    };
    worker.on('error', (e) => fail(new PredictThreadError(`prediction thread failed: ${e.message}`)));
    worker.on('exit', (code) => {
      if (this.closing === null || code !== 0) fail(new PredictThreadError(`prediction thread exited (code ${code})`));
    });
    return t;
  }

  /** Predictions for `texts`, from the least busy thread. */
  predict(texts: string[], opts: PredictOptions = {}): Promise<Prediction[]> {
    if (this.closing !== null) return Promise.reject(new PredictThreadError('the prediction pool is closed'));
    const live = this.threads.filter((t) => t.failed === null);
    if (live.length === 0) return Promise.reject(this.threads[0]!.failed ?? new PredictThreadError('no prediction thread is running'));
    let t = live[0]!;
    for (const c of live) if (c.pending.size < t.pending.size) t = c;
    const job = this.next++;
    return new Promise((resolve, reject) => {
      t.pending.set(job, { resolve, reject });
      t.worker.postMessage({ job, texts, explain: opts.explain === true } satisfies PoolRequest);
    });
  }

  /** Lets submitted batches finish, then stops the threads (idempotent). */
  close(): Promise<void> {
    this.closing ??= (async () => {
      for (const t of this.threads) if (t.failed === null) t.worker.postMessage({ job: -1, close: true } satisfies PoolRequest);
      await Promise.all(this.threads.map((t) => (t.failed === null ? t.exited : t.worker.terminate())));
    })();
    return this.closing;
  }
}
