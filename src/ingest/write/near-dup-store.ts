// The stored side of near-copy grouping (src/ingest/write/near-dup-groups.ts): one statement per
// chunk finds every stored article sharing a band key with it, joined with what the grouping needs
// (signature, current group). The import used to look keys up 32 to a statement (250 statements
// for a 500-row chunk, 1.6 M primary-key probes in three lookups per 100,000 rows); the keys now
// travel as one parameter — a JSON array that SQLite's json_each unpacks, a bigint[] on PostgreSQL —
// so the statement text, and its prepared plan, is the same for every chunk.
import { directSqlite } from '../../db/direct-sqlite.js';
import type { Prisma } from '../../db/generated/client.js';
import { providerOf } from '../../db/provider.js';

type Tx = Prisma.TransactionClient;

/** A stored article that shares band keys with a chunk: the keys, its signature and group. */
export interface StoredHit {
  articleId: string;
  /** The shared keys, comma-separated. */
  keys: string;
  signature: string;
  group: string | null;
}

// Grouped by article, so that each article's signature and group are read once per chunk however
// many of its keys the chunk shares (the Article row is wide: reaching nearDupGroup walks past the
// body). The inner joins leave out a bucket whose article is gone (deleted since it was indexed).
const joined = (bucketKeys: string) => `SELECT h."articleId" AS "articleId", h."keys" AS "keys",
    s."signature" AS "signature", a."nearDupGroup" AS "group"
  FROM (${bucketKeys}) h
  JOIN "NearDupSignature" s ON s."articleId" = h."articleId"
  JOIN "Article" a ON a."id" = h."articleId"`;
// SQLite: json_each as the outer loop, keys ascending, probes the index in order (a quarter faster
// than `IN (SELECT value FROM json_each(?))`, which first builds a temporary index of the keys).
const SQLITE_HITS = joined(
  `SELECT b."articleId", group_concat(b."key") AS "keys" FROM json_each(?) j JOIN "NearDupBucket" b ON b."key" = j.value GROUP BY b."articleId"`,
);
const PG_HITS = joined(
  `SELECT b."articleId", string_agg(b."key"::text, ',') AS "keys" FROM "NearDupBucket" b WHERE b."key" = ANY($1::bigint[]) GROUP BY b."articleId"`,
);

/** Stored articles sharing one of `keys` (unique, ascending), with the keys each shares. */
export async function storedHits(tx: Tx, keys: readonly number[]): Promise<StoredHit[]> {
  if (keys.length === 0) return [];
  // Band keys are integers below 2^36: exact in a double, and printed without exponent by JSON.
  const list = JSON.stringify(keys);
  const direct = directSqlite(tx);
  if (direct !== undefined) return direct.statement(SQLITE_HITS).all(list) as StoredHit[];
  if (providerOf(tx) === 'sqlite') return tx.$queryRawUnsafe<StoredHit[]>(SQLITE_HITS, list);
  // A PostgreSQL array literal, '{1,2,3}', cast by the statement.
  return tx.$queryRawUnsafe<StoredHit[]>(PG_HITS, `{${list.slice(1, -1)}}`);
}

/** Bit positions (the low 24 bits of each key) of every stored band key, or null past `limit`. */
export async function storedKeyBits(tx: Tx, limit: number): Promise<number[] | null> {
  // The key's low bits are its band hash (src/text/near-dup.ts bandKeys), already well mixed;
  // reading them, not the keys, halves what crosses from PostgreSQL.
  const sql = `SELECT CAST("key" & 16777215 AS INTEGER) AS "bit" FROM "NearDupBucket" LIMIT ${limit + 1}`;
  const direct = directSqlite(tx);
  const bits =
    direct !== undefined
      ? (direct.statement(sql).raw().all() as [number][]).map((r) => r[0])
      : (await tx.$queryRawUnsafe<{ bit: number | bigint }[]>(sql)).map((r) => Number(r.bit));
  return bits.length > limit ? null : bits;
}
