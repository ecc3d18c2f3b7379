// A training run in a worker thread (train-worker.ts), so that a screen or server thread stays
// responsive while the model trains: TF.js and the SVM solver hold their thread for the whole run.
import { MizanError } from '../errors.js';
import { startThread } from '../start-thread.js';
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

export function trainInThread(req: TrainThreadRequest): TrainThread {
  const worker = startThread(new URL('./train-worker.js', import.meta.url), req);
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
