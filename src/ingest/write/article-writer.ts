import { insertRows, selectWhereIn } from '../../db/bulk-insert.js';
import type { SqlValue } from '../../db/bulk-insert.js';
import type { Prisma } from '../../db/generated/client.js';
import type { ArticleRow } from '../draft.js';
import { NearDupGroups } from './near-dup-groups.js';

const COLUMNS = [
  'id',
  'externalId',
  'source',
  'sourceKey',
  'url',
  'title',
  'body',
  'rawText',
  'language',
  'publishedAt',
  'publishedText',
  'dateline',
  'author',
  'contentHash',
  'importBatchId',
  'importedAt',
  'nearDupGroup',
] as const;

const CHUNK = 500;

/**
 * rawText as stored: null when it is the body (most CSV/JSONL rows), so the text is not stored
 * twice; readers take `rawText ?? body` (rawTextOf in src/ingest/draft.ts).
 */
function storedRawText(r: ArticleRow): SqlValue {
  if (r.utf8 !== undefined) return r.utf8.rawText;
  return r.rawText === r.body ? null : r.rawText;
}

/**
 * Buffers new articles and writes them in chunks inside the import's transaction, skipping exact
 * duplicates (same normalized-content hash) already in the database or earlier in this import.
 */
export class ArticleWriter {
  private pending: ArticleRow[] = [];
  /** content hash → article id, for everything seen in this import */
  private readonly seen = new Map<string, string>();
  /** ids of the articles this import created (they have no labels yet) */
  readonly created = new Set<string>();
  imported = 0;
  duplicates = 0;

  /** Near-copy grouping; undefined when the import does not group. */
  private readonly nearDups: NearDupGroups | undefined;

  /** `nearDup`: the grouping threshold (src/ingest/write/near-dup-groups.ts), null for none. */
  constructor(
    private readonly tx: Prisma.TransactionClient,
    private readonly batchId: string,
    nearDup: number | null = null,
  ) {
    this.nearDups = nearDup === null ? undefined : new NearDupGroups(tx, nearDup);
  }

  /** Articles put in a near-copy group by this import (copies, and the first article of a new group). */
  get nearDuplicates(): number {
    return this.nearDups?.grouped ?? 0;
  }

  /** Queues `row` and returns the id its labels attach to (an existing article's id for a duplicate). */
  async add(row: ArticleRow): Promise<string> {
    const known = this.seen.get(row.contentHash);
    if (known !== undefined) {
      this.duplicates++;
      return known;
    }
    this.seen.set(row.contentHash, row.id);
    this.pending.push(row);
    if (this.pending.length >= CHUNK) await this.flush();
    return row.id;
  }

  /** Labels may only be written once every article they point to is in the database. */
  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const chunk = this.pending;
    this.pending = [];
    // Raw SQL (src/db/bulk-insert.ts): Prisma's per-row query building was most of an import's time.
    // An article already in the database (same content hash, and so the same id) is left out by the
    // insert itself; only a chunk that lost rows that way is looked up, to learn which and their ids.
    // `importedAt` is `@default(now())`, which Prisma fills in client-side: so must we.
    await this.nearDups?.assign(chunk);
    const now = new Date();
    const rows = chunk.map((r): SqlValue[] => {
      const t = r.utf8;
      return [
        r.id,
        r.externalId,
        r.source,
        r.sourceKey,
        r.url,
        t?.title ?? r.title,
        t?.body ?? r.body,
        storedRawText(r),
        r.language,
        r.publishedAt,
        r.publishedText,
        r.dateline,
        r.author,
        r.contentHash,
        this.batchId,
        now,
        r.nearDupGroup ?? null,
      ];
    });
    const written = await insertRows(this.tx, 'Article', COLUMNS, rows, true);
    // Written: the value arrays let go of the texts. Many of them live through a minor GC (the
    // insert allocates), so V8 may come to allocate them straight in the old generation
    // (allocation-site pretenuring); there a dead array keeps its young strings through every minor
    // GC until the next full one, so each chunk's texts were promoted, to die in the old generation,
    // which then grew to several times the live heap (bench/history/2026-12-07-import-memory.md).
    for (const values of rows) values.fill(null);
    await this.nearDups?.written(chunk, written === chunk.length);
    this.imported += written;
    const before = written < chunk.length ? await this.learnExisting(chunk) : undefined;
    for (const r of chunk) if (before?.has(r.contentHash) !== true) this.created.add(r.id);
  }

  /** After an insert that skipped rows: which were already there (their hashes), with their ids. */
  private async learnExisting(chunk: readonly ArticleRow[]): Promise<Set<string>> {
    const found = await selectWhereIn<{ id: string; contentHash: string; importBatchId: string | null }>(
      this.tx,
      'Article',
      ['id', 'contentHash', 'importBatchId'],
      'contentHash',
      chunk.map((r) => r.contentHash),
    );
    const before = new Map(found.filter((a) => a.importBatchId !== this.batchId).map((a) => [a.contentHash, a.id]));
    const present = new Set(found.map((a) => a.contentHash));
    for (const r of chunk) {
      const id = before.get(r.contentHash);
      if (id !== undefined) {
        this.seen.set(r.contentHash, id);
        this.duplicates++;
      } else if (!present.has(r.contentHash)) {
        // Not inserted, yet no article has its content: its id (a prefix of the hash) is taken.
        throw new Error(`article id ${r.id} is taken by an article with other content (content hash ${r.contentHash})`);
      }
    }
    return new Set(before.keys());
  }

  /** The id a content hash ended up with (after flush). */
  idOf(contentHash: string): string | undefined {
    return this.seen.get(contentHash);
  }
}
