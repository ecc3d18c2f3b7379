// Publication dates as the Arab press writes them: three series of Arabic month names, Arabic-Indic
// digits, day names, 12-hour times with صباحا/مساء, and the numeric forms CSV exports use (ISO included).
//
// Times without a zone are kept as UTC wall-clock: "23 يوليو 2016, 08:09 مساء" becomes
// 2016-07-23T20:09:00Z. Pages rarely say which zone they mean, and the wall-clock reading is what an
// analyst compares across outlets; an explicit ISO offset ("+02:00", "Z") is honoured.
import { fold, originalSpan } from './fold.js';
import type { Folded } from './fold.js';
import { DAY_NAMES, MONTHS, MONTH_BY_NAME, alternation } from './names.js';

export interface ParsedDate {
  /** The moment, when the year, month and day are all known; null for a partial date. */
  date: Date | null;
  /** The date text as found in the input (day name and time included when present). */
  text: string;
  /** True when the text names a date without a year (or without a day). */
  partial: boolean;
}

const NOT_LETTER_BEFORE = '(?<![\\p{L}\\p{M}])';
const NOT_LETTER_AFTER = '(?![\\p{L}\\p{M}])';
const MONTH = `${NOT_LETTER_BEFORE}(?:ال)?(${alternation(MONTHS.flatMap(([, names]) => names))})\\.?${NOT_LETTER_AFTER}`;
const MONTH_ALT = `(?:\\s*[/(-]\\s*(?:ال)?(?:${alternation(MONTHS.flatMap(([, names]) => names))})\\)?${NOT_LETTER_AFTER})?`;
const YEAR_WORD = '(?:(?:سنه|عام|لعام)\\s+)?';
const YEAR = '(\\d{4})(?!\\d)';

// Each pattern yields named parts through a small adapter below; order does not matter, the earliest
// complete date in the text wins.
const DAY_MONTH_YEAR = new RegExp(
  `(?<!\\d)(\\d{1,2})(?:er|st|nd|rd|th)?\\s*(?:من\\s+)?(?:شهر\\s+)?${MONTH}${MONTH_ALT}(?:\\s*[,.]?\\s*${YEAR_WORD}${YEAR})?`,
  'gu',
);
const MONTH_DAY_YEAR = new RegExp(`${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?(?!\\d)\\s*,?\\s*${YEAR}`, 'gu');
const MONTH_YEAR = new RegExp(`${MONTH}${MONTH_ALT}\\s*,?\\s*${YEAR}`, 'gu');
const ISO = /(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(z|[+-]\d{2}:?\d{2})?)?(?!\d)/gu;
const NUMERIC_DMY = /(?<![\d.:])(\d{1,2})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{4})(?!\d)/gu;
const NUMERIC_YMD = /(?<!\d)(\d{4})\s*([/.])\s*(\d{1,2})\s*\2\s*(\d{1,2})(?![\d.:])/gu;

const DAY_BEFORE = new RegExp(`(?:(?:يوم|le)\\s+)?${NOT_LETTER_BEFORE}(?:${alternation(DAY_NAMES)})\\.?\\s*[,-]?\\s*(?:(?:le|the)\\s+)?$`, 'u');
const MERIDIEM = '(صباحا|مساءا|مساء|ظهرا|فجرا|ليلا|ص|م|am|pm|a\\.m\\.|p\\.m\\.)';
const TIME_AFTER = new RegExp(
  `^\\s*[,|-]?\\s*(?:(?:على\\s+|علي\\s+)?(?:الساعه|a|à|at|-)\\s*)?(\\d{1,2})\\s*[:h]\\s*(\\d{2})(?::(\\d{2}))?(?:\\s*${MERIDIEM}${NOT_LETTER_AFTER})?`,
  'u',
);
const TIME_BEFORE = new RegExp(`(\\d{1,2}):(\\d{2})(?::(\\d{2}))?(?:\\s*${MERIDIEM})?\\s*[,|-]?\\s*$`, 'u');

interface Found {
  start: number;
  end: number;
  year: number | null;
  month: number;
  day: number | null;
  /** ISO inputs carry their own time (and maybe zone); the others look for a time nearby. */
  iso?: { hour: number; minute: number; second: number; ms: number; zone: string | null } | undefined;
}

function validDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const probe = year ?? 2000;
  return day <= new Date(Date.UTC(probe, month, 0)).getUTCDate();
}

const plausibleYear = (y: number) => y >= 1900 && y <= 2100;

