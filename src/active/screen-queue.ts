// The labeling screen's `uncertain` queue: an ActiveQueue over the annotator's unlabeled articles in
// the database. The screen calls rescore(model) after every new model and passes the queue to
// nextArticle (src/labels/queue.ts `active`), which checks or claims each pick.
import type { PrismaClient } from '../db/generated/client.js';
import type { QueueSpec } from '../labels/queue.js';
import { dbSource } from './db-source.js';
import { ACTIVE_DEFAULTS } from './defaults.js';
import { createActiveQueue } from './queue.js';
import type { ActiveQueue, HeadSelection, Strategy } from './types.js';

export interface ScreenQueueOptions {
  spec: QueueSpec;
  strategy?: Strategy;
  explore?: number;
  heads?: HeadSelection;
  seed?: number;
  /** Most candidates scored (a seeded sample of a larger corpus). */
  maxCandidates?: number;
}

export function screenQueue(db: PrismaClient, opts: ScreenQueueOptions): ActiveQueue {
  const seed = opts.seed ?? 1;
  return createActiveQueue({
    source: dbSource(db, { spec: opts.spec, seed, ...(opts.maxCandidates === undefined ? {} : { max: opts.maxCandidates }) }),
    strategy: opts.strategy ?? ACTIVE_DEFAULTS.strategy,
    explore: opts.explore ?? ACTIVE_DEFAULTS.explore,
    heads: opts.heads ?? ACTIVE_DEFAULTS.heads,
    seed,
  });
}
