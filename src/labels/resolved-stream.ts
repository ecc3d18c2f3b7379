// Resolved labels per article, streamed from the database in article order: the export's
// --resolved mode and training read labels through here.
import type { PrismaClient } from '../db/generated/client.js';
import { streamLabels } from './label-stream.js';
import type { LabelArticle, LabelFilter, StoredLabel } from './label-types.js';
import { resolveArticle } from './resolve.js';
import type { ArticleLabel, ResolvedArticle } from './resolve.js';

export interface ResolvedRow {
  article: LabelArticle;
  resolved: ResolvedArticle;
}

export function toArticleLabel(l: StoredLabel): ArticleLabel {
  return {
    annotator: l.annotator,
    kind: l.kind,
    topics: l.topicsLabeled ? l.topics : null,
    stance: l.stance,
    skipped: l.skipped,
    confirmed: l.confirmedAt !== null,
    updatedAt: l.updatedAt,
  };
}

/** Articles with at least one resolved field, in article id order. */
export async function* streamResolved(
  db: Pick<PrismaClient, '$queryRaw'>,
  filter: LabelFilter = {},
  opts: { includeText?: boolean; sqliteFile?: string } = {},
): AsyncGenerator<ResolvedRow> {
  let article: LabelArticle | null = null;
  let group: ArticleLabel[] = [];
  const emit = (): ResolvedRow | null => {
    if (article === null) return null;
    const resolved = resolveArticle(group);
    return resolved.topics === null && Object.keys(resolved.stance).length === 0 ? null : { article, resolved };
  };
  for await (const label of streamLabels(db, filter, {
    includeText: opts.includeText === true,
    ...(opts.sqliteFile === undefined ? {} : { sqliteFile: opts.sqliteFile }),
  })) {
    if (article !== null && label.article.id !== article.id) {
      const row = emit();
      if (row !== null) yield row;
      group = [];
    }
    article = label.article;
    group.push(toArticleLabel(label));
  }
  const row = emit();
  if (row !== null) yield row;
}
