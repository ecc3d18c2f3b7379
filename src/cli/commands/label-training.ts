// The labeling screen's background training, built from the command's configuration: the database
// lock (one training per database), the worker thread running `mizan train`'s job with its
// defaults, and models/latest for models other screens train.
import { realpath } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Database } from '../../db/open.js';
import type { TrainingDeps, ModelParts } from '../../../tui/index.js';

/** How often the screen looks at models/latest for a model trained elsewhere. */
const WATCH_MS = 3000;

export interface LabelTrainingOptions {
  db: Database;
  /** The same URL the screen opened (the worker thread opens its own connection). */
  dbUrl: string;
  cwd: string;
  modelsDir: string;
  load: (dir: string) => Promise<ModelParts>;
}

export function labelTraining(o: LabelTrainingOptions): TrainingDeps {
  return {
    watchMs: WATCH_MS,
    async start() {
      const [{ acquireTrainLock }, { trainInThread }, { TRAIN_DEFAULTS }] = await Promise.all([
        import('../../model/train-lock.js'),
        import('../../model/train-thread.js'),
        import('../../model/train-defaults.js'),
      ]);
      const lock = await acquireTrainLock(o.db.target);
      if (lock === null) return null;
      try {
        const thread = trainInThread({ dbUrl: o.dbUrl, cwd: o.cwd, modelsDir: o.modelsDir, train: { ...TRAIN_DEFAULTS }, lowPriority: true });
        const done = thread.done.finally(() => lock.release());
        return { done, cancel: () => thread.cancel() };
      } catch (e) {
        await lock.release();
        throw e;
      }
    },
    load: o.load,
    async missing() {
      const [{ loadCodebook }, { codebookSpec, loadTrainingExamples }, { labelsMissing }] = await Promise.all([
        import('../../codebook/store.js'),
        import('../../model/dataset.js'),
        import('../../model/heads.js'),
      ]);
      const spec = codebookSpec(await loadCodebook(o.db.prisma));
      return labelsMissing(await loadTrainingExamples(o.db.prisma), spec);
    },
    async latest() {
      try {
        const dir = await realpath(join(o.modelsDir, 'latest'));
        return { id: basename(dir), dir };
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw e;
      }
    },
  };
}
