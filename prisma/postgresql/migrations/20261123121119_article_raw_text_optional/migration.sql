-- AlterTable
ALTER TABLE "Article" ALTER COLUMN "rawText" DROP NOT NULL;
