-- CreateIndex
CREATE INDEX "Article_source_publishedAt_dateline_id_idx" ON "Article"("source", "publishedAt", "dateline", "id");

-- CreateIndex
CREATE INDEX "Prediction_modelId_field_articleId_value_idx" ON "Prediction"("modelId", "field", "articleId", "value");
