// Shared set-up for the labeling engine tests: the seed codebook and a few small articles.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../../src/db/open.js';
import { parseCodebook } from '../../src/codebook/parse.js';
import { saveCodebook } from '../../src/codebook/store.js';
import { startSession } from '../../src/labels/session.js';
import type { LabelSession, SessionOptions } from '../../src/labels/session.js';

export const SEED_CODEBOOK = join(import.meta.dirname, '../../seeds/codebook.yaml');

export async function seedCodebook(db: Database): Promise<number> {
  const source = readFileSync(SEED_CODEBOOK, 'utf8');
  return saveCodebook(db.prisma, parseCodebook(source, SEED_CODEBOOK), source);
}

/** Articles a001…aNNN with Arabic bodies; returns their ids in id order. */
export async function addArticles(db: Database, n: number, body = (i: number) => `نص المقال رقم ${i} عن الأمن في المغرب العربي`): Promise<string[]> {
  const ids = Array.from({ length: n }, (_, i) => `a${String(i + 1).padStart(3, '0')}`);
  await db.prisma.article.createMany({
    data: ids.map((id, i) => ({ id, title: `عنوان ${i + 1}`, body: body(i + 1), rawText: body(i + 1), contentHash: `h-${id}` })),
  });
  return ids;
}

export async function session(db: Database, opts: Partial<SessionOptions> = {}): Promise<LabelSession> {
  return startSession(db.prisma, { annotator: 'amina', queue: 'unlabeled', filter: null, ...opts });
}
