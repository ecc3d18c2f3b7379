// Articles queued one request at a time (POST /v1/articles): the same parsing and duplicate rules
// as `mizan import`, in one transaction per request.
import { randomUUID } from 'node:crypto';
import type { Database } from '../../db/open.js';
import { ArticleWriter } from './article-writer.js';
import { identify } from '../draft.js';
import { DEFAULT_NEAR_DUP } from '../options.js';
import type { ArticleDraft } from '../draft.js';

export interface QueuedArticles {
  imported: number;
  duplicates: number;
  /** The article id for each draft, in order (the existing article's id for a duplicate). */
  ids: string[];
}

export async function addArticles(db: Database, drafts: readonly ArticleDraft[], source: string): Promise<QueuedArticles> {
  const batchId = randomUUID();
  return db.prisma.$transaction(async (tx) => {
    await tx.importBatch.create({ data: { id: batchId, source, format: 'api' } });
    const writer = new ArticleWriter(tx, batchId, DEFAULT_NEAR_DUP);
    const rows = drafts.map((d) => identify(d, true));
    for (const row of rows) await writer.add(row);
    await writer.flush();
    await tx.importBatch.update({
      where: { id: batchId },
      data: { finishedAt: new Date(), imported: writer.imported, duplicates: writer.duplicates },
    });
    return { imported: writer.imported, duplicates: writer.duplicates, ids: rows.map((r) => writer.idOf(r.contentHash) ?? r.id) };
  });
}
