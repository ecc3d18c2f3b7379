// What a page says about itself, before any guess from its layout: JSON-LD (NewsArticle, Article and
// their kin, also inside @graph), Open Graph and article:* meta tags, <link rel=canonical>,
// <time datetime>, <meta name=author> and <title>.
import type { AnyNode, Element } from 'domhandler';
import { DomUtils } from 'htmlparser2';

export interface PageFacts {
  headline: string | null;
  /** The <title> text, which usually carries the site name too. */
  documentTitle: string | null;
  published: string | null;
  author: string | null;
  siteName: string | null;
  url: string | null;
}

const ARTICLE_TYPES = /^(?:News|Report|Analysis|Opinion|Blog|Scholarly|Tech)?Article$|^BlogPosting$|^LiveBlogPosting$/;

export function readFacts(doc: AnyNode[]): PageFacts {
  const ld = jsonLdArticle(doc);
  const meta = new Map<string, string>();
  for (const el of DomUtils.getElementsByTagName('meta', doc)) {
    const key = (el.attribs.property ?? el.attribs.name ?? el.attribs.itemprop)?.toLowerCase();
    const content = el.attribs.content?.trim();
    if (key !== undefined && content !== undefined && content !== '' && !meta.has(key)) meta.set(key, content);
  }
  const canonical = DomUtils.getElementsByTagName('link', doc).find((l) => l.attribs.rel?.toLowerCase().split(/\s+/).includes('canonical'))?.attribs.href;
  const time = DomUtils.getElementsByTagName('time', doc).find((t) => t.attribs.datetime !== undefined)?.attribs.datetime;
  const title = DomUtils.getElementsByTagName('title', doc)[0];
  return {
    headline: clean(ld?.headline) ?? clean(meta.get('og:title')) ?? clean(meta.get('twitter:title')),
    documentTitle: title === undefined ? null : clean(DomUtils.textContent(title)),
    published: clean(ld?.datePublished) ?? clean(meta.get('article:published_time')) ?? clean(meta.get('datepublished')) ?? clean(time),
    author: nameOf(ld?.author) ?? clean(meta.get('author')) ?? clean(meta.get('article:author')),
    siteName: nameOf(ld?.publisher) ?? clean(meta.get('og:site_name')),
    url: clean(canonical) ?? clean(meta.get('og:url')),
  };
}

function clean(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const t = v.replace(/\s+/g, ' ').trim();
  return t === '' ? null : t;
}

/** A person or organization as JSON-LD writes it: a string, an object with a name, or a list of them. */
function nameOf(v: unknown): string | null {
  if (Array.isArray(v)) {
    const names = v.map(nameOf).filter((n): n is string => n !== null);
    return names.length === 0 ? null : names.join('، ');
  }
  if (typeof v === 'object' && v !== null) return clean((v as { name?: unknown }).name);
  return clean(v);
}

type LdNode = Record<string, unknown>;

/** The first JSON-LD node of an article type; a block that does not parse is skipped, as browsers do. */
function jsonLdArticle(doc: AnyNode[]): LdNode | undefined {
  const scripts = DomUtils.getElementsByTagName('script', doc).filter((s: Element) => s.attribs.type?.toLowerCase() === 'application/ld+json');
  for (const script of scripts) {
    let data: unknown;
    try {
      data = JSON.parse(DomUtils.textContent(script));
    } catch {
      continue;
    }
    const found = findArticle(data);
    if (found !== undefined) return found;
  }
  return undefined;
}

function findArticle(data: unknown): LdNode | undefined {
  if (Array.isArray(data)) {
    for (const d of data) {
      const f = findArticle(d);
      if (f !== undefined) return f;
    }
    return undefined;
  }
  if (typeof data !== 'object' || data === null) return undefined;
  const node = data as LdNode;
  const types = Array.isArray(node['@type']) ? node['@type'] : [node['@type']];
  if (types.some((t) => typeof t === 'string' && ARTICLE_TYPES.test(t))) return node;
  return findArticle(node['@graph']);
}
