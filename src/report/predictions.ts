// Stored predictions: a model version classifies the corpus's articles once, and reports read the
// Prediction rows. Incremental: only articles without a row for that model are classified (the
// first head marks an article done: every head's rows are written in the same transaction), so a
// new import costs its new articles and a new model version one full pass.
import { Prisma } from '../db/generated/client.js';
import type { PrismaClient } from '../db/generated/client.js';
import { insertRows } from '../db/bulk-insert.js';
import type { SqlValue } from '../db/bulk-insert.js';
import { writeTransaction } from '../db/write-transaction.js';
import { articleText } from '../model/dataset.js';
import type { LoadedModel } from '../model/io.js';
import { inferenceModel, predict } from '../model/predict.js';
import { defaultThreads, PredictPool } from '../model/predict-pool.js';
import type { HeadSpec, Prediction } from '../model/types.js';

export interface FillOptions {
  /** Prediction threads (default: one per core, at most 8); 1 predicts on this thread. */
  threads?: number;
  /** Articles per prediction batch (default 512). */
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
  /** The SQLite file behind `db`: read the texts through one better-sqlite3 statement per page (~a tenth of Prisma's CPU). */
  sqliteFile?: string | undefined;
}

type Page = { id: string; title: string; body: string }[];
type PageReader = { read(after: string): Promise<Page>; close(): void };

async function pageReader(db: PrismaClient, model: LoadedModel, sqliteFile: string | undefined): Promise<PageReader> {
  if (sqliteFile === undefined) {
    return {
      read: (after) => db.$queryRaw<Page>`
        SELECT a.id, a.title, a.body FROM "Article" a
        WHERE a.id > ${after} AND ${missing(model)}
        ORDER BY a.id LIMIT ${PAGE}`,
      close() {},
    };
  }
  const { default: Sqlite } = await import('better-sqlite3');
  const conn = new Sqlite(sqliteFile, { readonly: true, fileMustExist: true });
  conn.pragma('busy_timeout = 10000');
  const statement = conn.prepare(`SELECT a.id, a.title, a.body FROM "Article" a
    WHERE a.id > ? AND NOT EXISTS (SELECT 1 FROM "Prediction" p WHERE p."modelId" = ? AND p.field = ? AND p."articleId" = a.id)
    ORDER BY a.id LIMIT ${PAGE}`);
  return {
    read: async (after) => statement.all(after, model.id, model.heads[0]!.field) as Page,
    close: () => conn.close(),
  };
}

const COLUMNS = ['modelId', 'field', 'articleId', 'value', 'score'] as const;
/** Articles read per query. */
const PAGE = 4096;

/** Articles that have no stored prediction of `model` yet. */
export async function countMissing(db: PrismaClient, model: Pick<LoadedModel, 'id' | 'heads'>): Promise<number> {
  const rows = await db.$queryRaw<{ n: number | bigint }[]>`
    SELECT COUNT(*) AS n FROM "Article" a WHERE ${missing(model)}`;
  return Number(rows[0]?.n ?? 0);
}

function missing(model: Pick<LoadedModel, 'id' | 'heads'>): Prisma.Sql {
  return Prisma.sql`NOT EXISTS (SELECT 1 FROM "Prediction" p WHERE p."modelId" = ${model.id} AND p.field = ${model.heads[0]!.field} AND p."articleId" = a.id)`;
}

/** A head's stored value: the predicted key; a multi-label head's chosen keys (over 0.5, else the best) joined by "|". */
export function storedValue(head: HeadSpec, p: Prediction): { value: string; score: number } {
  if (head.field === 'topics') {
    if (p.topics.length === 0) return { value: '', score: 0 };
    const over = head.kind === 'sigmoid' ? p.topics.filter((t) => t.score >= 0.5) : [];
    const picked = over.length > 0 ? over : [p.topics[0]!];
    return {
      value: picked
        .map((t) => t.label)
        .sort()
        .join('|'),
      score: picked[0]!.score,
    };
  }
  const s = p.stance[head.field.slice('stance:'.length)];
  return s === undefined ? { value: '', score: 0 } : { value: s.label, score: s.score };
}

/** Classifies and stores every article `model` has not predicted yet; returns how many it added. */
export async function fillPredictions(db: PrismaClient, model: LoadedModel, opts: FillOptions = {}): Promise<number> {
  const total = await countMissing(db, model);
  if (total === 0) return 0;
  const size = opts.batchSize ?? 512;
  const wanted = opts.threads ?? defaultThreads();
  const threads = wanted > 1 && total > size && inferenceModel(model).layout !== null ? wanted : 1;
  const inFlight: { ids: string[]; predictions: Promise<Prediction[]> }[] = [];
  let done = 0;
  const write = async (ids: string[], predictions: Prediction[]) => {
    const rows: SqlValue[][] = [];
    ids.forEach((id, i) => {
      for (const head of model.heads) {
        const { value, score } = storedValue(head, predictions[i]!);
        rows.push([model.id, head.field, id, value, score]);
      }
    });
    // Skipping conflicts: another process filling the same model's predictions writes the same rows.
    await writeTransaction(db, (tx) => insertRows(tx, 'Prediction', COLUMNS, rows, true));
    done += ids.length;
    opts.onProgress?.(done, total);
  };
  const reader = await pageReader(db, model, opts.sqliteFile);
  let pool: PredictPool | null = null;
  try {
    pool = threads > 1 ? new PredictPool(model, threads) : null;
    let after = '';
    for (;;) {
      const page = await reader.read(after);
      if (page.length === 0) break;
      after = page[page.length - 1]!.id;
      for (let i = 0; i < page.length; i += size) {
        const slice = page.slice(i, i + size);
        const ids = slice.map((r) => r.id);
        const texts = slice.map((r) => articleText(r.title, r.body));
        // Until a thread has started, this thread predicts (the threads' start-up is not time lost).
        const pooled = pool !== null && pool.ready;
        const predictions = pooled ? pool!.predict(texts) : Promise.resolve(predict(model, texts));
        predictions.catch(() => {}); // awaited in order below
        inFlight.push({ ids, predictions });
        // Reading and writing never wait for I/O (better-sqlite3 and the adapter are synchronous), so
        // without a turn of the event loop the threads' "ready" messages were never read and this
        // thread predicted every batch itself.
        if (pool !== null && !pooled) await new Promise((resolve) => setImmediate(resolve));
        while (inFlight.length > (pool?.size ?? 0) * 2) {
          const next = inFlight.shift()!;
          await write(next.ids, await next.predictions);
        }
      }
    }
    while (inFlight.length > 0) {
      const next = inFlight.shift()!;
      await write(next.ids, await next.predictions);
    }
  } finally {
    reader.close();
    await pool?.close();
  }
  return done;
}
