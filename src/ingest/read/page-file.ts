import { isMizanError } from '../../errors.js';
import { InputError } from '../../input-error.js';
import type { DecidedEncoding, EncodingChoice } from '../../text-file/encoding.js';
import { readDecodedFile } from '../../text-file/read-file.js';
import type { ArticleDraft } from '../draft.js';
import { parseHtmlPage } from '../parse/html/html-page.js';
import { parsePage } from '../parse/page/parse-page.js';

export interface PageDraft {
  draft: ArticleDraft;
  decided: DecidedEncoding;
}

/** A saved page (.txt text dump or .html) → article draft; the raw text (the HTML) is kept as it was. */
export async function draftFromPage(file: string, opts: { html: boolean; encoding?: EncodingChoice }): Promise<PageDraft> {
  const { text: raw, decided } = await readDecodedFile(file, opts.encoding ?? 'auto', { html: opts.html });
  let page;
  try {
    page = opts.html ? parseHtmlPage(raw) : { ...parsePage(raw), url: null };
  } catch (e) {
    if (isMizanError(e)) throw new InputError(file, e.message);
    throw e;
  }
  return {
    decided,
    draft: {
      externalId: null,
      source: page.source,
      sourceKey: page.sourceKey,
      url: page.url,
      title: page.title,
      body: page.body,
      rawText: raw,
      language: page.language,
      publishedAt: page.publishedAt,
      publishedText: page.publishedText,
      dateline: page.dateline,
      author: page.author,
    },
  };
}
