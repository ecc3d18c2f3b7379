// Labels straight from the database, page by page (keyset pagination on the label's unique key,
// article → annotator → kind), so an export of a million labels holds one page in memory. Prisma
// has no cursor streaming; raw SQL with quoted identifiers runs unchanged on SQLite and PostgreSQL.
import { Prisma } from '../db/generated/client.js';
import type { PrismaClient } from '../db/generated/client.js';
import type { LabelFilter, StoredLabel } from './label-types.js';
import { streamLabelsSqlite } from './sqlite-label-stream.js';

interface LabelRow {
  id: number | bigint;
  articleId: string;
  annotatorId: number | bigint;
  kind: string;
  version: number | bigint;
  note: string | null;
  skipped: boolean | number | bigint;
  topicsLabeled: boolean | number | bigint;
  confirmedAt: Date | string | null;
  updatedAt: Date | string;
  externalId: string | null;
  source: string | null;
  title: string;
  publishedAt: Date | string | null;
  nearDupGroup: string | null;
  annotator: string;
  url?: string | null;
  contentHash?: string;
  body?: string;
}

const PAGE = 5000;

export interface StreamOptions {
  includeText: boolean;
  /** Prisma path: labels per page. */
  pageSize?: number;
  /**
   * The SQLite file behind `db`: read it through the fast path (sqlite-label-stream.ts) instead of
   * paging through Prisma. Same labels, same order.
   */
  sqliteFile?: string;
}

type Db = Pick<PrismaClient, '$queryRaw'>;

/** Counts the labels a filter selects (for the progress bar). */
export async function countLabels(db: Db, filter: LabelFilter): Promise<number> {
  const rows = await db.$queryRaw<{ n: number | bigint }[]>`SELECT COUNT(*) AS n FROM "Label" l WHERE ${where(filter)}`;
  return Number(rows[0]?.n ?? 0);
}

/** Every label the filter selects, in (article id, annotator id, kind) order. */
export async function* streamLabels(db: Db, filter: LabelFilter, opts: StreamOptions): AsyncGenerator<StoredLabel> {
  if (opts.sqliteFile !== undefined) {
    yield* streamLabelsSqlite(opts.sqliteFile, filter, opts);
    return;
  }
  const pageSize = opts.pageSize ?? PAGE;
  const text = opts.includeText ? Prisma.sql`, a.url, a."contentHash", a.body` : Prisma.empty;
  let after: { articleId: string; annotatorId: number; kind: string } | null = null;
  for (;;) {
    const keyset: Prisma.Sql =
      after === null ? Prisma.sql`1 = 1` : Prisma.sql`(l."articleId", l."annotatorId", l.kind) > (${after.articleId}, ${after.annotatorId}, ${after.kind})`;
    const rows: LabelRow[] = await db.$queryRaw<LabelRow[]>`
      SELECT l.id, l."articleId", l."annotatorId", l.kind, l.version, l.note, l.skipped, l."topicsLabeled",
             l."confirmedAt", l."updatedAt", a."externalId", a.source, a.title, a."publishedAt", a."nearDupGroup", n.name AS annotator ${text}
      FROM "Label" l
      JOIN "Article" a ON a.id = l."articleId"
      JOIN "Annotator" n ON n.id = l."annotatorId"
      WHERE ${keyset} AND ${where(filter)}
      ORDER BY l."articleId", l."annotatorId", l.kind
      LIMIT ${pageSize}`;
    if (rows.length === 0) return;
    const ids = rows.map((r) => Number(r.id));
    const [topics, stances] = await Promise.all([
      db.$queryRaw<{ labelId: number | bigint; topicKey: string }[]>`
        SELECT "labelId", "topicKey" FROM "LabelTopic" WHERE "labelId" IN (${Prisma.join(ids)})`,
      db.$queryRaw<{ labelId: number | bigint; targetKey: string; valueKey: string }[]>`
        SELECT "labelId", "targetKey", "valueKey" FROM "LabelStance" WHERE "labelId" IN (${Prisma.join(ids)})`,
    ]);
    const topicsOf = new Map<number, string[]>();
    for (const t of topics) {
      const id = Number(t.labelId);
      const list = topicsOf.get(id);
      if (list === undefined) topicsOf.set(id, [t.topicKey]);
      else list.push(t.topicKey);
    }
    const stanceOf = new Map<number, Record<string, string>>();
    for (const s of stances) {
      const id = Number(s.labelId);
      const record = stanceOf.get(id) ?? {};
      record[s.targetKey] = s.valueKey;
      stanceOf.set(id, record);
    }
    for (const r of rows) {
      const id = Number(r.id);
      yield {
        article: {
          id: r.articleId,
          externalId: r.externalId,
          source: r.source,
          title: r.title,
          publishedAt: toDate(r.publishedAt),
          nearDupGroup: r.nearDupGroup,
          ...(opts.includeText ? { url: r.url ?? null, contentHash: r.contentHash ?? '', body: r.body ?? '' } : {}),
        },
        annotator: r.annotator,
        kind: r.kind === 'adjudication' ? 'adjudication' : 'annotation',
        version: Number(r.version),
        topics: (topicsOf.get(id) ?? []).sort(),
        topicsLabeled: toBool(r.topicsLabeled),
        stance: stanceOf.get(id) ?? {},
        note: r.note,
        skipped: toBool(r.skipped),
        confirmedAt: toDate(r.confirmedAt),
        updatedAt: toDate(r.updatedAt) ?? new Date(0),
      };
    }
    const last = rows[rows.length - 1]!;
    after = { articleId: last.articleId, annotatorId: Number(last.annotatorId), kind: last.kind };
    if (rows.length < pageSize) return;
  }
}

/** Target keys used by the selected labels (some may come from older codebook versions). */
export async function usedTargets(db: Db, filter: LabelFilter): Promise<string[]> {
  const rows = await db.$queryRaw<{ targetKey: string }[]>`
    SELECT DISTINCT s."targetKey" FROM "LabelStance" s JOIN "Label" l ON l.id = s."labelId" WHERE ${where(filter)}`;
  return rows.map((r) => r.targetKey).sort();
}

function where(filter: LabelFilter): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`1 = 1`];
  if (filter.annotatorId !== undefined) parts.push(Prisma.sql`l."annotatorId" = ${filter.annotatorId}`);
  if (filter.since !== undefined) parts.push(Prisma.sql`l."updatedAt" >= ${filter.since}`);
  if (filter.version !== undefined) parts.push(Prisma.sql`l.version = ${filter.version}`);
  return Prisma.join(parts, ' AND ');
}

function toDate(v: Date | string | null | undefined): Date | null {
  if (v === null || v === undefined) return null;
  return v instanceof Date ? v : new Date(v);
}

function toBool(v: boolean | number | bigint): boolean {
  return typeof v === 'boolean' ? v : Number(v) !== 0;
}
