// Shared set-up for the team-mode tests: the seed codebook, numbered articles, annotators, labels.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PrismaClient } from '../../src/db/generated/client.js';
import { parseCodebook } from '../../src/codebook/parse.js';
import { saveCodebook } from '../../src/codebook/store.js';
import { ensureAnnotator } from '../../src/labels/annotators.js';

export const SEED_CODEBOOK = join(import.meta.dirname, '../../seeds/codebook.yaml');

export async function seedCodebook(prisma: PrismaClient): Promise<number> {
  const source = readFileSync(SEED_CODEBOOK, 'utf8');
  return saveCodebook(prisma, parseCodebook(source, SEED_CODEBOOK), source);
}

/** Articles a0001…aNNNN (ids sort in number order); returns their ids. */
export async function addArticles(prisma: PrismaClient, n: number, body = (i: number) => `نص المقال رقم ${i}`): Promise<string[]> {
  const ids = Array.from({ length: n }, (_, i) => `a${String(i + 1).padStart(4, '0')}`);
  await prisma.article.createMany({
    data: ids.map((id, i) => ({ id, title: `عنوان ${i + 1}`, body: body(i + 1), rawText: body(i + 1), contentHash: `h-${id}` })),
  });
  return ids;
}

export async function annotators(prisma: PrismaClient, ...names: string[]): Promise<number[]> {
  const ids: number[] = [];
  for (const name of names) ids.push((await ensureAnnotator(prisma, name)).id);
  return ids;
}

/** A confirmed (or skipped) annotation written directly, for queue set-ups. */
export async function label(
  prisma: PrismaClient,
  articleId: string,
  annotatorId: number,
  opts: { version: number; skipped?: boolean; topics?: string[]; stance?: Record<string, string>; kind?: string; confirmed?: boolean },
): Promise<void> {
  await prisma.label.create({
    data: {
      articleId,
      annotatorId,
      kind: opts.kind ?? 'annotation',
      version: opts.version,
      skipped: opts.skipped ?? false,
      topicsLabeled: opts.topics !== undefined,
      confirmedAt: opts.confirmed === false ? null : new Date(),
      topics: { create: (opts.topics ?? []).map((topicKey) => ({ topicKey })) },
      stances: { create: Object.entries(opts.stance ?? {}).map(([targetKey, valueKey]) => ({ targetKey, valueKey })) },
    },
  });
}
