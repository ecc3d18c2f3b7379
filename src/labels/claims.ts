// The team work queue: which article an annotator gets next when several label the same corpus at
// once. An article is handed to at most `overlap` distinct annotators, counting those who confirmed
// it and those who hold a live claim on it; a claim expires after its TTL so an annotator who walks
// away does not keep articles from the others.
//
// Choosing and claiming must be one atomic step, or two annotators can both see "nobody has it" and
// both take it. On SQLite the transaction takes the file's write lock first (writers queue on the
// busy timeout); on PostgreSQL every claim transaction takes one advisory lock, so claims are
// serialized while everything else (labeling, reading) runs concurrently. Each claim is a couple of
// indexed queries, so the lock is held for milliseconds.
import { Prisma } from '../db/generated/client.js';
import type { PrismaClient } from '../db/generated/client.js';
import { providerOf } from '../db/provider.js';
import { writeTransaction } from '../db/write-transaction.js';

type Tx = Prisma.TransactionClient;

/** Advisory lock key for claim transactions on PostgreSQL ("mizan" as a number). */
export const CLAIM_LOCK_KEY = 0x6d697a616e;
export const DEFAULT_CLAIM_TTL_MS = 30 * 60_000;

export interface ClaimOptions {
  annotatorId: number;
  /** How many distinct annotators should label each article (1: nobody gets another's article). */
  overlap?: number;
  /** How long the claim lasts unless renewed or released. */
  ttlMs?: number;
  /** Only articles whose title or body contains this text (case-sensitive, as written). */
  filter?: string | null;
  /** Article ids not to return (e.g. the one on screen). */
  exclude?: readonly string[];
  /** Keyset cursor: prefer articles after this id, wrapping around to the start. */
  after?: string | null;
  /** Claim this article only (the active-learning queue chose it), if it is still free for the annotator. */
  only?: string;
  now?: Date;
}

/**
 * Claims the next article (in id order) that this annotator has neither confirmed nor skipped and
 * that fewer than `overlap` other annotators have confirmed or hold a live claim on. Returns its id,
 * or null when there is none. Claiming an article the annotator already holds renews the claim.
 */
export async function claimNext(prisma: PrismaClient, opts: ClaimOptions): Promise<string | null> {
  const overlap = opts.overlap ?? 1;
  if (!Number.isInteger(overlap) || overlap < 1) throw new RangeError(`overlap must be a positive integer, got ${overlap}`);
  const ttlMs = opts.ttlMs ?? DEFAULT_CLAIM_TTL_MS;
  const provider = providerOf(prisma);
  return writeTransaction(
    prisma,
    async (tx) => {
      const now = opts.now ?? new Date();
      await purge(tx, now);
      const ranges: { gt: string | null; lte: string | null }[] =
        opts.after == null
          ? [{ gt: null, lte: null }]
          : [
              { gt: opts.after, lte: null },
              { gt: null, lte: opts.after },
            ];
      const expiresAt = new Date(now.getTime() + ttlMs);
      for (const range of ranges) {
        const id = await claimFirst(tx, provider, { ...opts, overlap, now, expiresAt }, range);
        if (id !== null) return id;
      }
      return null;
    },
    { lockKey: CLAIM_LOCK_KEY },
  );
}

type CandidateQuery = Required<Pick<ClaimOptions, 'annotatorId' | 'overlap'>> &
  Pick<ClaimOptions, 'filter' | 'exclude' | 'only'> & { now: Date; expiresAt: Date };

