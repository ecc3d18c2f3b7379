// Labels and resolved articles → rows of cells, in the order exportColumns() names them.
import type { ResolvedField } from '../labels/resolve.js';
import type { ResolvedRow } from '../labels/resolved-stream.js';
import type { CsvCell } from '../table/csv-write.js';
import { stanceColumn } from './columns.js';
import { isoUtc } from './iso-time.js';
import type { LabelArticle, StoredLabel } from '../labels/label-types.js';

const iso = (d: Date | null): string | null => (d === null ? null : isoUtc(d));

function articleCells(a: LabelArticle): CsvCell[] {
  return [a.id, a.externalId, a.source, a.title, iso(a.publishedAt), a.nearDupGroup];
}

function textCells(a: LabelArticle, includeText: boolean): CsvCell[] {
  return includeText ? [a.url ?? null, a.contentHash ?? null, a.body ?? null] : [];
}

export function wideRow(l: StoredLabel, targets: readonly string[], includeText: boolean): CsvCell[] {
  return [
    ...articleCells(l.article),
    l.annotator,
    l.kind,
    l.topics,
    l.topicsLabeled,
    ...targets.map((t) => l.stance[t] ?? null),
    l.note,
    l.skipped,
    iso(l.confirmedAt),
    iso(l.updatedAt),
    l.version,
    ...textCells(l.article, includeText),
  ];
}

/** One row per field: each topic, each stance target, the note (when there is one), skipped and topics_labeled. */
export function longRows(l: StoredLabel, targets: readonly string[], includeText: boolean): CsvCell[][] {
  const head = [...articleCells(l.article), l.annotator, l.kind, l.version, iso(l.confirmedAt), iso(l.updatedAt)];
  const text = textCells(l.article, includeText);
  const fields: [string, CsvCell][] = [
    ...l.topics.map((t): [string, CsvCell] => ['topic', t]),
    ...orderedTargets(l.stance, targets).map((t): [string, CsvCell] => [stanceColumn(t), l.stance[t]!]),
  ];
  if (l.note !== null) fields.push(['note', l.note]);
  fields.push(['skipped', l.skipped], ['topics_labeled', l.topicsLabeled]);
  return fields.map(([field, value]) => [...head, field, value, ...text]);
}

export function resolvedWideRow(r: ResolvedRow, targets: readonly string[], includeText: boolean): CsvCell[] {
  const field = <T extends CsvCell>(f: ResolvedField<T> | null | undefined): CsvCell[] =>
    f === null || f === undefined ? [null, null, null, null] : [f.value, f.agreed, f.of, f.by];
  return [
    ...articleCells(r.article),
    r.resolved.annotators,
    ...field(r.resolved.topics),
    ...targets.flatMap((t) => field(r.resolved.stance[t])),
    ...textCells(r.article, includeText),
  ];
}

export function resolvedLongRows(r: ResolvedRow, targets: readonly string[], includeText: boolean): CsvCell[][] {
  const head = [...articleCells(r.article), r.resolved.annotators];
  const text = textCells(r.article, includeText);
  const rows: CsvCell[][] = [];
  const t = r.resolved.topics;
  if (t !== null) rows.push([...head, 'topics', t.value, t.agreed, t.of, t.by, ...text]);
  for (const target of orderedTargets(r.resolved.stance, targets)) {
    const f = r.resolved.stance[target]!;
    rows.push([...head, stanceColumn(target), f.value, f.agreed, f.of, f.by, ...text]);
  }
  return rows;
}

/** Targets present in `stance`, in the export's column order (codebook order, then others). */
function orderedTargets(stance: Readonly<Record<string, unknown>>, targets: readonly string[]): string[] {
  const known = targets.filter((t) => stance[t] !== undefined);
  const extra = Object.keys(stance)
    .filter((t) => !targets.includes(t))
    .sort();
  return [...known, ...extra];
}
