// `mizan classify`: rows of a CSV/JSONL file → predictions, streamed in batches through predict().
// Output columns: id, topic, topic_score; with a target column: target, stance, stance_score for
// the target named on the row; without: stance:<target> and stance_score:<target> per trained target;
// with --explain: evidence (the n-grams behind each prediction).
import { stat } from 'node:fs/promises';
import type { Readable, Writable } from 'node:stream';
import { InputError } from '../input-error.js';
import type { InputRecord } from '../table/records.js';
import type { LoadedModel } from './io.js';
import { matchEntry } from './match.js';
import { inferenceModel, predict } from './predict.js';
import { defaultThreads, PredictPool } from './predict-pool.js';
import { cellString, formatOf, openTable, openWriter, requireColumn } from '../table/table-io.js';
import type { TableFormat } from '../table/table-io.js';
import type { Prediction } from './types.js';

export interface TableOptions {
  input: string;
  output?: string;
  textCol: string;
  idCol?: string;
  targetCol?: string;
  format?: TableFormat;
  explain?: boolean;
  batchSize?: number;
  /** Prediction threads (worker_threads) besides the reading/writing main thread; 1 predicts inline. */
  threads?: number;
  /** A running pool to use instead of starting one (left open; `threads` is then ignored). */
  pool?: PredictPool;
  stdin: Readable;
  stdout: Writable;
}

export interface Row {
  record: InputRecord;
  id: string;
  text: string;
  /** The model's target key for the row's target cell (with a target column). */
  target?: string;
}

/** Reads, checks columns, and yields batches of rows with their predictions. */
export async function* predictedBatches(model: LoadedModel, opts: TableOptions): AsyncGenerator<{ rows: Row[]; predictions: Prediction[] }> {
  const format = formatOf(opts.input, opts.format);
  const source = await openTable(opts.input, opts.stdin, format);
  const columns = source.columns();
  const file = opts.input === '-' ? '(stdin)' : opts.input;
  // JSONL columns are only known row by row: check each row there, the header here for CSV.
  const checkEach = format === 'jsonl';
  const needed: [string, string | undefined][] = [
    ['--text-col', opts.textCol],
    ['--id-col', opts.idCol],
    ['--target-col', opts.targetCol],
  ];
  if (!checkEach) for (const [flag, col] of needed) if (col !== undefined) requireColumn(file, columns, flag, col);

  const size = opts.batchSize ?? 256;
  const explain = opts.explain === true;
  // With threads, full batches go to the pool and up to two per thread are in flight while this
  // thread reads and writes rows; they are yielded in input order. An input of one batch or less
  // is predicted here, without starting threads, and so are the batches that come before any
  // thread has started (so the threads' start-up is not time lost).
  const wanted = opts.pool?.size ?? opts.threads ?? defaultThreads();
  const threads = wanted > 1 && inferenceModel(model).layout !== null ? wanted : 1;
  let pool: PredictPool | null = opts.pool ?? null;
  const inFlight: { rows: Row[]; predictions: Promise<Prediction[]> }[] = [];
  const inline = (rows: Row[]) => ({
    rows,
    predictions: predict(
      model,
      rows.map((r) => r.text),
      { explain },
    ),
  });
  const submit = (rows: Row[]) => {
    pool ??= new PredictPool(model, threads);
    // Until a thread has started, this thread predicts (in order, like any batch in flight).
    const predictions = pool.ready
      ? pool.predict(
          rows.map((r) => r.text),
          { explain },
        )
      : Promise.resolve(inline(rows).predictions);
    predictions.catch(() => {}); // awaited in order below; one left behind by an input error must not go unhandled
    inFlight.push({ rows, predictions });
    return pool.size * 2;
  };
  let batch: Row[] = [];
  try {
    for await (const record of source.records()) {
      const f = record.fields;
      if (checkEach) {
        for (const [flag, col] of needed) {
          if (col !== undefined && !(col in f)) throw new InputError(file, `has no field "${col}" (${flag})`, { line: record.row, field: col });
        }
      }
      const row: Row = { record, id: opts.idCol === undefined ? String(record.row) : cellString(f[opts.idCol]), text: cellString(f[opts.textCol]) };
      if (opts.targetCol !== undefined) {
        const raw = cellString(f[opts.targetCol]);
        const key = matchEntry(model.metadata.codebook.targets, raw);
        if (key === undefined) {
          const known = model.metadata.codebook.targets.map((t) => t.key).join(', ');
          throw new InputError(file, `target "${raw}" is not in the model's codebook (targets: ${known})`, { row: record.row, field: opts.targetCol });
        }
        row.target = key; // a known target without a trained head gets empty stance cells
      }
      batch.push(row);
      if (batch.length < size) continue;
      const rows = batch;
      batch = [];
      if (threads === 1) {
        yield inline(rows);
        continue;
      }
      const most = submit(rows);
      while (inFlight.length >= most) {
        const done = inFlight.shift()!;
        yield { rows: done.rows, predictions: await done.predictions };
      }
    }
    if (batch.length > 0) {
      if (pool === null || inFlight.length === 0) yield inline(batch);
      else submit(batch);
    }
    while (inFlight.length > 0) {
      const done = inFlight.shift()!;
      yield { rows: done.rows, predictions: await done.predictions };
    }
  } finally {
    if (opts.pool === undefined) await pool?.close();
  }
}

