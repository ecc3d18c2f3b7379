// The counts a report works from: articles per (group columns, stored prediction of one head),
// aggregated by the database (one SQL GROUP BY, so 100k articles come back as a few thousand
// rows), and the confirmed-label articles one by one, so the report can move them from the model's
// counts to the humans'. Only the columns the report groups by come back, dates cut to the
// coarsest UTC period it needs (a month report of 100k articles is a few thousand rows, not one
// per source, day and value). SQLite reads through one better-sqlite3 statement on a read-only
// connection; PostgreSQL through $queryRaw. Same rows either way.
import { Prisma } from '../db/generated/client.js';
import type { PrismaClient } from '../db/generated/client.js';
import type { GroupBy } from './groups.js';

export interface CountRow {
  source: string | null;
  /** The article's UTC day (or its exact time when the day cannot be taken in SQL). */
  publishedAt: Date | null;
  dateline: string | null;
  /** The stored prediction's value; null when the model has not predicted the article. */
  value: string | null;
  /** Articles with these columns. */
  n: number;
  /** With `ids`: the article (one row each). */
  id?: string;
}

export interface RowQuery {
  modelId: string;
  field: string;
  /** The columns the report groups by (default: every column, dates by day). */
  by?: readonly GroupBy[];
  since?: Date | undefined;
  /** Exclusive. */
  until?: Date | undefined;
}

type Cell = string | number | bigint | null;

/** Prisma's names for the report's covering indexes (migration 20261203134404_report_covering_indexes). */
export const ARTICLE_GROUP_INDEX = 'Article_source_publishedAt_dateline_id_idx';
export const PREDICTION_COVERING_INDEX = 'Prediction_modelId_field_articleId_value_idx';

const toDate = (v: unknown): Date | null =>
  v === null || v === undefined ? null : v instanceof Date ? v : new Date(typeof v === 'bigint' ? Number(v) : (v as string | number));

type DateGrain = 'day' | 'month' | 'year' | null;

/** What the SQL keeps of each column: weeks need the day; months and years only their period. */
function grain(by: readonly GroupBy[] | undefined): { source: boolean; dateline: boolean; date: DateGrain } {
  if (by === undefined) return { source: true, dateline: true, date: 'day' };
  const date: DateGrain = by.includes('week') ? 'day' : by.includes('month') ? 'month' : by.includes('year') ? 'year' : null;
  return { source: by.includes('source'), dateline: by.includes('dateline'), date };
}

/** Articles counted per group columns and predicted value; `ids` given: only those articles, one row each. */
export async function readCounts(db: PrismaClient, q: RowQuery, sqliteFile?: string, ids?: readonly string[]): Promise<CountRow[]> {
  return sqliteFile !== undefined ? readSqlite(sqliteFile, q, ids) : readPrisma(db, q, ids);
}

