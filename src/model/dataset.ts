// Training examples from the database: one value per article and field as resolveArticle decides
// (adjudicated > majority > latest; skipped labels do not count), topics left undefined (masked)
// where no counted label judged them, stance only for the targets someone judged; each with its
// near-duplicate group, so splits keep copies of an article on one side.
import type { PrismaClient } from '../db/generated/client.js';
import type { CodebookVersionInfo } from '../codebook/types.js';
import { streamResolved } from '../labels/resolved-stream.js';
import type { CodebookSpec, TrainingExample } from './types.js';

export function codebookSpec(cb: CodebookVersionInfo): CodebookSpec {
  return {
    version: cb.version,
    multiLabel: cb.multiLabel,
    topics: cb.topics.map((t) => ({ key: t.key, name: t.name })),
    targets: cb.targets.map((t) => ({ key: t.key, name: t.name, aliases: [...t.aliases], values: cb.values.map((v) => v.key) })),
    values: cb.values.map((v) => ({ key: v.key, name: v.name, aliases: [...v.aliases] })),
  };
}

/** The text a model sees for a stored article: what an import's text column held. */
export function articleText(title: string, body: string): string {
  const t = title.trim();
  const b = body.trim();
  // Import keeps the whole text as body when the title was cut from it (or equals it).
  if (t === '' || b.startsWith(t) || t.endsWith('…')) return b === '' ? t : b;
  return `${t}\n${b}`;
}

export async function loadTrainingExamples(db: Pick<PrismaClient, '$queryRaw'>): Promise<TrainingExample[]> {
  const out: TrainingExample[] = [];
  const groups = await nearDupGroups(db);
  for await (const { article, resolved } of streamResolved(db, {}, { includeText: true })) {
    const stance: Record<string, string> = {};
    for (const [target, field] of Object.entries(resolved.stance)) stance[target] = field.value;
    out.push({
      id: article.id,
      text: articleText(article.title, article.body ?? ''),
      ...(resolved.topics !== null ? { topics: resolved.topics.value } : {}),
      ...(Object.keys(stance).length > 0 ? { stance } : {}),
      ...(groups.has(article.id) ? { group: groups.get(article.id)! } : {}),
    });
  }
  return out;
}

/** Article id → near-duplicate group, for the articles the import put in one. */
async function nearDupGroups(db: Pick<PrismaClient, '$queryRaw'>): Promise<Map<string, string>> {
  const rows = await db.$queryRaw<{ id: string; nearDupGroup: string }[]>`SELECT id, "nearDupGroup" FROM "Article" WHERE "nearDupGroup" IS NOT NULL`;
  return new Map(rows.map((r) => [r.id, r.nearDupGroup]));
}
