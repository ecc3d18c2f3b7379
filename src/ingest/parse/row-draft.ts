// CSV and JSONL records → article drafts and raw label values, by the user's column mapping.
import { parseArabicDate } from './dates/parse-date.js';
import { splitTitle } from '../draft.js';
import type { ArticleDraft } from '../draft.js';
import { InputError } from '../../input-error.js';
import type { ColumnMapping } from '../options.js';
import type { InputRecord } from '../../table/records.js';

export interface RawLabels {
  topics: string[];
  /** [target as written, value as written] */
  stance: [string, string] | null;
}

const FLAG_OF: Record<keyof ColumnMapping, string> = {
  text: '--text-col',
  title: '--title-col',
  id: '--id-col',
  source: '--source-col',
  date: '--date-col',
  url: '--url-col',
  topic: '--topic-col',
  stance: '--stance-col',
  target: '--target-col',
};

/** Fills in the text column when obvious and checks every mapped column exists in the file. */
export function resolveMapping(mapping: ColumnMapping, columns: string[], file: string, hasTargetName: boolean): ColumnMapping {
  const resolved = { ...mapping };
  if (resolved.text === undefined) {
    const guess = ['text', 'body', 'content', 'article'].find((c) => columns.includes(c));
    if (guess === undefined) {
      throw new InputError(file, `no text column: pass --text-col (columns are: ${columns.join(', ')})`);
    }
    resolved.text = guess;
  }
  for (const [key, column] of Object.entries(resolved) as [keyof ColumnMapping, string | undefined][]) {
    if (column !== undefined && !columns.includes(column)) {
      throw new InputError(file, `column "${column}" (${FLAG_OF[key]}) is not in the file (columns are: ${columns.join(', ')})`);
    }
  }
  if (resolved.stance !== undefined && resolved.target === undefined && !hasTargetName) {
    throw new InputError(file, '--stance-col needs the target: --target-col COLUMN (per row) or --target NAME');
  }
  return resolved;
}

function cell(record: InputRecord, column: string | undefined): string | null {
  if (column === undefined) return null;
  const value = record.fields[column];
  if (value === undefined || value === null) return null;
  const text = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return text.trim() === '' ? null : text;
}

export function draftFromRecord(record: InputRecord, m: ColumnMapping, file: string): ArticleDraft {
  const where = (field: string | undefined) => ({ row: record.row, ...(field === undefined ? {} : { field }) });
  const text = cell(record, m.text);
  if (text === null) throw new InputError(file, 'the text is empty', where(m.text));
  const titleCell = cell(record, m.title);
  const { title, body } = titleCell === null ? splitTitle(text) : { title: titleCell.trim(), body: text.trim() };
  const dateCell = cell(record, m.date);
  let publishedAt: Date | null = null;
  if (dateCell !== null) {
    const parsed = parseArabicDate(dateCell);
    if (parsed === null) throw new InputError(file, `"${dateCell}" is not a date Mizan can read`, where(m.date));
    publishedAt = parsed.date;
  }
  return {
    externalId: cell(record, m.id),
    source: cell(record, m.source),
    sourceKey: null,
    url: cell(record, m.url),
    title,
    body,
    rawText: titleCell === null ? text : `${titleCell}\n\n${text}`,
    language: 'und',
    publishedAt,
    publishedText: dateCell,
    dateline: null,
    author: null,
  };
}

export function labelsFromRecord(record: InputRecord, m: ColumnMapping, targetName: string | undefined): RawLabels | null {
  const topicCell = cell(record, m.topic);
  const stanceCell = cell(record, m.stance);
  if (topicCell === null && stanceCell === null) return null;
  const topics =
    topicCell === null
      ? []
      : topicCell
          .split('|')
          .map((t) => t.trim())
          .filter((t) => t !== '');
  const target = cell(record, m.target) ?? targetName ?? null;
  return { topics, stance: stanceCell === null || target === null ? null : [target.trim(), stanceCell.trim()] };
}
