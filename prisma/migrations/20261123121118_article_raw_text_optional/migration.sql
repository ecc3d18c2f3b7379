-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Article" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "externalId" TEXT,
    "source" TEXT,
    "sourceKey" TEXT,
    "url" TEXT,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "rawText" TEXT,
    "language" TEXT NOT NULL DEFAULT 'ar',
    "publishedAt" DATETIME,
    "publishedText" TEXT,
    "dateline" TEXT,
    "author" TEXT,
    "contentHash" TEXT NOT NULL,
    "nearDupGroup" TEXT,
    "importBatchId" TEXT,
    "importedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Article_importBatchId_fkey" FOREIGN KEY ("importBatchId") REFERENCES "ImportBatch" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Article" ("author", "body", "contentHash", "dateline", "externalId", "id", "importBatchId", "importedAt", "language", "nearDupGroup", "publishedAt", "publishedText", "rawText", "source", "sourceKey", "title", "url") SELECT "author", "body", "contentHash", "dateline", "externalId", "id", "importBatchId", "importedAt", "language", "nearDupGroup", "publishedAt", "publishedText", "rawText", "source", "sourceKey", "title", "url" FROM "Article";
DROP TABLE "Article";
ALTER TABLE "new_Article" RENAME TO "Article";
CREATE UNIQUE INDEX "Article_contentHash_key" ON "Article"("contentHash");
CREATE INDEX "Article_externalId_idx" ON "Article"("externalId");
CREATE INDEX "Article_nearDupGroup_idx" ON "Article"("nearDupGroup");
CREATE INDEX "Article_importedAt_idx" ON "Article"("importedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
