-- CreateTable
CREATE TABLE "Prediction" (
    "modelId" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "articleId" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "Prediction_pkey" PRIMARY KEY ("modelId","field","articleId")
);

-- CreateIndex
CREATE INDEX "Prediction_articleId_idx" ON "Prediction"("articleId");

-- AddForeignKey
ALTER TABLE "Prediction" ADD CONSTRAINT "Prediction_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;
