-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "ImportBatch" (
    "id" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "options" TEXT NOT NULL DEFAULT '{}',
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "imported" INTEGER NOT NULL DEFAULT 0,
    "duplicates" INTEGER NOT NULL DEFAULT 0,
    "rejected" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ImportBatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Article" (
    "id" TEXT NOT NULL,
    "externalId" TEXT,
    "source" TEXT,
    "sourceKey" TEXT,
    "url" TEXT,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "rawText" TEXT NOT NULL,
    "language" TEXT NOT NULL DEFAULT 'ar',
    "publishedAt" TIMESTAMP(3),
    "publishedText" TEXT,
    "dateline" TEXT,
    "author" TEXT,
    "contentHash" TEXT NOT NULL,
    "nearDupGroup" TEXT,
    "importBatchId" TEXT,
    "importedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Article_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CodebookVersion" (
    "version" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "multiLabel" BOOLEAN NOT NULL DEFAULT true,
    "source" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CodebookVersion_pkey" PRIMARY KEY ("version")
);

-- CreateTable
CREATE TABLE "Topic" (
    "id" SERIAL NOT NULL,
    "version" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "guidelines" TEXT,
    "hotkey" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "Topic_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StanceTarget" (
    "id" SERIAL NOT NULL,
    "version" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "guidelines" TEXT,
    "aliases" TEXT NOT NULL DEFAULT '[]',
    "position" INTEGER NOT NULL,

    CONSTRAINT "StanceTarget_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StanceValue" (
    "id" SERIAL NOT NULL,
    "version" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "hotkey" TEXT NOT NULL,
    "aliases" TEXT NOT NULL DEFAULT '[]',
    "position" INTEGER NOT NULL,

    CONSTRAINT "StanceValue_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Annotator" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'annotator',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Annotator_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Label" (
    "id" SERIAL NOT NULL,
    "articleId" TEXT NOT NULL,
    "annotatorId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'annotation',
    "version" INTEGER NOT NULL,
    "note" TEXT,
    "skipped" BOOLEAN NOT NULL DEFAULT false,
    "topicsLabeled" BOOLEAN NOT NULL DEFAULT false,
    "confirmedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Label_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LabelTopic" (
    "labelId" INTEGER NOT NULL,
    "topicKey" TEXT NOT NULL,

    CONSTRAINT "LabelTopic_pkey" PRIMARY KEY ("labelId","topicKey")
);

-- CreateTable
CREATE TABLE "LabelStance" (
    "labelId" INTEGER NOT NULL,
    "targetKey" TEXT NOT NULL,
    "valueKey" TEXT NOT NULL,

    CONSTRAINT "LabelStance_pkey" PRIMARY KEY ("labelId","targetKey")
);

-- CreateTable
CREATE TABLE "LabelEvent" (
    "id" SERIAL NOT NULL,
    "articleId" TEXT NOT NULL,
    "annotatorId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'annotation',
    "field" TEXT NOT NULL,
    "before" TEXT,
    "after" TEXT,
    "action" TEXT NOT NULL DEFAULT 'set',
    "undoOf" INTEGER,
    "session" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LabelEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Claim" (
    "articleId" TEXT NOT NULL,
    "annotatorId" INTEGER NOT NULL,
    "claimedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Claim_pkey" PRIMARY KEY ("articleId","annotatorId")
);

-- CreateTable
CREATE TABLE "ModelVersion" (
    "id" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "version" INTEGER NOT NULL,
    "metrics" TEXT NOT NULL,
    "trainingSize" INTEGER NOT NULL,
    "trainingHash" TEXT NOT NULL,
    "backend" TEXT NOT NULL,
    "pipeline" TEXT NOT NULL,

    CONSTRAINT "ModelVersion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Article_contentHash_key" ON "Article"("contentHash");

-- CreateIndex
CREATE INDEX "Article_externalId_idx" ON "Article"("externalId");

-- CreateIndex
CREATE INDEX "Article_nearDupGroup_idx" ON "Article"("nearDupGroup");

-- CreateIndex
CREATE INDEX "Article_importedAt_idx" ON "Article"("importedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Topic_version_key_key" ON "Topic"("version", "key");

-- CreateIndex
CREATE UNIQUE INDEX "StanceTarget_version_key_key" ON "StanceTarget"("version", "key");

-- CreateIndex
CREATE UNIQUE INDEX "StanceValue_version_key_key" ON "StanceValue"("version", "key");

-- CreateIndex
CREATE UNIQUE INDEX "Annotator_name_key" ON "Annotator"("name");

-- CreateIndex
CREATE INDEX "Label_annotatorId_idx" ON "Label"("annotatorId");

-- CreateIndex
CREATE INDEX "Label_updatedAt_idx" ON "Label"("updatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Label_articleId_annotatorId_kind_key" ON "Label"("articleId", "annotatorId", "kind");

-- CreateIndex
CREATE INDEX "LabelEvent_articleId_annotatorId_idx" ON "LabelEvent"("articleId", "annotatorId");

-- CreateIndex
CREATE INDEX "LabelEvent_annotatorId_id_idx" ON "LabelEvent"("annotatorId", "id");

-- CreateIndex
CREATE INDEX "Claim_expiresAt_idx" ON "Claim"("expiresAt");

-- AddForeignKey
ALTER TABLE "Article" ADD CONSTRAINT "Article_importBatchId_fkey" FOREIGN KEY ("importBatchId") REFERENCES "ImportBatch"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Topic" ADD CONSTRAINT "Topic_version_fkey" FOREIGN KEY ("version") REFERENCES "CodebookVersion"("version") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StanceTarget" ADD CONSTRAINT "StanceTarget_version_fkey" FOREIGN KEY ("version") REFERENCES "CodebookVersion"("version") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StanceValue" ADD CONSTRAINT "StanceValue_version_fkey" FOREIGN KEY ("version") REFERENCES "CodebookVersion"("version") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Label" ADD CONSTRAINT "Label_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Label" ADD CONSTRAINT "Label_annotatorId_fkey" FOREIGN KEY ("annotatorId") REFERENCES "Annotator"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Label" ADD CONSTRAINT "Label_version_fkey" FOREIGN KEY ("version") REFERENCES "CodebookVersion"("version") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabelTopic" ADD CONSTRAINT "LabelTopic_labelId_fkey" FOREIGN KEY ("labelId") REFERENCES "Label"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabelStance" ADD CONSTRAINT "LabelStance_labelId_fkey" FOREIGN KEY ("labelId") REFERENCES "Label"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabelEvent" ADD CONSTRAINT "LabelEvent_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LabelEvent" ADD CONSTRAINT "LabelEvent_annotatorId_fkey" FOREIGN KEY ("annotatorId") REFERENCES "Annotator"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Claim" ADD CONSTRAINT "Claim_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Claim" ADD CONSTRAINT "Claim_annotatorId_fkey" FOREIGN KEY ("annotatorId") REFERENCES "Annotator"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModelVersion" ADD CONSTRAINT "ModelVersion_version_fkey" FOREIGN KEY ("version") REFERENCES "CodebookVersion"("version") ON DELETE RESTRICT ON UPDATE CASCADE;
