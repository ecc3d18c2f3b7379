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
  /**
   * The texts as UTF-8 bytes, when they come from the import's parsing thread for a SQLite write
   * (src/ingest/parse/worker-thread.ts): they then stand for title, body and rawText, which are left empty.
   */
  utf8?: Utf8Texts;
}

export interface Utf8Texts {
  title: Uint8Array;
  body: Uint8Array;
  /** null: the same as the body */
  rawText: Uint8Array | null;
}

/** The text of an article exactly as imported: the stored rawText is null when it is the body. */
export function rawTextOf(article: { rawText: string | null; body: string }): string {
  return article.rawText ?? article.body;
}

/** Identity comes from the normalized content: the same article gets the same id in every database. */
export function identify(draft: ArticleDraft): ArticleRow {
  return { ...draft, ...identityOf(draft) };
}

export function identityOf(draft: Pick<ArticleDraft, 'title' | 'body'>): { id: string; contentHash: string } {
  const hash = contentHash(`${draft.title}\n${draft.body}`);
  return { id: hash.slice(0, 16), contentHash: hash };
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
