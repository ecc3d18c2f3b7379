// The SQLite fast path of streamLabels: one statement on a dedicated read-only connection, stepped
// row by row (better-sqlite3's iterate()), with each label's topics and stances folded into the row
// by correlated subqueries. One statement is one consistent snapshot (WAL), holds one row at a time,
// and skips Prisma's per-row decoding — 5–10× the throughput of paging through $queryRaw.
import type { LabelArticle, LabelFilter, StoredLabel } from './label-types.js';

// Column positions in sqliteLabelQuery's SELECT (rows come back as arrays: no object per row).
const C = {
  articleId: 0,
  kind: 1,
  version: 2,
  note: 3,
  skipped: 4,
  topicsLabeled: 5,
  confirmedAt: 6,
  updatedAt: 7,
  externalId: 8,
  source: 9,
  title: 10,
  publishedAt: 11,
  annotator: 12,
  topics: 13,
  stances: 14,
  nearDupGroup: 15,
  url: 16,
  contentHash: 17,
  body: 18,
} as const;
type Cell = string | number | bigint | null;

// Codebook keys never hold control characters (src/codebook/keys.ts), so these separate safely.
const ITEM = '\u001f';
const PAIR = '\u001e';

/** The SQL of the fast path (exported for the benchmark's peer query and for tests). */
export function sqliteLabelQuery(filter: LabelFilter, includeText: boolean): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.annotatorId !== undefined) {
    where.push('l."annotatorId" = ?');
    params.push(filter.annotatorId);
  }
  if (filter.since !== undefined) {
    // Prisma stores DateTime as ISO 8601 text with an explicit +00:00 offset; compare like with like.
    where.push('l."updatedAt" >= ?');
    params.push(filter.since.toISOString().replace('Z', '+00:00'));
  }
  if (filter.version !== undefined) {
    where.push('l.version = ?');
    params.push(filter.version);
  }
  const sql = `
    SELECT l."articleId", l.kind, l.version, l.note, l.skipped, l."topicsLabeled", l."confirmedAt", l."updatedAt",
           a."externalId", a.source, a.title, a."publishedAt", n.name AS annotator,
           (SELECT group_concat(t."topicKey", '${ITEM}') FROM "LabelTopic" t WHERE t."labelId" = l.id) AS topics,
           (SELECT group_concat(s."targetKey" || '${PAIR}' || s."valueKey", '${ITEM}') FROM "LabelStance" s WHERE s."labelId" = l.id) AS stances,
           a."nearDupGroup"
           ${includeText ? ', a.url, a."contentHash", a.body' : ''}
    FROM "Label" l
    JOIN "Article" a ON a.id = l."articleId"
    JOIN "Annotator" n ON n.id = l."annotatorId"
    ${where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`}
    ORDER BY l."articleId", l."annotatorId", l.kind`;
  return { sql, params };
}

export async function* streamLabelsSqlite(file: string, filter: LabelFilter, opts: { includeText: boolean }): AsyncGenerator<StoredLabel> {
  const { default: Sqlite } = await import('better-sqlite3');
  const db = new Sqlite(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 10000');
    const { sql, params } = sqliteLabelQuery(filter, opts.includeText);
    for (const r of db
      .prepare(sql)
      .raw(true)
      .iterate(...params) as IterableIterator<Cell[]>) {
      const article: LabelArticle = {
        id: r[C.articleId] as string,
        externalId: r[C.externalId] as string | null,
        source: r[C.source] as string | null,
        title: r[C.title] as string,
        publishedAt: toDate(r[C.publishedAt]),
        nearDupGroup: r[C.nearDupGroup] as string | null,
        ...(opts.includeText ? { url: r[C.url] as string | null, contentHash: (r[C.contentHash] ?? '') as string, body: (r[C.body] ?? '') as string } : {}),
      };
      const stance: Record<string, string> = {};
      const stances = r[C.stances] as string | null;
      if (stances !== null) {
        for (const pair of stances.split(ITEM)) {
          const cut = pair.indexOf(PAIR);
          stance[pair.slice(0, cut)] = pair.slice(cut + 1);
        }
      }
      const topics = r[C.topics] as string | null;
      yield {
        article,
        annotator: r[C.annotator] as string,
        kind: r[C.kind] === 'adjudication' ? 'adjudication' : 'annotation',
        version: Number(r[C.version]),
        topics: topics === null ? [] : topics.split(ITEM).sort(),
        topicsLabeled: Number(r[C.topicsLabeled]) !== 0,
        stance,
        note: r[C.note] as string | null,
        skipped: Number(r[C.skipped]) !== 0,
        confirmedAt: toDate(r[C.confirmedAt]),
        updatedAt: toDate(r[C.updatedAt]) ?? new Date(0),
      };
    }
  } finally {
    db.close();
  }
}

function toDate(v: Cell | undefined): Date | null {
  if (v === null || v === undefined) return null;
  return new Date(typeof v === 'bigint' ? Number(v) : v);
}
