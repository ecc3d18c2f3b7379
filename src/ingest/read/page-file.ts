import { parsePage } from '../parse/page/parse-page.js';
import type { ArticleDraft } from '../draft.js';
import { readTextFile } from '../../text-file/read-file.js';
import { InputError } from '../../input-error.js';
import { isMizanError } from '../../errors.js';

/** A raw scraped page (.txt) → article draft; the raw text is kept as it was. */
export async function draftFromPage(file: string): Promise<ArticleDraft> {
  const raw = await readTextFile(file);
  let page;
  try {
    page = parsePage(raw);
  } catch (e) {
    if (isMizanError(e)) throw new InputError(file, e.message);
    throw e;
  }
  return {
    externalId: null,
    source: page.source,
    sourceKey: page.sourceKey,
    url: null,
    title: page.title,
    body: page.body,
    rawText: raw,
    language: page.language,
    publishedAt: page.publishedAt,
    publishedText: page.publishedText,
    dateline: page.dateline,
    author: page.author,
  };
}
