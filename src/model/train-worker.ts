// Worker thread of a background training (see train-thread.ts): the same runTrainJob as `mizan
// train`, on its own database connection, so the labeling screen's thread only waits for the result.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/open.js';
import { runTrainJob } from './train-job.js';
import type { TrainThreadRequest, TrainThreadResponse } from './train-thread.js';

const port = parentPort!;
const req = workerData as TrainThreadRequest;
const post = (m: TrainThreadResponse) => port.postMessage(m);

/**
 * Linux schedules threads one by one: this one steps back (nice 19) so that, on a busy machine, the
 * screen's thread gets the CPU first when a key comes. Elsewhere (or if refused) it keeps its priority.
 */
function yieldCpu(): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, 19);
  } catch {
    // not Linux, or not allowed: the training competes at the normal priority
  }
}

if (req.lowPriority === true) yieldCpu();

try {
  // The parent has migrated the database already.
  const db = await openDatabase(req.dbUrl, { cwd: req.cwd, migrate: false });
  try {
    const { saved, examples } = await runTrainJob({ db: db.prisma, modelsDir: req.modelsDir, train: req.train, backend: req.backend });
    post({ type: 'done', id: saved.id, dir: saved.dir, examples });
  } finally {
    await db.close();
  }
} catch (e) {
  const err = e instanceof Error ? e : new Error(String(e));
  post({ type: 'error', error: { name: err.name, message: err.message } });
}
