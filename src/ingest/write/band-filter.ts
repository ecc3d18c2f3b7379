// A fixed-size bit set of the band keys stored in NearDupBucket, so that a key no stored article
// has skips the database: on a scrape with a few percent copies, almost every key of a new article
// is new. One bit per key (the key's low 24 bits: 2^24 bits = 2 MB whatever the corpus): a false
// positive only costs a lookup that finds nothing, and a key is never missing, because the filter
// is filled from the whole table before the first lookup and then from every chunk written. A
// table too large to read quickly (or to leave most bits clear) turns the filter off: every key is
// looked up, as before it existed.
import type { Prisma } from '../../db/generated/client.js';
import { storedKeyBits } from './near-dup-store.js';

const BITS = 1 << 24;
/** Past this many stored buckets a quarter of the bits are set or more; reading them costs ~a second. */
const MAX_STORED = 4_000_000;

export class BandFilter {
  private readonly words = new Int32Array(BITS / 32);
  /** False when the stored keys were too many to load: has() is then always true. */
  private active = true;

  /**
   * Loads every stored key, inside the import's transaction: its own writes are added as they are
   * made, and another import's (PostgreSQL only: SQLite has one writer) are not seen, as an import
   * that overlaps another may or may not see its copies today. `limit`: for tests.
   */
  async load(tx: Prisma.TransactionClient, limit = MAX_STORED): Promise<void> {
    const bits = await storedKeyBits(tx, limit);
    if (bits === null) {
      this.active = false;
      return;
    }
    for (const bit of bits) this.words[bit >>> 5]! |= 1 << (bit & 31);
  }

  add(key: number): void {
    // key < 2^36, so `%` is exact; it equals the SQL `"key" & 16777215` of storedKeyBits.
    const bit = key % BITS;
    this.words[bit >>> 5]! |= 1 << (bit & 31);
  }

  has(key: number): boolean {
    if (!this.active) return true;
    const bit = key % BITS;
    return (this.words[bit >>> 5]! & (1 << (bit & 31))) !== 0;
  }
}
