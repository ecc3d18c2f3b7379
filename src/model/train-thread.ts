// A training run in a worker thread (train-worker.ts), so that a screen or server thread stays
// responsive while the model trains: TF.js and the SVM solver hold their thread for the whole run.
import { Worker } from 'node:worker_threads';
import { MizanError } from '../errors.js';
import type { TrainOptions } from './types.js';

export interface TrainThreadRequest {
  dbUrl: string;
  /** Relative SQLite paths resolve against it. */
  cwd: string;
  modelsDir: string;
  train: Omit<TrainOptions, 'backend' | 'onEpoch'>;
  backend?: 'node' | 'wasm' | 'cpu' | undefined;
  /** Run the thread at the lowest CPU priority (Linux), behind the thread that started it. */
  lowPriority?: boolean;
}

export type TrainThreadResponse = { type: 'done'; id: string; dir: string; examples: number } | { type: 'error'; error: { name: string; message: string } };

/** The training in the thread failed; `cause` names the trainer's error (e.g. TooFewLabelsError). */
export class TrainThreadError extends MizanError {
  override readonly name = 'TrainThreadError' as const;
  readonly code = 'train_thread_failed';
  constructor(
    message: string,
    readonly causeName: string,
  ) {
    super(message);
  }
}

export interface TrainThread {
  done: Promise<{ id: string; dir: string; examples: number }>;
  /** Stops the thread; `done` then rejects. A model not yet saved is lost (a saved one stays). */
  cancel(): Promise<void>;
}

/**
 * From the compiled bundle or tsc output the .js worker starts directly; from the TypeScript
 * sources (tsx, vitest) through a bootstrap that registers tsx's loader in the new thread first
 * (hooks registered in this thread do not reach worker threads on Node 20).
 */
function spawn(req: TrainThreadRequest): Worker {
  const self = import.meta.url;
  if (!self.endsWith('.ts')) return new Worker(new URL('./train-worker.js', self), { workerData: req });
  const entry = new URL('./train-worker.ts', self).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true, workerData: req });
}

export function trainInThread(req: TrainThreadRequest): TrainThread {
  const worker = spawn(req);
  let settled = false;
  const done = new Promise<{ id: string; dir: string; examples: number }>((resolve, reject) => {
    worker.on('message', (m: TrainThreadResponse) => {
      settled = true;
      if (m.type === 'done') resolve({ id: m.id, dir: m.dir, examples: m.examples });
      else reject(new TrainThreadError(m.error.message, m.error.name));
    });
    worker.on('error', (e) => {
      settled = true;
      reject(new TrainThreadError(`the training thread failed: ${e.message}`, e.name));
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new TrainThreadError(`the training thread stopped (exit code ${code}) before it finished`, 'exit'));
    });
  });
  done.catch(() => undefined);
  return { done, cancel: async () => void (await worker.terminate()) };
}
