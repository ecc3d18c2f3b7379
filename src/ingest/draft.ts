import { contentHash } from '../text/pipeline.js';

/** An article as found in an input, before it has an identity. */
export interface ArticleDraft {
  externalId: string | null;
  source: string | null;
  sourceKey: string | null;
  url: string | null;
  title: string;
  body: string;
  rawText: string;
  language: string;
  publishedAt: Date | null;
  publishedText: string | null;
  dateline: string | null;
  author: string | null;
}

export interface ArticleRow extends ArticleDraft {
  id: string;
  contentHash: string;
}

/** Identity comes from the normalized content: the same article gets the same id in every database. */
export function identify(draft: ArticleDraft): ArticleRow {
  const hash = contentHash(`${draft.title}\n${draft.body}`);
  return { ...draft, id: hash.slice(0, 16), contentHash: hash };
}

const TITLE_MAX = 140;

/** For inputs without a title (posts, tweets): the first line when it is short, else the opening words. */
export function splitTitle(text: string): { title: string; body: string } {
  const trimmed = text.trim();
  const newline = trimmed.indexOf('\n');
  if (newline > 0 && newline <= TITLE_MAX) {
    const rest = trimmed.slice(newline + 1).trim();
    if (rest !== '') return { title: trimmed.slice(0, newline).trim(), body: rest };
  }
  if (trimmed.length <= TITLE_MAX) return { title: trimmed, body: trimmed };
  const cut = trimmed.lastIndexOf(' ', TITLE_MAX);
  return { title: `${trimmed.slice(0, cut > 40 ? cut : TITLE_MAX)}…`, body: trimmed };
}
