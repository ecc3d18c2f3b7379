// Near-copy grouping at import: each new article is compared with the articles that share one of
// its LSH band keys (src/text/near-dup.ts), in the database and earlier in this import, and joins the
// group of the most similar one at or above the threshold. A group is named by the id of its first
// article, which gets that name when its first copy arrives. Singletons keep nearDupGroup null.
// A copy almost identical to the article it matched (similarity ≥ REDUNDANT) is not indexed
// (no buckets or signature stored): that article already stands for it, and a corpus of wire copies
// would otherwise make every lookup return the whole group. Edited copies are indexed, so that a
// later copy close to one of them joins too, whatever the order of import. Memory stays flat: the
// in-memory index holds one chunk (its rows and the stored articles they hit); everything written
// is found through the database (src/ingest/write/near-dup-store.ts), which is read once per chunk,
// and only for the band keys a bit filter of the stored keys does not rule out.
import { insertRows } from '../../db/bulk-insert.js';
import type { SqlValue } from '../../db/bulk-insert.js';
import type { Prisma } from '../../db/generated/client.js';
import { providerOf } from '../../db/provider.js';
import { bandKeys, decodeSignature, encodeSignature, similarity } from '../../text/near-dup.js';
import type { ArticleRow } from '../draft.js';
import { BandFilter } from './band-filter.js';
import { LocalBuckets } from './local-buckets.js';
import type { Candidate } from './local-buckets.js';
import { storedHits } from './near-dup-store.js';

interface Known extends Candidate {
  /** In this import's pending chunk (its row is not written yet). */
  row?: ArticleRow;
  /** The band keys it was indexed under (a full bucket takes no more members). */
  keys?: number[];
}

const REDUNDANT = 0.9;
// A band key shared by this many articles (a template: one sentence with a number changed) finds
// nothing its members do not: it takes no more, so a lookup compares at most 16 × BUCKET_CAP
// signatures and an import of such rows stays linear.
const BUCKET_CAP = 64;

export class NearDupGroups {
  /**
   * The chunk's candidates by band key, in order (stored ones by id, then the chunk's own), each id
   * once: arrays, not Sets, as most buckets hold one or two and a chunk makes ~8,000 of them.
   */
  private buckets = new Map<number, string[]>();
  /**
   * Signatures and groups of this chunk's candidates: its rows, and the stored articles they hit.
   * Rebuilt every chunk: the database holds the same groups (named stored articles are updated at
   * the end of assign, rows are written with theirs), so nothing needs to be kept across chunks, and
   * memory stays that of one chunk whatever the import's size.
   */
  private known = new Map<string, Known>();
  /** Band keys in NearDupBucket (filled at the first chunk, then as chunks are written). */
  private filter: BandFilter | undefined;
  /** The keys this import created, answered without the database (src/ingest/write/local-buckets.ts). */
  private readonly local = new LocalBuckets();
  /** Articles that are new to a group (copies, and first articles named as their group). */
  grouped = 0;

  constructor(
    private readonly tx: Prisma.TransactionClient,
    private readonly threshold: number,
  ) {}

  /** Sets nearDupGroup on the rows of `chunk` (new articles, before they are written). */
  async assign(chunk: readonly ArticleRow[]): Promise<void> {
    const rows = chunk.filter((r) => r.signature != null);
    if (rows.length === 0) return;
    this.known = new Map();
    const keysOf = rows.map((r) => bandKeys(r.signature!));
    await this.loadStored(keysOf);
    const named: string[] = [];
    // One set for the chunk, cleared per row: fewer allocations on the main thread, the import's busier one.
    const seen = new Set<string>();
    for (const [i, row] of rows.entries()) {
      const sig = row.signature!;
      const keys = keysOf[i]!;
      let bestId = '';
      let best: Known | undefined;
      let bestS = -1;
      seen.clear();
      for (const key of keys) {
        const ids = this.buckets.get(key);
        if (ids === undefined) continue;
        for (const id of ids) {
          if (id === row.id || seen.has(id)) continue;
          seen.add(id);
          const k = this.known.get(id)!;
          const s = similarity(sig, k.signature);
          if (s >= this.threshold && s > bestS) {
            bestId = id;
            best = k;
            bestS = s;
          }
        }
      }
      if (best !== undefined) {
        if (best.group === null) {
          best.group = bestId;
          this.grouped++;
          if (best.row !== undefined) best.row.nearDupGroup = bestId;
          else named.push(bestId);
        }
        row.nearDupGroup = best.group;
        this.grouped++;
        if (bestS >= REDUNDANT) continue;
      }
      const indexed: number[] = [];
      for (const key of keys) {
        const ids = this.buckets.get(key);
        if (ids === undefined) this.buckets.set(key, [row.id]);
        else if (ids.length < BUCKET_CAP) {
          // Already there when a stored article is imported again (same content, same id).
          if (!ids.includes(row.id)) ids.push(row.id);
        } else continue;
        indexed.push(key);
      }
      this.known.set(row.id, { signature: sig, group: row.nearDupGroup ?? null, row, keys: indexed });
    }
    if (named.length > 0) await this.nameGroups(named);
  }

