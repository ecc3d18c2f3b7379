// `mizan import`: files and directories of raw pages, CSV and JSONL, in ONE transaction — a bad row
// anywhere leaves the database exactly as it was, and the error names file, row and field.
import { randomUUID } from 'node:crypto';
import { withBulkWriteMode } from '../db/bulk-write-mode.js';
import { directSqlite } from '../db/direct-sqlite.js';
import type { Database } from '../db/open.js';
import type { Prisma } from '../db/generated/client.js';
import { findCodebook } from '../codebook/store.js';
import type { Codebook } from '../codebook/types.js';
import type { WriteLabelsResult } from '../labels/bulk.js';
import { ArticleWriter } from './write/article-writer.js';
import { identify } from './draft.js';
import { InputError } from '../input-error.js';
import { expandPaths } from './read/input-files.js';
import type { InputFile } from './read/input-files.js';
import { RowLabelWriter } from './write/row-labels.js';
import type { ImportOptions } from './options.js';
import { DEFAULT_NEAR_DUP } from './options.js';
import type { DecidedEncoding, Encoding, EncodingReason } from '../text-file/encoding.js';
import { draftFromPage } from './read/page-file.js';
import { parseInThread, parseSpec } from './parse/parse-table.js';
import { parseInWorker } from './parse/worker-client.js';

export interface ImportSummary {
  batchId: string;
  files: number;
  rows: number;
  imported: number;
  duplicates: number;
  /** Articles put in a near-copy group (src/ingest/write/near-dup-groups.ts). */
  nearDuplicates: number;
  /** Rows without text, skipped (each reported through onWarning). */
  rejected: number;
  labels: WriteLabelsResult;
  /** Set when the import created a new codebook version (--extend-codebook). */
  codebookVersion: number | null;
  /** Files that were not plain UTF-8, with the encoding they were read in and why. */
  encodings: { file: string; encoding: Encoding; reason: EncodingReason }[];
}

export interface ImportProgress {
  onFile?(file: InputFile, index: number, total: number): void;
  /** `done`: the share of all the import's input bytes read so far (0 to 1). */
  onRows?(file: InputFile, rows: number, done: number): void;
  onWarning?(message: string): void;
}

const TRANSACTION_LIMIT_MS = 6 * 60 * 60_000;
/** Labels are written every this many rows (each time after the articles they belong to). */
const LABEL_CHUNK = 500;
/**
 * Files from this size on are parsed in a worker thread (src/ingest/parse/worker-thread.ts); imports from
 * this size on take an embedded database's file for themselves when they can (src/db/bulk-write-mode.ts).
 */
const LARGE_BYTES = 4 << 20;

export async function importPaths(db: Database, paths: readonly string[], options: ImportOptions, progress: ImportProgress = {}): Promise<ImportSummary> {
  const files = await expandPaths(paths);
  if (files.length === 0) throw new InputError(paths.join(' '), 'no importable files (.txt, .html, .csv, .jsonl) found');
  const batchId = randomUUID();
  const bytes = files.reduce((sum, f) => sum + f.size, 0);
  const large = bytes >= LARGE_BYTES;
  return withBulkWriteMode(db, { exclusive: large }, () =>
    db.prisma.$transaction(
      async (tx) => {
        await tx.importBatch.create({
          data: { id: batchId, source: paths.join(' '), format: [...new Set(files.map((f) => f.format))].join('+'), options: JSON.stringify(options) },
        });
        const run = new ImportRun(tx, batchId, options, progress, await findCodebook(tx), bytes);
        for (const [i, file] of files.entries()) {
          progress.onFile?.(file, i, files.length);
          if (file.format === 'page' || file.format === 'html') await run.page(file);
          else await run.table(file);
          run.bytesBefore += file.size;
        }
        return run.finish(files.length);
      },
      { timeout: TRANSACTION_LIMIT_MS, maxWait: 60_000 },
    ),
  );
}

class ImportRun {
  private readonly articles: ArticleWriter;
  private readonly labels: RowLabelWriter;
  private rows = 0;
  private rejected = 0;
  private readonly encodings: ImportSummary['encodings'] = [];
  /** input bytes of the files before the current one */
  bytesBefore = 0;