export function outputColumns(model: LoadedModel, opts: Pick<TableOptions, 'targetCol' | 'explain'>): string[] {
  const cols = ['id'];
  if (model.heads.some((h) => h.field === 'topics')) cols.push('topic', 'topic_score');
  if (opts.targetCol !== undefined) cols.push('target', 'stance', 'stance_score');
  else {
    for (const h of model.heads) {
      if (!h.field.startsWith('stance:')) continue;
      const t = h.field.slice('stance:'.length);
      cols.push(`stance:${t}`, `stance_score:${t}`);
    }
  }
  if (opts.explain === true) cols.push('evidence');
  return cols;
}

/** The chosen topic(s): the best one, or for a multi-label model every topic over 0.5 (at least one). */
export function chosenTopics(model: LoadedModel, p: Prediction): { labels: string[]; score: number } {
  if (p.topics.length === 0) return { labels: [], score: 0 };
  const multi = model.heads.find((h) => h.field === 'topics')?.kind === 'sigmoid';
  const over = multi ? p.topics.filter((t) => t.score >= 0.5) : [];
  const picked = over.length > 0 ? over : [p.topics[0]!];
  return { labels: picked.map((t) => t.label), score: picked[0]!.score };
}

const round = (x: number): number => Math.round(x * 1e4) / 1e4;

export function outputRow(model: LoadedModel, row: Row, p: Prediction, opts: Pick<TableOptions, 'targetCol' | 'explain'>): Record<string, unknown> {
  const out: Record<string, unknown> = { id: row.id };
  if (model.heads.some((h) => h.field === 'topics')) {
    const t = chosenTopics(model, p);
    out['topic'] = t.labels.join('|');
    out['topic_score'] = round(t.score);
  }
  if (opts.targetCol !== undefined) {
    const s = row.target === undefined ? undefined : p.stance[row.target];
    out['target'] = row.target ?? '';
    out['stance'] = s?.label ?? '';
    out['stance_score'] = s === undefined ? '' : round(s.score);
  } else {
    for (const [t, s] of Object.entries(p.stance)) {
      out[`stance:${t}`] = s.label;
      out[`stance_score:${t}`] = round(s.score);
    }
  }
  if (opts.explain === true) {
    const fields = new Set([
      'topics',
      ...(opts.targetCol !== undefined ? (row.target === undefined ? [] : [`stance:${row.target}`]) : Object.keys(p.stance).map((t) => `stance:${t}`)),
    ]);
    out['evidence'] = (p.evidence ?? []).filter((e) => fields.has(e.field)).map((e) => ({ ...e, weight: round(e.weight) }));
  }
  return out;
}

export async function classifyTable(model: LoadedModel, opts: TableOptions & { output: string }): Promise<number> {
  if (opts.output !== '-' && (await stat(opts.output).catch(() => null))?.isDirectory() === true) {
    throw new InputError(opts.output, 'is a directory, expected a file name for --out');
  }
  const format = formatOf(opts.output, opts.format ?? (opts.input === '-' ? undefined : formatOf(opts.input, undefined)));
  const columns = outputColumns(model, opts);
  const writer = openWriter(opts.output, opts.stdout, format, columns);
  let n = 0;
  try {
    for await (const { rows, predictions } of predictedBatches(model, opts)) {
      for (let i = 0; i < rows.length; i++) await writer.write(outputRow(model, rows[i]!, predictions[i]!, opts));
      n += rows.length;
    }
  } finally {
    await writer.close();
  }
  return n;
}