function collect(f: Folded): Found[] {
  const s = f.text;
  const found: Found[] = [];
  for (const m of s.matchAll(DAY_MONTH_YEAR)) {
    const day = Number(m[1]);
    const month = MONTH_BY_NAME.get(m[2]!.replace(/\s+/g, ' '))!;
    const year = m[3] === undefined ? null : Number(m[3]);
    if (!validDay(year ?? 2000, month, day) || (year !== null && !plausibleYear(year))) continue;
    found.push({ start: m.index, end: m.index + m[0].length, year, month, day });
  }
  for (const m of s.matchAll(MONTH_DAY_YEAR)) {
    const month = MONTH_BY_NAME.get(m[1]!.replace(/\s+/g, ' '))!;
    const day = Number(m[2]);
    const year = Number(m[3]);
    if (!validDay(year, month, day) || !plausibleYear(year)) continue;
    found.push({ start: m.index, end: m.index + m[0].length, year, month, day });
  }
  for (const m of s.matchAll(MONTH_YEAR)) {
    const month = MONTH_BY_NAME.get(m[1]!.replace(/\s+/g, ' '))!;
    const year = Number(m[2]);
    if (!plausibleYear(year)) continue;
    found.push({ start: m.index, end: m.index + m[0].length, year, month, day: null });
  }
  for (const m of s.matchAll(ISO)) {
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (!validDay(year, month, day) || !plausibleYear(year)) continue;
    const iso =
      m[4] === undefined
        ? undefined
        : {
            hour: Number(m[4]),
            minute: Number(m[5]),
            second: m[6] === undefined ? 0 : Number(m[6]),
            ms: m[7] === undefined ? 0 : Math.round(Number(`0.${m[7]}`) * 1000),
            zone: m[8] ?? null,
          };
    found.push({ start: m.index, end: m.index + m[0].length, year, month, day, iso });
  }
  for (const m of s.matchAll(NUMERIC_DMY)) {
    let [day, month] = [Number(m[1]), Number(m[3])];
    const year = Number(m[4]);
    // Day first is the convention of every outlet we read; month first only when nothing else fits.
    if (month > 12 && day <= 12) [day, month] = [month, day];
    if (!validDay(year, month, day) || !plausibleYear(year)) continue;
    found.push({ start: m.index, end: m.index + m[0].length, year, month, day });
  }
  for (const m of s.matchAll(NUMERIC_YMD)) {
    const [year, month, day] = [Number(m[1]), Number(m[3]), Number(m[4])];
    if (!validDay(year, month, day) || !plausibleYear(year)) continue;
    found.push({ start: m.index, end: m.index + m[0].length, year, month, day });
  }
  return found;
}

function to24(hour: number, meridiem: string | undefined): number {
  switch (meridiem) {
    case 'مساء':
    case 'مساءا':
    case 'م':
    case 'pm':
    case 'p.m.':
    case 'ليلا':
      return hour < 12 ? hour + 12 : hour;
    case 'ظهرا':
      return hour >= 1 && hour <= 5 ? hour + 12 : hour;
    case 'صباحا':
    case 'ص':
    case 'am':
    case 'a.m.':
    case 'فجرا':
      return hour === 12 ? 0 : hour;
    default:
      return hour;
  }
}

interface Time {
  hour: number;
  minute: number;
  second: number;
  start: number;
  end: number;
}

function timeNear(s: string, found: Found): Time | null {
  const after = TIME_AFTER.exec(s.slice(found.end));
  if (after !== null) {
    const t = { hour: to24(Number(after[1]), after[4]), minute: Number(after[2]), second: after[3] === undefined ? 0 : Number(after[3]) };
    if (t.hour < 24 && t.minute < 60 && t.second < 60) return { ...t, start: found.start, end: found.end + after[0].length };
  }
  const before = TIME_BEFORE.exec(s.slice(0, found.start));
  if (before !== null) {
    const t = { hour: to24(Number(before[1]), before[4]), minute: Number(before[2]), second: before[3] === undefined ? 0 : Number(before[3]) };
    if (t.hour < 24 && t.minute < 60 && t.second < 60) return { ...t, start: before.index, end: found.end };
  }
  return null;
}

function build(original: string, f: Folded, found: Found): ParsedDate {
  const s = f.text;
  let start = found.start;
  let end = found.end;
  let date: Date | null = null;
  if (found.iso !== undefined) {
    const { hour, minute, second, ms, zone } = found.iso;
    if (zone === null) date = new Date(Date.UTC(found.year!, found.month - 1, found.day!, hour, minute, second, ms));
    else {
      const offset = zone === 'z' ? 'Z' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
      const pad = (n: number, w = 2) => String(n).padStart(w, '0');
      date = new Date(`${found.year}-${pad(found.month)}-${pad(found.day!)}T${pad(hour)}:${pad(minute)}:${pad(second)}.${pad(ms, 3)}${offset}`);
    }
  } else {
    // The day name belongs to the date, so a time written before it ("08:09 مساء - السبت 23 ...") is found.
    const day = DAY_BEFORE.exec(s.slice(0, start));
    if (day !== null) start = day.index;
    const time = timeNear(s, { ...found, start });
    if (time !== null) {
      start = Math.min(start, time.start);
      end = Math.max(end, time.end);
    }
    if (found.year !== null && found.day !== null) {
      date = new Date(Date.UTC(found.year, found.month - 1, found.day, time?.hour ?? 0, time?.minute ?? 0, time?.second ?? 0));
    }
  }
  const day = DAY_BEFORE.exec(s.slice(0, start));
  if (day !== null) start = day.index;
  if (date !== null && Number.isNaN(date.getTime())) date = null;
  return { date, text: originalSpan(original, f, start, end).trim(), partial: date === null };
}

/**
 * The first date in `text`: the earliest complete one, else the earliest partial one (no year, or no
 * day), else null. Never throws.
 */
export function parseArabicDate(text: string): ParsedDate | null {
  const f = fold(text);
  const found = collect(f);
  if (found.length === 0) return null;
  const byPosition = (a: Found, b: Found) => a.start - b.start || b.end - b.start - (a.end - a.start);
  const complete = found.filter((x) => x.year !== null && x.day !== null).sort(byPosition);
  const best = complete[0] ?? found.sort(byPosition)[0]!;
  return build(text, f, best);
}