  constructor(
    private readonly tx: Prisma.TransactionClient,
    private readonly batchId: string,
    private readonly options: ImportOptions,
    private readonly progress: ImportProgress,
    codebook: (Codebook & { version: number }) | null,
    private readonly totalBytes: number,
  ) {
    this.articles = new ArticleWriter(tx, batchId, options.nearDup === undefined ? DEFAULT_NEAR_DUP : options.nearDup);
    this.labels = new RowLabelWriter(tx, this.articles, codebook, { annotator: options.annotator, extendCodebook: options.extendCodebook, session: batchId });
  }

  async page(file: InputFile): Promise<void> {
    this.rows++;
    const { draft, decided } = await draftFromPage(file.path, { html: file.format === 'html', encoding: this.options.encoding });
    this.noteEncoding(file, decided);
    await this.articles.add(identify(draft, this.options.nearDup !== null));
  }

  /** Files not read as plain UTF-8 are named in the summary with the encoding chosen. */
  private noteEncoding(file: InputFile, decided: DecidedEncoding | undefined): void {
    if (decided === undefined || decided.reason === 'utf-8' || (decided.encoding === 'utf-8' && decided.reason !== 'declared')) return;
    this.encodings.push({ file: file.path, encoding: decided.encoding, reason: decided.reason });
  }

  async table(file: InputFile): Promise<void> {
    const worker = this.inWorker(file);
    // UTF-8 texts from the worker only where they are written as such (the direct SQLite path), and
    // only when this thread has labels to write too: without them it has time to spare for the
    // encoding, and the parsing thread is the one that sets the pace.
    const labeled = this.options.columns.topic !== undefined || this.options.columns.stance !== undefined;
    const spec = parseSpec(file, this.options, worker && labeled && directSqlite(this.tx) !== undefined);
    const table = worker ? await parseInWorker(spec) : await parseInThread(spec);
    this.noteEncoding(file, table.encoding);
    const resolver = this.labels.resolverFor(file.path, table.mapping);
    let rows = 0;
    for await (const batch of table.batches()) {
      for (const parsed of batch) {
        rows++;
        this.rows++;
        // The reader runs a few MB ahead of the rows written: short of 1 until the file is done.
        if (rows % 1000 === 0) this.progress.onRows?.(file, rows, Math.min(0.99, this.done(table.bytesRead())));
        const row = parsed.article;
        if (row === null) {
          this.rejected++;
          this.progress.onWarning?.(parsed.warning!);
          continue;
        }
        await this.articles.add(row);
        const raw = parsed.labels;
        if (raw === null) continue;
        this.labels.add(row.contentHash, raw, resolver.resolve(raw, parsed.row));
        if (this.labels.queued >= LABEL_CHUNK) {
          await this.articles.flush();
          await this.labels.flush();
        }
      }
    }
    this.progress.onRows?.(file, rows, this.done(file.size));
  }

  /** The share of the import's input read, with `bytes` of the current file. */
  private done(bytes: number): number {
    return this.totalBytes === 0 ? 1 : Math.min(1, (this.bytesBefore + bytes) / this.totalBytes);
  }

  /** Parsing a large file on the other core pays for the thread's start-up; a small one does not. */
  private inWorker(file: InputFile): boolean {
    const mode = this.options.parseThread ?? 'auto';
    return mode === 'auto' ? file.size >= LARGE_BYTES : mode === 'worker';
  }

  async finish(fileCount: number): Promise<ImportSummary> {
    await this.articles.flush();
    const { labels, codebookVersion } = await this.labels.finish();
    await this.tx.importBatch.update({
      where: { id: this.batchId },
      data: { finishedAt: new Date(), imported: this.articles.imported, duplicates: this.articles.duplicates, rejected: this.rejected },
    });
    return {
      batchId: this.batchId,
      files: fileCount,
      rows: this.rows,
      imported: this.articles.imported,
      duplicates: this.articles.duplicates,
      nearDuplicates: this.articles.nearDuplicates,
      rejected: this.rejected,
      labels,
      codebookVersion,
      encodings: this.encodings,
    };
  }
}