/** The SQLite statement readSqlite runs (exported for the query-plan test). */
export function sqliteCountQuery(q: RowQuery, ids?: readonly string[]): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [q.modelId, q.field];
  // Prisma stores DateTime as ISO 8601 text with a +00:00 offset on SQLite: compare like with like.
  const iso = (d: Date) => d.toISOString().replace('Z', '+00:00');
  if (q.since !== undefined) {
    where.push('a."publishedAt" >= ?');
    params.push(iso(q.since));
  }
  if (q.until !== undefined) {
    where.push('a."publishedAt" < ?');
    params.push(iso(q.until));
  }
  if (ids !== undefined) {
    where.push('a.id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(ids));
  }
  const g = grain(q.by);
  // ISO text: its first 10, 7 or 4 characters are the UTC day, month or year (padded back to a day).
  const cut = { day: 'substr(a."publishedAt", 1, 10)', month: `substr(a."publishedAt", 1, 7) || '-01'`, year: `substr(a."publishedAt", 1, 4) || '-01-01'` };
  const day = g.date === null ? 'NULL' : `CASE WHEN typeof(a."publishedAt") = 'text' THEN ${cut[g.date]} ELSE a."publishedAt" END`;
  // Both sides come from covering indexes (migration 20261203134404): the article rows, whose
  // publishedAt sits behind the body's overflow pages, are never read. The planner prefers the
  // unique primary key for the join, which leaves `value` in the table (a second B-tree per
  // article), hence INDEXED BY. Together 0.66 → 0.21 s at 100k articles.
  const sql = `SELECT ${g.source ? 'a.source' : 'NULL'}, ${day} AS day, ${g.dateline ? 'a.dateline' : 'NULL'}, p.value, COUNT(*), ${ids === undefined ? 'NULL' : 'a.id'} FROM "Article" a
    LEFT JOIN "Prediction" p INDEXED BY "${PREDICTION_COVERING_INDEX}" ON p."modelId" = ? AND p.field = ? AND p."articleId" = a.id
    ${where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`}
    GROUP BY 1, 2, 3, 4, 6`;
  return { sql, params };
}

async function readSqlite(file: string, q: RowQuery, ids?: readonly string[]): Promise<CountRow[]> {
  const { default: Sqlite } = await import('better-sqlite3');
  const db = new Sqlite(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 10000');
    const { sql, params } = sqliteCountQuery(q, ids);
    const out: CountRow[] = [];
    for (const r of db
      .prepare(sql)
      .raw(true)
      .iterate(...params) as IterableIterator<Cell[]>) {
      const at = r[1];
      const publishedAt = typeof at === 'string' && at.length === 10 ? new Date(`${at}T00:00:00Z`) : toDate(at);
      out.push({
        source: r[0] as string | null,
        publishedAt,
        dateline: r[2] as string | null,
        value: r[3] as string | null,
        n: Number(r[4]),
        ...(r[5] === null ? {} : { id: r[5] as string }),
      });
    }
    return out;
  } finally {
    db.close();
  }
}

async function readPrisma(db: PrismaClient, q: RowQuery, ids?: readonly string[]): Promise<CountRow[]> {
  const conds: Prisma.Sql[] = [Prisma.sql`1 = 1`];
  if (q.since !== undefined) conds.push(Prisma.sql`a."publishedAt" >= ${q.since}`);
  if (q.until !== undefined) conds.push(Prisma.sql`a."publishedAt" < ${q.until}`);
  if (ids !== undefined) conds.push(ids.length === 0 ? Prisma.sql`1 = 0` : Prisma.sql`a.id = ANY(${[...ids]}::text[])`);
  // Prisma's PostgreSQL DateTime is a timestamp without time zone holding UTC: its day is the UTC day.
  const g = grain(q.by);
  const rows = await db.$queryRaw<
    { source: string | null; day: unknown; dateline: string | null; value: string | null; n: number | bigint; id: string | null }[]
  >`
    SELECT ${g.source ? Prisma.sql`a.source` : Prisma.sql`NULL`} AS source, ${g.date === null ? Prisma.sql`NULL` : Prisma.sql`date_trunc(${g.date}::text, a."publishedAt")`} AS day, ${g.dateline ? Prisma.sql`a.dateline` : Prisma.sql`NULL`} AS dateline, p.value, COUNT(*) AS n, ${ids === undefined ? Prisma.sql`NULL` : Prisma.sql`a.id`} AS id FROM "Article" a
    LEFT JOIN "Prediction" p ON p."modelId" = ${q.modelId} AND p.field = ${q.field} AND p."articleId" = a.id
    WHERE ${Prisma.join(conds, ' AND ')}
    GROUP BY 1, 2, 3, 4, 6`;
  return rows.map((r) => ({
    source: r.source,
    publishedAt: toDate(r.day),
    dateline: r.dateline,
    value: r.value,
    n: Number(r.n),
    ...(r.id === null ? {} : { id: r.id }),
  }));
}
