// Candidates for the labeling screen: the articles of the annotator's `uncertain` queue (not yet
// confirmed or skipped by them, matching the filter), read in keyset pages. A corpus larger than
// `max` is reduced to a seeded uniform sample (reservoir sampling), so scoring stays bounded.
import type { PrismaClient } from '../db/generated/client.js';
import { queueWhere } from '../labels/queue.js';
import type { QueueSpec } from '../labels/queue.js';
import { articleText } from '../model/dataset.js';
import { mulberry32 } from '../model/train.js';
import type { Candidate, CandidateSource } from './types.js';

export const DEFAULT_MAX_CANDIDATES = 20_000;
const PAGE = 500;

export interface DbSourceOptions {
  spec: QueueSpec;
  /** Most candidates kept (a seeded sample beyond). */
  max?: number;
  seed?: number;
}

export function dbSource(db: PrismaClient, opts: DbSourceOptions): CandidateSource {
  return {
    async load(): Promise<Candidate[]> {
      const max = opts.max ?? DEFAULT_MAX_CANDIDATES;
      const rng = mulberry32(opts.seed ?? 1);
      const where = queueWhere({ ...opts.spec, queue: 'unlabeled' });
      const out: Candidate[] = [];
      let seen = 0;
      let cursor: string | null = null;
      for (;;) {
        const page: { id: string; title: string; body: string }[] = await db.article.findMany({
          where: cursor === null ? where : { AND: [where, { id: { gt: cursor } }] },
          orderBy: { id: 'asc' },
          take: PAGE,
          select: { id: true, title: true, body: true },
        });
        for (const a of page) {
          const c = { id: a.id, text: articleText(a.title, a.body) };
          if (out.length < max) out.push(c);
          else {
            const j = Math.floor(rng() * (seen + 1));
            if (j < max) out[j] = c;
          }
          seen++;
        }
        if (page.length < PAGE) break;
        cursor = page[page.length - 1]!.id;
      }
      return out;
    },
  };
}
