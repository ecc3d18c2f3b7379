// A page is read line by line; every line gets a kind from its own features (length, vocabulary,
// repetition, neighbours) before any decision about title or body is made.
import { foldKey } from '../dates/fold.js';
import { CODE_TOKEN, NOISE_RULES } from './vocabulary.js';
import type { NoiseRule } from './vocabulary.js';

export type LineKind =
  /** One headline of a ticker: several headlines on one physical line, separated by wide gaps. */
  | 'ticker'
  /** The same line twice in a row (or once cut with "..."): a related-headlines list. */
  | 'duplicate'
  /** Three or more short headline-like lines in a row: a menu, a ticker, a list of links. */
  | 'list'
  /** A section header that closes the article ("عناوين ذات صلة", "تعليقات", "المزيد من ..."). */
  | 'closer'
  /** A button, share bar, notice, "read also" link. */
  | 'noise'
  /** Markup residue such as WTV_Frequency. */
  | 'code'
  /** A short line seen elsewhere in the page too (menus repeated in header and footer). */
  | 'repeated'
  /** Sentence-like and long enough to be article text. */
  | 'paragraph'
  /** Anything else: titles, sub-headings, bylines, datelines, captions. */
  | 'text';

export interface Line {
  /** 1-based physical line number in the raw text. */
  no: number;
  text: string;
  /** Folded, punctuation removed, spaces collapsed: for comparing lines and matching vocabulary. */
  key: string;
  words: number;
  kind: LineKind;
  /** A blank line separates this line from the previous one. */
  afterBlank: boolean;
}

/** Lines that can never be part of the article and stop any run of paragraphs across them. */
export const HARD_BREAK: ReadonlySet<LineKind> = new Set(['ticker', 'duplicate', 'list', 'closer']);

export function lineKey(text: string): string {
  return foldKey(text)
    .replace(/[^\p{L}\p{N}\s]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function countWords(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

const TICKER_GAP = /\s{3,}|\t+/;
const SENTENCE_END = /[.!?؟…:]["»”’)]?$/u;
const BULLET = /^[-•*▪●◦–]\s*/u;
const TRUNCATED = /(?:\.{2,}|…)\s*$/u;

function ruleKeys(rule: NoiseRule): string {
  return lineKey(rule.phrase);
}
const RULES = NOISE_RULES.map((r) => ({ ...r, key: ruleKeys(r) }));

function vocabularyKind(key: string, words: number): 'noise' | 'closer' | null {
  for (const r of RULES) {
    if (words > r.maxWords || r.key === '') continue;
    const hit = r.at === 'whole' ? key === r.key : r.at === 'start' ? key === r.key || key.startsWith(`${r.key} `) : ` ${key} `.includes(` ${r.key} `);
    if (hit) return r.closes === true ? 'closer' : 'noise';
  }
  return null;
}

function isParagraph(text: string, words: number): boolean {
  return words >= 15 || (words >= 8 && SENTENCE_END.test(text));
}

/** `a` and `b` are one headline, possibly cut short with "..." in one of them. */
function sameHeadline(a: Line, b: Line): boolean {
  if (a.key === '' || b.key === '') return false;
  if (a.key === b.key) return true;
  const [cut, full] = TRUNCATED.test(a.text) ? [a, b] : TRUNCATED.test(b.text) ? [b, a] : [null, null];
  if (cut === null || full === null || cut.words < 3) return false;
  // The cut may fall inside a word ("لترحيل ..." vs "لترحيل اللاجئين"), so compare whole words but the last.
  const stem = cut.key.split(' ').slice(0, -1).join(' ');
  return stem.length > 0 && full.key.startsWith(stem);
}

/**
 * Split and classify. `isMeta` tells datelines, dates and bylines apart from headline lists: three short
 * lines in a row are a list unless one of them is page metadata.
 */
export function classifyLines(raw: string, isMeta: (text: string) => boolean): Line[] {
  const lines: Line[] = [];
  let afterBlank = false;
  raw.split(/\r\n|\r|\n/).forEach((physical, i) => {
    const trimmed = physical.replace(/^[\s\uFEFF]+|[\s\uFEFF]+$/gu, '');
    if (trimmed === '') {
      afterBlank = lines.length > 0;
      return;
    }
    const segments = trimmed
      .split(TICKER_GAP)
      .map((s) => s.trim())
      .filter((s) => s !== '');
    const ticker = segments.length >= 3;
    for (const segment of ticker ? segments : [segments.join(' ')]) {
      const text = segment.replace(/\s+/g, ' ');
      const words = countWords(text);
      lines.push({ no: i + 1, text, key: lineKey(text), words, kind: ticker ? 'ticker' : 'text', afterBlank });
      afterBlank = false;
    }
  });

  const counts = new Map<string, number>();
  for (const l of lines) counts.set(l.key, (counts.get(l.key) ?? 0) + 1);

  for (const l of lines) {
    if (l.kind === 'ticker') continue;
    const vocab = vocabularyKind(l.key, l.words);
    if (!/\s/.test(l.text) && CODE_TOKEN.test(l.text)) l.kind = 'code';
    else if (vocab !== null) l.kind = vocab;
    else if (isParagraph(l.text, l.words)) l.kind = 'paragraph';
    else if ((counts.get(l.key) ?? 0) > 1 && l.words <= 15) l.kind = 'repeated';
  }

  for (let i = 0; i + 1 < lines.length; i++) {
    const a = lines[i]!;
    const b = lines[i + 1]!;
    if (a.kind === 'ticker' || b.kind === 'ticker' || b.afterBlank) continue;
    if (sameHeadline(a, b)) a.kind = b.kind = 'duplicate';
  }

  // Runs of short headline-like lines with no blank line between them.
  let start = 0;
  while (start < lines.length) {
    let end = start;
    const listy = (l: Line) => (l.kind === 'text' || l.kind === 'repeated' || l.kind === 'duplicate') && !BULLET.test(l.text) && !isMeta(l.text);
    if (!listy(lines[start]!)) {
      start++;
      continue;
    }
    while (end + 1 < lines.length && !lines[end + 1]!.afterBlank && listy(lines[end + 1]!)) end++;
    if (end - start + 1 >= 3) for (let k = start; k <= end; k++) if (lines[k]!.kind !== 'duplicate') lines[k]!.kind = 'list';
    start = end + 1;
  }
  return lines;
}
