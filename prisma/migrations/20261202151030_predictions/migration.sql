-- CreateTable
CREATE TABLE "Prediction" (
    "modelId" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "articleId" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "score" REAL NOT NULL,

    PRIMARY KEY ("modelId", "field", "articleId"),
    CONSTRAINT "Prediction_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Prediction_articleId_idx" ON "Prediction"("articleId");
