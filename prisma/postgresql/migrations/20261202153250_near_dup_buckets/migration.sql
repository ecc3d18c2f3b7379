-- CreateTable
CREATE TABLE "NearDupBucket" (
    "key" BIGINT NOT NULL,
    "articleId" TEXT NOT NULL,

    CONSTRAINT "NearDupBucket_pkey" PRIMARY KEY ("key","articleId")
);

-- CreateTable
CREATE TABLE "NearDupSignature" (
    "articleId" TEXT NOT NULL,
    "signature" TEXT NOT NULL,

    CONSTRAINT "NearDupSignature_pkey" PRIMARY KEY ("articleId")
);
