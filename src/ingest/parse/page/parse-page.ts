// A raw scraped page → the article in it. The page is read as classified lines (lines.ts); the body
// is the longest run of paragraphs that no page furniture interrupts; title and metadata are read from
// the lines just above it (and a few just below), never from fixed positions or site-specific strings.
//
// Dates: a time without a zone is kept as UTC wall-clock ("08:09 مساء" → 20:09Z); see dates.ts.
import { parseArabicDate } from '../dates/parse-date.js';
import type { ParsedDate } from '../dates/parse-date.js';
import { PageParseError } from './errors.js';
import { detectLanguage } from './language.js';
import { HARD_BREAK, classifyLines } from './lines.js';
import type { Line } from './lines.js';
import { hasMeta, isNameLike, readMeta, selfMention, siteNameLine } from './meta.js';
import type { LineMeta, SourceRef } from './meta.js';

export interface ParsedPage {
  title: string;
  /** Canonical outlet name as it appears in Arabic, e.g. 'بوابة الوسط'; the page's own spelling for unknown outlets. */
  source: string | null;
  /** Stable Latin key for known outlets ('atwasat'); a slug of a Latin site name; null otherwise. */
  sourceKey: string | null;
  /** The dateline place, e.g. 'القاهرة'. */
  dateline: string | null;
  /** Only when year, month and day are known; times as UTC wall-clock. */
  publishedAt: Date | null;
  /** The date text as found, also for partial dates. */
  publishedText: string | null;
  author: string | null;
  /** Paragraphs (and the article's own sub-headings) joined by a blank line. */
  body: string;
  /** 'ar', 'fr', 'en' or 'und'. */
  language: string;
}

const MAX_GAP = 3;
const HEADER_REACH = 8;
const TAIL_REACH = 8;
const TITLE_MAX = 200;

function checkReadable(raw: string): void {
  if (raw.trim() === '') throw new PageParseError('the page is empty (no text to read a title or body from)');
  const bad = (raw.match(/[\u0000-\u0008\u000E-\u001F\uFFFD]/g) ?? []).length;
  if (raw.includes('\u0000') || bad > Math.max(2, raw.length * 0.01)) {
    throw new PageParseError(`the page looks binary, not text (${bad} control or undecodable characters)`);
  }
}

interface Run {
  first: number;
  last: number;
  chars: number;
}

/** Runs of paragraphs separated by at most MAX_GAP short lines and no hard break. */
function paragraphRuns(lines: Line[], isMeta: (l: Line) => boolean): Run[] {
  const runs: Run[] = [];
  let current: Run | null = null;
  let gap = 0;
  let broken = false;
  lines.forEach((l, i) => {
    if (l.kind === 'paragraph' && !isMeta(l)) {
      if (current !== null && gap <= MAX_GAP && !broken) {
        current.last = i;
        current.chars += l.text.length;
      } else {
        current = { first: i, last: i, chars: l.text.length };
        runs.push(current);
      }
      gap = 0;
      broken = false;
    } else if (HARD_BREAK.has(l.kind)) broken = true;
    else gap++;
  });
  return runs;
}

const candidateKinds = new Set(['text', 'paragraph', 'repeated', 'list']);
function firstWords(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.lastIndexOf(' ', max);
  return `${s.slice(0, cut > 0 ? cut : max)} …`;
}

/** The first complete date among metadata lines; partial dates are only a fallback, kept as text. */
function pickDate(metas: LineMeta[]): ParsedDate | null {
  return metas.find((m) => m.date?.date != null)?.date ?? null;
}

const SOURCE_RANK: Record<NonNullable<LineMeta['sourceVia']>, number> = { cited: 0, dateline: 1, published: 1, more: 3 };

