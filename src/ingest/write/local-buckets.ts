// The band keys this import created, with their members, so that a later chunk's lookup of such a
// key needs no database: a file of wire copies (bench/import.ts: 91 % copies) otherwise probes the
// NearDupBucket index ~13 times per row, the most expensive part of its import after the Article
// insert. Exact, not a cache: a key is answered here only when NearDupBucket held nothing under it
// before this import (the band filter had no bit for it), so its stored members are exactly those
// this import wrote, listed here in the order the database lookup returns them (by article id).
// Bounded: past MAX_ARTICLES indexed articles, no more are tracked, and a key such an article joins
// is handed back to the database (dropped from here) instead of being answered without it.
import type { BandFilter } from './band-filter.js';

/** A candidate's signature and current group (the object the grouping updates when it names one). */
export interface Candidate {
  signature: Uint32Array;
  group: string | null;
}

/** ~1.3 kB each (signature, 16 keys, map entries): ~25 MB at most, whatever the import's size. */
const MAX_ARTICLES = 20_000;

export class LocalBuckets {
  /** Key → its members in NearDupBucket, ascending by id: only keys first stored by this import. */
  private readonly members = new Map<number, string[]>();
  private readonly articles = new Map<string, Candidate>();
  private off = false;

  constructor(private readonly maxArticles = MAX_ARTICLES) {}

  /** The stored members of `key` when this index knows them all, else undefined (ask the database). */
  membersOf(key: number): readonly string[] | undefined {
    return this.members.get(key);
  }

  /** The candidate object of a tracked article (the same object every chunk, so naming a group sticks). */
  candidate(id: string): Candidate | undefined {
    return this.articles.get(id);
  }

  /**
   * Records that `id` was just stored under `keys`; call before the keys are added to `filter`, which
   * tells a key new to NearDupBucket (no bit) from one that may be stored already.
   */
  add(id: string, candidate: Candidate, keys: readonly number[], filter: BandFilter): void {
    if (this.off) return;
    const tracked = this.articles.size < this.maxArticles;
    if (tracked) this.articles.set(id, candidate);
    for (const key of keys) {
      const ids = this.members.get(key);
      if (ids !== undefined) {
        if (tracked) insertSorted(ids, id);
        // Its members would no longer all be known here: the database answers for this key.
        else this.members.delete(key);
      } else if (tracked && !filter.has(key)) this.members.set(key, [id]);
    }
  }

  /**
   * Stops answering (for the rest of the import): a chunk held articles already stored, whose
   * buckets, signatures and groups in the database this index cannot vouch for.
   */
  disable(): void {
    this.off = true;
    this.members.clear();
    this.articles.clear();
  }
}

/** Ids ascend as a primary-key index scan of (key, articleId) returns them. */
function insertSorted(ids: string[], id: string): void {
  let i = ids.length;
  while (i > 0 && ids[i - 1]! > id) i--;
  if (ids[i - 1] !== id) ids.splice(i, 0, id);
}
