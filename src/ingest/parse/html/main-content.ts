// The article's text in an HTML page, found the way content extractors find it: page furniture is
// pruned by what elements are (nav, aside, footer, forms, scripts) and by what they call themselves
// (class/id words such as share, related, comments, cookie); the remaining text is cut into blocks
// at block elements and <br>s; each paragraph-like block scores its container (more for length and
// commas), less for the container's ancestors; a container's score is cut by its link density; the
// best container, with siblings that score close to it, holds the article.
import type { AnyNode, Element } from 'domhandler';
import { isTag, isText } from 'domhandler';
import { captionBlocks, SHORT_BLOCK } from './teasers.js';

export interface TextBlock {
  text: string;
  /** Characters of the text inside links. */
  linkChars: number;
  /** The element the block's text sits in (a <p>, or a <div>/<td> for <br> layouts). */
  owner: Element;
  heading: boolean;
}

const DROP_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'iframe',
  'form',
  'button',
  'select',
  'input',
  'textarea',
  'nav',
  'aside',
  'footer',
  'menu',
  'dialog',
  'object',
  'embed',
  'canvas',
  'figure',
  'figcaption',
  'picture',
  'video',
  'audio',
  'head',
]);
const DROP_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'dialog', 'alertdialog', 'search', 'menu', 'menubar']);
/** Short words in class and id names that mark furniture, matched against whole parts ("nav-main" → nav). */
const NOISE_WORDS = new Set([
  'menu',
  'navbar',
  'nav',
  'footer',
  'masthead',
  'ads',
  'ad',
  'banner',
  'tags',
  'pager',
  'rss',
  'login',
  'signup',
  'modal',
  'popup',
  'ticker',
  'breaking',
  'gdpr',
]);
/** Longer words, matched inside a part too ("jp-relatedposts", "sharedaddy"). */
const NOISE_STEMS = [
  'share',
  'sharing',
  'social',
  'related',
  'popular',
  'trending',
  'sidebar',
  'widget',
  'cookie',
  'consent',
  'newsletter',
  'subscribe',
  'breadcrumb',
  'advert',
  'promo',
  'pagination',
  'comment',
  'outbrain',
  'taboola',
  'recommend',
  'mostread',
];
const NOISE_PAIRS = new Set(['most-read', 'most-viewed', 'read-more', 'read-also', 'also-read', 'more-news', 'more-stories', 'you-may', 'site-header']);
const BLOCK_TAGS = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'td',
  'th',
  'tr',
  'table',
  'tbody',
  'thead',
  'li',
  'ul',
  'ol',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'pre',
  'header',
  'dl',
  'dt',
  'dd',
  'center',
  'body',
  'html',
  'hr',
  'address',
]);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** Elements that are a paragraph themselves: their score goes to the container they sit in. */
const PARAGRAPHS = new Set(['p', 'li', 'blockquote', 'pre', 'dd', 'dt', 'h2', 'h3', 'h4', 'h5', 'h6']);

const MIN_PARAGRAPH = SHORT_BLOCK;

/** Removes furniture in place; the page-level <header> too (one inside <article>/<main> holds the headline). */
export function prune(nodes: AnyNode[]): void {
  for (const node of [...nodes]) {
    if (!isTag(node)) continue;
    if (isFurniture(node)) {
      removeNode(node);
      continue;
    }
    prune(node.children);
  }
}

function isFurniture(el: Element): boolean {
  const tag = el.name;
  if (DROP_TAGS.has(tag)) return true;
  if (tag === 'header' && !hasAncestor(el, (a) => a.name === 'article' || a.name === 'main')) return true;
  const a = el.attribs;
  if (a.hidden !== undefined || a['aria-hidden'] === 'true' || /display\s*:\s*none/i.test(a.style ?? '')) return true;
  if (a.role !== undefined && DROP_ROLES.has(a.role.toLowerCase())) return true;
  if (tag === 'body' || tag === 'html' || tag === 'main' || tag === 'article') return false;
  const parts = `${a.class ?? ''} ${a.id ?? ''}`
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w !== '');
  for (const name of parts) {
    const words = name.split(/[-_]+/).filter((w) => w !== '');
    if (words.some((w) => NOISE_WORDS.has(w) || NOISE_STEMS.some((s) => w.includes(s)))) return true;
    for (let i = 0; i + 1 < words.length; i++) if (NOISE_PAIRS.has(`${words[i]}-${words[i + 1]}`)) return true;
  }
  return false;
}

function removeNode(el: Element): void {
  const parent = el.parent;
  if (parent === null) return;
  const i = parent.children.indexOf(el);
  if (i !== -1) parent.children.splice(i, 1);
  el.parent = null;
}

