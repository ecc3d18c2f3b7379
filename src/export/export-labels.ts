// `mizan export`: labels as CSV or JSONL, wide (one row per label) or long (one row per field),
// raw or resolved (one value per article and field), streamed from the database.
import type { Writable } from 'node:stream';
import type { PrismaClient } from '../db/generated/client.js';
import { streamResolved } from '../labels/resolved-stream.js';
import { exportColumns } from './columns.js';
import type { ExportFormat, Layout } from './columns.js';
import { UnknownAnnotatorError, UnknownCodebookVersionError } from './errors.js';
import { countLabels, streamLabels, usedTargets } from '../labels/label-stream.js';
import type { LabelFilter } from '../labels/label-types.js';
import { createSink } from './row-sink.js';
import { longRows, resolvedLongRows, resolvedWideRow, wideRow } from './rows.js';

export interface ExportOptions {
  format: ExportFormat;
  layout: Layout;
  /** One row per article with the value training would use. */
  resolved: boolean;
  annotator?: string;
  /** Labels updated at or after this instant. */
  since?: Date;
  codebookVersion?: number;
  /** CSV only: BOM and CRLF. */
  excel: boolean;
  includeText: boolean;
  /** Turn the formula-injection guard off (CSV). */
  raw: boolean;
  /** The SQLite file behind `db`, for the fast read path (see sqlite-label-stream.ts). */
  sqliteFile?: string;
  /** Called every few thousand labels read, and once at the end. */
  onProgress?: (labelsRead: number, total: number) => void;
}

export interface ExportSummary {
  columns: string[];
  /** Data rows written (header not counted). */
  rows: number;
  /** Labels read from the database. */
  labels: number;
  /** Codebook versions the exported labels were made under, ascending (not for --resolved). */
  versions: number[];
}

type Db = Pick<PrismaClient, '$queryRaw' | 'annotator' | 'codebookVersion' | 'stanceTarget'>;

const PROGRESS_EVERY = 5000;

export async function exportLabels(db: Db, out: Writable, opts: ExportOptions): Promise<ExportSummary> {
  const filter = await buildFilter(db, opts);
  const targets = await stanceTargets(db, filter);
  const columns = exportColumns({ layout: opts.layout, resolved: opts.resolved, includeText: opts.includeText, targets });
  const sink = createSink(out, opts.format, { excel: opts.excel, guard: !opts.raw });
  await sink.header(columns);
  const stream = { includeText: opts.includeText, ...(opts.sqliteFile === undefined ? {} : { sqliteFile: opts.sqliteFile }) };
  const total = opts.onProgress === undefined ? 0 : await countLabels(db, filter);
  let rows = 0;
  let labels = 0;
  const versions = new Set<number>();
  const tick = () => {
    labels++;
    if (labels % PROGRESS_EVERY === 0) opts.onProgress?.(labels, total);
  };

  if (opts.resolved) {
    let seen = 0;
    for await (const r of streamResolved(db, filter, stream)) {
      const lines = opts.layout === 'wide' ? [resolvedWideRow(r, targets, opts.includeText)] : resolvedLongRows(r, targets, opts.includeText);
      for (const line of lines) await sink.row(line);
      rows += lines.length;
      if (++seen % 1000 === 0) opts.onProgress?.(seen, 0);
    }
    labels = total;
  } else {
    for await (const label of streamLabels(db, filter, stream)) {
      tick();
      versions.add(label.version);
      if (opts.layout === 'wide') {
        await sink.row(wideRow(label, targets, opts.includeText));
        rows++;
      } else {
        const lines = longRows(label, targets, opts.includeText);
        for (const line of lines) await sink.row(line);
        rows += lines.length;
      }
    }
  }
  await sink.flush();
  opts.onProgress?.(labels, total);
  return { columns, rows, labels, versions: [...versions].sort((a, b) => a - b) };
}

async function buildFilter(db: Db, opts: ExportOptions): Promise<LabelFilter> {
  const filter: LabelFilter = {};
  if (opts.annotator !== undefined) {
    const found = await db.annotator.findUnique({ where: { name: opts.annotator.trim() } });
    if (found === null) {
      const known = await db.annotator.findMany({ select: { name: true }, orderBy: { name: 'asc' } });
      throw new UnknownAnnotatorError(
        opts.annotator,
        known.map((a) => a.name),
      );
    }
    filter.annotatorId = found.id;
  }
  if (opts.codebookVersion !== undefined) {
    const found = await db.codebookVersion.findUnique({ where: { version: opts.codebookVersion } });
    if (found === null) {
      const known = await db.codebookVersion.findMany({ select: { version: true }, orderBy: { version: 'asc' } });
      throw new UnknownCodebookVersionError(
        opts.codebookVersion,
        known.map((v) => v.version),
      );
    }
    filter.version = opts.codebookVersion;
  }
  if (opts.since !== undefined) filter.since = opts.since;
  return filter;
}

/**
 * One stance column per target: the codebook's targets in codebook order (the chosen version, else
 * the latest), then targets only older labels use, sorted. Known before the first row, so the
 * header is complete.
 */
async function stanceTargets(db: Db, filter: LabelFilter): Promise<string[]> {
  const latest = await db.codebookVersion.findFirst({
    where: filter.version === undefined ? {} : { version: filter.version },
    orderBy: { version: 'desc' },
    select: { version: true },
  });
  const defined =
    latest === null
      ? []
      : (await db.stanceTarget.findMany({ where: { version: latest.version }, orderBy: { position: 'asc' }, select: { key: true } })).map((t) => t.key);
  const used = await usedTargets(db, filter);
  return [...defined, ...used.filter((t) => !defined.includes(t))];
}
