// An HTML page → the article in it. What the page states about itself comes first (structured.ts);
// the article's text is the main content block (main-content.ts); then the same heuristics as for a
// .txt page (parse-page.ts: Arabic dates, datelines, bylines, outlets) read the extracted text for
// whatever the page did not state.
import type { Element } from 'domhandler';
import { Element as DomElement } from 'domhandler';
import { DomUtils, parseDocument } from 'htmlparser2';
import { parseArabicDate } from '../dates/parse-date.js';
import { PageParseError } from '../page/errors.js';
import { detectLanguage } from '../page/language.js';
import { countWords } from '../page/lines.js';
import { hasMeta, readMeta, slug } from '../page/meta.js';
import { outletNamed } from '../page/outlets.js';
import { parsePage } from '../page/parse-page.js';
import type { ParsedPage } from '../page/parse-page.js';
import { mainContent, prune, textBlocks } from './main-content.js';
import { readFacts } from './structured.js';

export interface ParsedHtmlPage extends ParsedPage {
  /** From <link rel=canonical> (or og:url). */
  url: string | null;
}

/** The rule parse-page.ts uses for a metadata line: short, not a sentence, with a date, byline, dateline or source. */
function isMetaLine(text: string): boolean {
  return countWords(text) <= 14 && !/[.!?؟]$/u.test(text) && hasMeta(readMeta(text));
}

export function parseHtmlPage(html: string): ParsedHtmlPage {
  if (html.trim() === '') throw new PageParseError('the page is empty (no HTML to read)');
  const doc = parseDocument(html, { decodeEntities: true });
  const facts = readFacts(doc.children);
  const body: Element = DomUtils.getElementsByTagName('body', doc.children)[0] ?? new DomElement('body', {}, doc.children);
  prune(body.children);
  const content = mainContent(body);
  const paragraphs = content.blocks.filter((b) => !isMetaLine(b.text)).map((b) => b.text);
  if (paragraphs.length === 0) throw new PageParseError('no article text found in the HTML page (no paragraphs apart from menus, links and notices)');

  const fromTitle = splitSiteName(facts.documentTitle, facts.siteName);
  const siteName = facts.siteName ?? fromTitle?.site ?? null;
  const title = splitSiteName(facts.headline, siteName)?.title ?? content.h1 ?? fromTitle?.title ?? paragraphs[0]!.slice(0, 140);
  // Without an <h1>, the headline often repeats as the first line of the content (a bold line).
  if (paragraphs[0] === title && paragraphs.length > 1) paragraphs.shift();
  // The article's own header (inside <article>/<main>: the page-level one is pruned) holds bylines and dates.
  const headerLines = DomUtils.getElementsByTagName('header', body.children)
    .flatMap((h) => textBlocks(h.children, h))
    .filter((b) => b.owner.name !== 'h1')
    .map((b) => b.text);
  const metaLines = content.blocks.filter((b) => isMetaLine(b.text)).map((b) => b.text);
  let fromText: ParsedPage | null = null;
  try {
    fromText = parsePage([title, ...headerLines, ...metaLines.slice(0, 3), '', ...paragraphs].join('\n\n'));
  } catch (e) {
    if (!(e instanceof PageParseError)) throw e;
  }

  const published = facts.published === null ? null : structuredDate(facts.published);
  const source = siteName === null ? null : sourceOf(siteName);
  const bodyText = paragraphs.join('\n\n');
  return {
    title,
    source: source?.name ?? fromText?.source ?? null,
    sourceKey: source === null ? (fromText?.sourceKey ?? null) : source.key,
    dateline: fromText?.dateline ?? null,
    publishedAt: published?.date ?? fromText?.publishedAt ?? null,
    publishedText: published?.text ?? fromText?.publishedText ?? null,
    author: facts.author ?? fromText?.author ?? null,
    body: bodyText,
    language: detectLanguage(bodyText),
    url: facts.url,
  };
}

/** An ISO timestamp as pages write it (a zone kept; without one, UTC wall-clock as for .txt pages). */
function structuredDate(text: string): { date: Date | null; text: string } {
  const iso = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(text);
  if (iso !== null) {
    const t = Date.parse(iso[1] === undefined && text.length > 10 ? `${text.replace(' ', 'T')}Z` : text.replace(' ', 'T'));
    if (!Number.isNaN(t)) return { date: new Date(t), text };
  }
  const arabic = parseArabicDate(text);
  return { date: arabic?.date ?? null, text };
}

function sourceOf(siteName: string): { name: string; key: string | null } {
  const outlet = outletNamed(siteName);
  if (outlet !== null) return { name: outlet.name, key: outlet.key };
  return { name: siteName, key: /[a-z]/i.test(siteName) ? slug(siteName) : null };
}

const SEPARATOR = /\s+(?:[|–—\-:»«]|::|\/\/)\s+|\s*\|\s*/u;

/**
 * "Headline | Site" → the headline and the site: the segments that are the site's name (given, or a
 * known outlet) go; without either, the shorter segment at one end is taken for the site.
 */
export function splitSiteName(text: string | null, siteName: string | null): { title: string; site: string | null } | null {
  if (text === null) return null;
  const parts = text
    .split(SEPARATOR)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length < 2) return { title: text, site: null };
  const wanted = siteName?.toLowerCase().replace(/\s+/g, ' ');
  const isSite = (p: string) => p.toLowerCase() === wanted || outletNamed(p) !== null;
  const sites = parts.filter(isSite);
  const rest = parts.filter((p) => !isSite(p));
  if (rest.length === 0) return { title: parts[0]!, site: null };
  if (sites.length === 0) {
    const [first, last] = [parts[0]!, parts[parts.length - 1]!];
    const site = first.length <= last.length ? first : last;
    if (countWords(site) > 4) return { title: text, site: null };
    return { title: parts.filter((p) => p !== site).join(' - '), site };
  }
  return { title: rest.reduce((a, b) => (b.length > a.length ? b : a)), site: sites[0]! };
}