function hasAncestor(el: Element, test: (a: Element) => boolean): boolean {
  for (let p = el.parent; p !== null; p = p.parent) if (isTag(p) && test(p)) return true;
  return false;
}

/** The text cut into blocks at block elements and <br>, in document order. */
export function textBlocks(nodes: AnyNode[], owner: Element): TextBlock[] {
  const out: TextBlock[] = [];
  let text = '';
  let links = 0;
  const flush = (at: Element) => {
    const t = text.replace(/\s+/g, ' ').trim();
    if (t !== '') out.push({ text: t, linkChars: Math.min(links, t.length), owner: at, heading: HEADINGS.has(at.name) });
    text = '';
    links = 0;
  };
  const walk = (list: AnyNode[], at: Element, inLink: boolean) => {
    for (const node of list) {
      if (isText(node)) {
        text += node.data;
        if (inLink) links += node.data.trim().length;
      } else if (isTag(node)) {
        if (node.name === 'br' || node.name === 'hr') {
          flush(at);
          continue;
        }
        if (BLOCK_TAGS.has(node.name)) {
          flush(at);
          walk(node.children, node, inLink);
          flush(node);
        } else walk(node.children, at, inLink || node.name === 'a');
      }
    }
  };
  walk(nodes, owner, false);
  flush(owner);
  return out;
}

export interface MainContent {
  /** The article's blocks (paragraphs and sub-headings), furniture and link lists left out. */
  blocks: TextBlock[];
  /** The first <h1> after pruning, if any. */
  h1: string | null;
}

export function mainContent(body: Element): MainContent {
  const blocks = textBlocks(body.children, body);
  const h1 = blocks.find((b) => b.owner.name === 'h1')?.text ?? null;
  const scores = new Map<Element, number>();
  const add = (el: Element | null, s: number) => {
    if (el !== null) scores.set(el, (scores.get(el) ?? 0) + s);
  };
  for (const b of blocks) {
    if (b.heading || b.text.length < MIN_PARAGRAPH || b.linkChars / b.text.length > 0.5) continue;
    const commas = (b.text.match(/[,،]/g) ?? []).length;
    const s = 1 + commas + Math.min(Math.floor(b.text.length / 100), 3);
    const container = PARAGRAPHS.has(b.owner.name) ? parentElement(b.owner) : b.owner;
    add(container, s);
    const parent = container === null ? null : parentElement(container);
    add(parent, s / 2);
    add(parent === null ? null : parentElement(parent), s / 4);
  }
  const density = linkDensities(blocks);
  let top: Element | undefined;
  let best = 0;
  for (const [el, s] of scores) {
    const final = s * (1 - (density.get(el) ?? 0));
    if (final > best) {
      best = final;
      top = el;
    }
  }
  if (top === undefined) return { blocks: [], h1 };
  // Siblings that score close to the best (a lead paragraph in a box of its own) belong to it.
  const chosen = new Set<Element>([top]);
  for (const sibling of top.parent?.children ?? []) {
    if (!isTag(sibling) || sibling === top) continue;
    const s = (scores.get(sibling) ?? 0) * (1 - (density.get(sibling) ?? 0));
    if (s >= best * 0.25 && s >= 3) chosen.add(sibling);
  }
  const inside = (el: Element) => {
    for (let e: Element | null = el; e !== null; e = parentElement(e)) if (chosen.has(e)) return true;
    return false;
  };
  const region = blocks.filter((b) => inside(b.owner) && b.owner.name !== 'h1');
  const captions = captionBlocks(region);
  const kept = region.filter((b, i) => !captions.has(i) && b.linkChars / b.text.length <= 0.5);
  // A heading introduces what follows it: one with nothing after it is a box's title ("ذات صلة").
  while (kept.length > 0 && kept[kept.length - 1]!.heading) kept.pop();
  return { blocks: kept, h1 };
}

function parentElement(el: Element): Element | null {
  const p = el.parent;
  return p !== null && isTag(p) ? p : null;
}

/** Link characters over all characters, for every element that holds blocks. */
function linkDensities(blocks: TextBlock[]): Map<Element, number> {
  const totals = new Map<Element, { chars: number; links: number }>();
  for (const b of blocks) {
    for (let e: Element | null = b.owner; e !== null; e = parentElement(e)) {
      const t = totals.get(e) ?? { chars: 0, links: 0 };
      t.chars += b.text.length;
      t.links += b.linkChars;
      totals.set(e, t);
    }
  }
  return new Map([...totals].map(([e, t]) => [e, t.chars === 0 ? 0 : t.links / t.chars]));
}
