// Worker thread of a background training (see train-thread.ts): the same runTrainJob as `mizan
// train`, on its own database connection, so the labeling screen's thread only waits for the result.
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/open.js';
import { runTrainJob } from './train-job.js';
import type { TrainThreadRequest, TrainThreadResponse } from './train-thread.js';

const port = parentPort!;
const req = workerData as TrainThreadRequest;
const post = (m: TrainThreadResponse) => port.postMessage(m);

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