export function parsePage(raw: string): ParsedPage {
  checkReadable(raw);
  const metaCache = new Map<string, LineMeta>();
  const metaOf = (text: string): LineMeta => {
    let m = metaCache.get(text);
    if (m === undefined) metaCache.set(text, (m = readMeta(text)));
    return m;
  };
  // Metadata lines are short and are not sentences; a dated sentence of the article stays article.
  const isMetaText = (text: string, words: number) => words <= 14 && !/[.!?؟]$/u.test(text) && hasMeta(metaOf(text));
  const lines = classifyLines(raw, (text) => isMetaText(text, text.split(/\s+/).length));
  const isMeta = (l: Line) => isMetaText(l.text, l.words);

  const runs = paragraphRuns(lines, isMeta);
  const best = runs.reduce<Run | null>((a, r) => (a === null || r.chars > a.chars ? r : a), null);

  let first: number;
  let last: number;
  if (best !== null) {
    ({ first, last } = best);
    // A long title reads as a paragraph; when metadata follows it, the article starts after the metadata.
    for (let i = first + 1; i <= Math.min(first + 3, last); i++) {
      if (isMeta(lines[i]!)) {
        const next = lines.findIndex((l, k) => k > i && k <= last && l.kind === 'paragraph' && !isMeta(l));
        if (next > 0) first = next;
      }
    }
  } else {
    // No paragraph anywhere: a short item. Everything that is neither furniture nor metadata is the text.
    const usable = lines
      .map((l, i) => ({ l, i }))
      .filter(({ l }) => (l.kind === 'text' || l.kind === 'repeated') && !isMeta(l) && siteNameLine(l.text) === null);
    if (usable.length < 2) throw new PageParseError('no article found: the page has no title and body apart from menus, lists and notices');
    first = usable[1]!.i;
    last = usable[usable.length - 1]!.i;
  }

  // Header: the lines just above the body, up to the nearest list, ticker or section break.
  const header: number[] = [];
  for (let i = first - 1; i >= 0 && header.length < HEADER_REACH; i--) {
    if (HARD_BREAK.has(lines[i]!.kind) && !(best === null && lines[i]!.kind === 'list')) break;
    header.unshift(i);
  }
  const anchors = header.filter((i) => isMeta(lines[i]!));
  const candidates = header.filter((i) => candidateKinds.has(lines[i]!.kind) && !isMeta(lines[i]!) && siteNameLine(lines[i]!.text) === null);
  const firstAnchor = anchors[0];
  const titled = (i: number) => lines[i]!.words >= 3;
  let titleIndex: number | undefined =
    firstAnchor === undefined
      ? candidates.find(titled)
      : candidates
          .filter((i) => i < firstAnchor)
          .reverse()
          .find(titled);
  titleIndex ??= candidates.find(titled) ?? candidates[0];
  if (titleIndex === undefined) {
    // The title may sit in a block of short lines (a menu right above it): the nearest usable line above.
    for (let i = first - 1; i >= 0; i--) {
      const l = lines[i]!;
      if ((l.kind === 'text' || l.kind === 'list' || l.kind === 'repeated') && l.words >= 3 && !isMeta(l)) {
        titleIndex = i;
        break;
      }
    }
  }

  let author: string | null = null;
  const lead: string[] = [];
  for (const i of candidates) {
    if (titleIndex === undefined || i <= titleIndex) continue;
    const l = lines[i]!;
    if (author === null && isNameLike(l.text)) author = l.text;
    else if (l.words >= 5) lead.push(l.text);
  }

  const bodyLines: string[] = [...lead];
  const inner: LineMeta[] = [];
  for (let i = first; i <= last; i++) {
    const l = lines[i]!;
    if (l.kind !== 'paragraph' && l.kind !== 'text') continue;
    if (isMeta(l)) inner.push(metaOf(l.text));
    else bodyLines.push(l.text);
  }
  let title = titleIndex === undefined ? null : lines[titleIndex]!.text;
  if (title === null) {
    const opening = bodyLines[0];
    if (opening === undefined) throw new PageParseError('no article found: no title and no body text');
    title = firstWords(opening, TITLE_MAX);
  }
  if (bodyLines.length === 0) throw new PageParseError(`no article body found below the title "${firstWords(title, 60)}"`);
  const body = bodyLines.join('\n\n');

  // Metadata: header lines first, then lines just below the article (a closing "المصدر:", "نشر في").
  const headerMeta = header.filter((i) => i !== titleIndex && isMeta(lines[i]!)).map((i) => metaOf(lines[i]!.text));
  const tailMeta: LineMeta[] = [];
  for (let i = last + 1; i < lines.length && i <= last + TAIL_REACH; i++) {
    const l = lines[i]!;
    if (l.kind === 'ticker' || l.kind === 'duplicate' || l.kind === 'list') break;
    if (l.words <= 14) tailMeta.push(metaOf(l.text));
  }
  const all = [...headerMeta, ...inner, ...tailMeta];

  let source: SourceRef | null = null;
  let rank = Number.POSITIVE_INFINITY;
  for (const m of all) {
    if (m.source === null || m.sourceVia === null) continue;
    if (SOURCE_RANK[m.sourceVia] < rank) {
      source = m.source;
      rank = SOURCE_RANK[m.sourceVia];
    }
  }
  if (rank > 2) {
    // A site name above the page ("Atwasat") beats "more from"; the body's own mention comes last.
    const site = lines
      .slice(0, first)
      .map((l) => siteNameLine(l.text))
      .find((s) => s !== null && s !== undefined);
    if (site !== undefined && site !== null) source = site;
  }
  source ??= selfMention(body);

  const dateline = all.find((m) => m.dateline !== null)?.dateline ?? null;
  author ??= all.find((m) => m.author !== null)?.author ?? null;
  let date = pickDate(headerMeta) ?? pickDate([...inner, ...tailMeta]) ?? headerMeta.find((m) => m.date !== null)?.date ?? null;
  if (date === null) {
    // "يوم الجمعة 11 يونيو الجاري": a date in the opening paragraph said to be in the current month is
    // the best hint of when the piece was written; it is kept as text only.
    const opening = bodyLines.find((t) => t.split(/\s+/).length >= 8) ?? '';
    const hint = parseArabicDate(opening);
    if (hint !== null && hint.partial && /(?:الجاري|الحالي)/u.test(opening.slice(opening.indexOf(hint.text)))) date = hint;
  }

  return {
    title,
    source: source?.name ?? null,
    sourceKey: source?.key ?? null,
    dateline,
    publishedAt: date?.date ?? null,
    publishedText: date?.text ?? null,
    author,
    body,
    language: detectLanguage(body),
  };
}
