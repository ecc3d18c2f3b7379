// Work queues for the labeling screen. The corpus is never loaded: every choice is a keyset query
// over Article ids (`id > cursor ORDER BY id LIMIT n`), so the first article of a 100,000-article
// corpus is one indexed query away. Every "which article next" decision goes through `nextArticle`,
// which is where team mode (overlap, claims) plugs in.
import type { Prisma, PrismaClient } from '../db/generated/client.js';
import type { LabelKind } from './bulk.js';
import { claimNext, releaseClaim } from './claims.js';

type Db = PrismaClient;

export const QUEUE_NAMES = ['unlabeled', 'uncertain', 'disagreements', 'skipped', 'all'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export interface QueueSpec {
  queue: QueueName;
  annotatorId: number;
  kind: LabelKind;
  /** Only articles whose title or body contains this text. */
  filter: string | null;
  /**
   * Team mode: how many annotators should label each article. null (single analyst) means "articles
   * I have not labeled"; n means "articles fewer than n annotators confirmed, not claimed by someone
   * else", and the chosen article is claimed for `claimMinutes` (src/labels/claims.ts claimNext).
   */
  overlap: number | null;
  claimMinutes?: number;
}

/**
 * Scores candidates for the `uncertain` queue: the model's confidence per article id (lower is
 * labeled first). Without a ranker the queue is the unlabeled queue in id order.
 */
export type ConfidenceRanker = (articles: { id: string; title: string; body: string }[]) => Promise<Map<string, number>>;

/**
 * What the queue needs of an ordering over the whole corpus (src/active's ActiveQueue is one): its
 * best candidate that `accept` takes. Declared here so labels/ does not depend on active/.
 */
export interface RankedPicker {
  next(accept: (articleId: string) => boolean | Promise<boolean>): Promise<string | null>;
}

export interface NextOptions {
  /** Keyset cursor: continue after this article id (null: from the start). */
  after: string | null;
  /** Ids not to return (e.g. the article on screen). */
  exclude?: ReadonlySet<string>;
  ranker?: ConfidenceRanker;
  /**
   * The `uncertain` queue's order over the whole corpus (src/active): when given, it decides, and
   * this function only checks that its pick is still in the queue (or claims it, in team mode).
   */
  active?: RankedPicker;
  now?: Date;
}

const PAGE = 64;
/** How many unlabeled candidates the model scores to pick the least confident one. */
export const UNCERTAIN_WINDOW = 256;

/** The SQL-expressible part of a queue: articles that may be next. */
export function queueWhere(spec: QueueSpec): Prisma.ArticleWhereInput {
  const mine = { annotatorId: spec.annotatorId, kind: spec.kind };
  const parts: Prisma.ArticleWhereInput[] = [];
  if (spec.filter !== null && spec.filter.trim() !== '') {
    const text = spec.filter.trim();
    parts.push({ OR: [{ title: { contains: text } }, { body: { contains: text } }] });
  }
  switch (spec.queue) {
    case 'unlabeled':
    case 'uncertain':
      parts.push({ labels: { none: { ...mine, OR: [{ confirmedAt: { not: null } }, { skipped: true }] } } });
      break;
    case 'skipped':
      parts.push({ labels: { some: { ...mine, skipped: true, confirmedAt: null } } });
      break;
    case 'disagreements':
      // Candidates: confirmed by someone, not yet settled by me; disagreement itself is checked in code.
      parts.push({ labels: { some: { kind: 'annotation', confirmedAt: { not: null }, skipped: false, annotatorId: { not: spec.annotatorId } } } });
      parts.push({ labels: { none: { ...mine, confirmedAt: { not: null } } } });
      break;
    case 'all':
      break;
  }
  return parts.length === 0 ? {} : { AND: parts };
}

type Candidate = { id: string; title: string; body: string; nearDupGroup: string | null };

/** A near-copy of an earlier article (its group is named by the group's first article). */
const isCopy = (c: Pick<Candidate, 'id' | 'nearDupGroup'>) => c.nearDupGroup !== null && c.nearDupGroup !== c.id;

/**
 * The next article of the queue after `opts.after` (wrapping around once), or null when the queue
 * is empty. In team mode (`spec.overlap`) the returned article is claimed for the annotator.
 */
export async function nextArticle(db: Db, spec: QueueSpec, opts: NextOptions): Promise<string | null> {
  const now = opts.now ?? new Date();
  const exclude = opts.exclude ?? new Set<string>();
  if (spec.queue === 'uncertain' && opts.active !== undefined) return activeNext(db, spec, opts.active, { exclude, now });
  if (spec.overlap !== null && (spec.queue === 'unlabeled' || spec.queue === 'uncertain')) {
    // Team mode: choosing and claiming must be one atomic step (src/labels/claims.ts).
    return claimNext(db, {
      annotatorId: spec.annotatorId,
      overlap: spec.overlap,
      filter: spec.filter,
      exclude: [...exclude],
      after: opts.after,
      now,
      ...(spec.claimMinutes === undefined ? {} : { ttlMs: spec.claimMinutes * 60_000 }),
    });
  }
  const accept = acceptor(db, spec);
  const useRanker = spec.queue === 'uncertain' && opts.ranker !== undefined;
  // Unlabeled: one article per near-copy group first (the group's first article), then the copies.
  if (spec.queue === 'unlabeled') {
    const first = await scanQueue(db, spec, opts, { accept, useRanker, exclude, skipCopies: true });
    if (first !== null) return first;
  }
  return scanQueue(db, spec, opts, { accept, useRanker, exclude, skipCopies: false });
}

interface ScanOptions {
  accept: (id: string) => Promise<boolean>;
  useRanker: boolean;
  exclude: ReadonlySet<string>;
  skipCopies: boolean;
}

async function scanQueue(db: Db, spec: QueueSpec, opts: NextOptions, scan: ScanOptions): Promise<string | null> {
  const { accept, useRanker, exclude } = scan;
  // First pass: after the cursor; second pass (wrap around): from the start up to the cursor.
  const passes: { gt: string | null; lt: string | null }[] =
    opts.after === null
      ? [{ gt: null, lt: null }]
      : [
          { gt: opts.after, lt: null },
          { gt: null, lt: opts.after },
        ];
  for (const pass of passes) {
    let cursor = pass.gt;
    const window: Candidate[] = [];
    for (;;) {
      const idRange = { ...(cursor === null ? {} : { gt: cursor }), ...(pass.lt === null ? {} : { lt: pass.lt }) };
      const page: Candidate[] = await db.article.findMany({
        where: { AND: [queueWhere(spec), cursor === null && pass.lt === null ? {} : { id: idRange }] },
        orderBy: { id: 'asc' },
        take: PAGE,
        select: { id: true, title: useRanker, body: useRanker, nearDupGroup: true },
      });
      for (const c of page) {
        if (exclude.has(c.id) || (scan.skipCopies && isCopy(c)) || !(await accept(c.id))) continue;
        if (!useRanker) return c.id;
        window.push(c);
      }
      if (useRanker && window.length >= UNCERTAIN_WINDOW) break;
      if (page.length < PAGE) break;
      cursor = page[page.length - 1]!.id;
    }
    if (useRanker && window.length > 0) {
      const scores = await opts.ranker!(window);
      const best = [...window].sort((a, b) => (scores.get(a.id) ?? 1) - (scores.get(b.id) ?? 1))[0]!;
      return best.id;
    }
  }
  return null;
}

function activeNext(db: Db, spec: QueueSpec, active: RankedPicker, o: { exclude: ReadonlySet<string>; now: Date }): Promise<string | null> {
  const ttl = spec.claimMinutes === undefined ? {} : { ttlMs: spec.claimMinutes * 60_000 };
  const where = queueWhere(spec);
  return active.next(async (id) => {
    if (o.exclude.has(id)) return false;
    if (spec.overlap !== null) {
      // Team mode: the chosen article is claimed in the same atomic step as in claimNext.
      const claimed = await claimNext(db, { annotatorId: spec.annotatorId, overlap: spec.overlap, filter: spec.filter, only: id, now: o.now, ...ttl });
      return claimed === id;
    }
    return (await db.article.count({ where: { AND: [where, { id }] } })) > 0;
  });
}

// Checks that cannot be written as one Prisma where: disagreement between annotators.
function acceptor(db: Db, spec: QueueSpec): (id: string) => Promise<boolean> {
  if (spec.queue === 'disagreements') return (id) => hasDisagreement(db, id);
  return async () => true;
}

export { releaseClaim };

async function hasDisagreement(db: Db, articleId: string): Promise<boolean> {
  const labels = await db.label.findMany({
    where: { articleId, kind: 'annotation', confirmedAt: { not: null }, skipped: false },
    select: { topicsLabeled: true, topics: { select: { topicKey: true } }, stances: { select: { targetKey: true, valueKey: true } } },
  });
  if (labels.length < 2) return false;
  const topicSets = new Set(
    labels
      .filter((l) => l.topicsLabeled)
      .map((l) =>
        l.topics
          .map((t) => t.topicKey)
          .sort()
          .join('|'),
      ),
  );
  if (topicSets.size > 1) return true;
  const byTarget = new Map<string, Set<string>>();
  for (const l of labels) for (const s of l.stances) byTarget.set(s.targetKey, (byTarget.get(s.targetKey) ?? new Set()).add(s.valueKey));
  return [...byTarget.values()].some((values) => values.size > 1);
}

export interface QueueCounts {
  /** Articles matching the filter. */
  total: number;
  /** Of those, confirmed by this annotator. */
  labeled: number;
  /** Still in the queue (null where only code can tell, e.g. disagreements). */
  remaining: number | null;
}

/**
 * Progress for the header. Only the number of articles matching the filter needs a scan (a text
 * filter is a LIKE over every body); callers count it once per filter and pass it back as
 * `known.total`. The rest counts the annotator's own labels (indexed by annotator), so it stays
 * cheap on a large corpus — better-sqlite3 runs queries on the main thread, and a scan here would
 * hold up the next frame.
 */
export async function queueCounts(db: Db, spec: QueueSpec, known: { total?: number } = {}): Promise<QueueCounts> {
  const text = spec.filter?.trim() ?? '';
  const onArticles = text === '' ? {} : { article: { OR: [{ title: { contains: text } }, { body: { contains: text } }] } };
  const mine = { annotatorId: spec.annotatorId, kind: spec.kind, ...onArticles };
  const [total, labeled, done, skipped] = await Promise.all([
    known.total ?? db.article.count({ where: queueWhere({ ...spec, queue: 'all' }) }),
    db.label.count({ where: { ...mine, confirmedAt: { not: null } } }),
    db.label.count({ where: { ...mine, OR: [{ confirmedAt: { not: null } }, { skipped: true }] } }),
    db.label.count({ where: { ...mine, skipped: true, confirmedAt: null } }),
  ]);
  const remaining = { unlabeled: total - done, uncertain: total - done, skipped, all: total, disagreements: null }[spec.queue];
  return { total, labeled, remaining };
}

export function isQueueName(s: string): s is QueueName {
  return (QUEUE_NAMES as readonly string[]).includes(s);
}
