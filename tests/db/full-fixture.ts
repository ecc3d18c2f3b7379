// A database with a row in EVERY table, made through the engine's own APIs: two codebook versions,
// annotators and a reviewer, an import batch, articles with raw text, labels (one skipped, an
// adjudication), edits and undos in the label history, a claim, a model version with a stored
// prediction, and a near-copy's LSH bucket and signature.
// tests/db/copy.test.ts fails when a table of the schema is left empty here: a table added to the
// schema must get a row in this fixture, and so is covered by the copy tests.
import { readFileSync } from 'node:fs';
import { parseCodebook } from '../../src/codebook/parse.js';
import { saveCodebook } from '../../src/codebook/store.js';
import type { Database } from '../../src/db/open.js';
import { ensureAnnotator } from '../../src/labels/annotators.js';
import { claimNext } from '../../src/labels/claims.js';
import { applyChange, undoLast } from '../../src/labels/edit.js';
import { seedAll, SEED_CODEBOOK } from '../export/fixture.js';

export async function populateEverything(db: Database): Promise<void> {
  const first = await seedAll(db);
  // A second codebook version: the seed with one more topic.
  const yaml = readFileSync(SEED_CODEBOOK, 'utf8').replace(/^topics:\n/m, 'topics:\n  - key: migration\n    name: Migration\n    hotkey: "9"\n');
  const second = await saveCodebook(db.prisma, parseCodebook(yaml, 'v2.yaml'), yaml);
  if (second === first) throw new Error('fixture: the second codebook version was not created');
  await db.prisma.importBatch.create({
    data: { id: 'batch-1', source: 'C:\\data\\seeds\ttab', format: 'txt', finishedAt: new Date('2024-02-01T00:00:01.250Z'), imported: 1 },
  });
  await db.prisma.article.create({
    data: {
      id: 'a0000000000000004',
      title: 'مقال مستورد',
      body: 'نص المقال',
      rawText: 'نص المقال\n\nقائمة: اقرأ أيضا',
      contentHash: 'hash-a4',
      importBatchId: 'batch-1',
      publishedAt: new Date('2024-01-15T12:30:00.500Z'),
      publishedText: '15 يناير 2024',
      language: 'ar',
    },
  });
  const amina = await ensureAnnotator(db.prisma, 'amina');
  const ref = { annotatorId: amina.id, kind: 'annotation' as const, version: second, session: 'session-1' };
  await applyChange(db.prisma, ref, 'a0000000000000004', { field: 'topic:migration', after: 'on' });
  await applyChange(db.prisma, ref, 'a0000000000000004', { field: 'stance:algeria', after: 'neutral' });
  await applyChange(db.prisma, ref, 'a0000000000000004', { field: 'note', after: 'قيد المراجعة' });
  await undoLast(db.prisma, ref);
  await applyChange(db.prisma, ref, 'a0000000000000004', { field: 'confirmed', after: new Date('2024-05-01T00:00:00Z').toISOString() });
  const claimed = await claimNext(db.prisma, { annotatorId: amina.id, overlap: 3 });
  if (claimed === null) throw new Error('fixture: no article to claim');
  await db.prisma.modelVersion.create({
    data: {
      id: '2024-05-01T00-00-00Z',
      path: 'models/2024-05-01T00-00-00Z',
      version: second,
      metrics: '{"macroF1":0.5}',
      trainingSize: 7,
      trainingHash: 'abc',
      backend: 'wasm',
      pipeline: '{}',
      createdAt: new Date('2024-05-01T00:00:00.001Z'),
    },
  });
  // A near-copy's LSH bucket (a key past 2^53, as band × 2^32 + hash keys are) and its signature.
  await db.prisma.nearDupBucket.create({ data: { key: 7n * 2n ** 60n + 12345n, articleId: 'a0000000000000004' } });
  await db.prisma.nearDupSignature.create({ data: { articleId: 'a0000000000000004', signature: 'AAECAwQFBgc=' } });
  await db.prisma.prediction.create({
    data: { modelId: '2024-05-01T00-00-00Z', field: 'stance:algeria', articleId: 'a0000000000000004', value: 'neutral', score: 0.8125 },
  });
}
