-- CreateTable
CREATE TABLE "NearDupBucket" (
    "key" BIGINT NOT NULL,
    "articleId" TEXT NOT NULL,

    PRIMARY KEY ("key", "articleId")
);

-- CreateTable
CREATE TABLE "NearDupSignature" (
    "articleId" TEXT NOT NULL PRIMARY KEY,
    "signature" TEXT NOT NULL
);