  /**
   * After the chunk is written: its buckets and signatures go to the database. `allNew`: every row
   * of the chunk was inserted (none was already stored).
   */
  async written(chunk: readonly ArticleRow[], allNew: boolean): Promise<void> {
    const buckets: SqlValue[][] = [];
    const signatures: SqlValue[][] = [];
    if (!allNew) this.local.disable();
    for (const row of chunk) {
      if (row.signature == null) continue;
      const k = this.known.get(row.id);
      if (k === undefined) continue; // a copy, not indexed
      delete k.row;
      const keys = k.keys ?? bandKeys(row.signature);
      delete k.keys;
      if (this.filter !== undefined) this.local.add(row.id, k, keys, this.filter);
      for (const key of keys) {
        buckets.push([key, row.id]);
        this.filter?.add(key);
      }
      signatures.push([row.id, encodeSignature(row.signature)]);
    }
    this.buckets = new Map();
    this.known = new Map();
    // In key order, the index of (key, articleId) is filled page after page instead of at 8,000
    // random places per chunk: a quarter to a third less time for 16 rows per article.
    buckets.sort((a, b) => (a[0] as number) - (b[0] as number));
    await insertRows(this.tx, 'NearDupBucket', ['key', 'articleId'], buckets, true);
    await insertRows(this.tx, 'NearDupSignature', ['articleId', 'signature'], signatures, true);
  }

  /** Earlier chunks' and imports' articles that share one of `keysOf` (a chunk's band keys), into the in-memory index. */
  private async loadStored(keysOf: readonly number[][]): Promise<void> {
    if (this.filter === undefined) {
      this.filter = new BandFilter();
      await this.filter.load(this.tx);
    }
    // Sorted (natively, in a typed array) and unique: the lookup probes the index in key order.
    const all = new Float64Array(keysOf.length * keysOf[0]!.length);
    let n = 0;
    for (const keys of keysOf) {
      for (const key of keys) {
        // The filter first: it rules out most keys of distinct articles, and every key held by the
        // local index is in it.
        if (!this.filter.has(key)) continue;
        const ids = this.local.membersOf(key);
        if (ids === undefined) all[n++] = key;
        else if (!this.buckets.has(key)) {
          for (const id of ids) this.known.set(id, this.local.candidate(id)!);
          this.buckets.set(key, [...ids]);
        }
      }
    }
    const sorted = all.subarray(0, n).sort();
    const keys: number[] = [];
    for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) keys.push(sorted[i]!);
    const hits = await storedHits(this.tx, keys);
    // Each bucket lists its stored members by id, as an index scan of (key, articleId) returns them:
    // the first of equally similar candidates wins, so the order must not depend on the query plan.
    hits.sort((a, b) => (a.articleId < b.articleId ? -1 : a.articleId > b.articleId ? 1 : 0));
    for (const h of hits) {
      // A tracked article keeps its one candidate object: its group may be named through either.
      const tracked = this.local.candidate(h.articleId);
      if (tracked !== undefined) this.known.set(h.articleId, tracked);
      else this.known.set(h.articleId, { signature: decodeSignature(h.signature), group: h.group });
      for (const text of h.keys.split(',')) {
        const key = Number(text);
        const ids = this.buckets.get(key);
        // Each (key, article) pair is stored once: no id repeats.
        if (ids === undefined) this.buckets.set(key, [h.articleId]);
        else ids.push(h.articleId);
      }
    }
  }

  /** Stored articles that became the first of a group take its name (their own id). */
  private async nameGroups(ids: readonly string[]): Promise<void> {
    const sqlite = providerOf(this.tx) === 'sqlite';
    for (let i = 0; i < ids.length; i += 500) {
      const part = ids.slice(i, i + 500);
      const list = part.map((_, k) => (sqlite ? '?' : `$${k + 1}`)).join(',');
      await this.tx.$executeRawUnsafe(`UPDATE "Article" SET "nearDupGroup" = "id" WHERE "id" IN (${list}) AND "nearDupGroup" IS NULL`, ...part);
    }
  }
}
