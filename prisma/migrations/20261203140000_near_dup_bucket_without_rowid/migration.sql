-- NearDupBucket as a WITHOUT ROWID table: its rows are only (key, articleId), the primary key the
-- import's lookup probes, so the table can be that index itself. A rowid table kept each row twice
-- (the table and its primary-key index): two B-tree inserts per bucket, 16 per indexed article,
-- and twice the pages. Prisma's schema has no way to say WITHOUT ROWID and does not see it, so
-- schema.prisma is unchanged (`db diff` stays empty). SQLite only: a PostgreSQL table is a heap
-- beside its primary-key index whatever one writes, so prisma/postgresql has no counterpart.
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_NearDupBucket" (
    "key" BIGINT NOT NULL,
    "articleId" TEXT NOT NULL,

    PRIMARY KEY ("key", "articleId")
) WITHOUT ROWID;
INSERT INTO "new_NearDupBucket" ("key", "articleId") SELECT "key", "articleId" FROM "NearDupBucket";
DROP TABLE "NearDupBucket";
ALTER TABLE "new_NearDupBucket" RENAME TO "NearDupBucket";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
