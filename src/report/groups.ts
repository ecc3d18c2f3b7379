// What a report groups articles by. Months, weeks (ISO 8601) and years are UTC calendar periods,
// so a report reads the same on every machine whatever its time zone.
export const GROUP_BYS = ['source', 'month', 'week', 'year', 'dateline'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

export interface GroupedArticle {
  source: string | null;
  publishedAt: Date | null;
  dateline: string | null;
}

export const NO_SOURCE = '(no source)';
export const NO_DATE = '(no date)';
export const NO_DATELINE = '(no dateline)';
/** Joins the parts of a group made of several keys (`--by source,month`). */
export const GROUP_SEPARATOR = ' / ';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** ISO 8601 week of a UTC date, e.g. 2016-W07 (the week's Thursday decides its year). */
export function isoWeek(d: Date): string {
  const day = (d.getUTCDay() + 6) % 7; // Monday 0
  const thursday = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day + 3));
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000));
  return `${year}-W${pad(week)}`;
}

export function groupPart(by: GroupBy, a: GroupedArticle): string {
  switch (by) {
    case 'source':
      return a.source === null || a.source.trim() === '' ? NO_SOURCE : a.source.trim();
    case 'dateline':
      return a.dateline === null || a.dateline.trim() === '' ? NO_DATELINE : a.dateline.trim();
    case 'year':
      return a.publishedAt === null ? NO_DATE : String(a.publishedAt.getUTCFullYear());
    case 'month':
      return a.publishedAt === null ? NO_DATE : `${a.publishedAt.getUTCFullYear()}-${pad(a.publishedAt.getUTCMonth() + 1)}`;
    case 'week':
      return a.publishedAt === null ? NO_DATE : isoWeek(a.publishedAt);
  }
}

/** The group an article falls in: `all` without --by. */
export function groupKey(by: readonly GroupBy[], a: GroupedArticle): string {
  if (by.length === 0) return 'all';
  return by.map((b) => groupPart(b, a)).join(GROUP_SEPARATOR);
}
