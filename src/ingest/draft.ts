import { hashNormalized, normalizeContent } from '../text/pipeline.js';
import { signatureOf, wordCount } from '../text/near-dup.js';

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
  /** Near-duplicate signature of the body (src/text/near-dup.ts); absent when not asked for, null for a text too short. */
  signature?: Uint32Array | null;
  /** Set by the import's near-duplicate grouping. */
  nearDupGroup?: string | null;
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
export function identify(draft: ArticleDraft, nearDup = false): ArticleRow {
  return { ...draft, ...identityOf(draft, nearDup) };
}

/**
 * Id and content hash; with `nearDup`, also the near-duplicate signature, from the same normalized
 * text (the body's words only: the title's are skipped, so a new headline does not hide a copy).
 */
export function identityOf(draft: Pick<ArticleDraft, 'title' | 'body'>, nearDup = false): { id: string; contentHash: string; signature?: Uint32Array | null } {
  const normalized = normalizeContent(`${draft.title}\n${draft.body}`);
  const hash = hashNormalized(normalized);
  if (!nearDup) return { id: hash.slice(0, 16), contentHash: hash };
  const skip = draft.title === draft.body ? 0 : wordCount(draft.title);
  return { id: hash.slice(0, 16), contentHash: hash, signature: signatureOf(normalized, skip) };
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
