// Page metadata lines: datelines ("القاهرة - بوابة الوسط السبت 23 يوليو 2016"), source phrases
// ("المصدر:", "نقلا عن", "نشر في"), bylines ("بقلم", "كتب:", "حاوره", "Par") and site-name lines.
import { parseArabicDate } from '../dates/parse-date.js';
import type { ParsedDate } from '../dates/parse-date.js';
import { foldKey } from '../dates/fold.js';
import { countWords } from './lines.js';
import { outletIn, outletNamed } from './outlets.js';
import type { Outlet } from './outlets.js';
import { isKnownPlace } from './places.js';

export interface SourceRef {
  name: string;
  key: string | null;
}

export interface LineMeta {
  date: ParsedDate | null;
  dateline: string | null;
  source: SourceRef | null;
  /** How the source was named: an explicit "المصدر:"/"نقلا عن" outranks a dateline, which outranks "more from". */
  sourceVia: 'cited' | 'dateline' | 'published' | 'more' | null;
  author: string | null;
}

const ref = (o: Outlet): SourceRef => ({ name: o.name, key: o.key });
const QUOTES = /^["«“'‹\s]+|["»”'›\s.,:;،]+$/gu;
const unquote = (s: string) => s.replace(QUOTES, '').trim();

/** An outlet name found where a name is expected: known outlets by any spelling, else the text itself. */
function sourceFrom(segment: string, allowUnknown: boolean): SourceRef | null {
  const text = unquote(segment);
  if (text === '') return null;
  const named = outletNamed(text);
  if (named !== null) return ref(named);
  const inside = outletIn(text);
  if (inside !== null && inside.start <= 6) return ref(inside.outlet);
  if (!allowUnknown || countWords(text) > 4 || /\d{3,}/.test(text)) return null;
  const latin = /^[\p{Script=Latin}\d .-]+$/u.test(text);
  return { name: text, key: latin ? slug(text) : null };
}

export function slug(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\.[a-z]{2,3}$/, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

const NAME_WORD = /^[\p{Script=Arabic}\p{M}]{2,}$/u;
const NOT_NAME = new Set(['خاص', 'متابعات', 'وكالات', 'الوكالات', 'محرر', 'المحرر', 'تحرير', 'فريق', 'بوابه', 'موقع']);

/** Two to four Arabic words, letters only, and not a place or outlet: a byline with no "بقلم". */
export function isNameLike(text: string): boolean {
  const words = text.trim().split(/\s+/);
  if (words.length < 2 || words.length > 4) return false;
  if (!words.every((w) => NAME_WORD.test(w) && !NOT_NAME.has(foldKey(w)))) return false;
  return outletNamed(text) === null && outletIn(text) === null && !isKnownPlace(text) && parseArabicDate(text) === null;
}

const BYLINE = /^(?:بقلم|كتب|كتبت|كتبه|إعداد|اعداد|تقرير|أجرى الحوار|اجرى الحوار|أجرت الحوار|حاوره|حاورته|حاورها|حوار|par|by|de)\s*[:：\-–]?\s+(.+)$/iu;
const SOURCE_PHRASE = /(?:^|\s)(?:المصدر|source|المصدر الأصلي)\s*[:：]\s*(.+)$/iu;
const CITED = /(?:نقلا عن|نقلاً عن|حسب موقع|بحسب موقع|وفقا لموقع|وفقاً لموقع|عن موقع|عن صحيفة|عن جريدة|d'après|selon le site)\s+(.+)$/iu;
const PUBLISHED_IN = /^(?:نشر في|نُشر في|منشور في|published (?:in|on)|publié (?:dans|sur))\s+(.+?)(?:\s+(?:يوم|بتاريخ|في|le|on)\s|\s*$)/iu;
const MORE_FROM = /^(?:المزيد من|اقرأ المزيد من|إقرأ المزيد من|اقرا المزيد من|more from|read more from|plus de)\s+(.+)$/iu;
const DASH = /\s+ـ\s+|\s*[-–—]\s*/u;

/** A name following a byline word, cut at a date, an outlet or a second clause. */
function nameAfter(text: string): string | null {
  let name = text;
  const date = parseArabicDate(name);
  if (date !== null) name = name.slice(0, name.indexOf(date.text.split(/\s+/)[0]!)).trim() || name;
  name = name
    .split(/\s+[-–—|]\s+|[،,(|]/u)[0]!
    .trim()
    .replace(/[.:]+$/u, '');
  return name !== '' && countWords(name) <= 5 ? name : null;
}

/**
 * "PLACE - OUTLET[: AUTHOR] DATE", "OUTLET - خاص", "PLACE - AUTHOR". Returns null when the line does
 * not start with a short place or outlet followed by a dash.
 */
function readDateline(text: string, date: ParsedDate | null): Omit<LineMeta, 'date' | 'sourceVia'> | null {
  const dash = DASH.exec(text);
  if (dash === null || dash.index === 0) return null;
  const left = text.slice(0, dash.index).trim();
  let right = text.slice(dash.index + dash[0].length).trim();
  if (countWords(left) > 3 || /\d/.test(left)) return null;
  if (date !== null) right = right.replace(date.text, ' ').trim();
  const leftOutlet = outletNamed(left);
  if (leftOutlet !== null) {
    return { dateline: isKnownPlace(unquote(right)) ? unquote(right) : null, source: ref(leftOutlet), author: null };
  }
  const [head, ...rest] = right.split(/\s*[:：]\s*/u);
  const outletHere = head === undefined ? null : sourceFrom(head, false);
  const place = isKnownPlace(left) || outletHere !== null || date !== null;
  if (!place) return null;
  if (outletHere !== null) {
    const author = rest.length > 0 ? nameAfter(rest.join(' ')) : null;
    return { dateline: left, source: outletHere, author };
  }
  const segment = unquote(head ?? '');
  // An unknown name after the dash: one definite word or a quoted name reads as an outlet ("عمان - الغد"),
  // a personal name as the author ("الرباط - محمد بلقاسم").
  if (isNameLike(segment) && !/^ال/u.test(segment)) return { dateline: left, source: null, author: segment };
  const single = countWords(segment) === 1 && /^ال/u.test(segment);
  return { dateline: left, source: single || /[«"“]/u.test(head ?? '') ? sourceFrom(segment, true) : null, author: null };
}

/** Everything a short metadata line tells; all fields null when it tells nothing. */
export function readMeta(text: string): LineMeta {
  const none: LineMeta = { date: null, dateline: null, source: null, sourceVia: null, author: null };
  if (countWords(text) > 20) return none;
  const date = parseArabicDate(text);
  const meta: LineMeta = { ...none, date };
  const setSource = (segment: string, via: LineMeta['sourceVia']) => {
    meta.source = sourceFrom(segment, true);
    meta.sourceVia = meta.source === null ? null : via;
  };
  const published = PUBLISHED_IN.exec(text);
  if (published !== null) setSource(published[1]!, 'published');
  const cited = SOURCE_PHRASE.exec(text) ?? CITED.exec(text);
  if (cited !== null) setSource(cited[1]!.split(/\s+[-–|]\s+/u)[0]!, 'cited');
  const more = MORE_FROM.exec(text);
  if (more !== null) setSource(more[1]!, 'more');
  const byline = BYLINE.exec(text);
  if (byline !== null) meta.author = nameAfter(byline[1]!);
  const dateline = meta.source === null && meta.author === null ? readDateline(text, date) : null;
  if (dateline !== null) {
    Object.assign(meta, dateline);
    if (dateline.source !== null) meta.sourceVia = 'dateline';
  }
  if (meta.source === null && meta.dateline === null && countWords(text) <= 5) {
    // "هسبريس من الرباط", "الدار | خاص": a short line made of an outlet name and little else.
    const found = outletOnShortLine(text);
    if (found !== null) {
      meta.source = found;
      meta.sourceVia = 'dateline';
      const from = /(?:^|\s)(?:من|في|de|depuis)\s+(\S+(?:\s+\S+)?)\s*$/u.exec(text);
      if (from !== null && isKnownPlace(from[1]!)) meta.dateline = from[1]!;
    }
  }
  return meta;
}

export function hasMeta(m: LineMeta): boolean {
  return m.date !== null || m.dateline !== null || m.source !== null || m.author !== null;
}

/** A first line such as "Atwasat" or "hespress.com": the site's name above its own page. */
export function siteNameLine(text: string): SourceRef | null {
  const t = text.trim();
  if (!/^[\p{Script=Latin}][\p{Script=Latin}\d .-]{1,40}$/u.test(t) || countWords(t) > 3) return null;
  const named = outletNamed(t);
  if (named !== null) return ref(named);
  return { name: t, key: slug(t) };
}

/** A line that mentions a known outlet as a whole short segment ("الدار- خاص", "هسبريس من الرباط"). */
export function outletOnShortLine(text: string): SourceRef | null {
  if (countWords(text) > 5) return null;
  const named = outletNamed(text.split(/\s*[-–—ـ|:]\s*/u)[0] ?? '');
  if (named !== null) return ref(named);
  const found = outletIn(text);
  return found === null ? null : ref(found.outlet);
}

// The article's own outlet named inside the text: "تواصل موقع «تيلكيل عربي»", "في تصريح لـ«هسبريس»".
const SELF_MENTION =
  /(?:تواصل|اتصل|اتصلت|حاور|التقى|أجرى|اجرى|قال|قالت|صرح|صرحت|أكد|أكدت|أوضح|أوضحت|أفاد|كشف|كشفت|تصريح|تصريحات|حديث|حوار)\s+(?:خاص\s+|خاصة\s+)?(?:مع\s+)?(ل|لـ|لموقع|لجريدة|لصحيفة|موقع|جريدة|صحيفة|ب)\s*([«"“][^»"”]{2,40}[»"”]|\S+(?:\s+\S+)?)/gu;

export function selfMention(body: string): SourceRef | null {
  for (const m of body.matchAll(SELF_MENTION)) {
    const candidate = m[2]!;
    const named = outletNamed(unquote(candidate)) ?? outletIn(candidate)?.outlet ?? null;
    if (named !== null) return ref(named);
    // An unknown name counts only when the text says it is a site or paper and quotes it.
    const noun = /(?:موقع|جريدة|صحيفة)$/u.test(m[1]!);
    if (noun && /^[«"“]/u.test(candidate) && countWords(unquote(candidate)) <= 3) return { name: unquote(candidate), key: null };
  }
  return null;
}
