// A report as CSV (`group,field,value,count,share,low,high,method`), JSON (the report with the same
// records) or a terminal table: one row per group, each value's share as a bar with its 95 %
// interval drawn on it and written after it. Group names (Arabic outlets) go through the display
// code the labeling screen uses, so they read right to left whatever the terminal does with bidi.
import { formatCsvRow } from '../table/csv-write.js';
import { renderParagraph } from '../display/render.js';
import type { RtlMode } from '../display/render.js';
import { displayWidth } from '../display/width.js';
import { GROUP_SEPARATOR } from './groups.js';
import type { Report } from './report.js';

export const REPORT_FORMATS = ['table', 'csv', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const CSV_COLUMNS = ['group', 'field', 'value', 'count', 'share', 'low', 'high', 'method'] as const;

const round = (x: number) => Math.round(x * 1e4) / 1e4;

export function reportCsv(report: Report): string {
  const lines = [formatCsvRow(CSV_COLUMNS, { guard: false })];
  for (const r of report.records) lines.push(formatCsvRow([r.group, r.field, r.value, r.count, round(r.share), round(r.low), round(r.high), r.method]));
  return `${lines.join('\n')}\n`;
}

export function reportJson(report: Report): string {
  const records = report.records.map((r) => ({ ...r, share: round(r.share), low: round(r.low), high: round(r.high) }));
  return `${JSON.stringify({ ...report, records }, null, 2)}\n`;
}

export const METHOD_NAMES: Record<string, string> = {
  acc: 'adjusted classify-and-count (validation confusion matrix)',
  cc: 'classify-and-count (raw model predictions)',
  labeled: 'confirmed human labels',
};

export interface TableOptions {
  mode: RtlMode;
  /** Bar cells per value (default 10). */
  barWidth?: number;
  /** Widest part of a group name (default 40). */
  groupWidth?: number;
}

const pct = (x: number) => `${Math.round(x * 100)}`;

/** The bar: solid up to the interval's low end, shaded across the interval, the share marked. */
export function bar(share: number, low: number, high: number, scale: number, width: number): string {
  const at = (x: number) => Math.max(0, Math.min(width, Math.round((x / scale) * width)));
  const [l, h] = [at(low), at(high)];
  const s = Math.min(Math.max(at(share), l), Math.max(h, l));
  let out = '';
  for (let i = 0; i < width; i++) out += i < l ? '█' : i < h ? (i === Math.max(s - 1, l) ? '▓' : '░') : ' ';
  return out;
}

/**
 * A group name in visual order: each part (`source / month`) shaped and reordered on its own, so an
 * Arabic outlet reads right to left while "2016-02" stays as written; parts joined left to right.
 */
export function groupLabel(name: string, mode: RtlMode, most: number): string {
  return name
    .split(GROUP_SEPARATOR)
    .map((part) => renderParagraph(part, Math.max(1, Math.min(most, displayWidth(part))), mode)[0] ?? '')
    .join(GROUP_SEPARATOR);
}

const padCells = (s: string, width: number) => s + ' '.repeat(Math.max(0, width - displayWidth(s)));

export function reportTable(report: Report, opts: TableOptions): string {
  const W = opts.barWidth ?? 10;
  const methods = [...new Set(report.records.flatMap((r) => r.method.split('+')))];
  const by = report.by.length === 0 ? '' : ` by ${report.by.join(', ')}`;
  const out: string[] = [`${report.field}${by} · model ${report.modelVersion} · ${report.articles} articles`];
  out.push(`method: ${methods.map((m) => METHOD_NAMES[m] ?? m).join('; ')}; 95 % bootstrap intervals`);
  for (const n of report.notes) out.push(`note: ${n}`);
  const scale = Math.max(0.01, ...report.records.map((r) => r.high));
  out.push(`bars: █ up to the interval's low end, ▓ the estimate, ░ the rest of the interval; full bar = ${pct(scale)} %`);
  out.push('');

  const most = opts.groupWidth ?? 40;
  const names = new Map(report.groups.map((g) => [g.group, groupLabel(g.group, opts.mode, most)]));
  const gw = Math.max(5, ...[...names.values()].map(displayWidth));
  const cellWidth = W + 1 + 4 + 8;
  const nWidth = Math.max(1, ...report.groups.map((g) => g.articles.toLocaleString('en').length));
  const headCells = report.values.map((v) => (v.length > cellWidth ? `${v.slice(0, cellWidth - 1)}…` : v.padEnd(cellWidth)));
  out.push(`${'group'.padEnd(gw)}  ${'n'.padStart(nWidth)}  ${headCells.join('  ')}`.trimEnd());
  const byGroup = new Map<string, typeof report.records>();
  for (const r of report.records) {
    const list = byGroup.get(r.group) ?? [];
    list.push(r);
    byGroup.set(r.group, list);
  }
  for (const g of report.groups) {
    const cells = (byGroup.get(g.group) ?? []).map((r) => {
      const text = `${pct(r.share).padStart(3)}% ${`${pct(r.low)}–${pct(r.high)}`.padEnd(7)}`;
      return `${bar(r.share, r.low, r.high, scale, W)} ${text}`;
    });
    out.push(`${padCells(names.get(g.group)!, gw)}  ${g.articles.toLocaleString('en').padStart(nWidth)}  ${cells.join('  ')}`.trimEnd());
  }
  const labeled = report.groups.reduce((s, g) => s + g.labeled, 0);
  const total = report.groups.reduce((s, g) => s + g.articles, 0);
  out.push('');
  out.push(`${total.toLocaleString('en')} articles, ${labeled.toLocaleString('en')} of them counted by their confirmed human label`);
  return `${out.join('\n')}\n`;
}

export function formatReport(report: Report, format: ReportFormat, mode: RtlMode): string {
  return format === 'csv' ? reportCsv(report) : format === 'json' ? reportJson(report) : reportTable(report, { mode });
}
