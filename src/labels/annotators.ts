import type { PrismaClient } from '../db/generated/client.js';

type Db = Pick<PrismaClient, 'annotator'>;

export interface AnnotatorRef {
  id: number;
  name: string;
}

/** Finds or creates the annotator called `name` (names are trimmed; case is kept). */
export async function ensureAnnotator(db: Db, name: string, role: 'annotator' | 'reviewer' = 'annotator'): Promise<AnnotatorRef> {
  const clean = name.trim();
  const row = await db.annotator.upsert({ where: { name: clean }, create: { name: clean, role }, update: {} });
  return { id: row.id, name: row.name };
}
