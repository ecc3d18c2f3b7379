// The classes of a one-vs-rest SVM head solved on several threads. The trainer stays synchronous:
// the calling thread solves jobs too and then blocks (Atomics.wait) until the helper threads have
// finished theirs; the documents are shared, not copied (svm-problem.ts). Each job has its own seed,
// so the weights are the same whatever the number of threads.
import { MizanError } from '../errors.js';
import { startThread } from '../start-thread.js';
import type { SparseVector } from '../text/types.js';
import { DONE, FAILED, NEXT, buildProblem, jobStats, workOn } from './svm-problem.js';
import type { SvmHeadOptions } from './svm-heads.js';

/**
 * Below this much work (non-zeros × classes) one thread is quicker than starting others (a thread
 * starts in ~0.05 s from the bundle, up to ~0.8 s from the TypeScript sources).
 */
export const PARALLEL_MIN_WORK = 20_000_000;

const HELPER_GRACE_MS = 30_000;

export interface ClassJobs {
  xs: readonly SparseVector[];
  /** Per class, the documents' targets (+1 / −1). */
  targets: readonly Int8Array[];
  seeds: readonly number[];
  dims: number;
  settings: SvmHeadOptions;
  /** Threads to use at most, the caller's included. */
  threads: number;
  /** Work (non-zeros × classes) from which helper threads start (default PARALLEL_MIN_WORK). */
  minWork?: number;
  /** false: the calling thread only waits, every job goes to helper threads (default true). */
  callerSolves?: boolean;
  /** false: no class sums its loss (NaN; it costs one more pass over the documents). Default true. */
  loss?: boolean | undefined;
}

export interface ClassFit {
  w: Float64Array;
  bias: number;
  passes: number;
  converged: boolean;
  /** Summed squared hinge loss over the documents (NaN when not asked for). */
  loss: number;
  /** The thread that solved it (worker_threads' threadId: 0 is the main thread). */
  thread: number;
}

/** A class's solver threw on a helper thread. */
export class SvmThreadError extends MizanError {
  override readonly name = 'SvmThreadError' as const;
  readonly code = 'svm_thread_failed';
}

/** Classes being solved on helper threads; `finish` has the calling thread join in and returns every fit. */
export interface PendingClasses {
  /** Classes solved so far (on any thread). */
  done(): number;
  /** The calling thread solves the classes no helper has claimed, waits for the rest, and returns them all. */
  finish(): ClassFit[];
}

export function solveClasses(o: ClassJobs): ClassFit[] {
  return startClasses(o).finish();
}

/**
 * Starts the helper threads on the classes and returns at once, so that the calling thread can do
 * other work (the trainer's Adagrad epochs) while they solve; without helpers (too little work, one
 * thread) everything is solved in `finish`.
 */
export function startClasses(o: ClassJobs): PendingClasses {
  const jobs = o.targets.length;
  let nnz = 0;
  for (const x of o.xs) nnz += x.ids.length;
  const callerSolves = o.callerSolves ?? true;
  const helpers = nnz * jobs < (o.minWork ?? PARALLEL_MIN_WORK) ? 0 : Math.max(0, Math.min(o.threads, jobs) - (callerSolves ? 1 : 0));
  const problem = buildProblem({ ...o, share: helpers > 0 });
  const workers = Array.from({ length: helpers }, () => startThread(new URL('./svm-worker.js', import.meta.url), problem));
  // A helper that cannot start claims nothing (its error event comes after this returns).
  for (const w of workers) w.on('error', () => undefined);
  let result: ClassFit[] | undefined;
  return {
    done: () => Atomics.load(problem.control, DONE),
    finish(): ClassFit[] {
      result ??= join();
      return result;
    },
  };

  function join(): ClassFit[] {
    let failure = callerSolves || workers.length === 0 ? workOn(problem, o.xs) : undefined;
    const waiting = performance.now();
    for (let done = Atomics.load(problem.control, DONE); done < jobs; done = Atomics.load(problem.control, DONE)) {
      Atomics.wait(problem.control, DONE, done, 100);
      // Helpers that never started claim nothing: after a grace period the caller solves what is left.
      if (Atomics.load(problem.control, NEXT) < jobs && performance.now() - waiting > HELPER_GRACE_MS) failure ??= workOn(problem, o.xs);
    }
    for (const w of workers) void w.terminate();
    if (failure !== undefined) throw failure;
    if (Atomics.load(problem.control, FAILED) > 0) throw new SvmThreadError('an SVM helper thread failed while solving a class');
    return Array.from({ length: jobs }, (_, j) => ({ w: problem.w.subarray(j * o.dims, (j + 1) * o.dims), ...jobStats(problem, j) }));
  }
}