// Chooses and claims in one statement (INSERT … SELECT … ON CONFLICT … RETURNING), so the write
// lock is held for a single round trip besides BEGIN/COMMIT. An article the annotator already
// holds is claimed again: the conflict renews it.
async function claimFirst(
  tx: Tx,
  provider: 'sqlite' | 'postgresql',
  q: CandidateQuery,
  range: { gt: string | null; lte: string | null },
): Promise<string | null> {
  const me = q.annotatorId;
  const conditions: Prisma.Sql[] = [
    // Not done by me: a confirmed or skipped annotation of mine takes the article out of my queue.
    Prisma.sql`NOT EXISTS (SELECT 1 FROM "Label" l WHERE l."articleId" = a."id" AND l."annotatorId" = ${me}
      AND l."kind" = 'annotation' AND (l."confirmedAt" IS NOT NULL OR l."skipped" = ${true}))`,
    // Fewer than `overlap` others: confirmed, non-skipped annotations plus live claims, counted once each.
    Prisma.sql`(SELECT COUNT(*) FROM (
        SELECT l."annotatorId" FROM "Label" l WHERE l."articleId" = a."id" AND l."annotatorId" <> ${me}
          AND l."kind" = 'annotation' AND l."confirmedAt" IS NOT NULL AND l."skipped" = ${false}
        UNION
        SELECT c."annotatorId" FROM "Claim" c WHERE c."articleId" = a."id" AND c."annotatorId" <> ${me}
          AND c."expiresAt" > ${q.now}
      ) others) < ${q.overlap}`,
  ];
  if (q.only !== undefined) conditions.push(Prisma.sql`a."id" = ${q.only}`);
  if (range.gt !== null) conditions.push(Prisma.sql`a."id" > ${range.gt}`);
  if (range.lte !== null) conditions.push(Prisma.sql`a."id" <= ${range.lte}`);
  const text = q.filter?.trim() ?? '';
  if (text !== '') {
    const contains = (column: Prisma.Sql) => (provider === 'sqlite' ? Prisma.sql`instr(${column}, ${text}) > 0` : Prisma.sql`strpos(${column}, ${text}) > 0`);
    conditions.push(Prisma.sql`(${contains(Prisma.raw('a."title"'))} OR ${contains(Prisma.raw('a."body"'))})`);
  }
  if (q.exclude !== undefined && q.exclude.length > 0) conditions.push(Prisma.sql`a."id" NOT IN (${Prisma.join([...q.exclude])})`);
  // PostgreSQL cannot infer parameter types in a SELECT list; SQLite stores Prisma's ISO text as is.
  const time = (d: Date) => (provider === 'sqlite' ? Prisma.sql`${d}` : Prisma.sql`CAST(${d} AS TIMESTAMP(3))`);
  const rows = await tx.$queryRaw<{ articleId: string }[]>`
    INSERT INTO "Claim" ("articleId", "annotatorId", "claimedAt", "expiresAt")
    SELECT a."id", CAST(${me} AS INTEGER), ${time(q.now)}, ${time(q.expiresAt)} FROM "Article" a
     WHERE ${Prisma.join(conditions, ' AND ')}
     ORDER BY a."id" LIMIT 1
    ON CONFLICT ("articleId", "annotatorId") DO UPDATE SET "claimedAt" = excluded."claimedAt", "expiresAt" = excluded."expiresAt"
    RETURNING "articleId"`;
  return rows[0]?.articleId ?? null;
}

async function purge(tx: Tx, now: Date): Promise<number> {
  return tx.claim.deleteMany({ where: { expiresAt: { lte: now } } }).then((r) => r.count);
}

/**
 * Extends the annotator's live claim on an article (the labeling screen calls this while the
 * article stays on screen). Returns false when the claim is gone: expired or released, in which
 * case the article may be someone else's now and the caller should claim again.
 */
export async function renewClaim(
  prisma: PrismaClient,
  annotatorId: number,
  articleId: string,
  ttlMs: number = DEFAULT_CLAIM_TTL_MS,
  now: Date = new Date(),
): Promise<boolean> {
  const { count } = await prisma.claim.updateMany({
    where: { articleId, annotatorId, expiresAt: { gt: now } },
    data: { expiresAt: new Date(now.getTime() + ttlMs) },
  });
  return count > 0;
}

/** Gives the article back (after confirming or skipping it, or when leaving the screen). */
export async function releaseClaim(prisma: PrismaClient, annotatorId: number, articleId: string): Promise<void> {
  await prisma.claim.deleteMany({ where: { articleId, annotatorId } });
}

/** Removes expired claims (claimNext also ignores and removes them); returns how many. */
export async function purgeExpiredClaims(prisma: PrismaClient, now: Date = new Date()): Promise<number> {
  const { count } = await prisma.claim.deleteMany({ where: { expiresAt: { lte: now } } });
  return count;
}

/** Live claims, for status displays. */
export async function liveClaims(prisma: PrismaClient, now: Date = new Date()): Promise<{ articleId: string; annotatorId: number; expiresAt: Date }[]> {
  return prisma.claim.findMany({
    where: { expiresAt: { gt: now } },
    orderBy: [{ articleId: 'asc' }, { annotatorId: 'asc' }],
    select: { articleId: true, annotatorId: true, expiresAt: true },
  });
}
