// `mizan import`: files and directories of raw pages, CSV and JSONL, in ONE transaction — a bad row
// anywhere leaves the database exactly as it was, and the error names file, row and field.
import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { directSqlite } from '../db/direct-sqlite.js';
import type { Database } from '../db/open.js';
import type { Prisma } from '../db/generated/client.js';
import { findCodebook, saveCodebook } from '../codebook/store.js';
import type { Codebook } from '../codebook/types.js';
import { writeLabels } from '../labels/bulk.js';
import type { LabelInput, WriteLabelsResult } from '../labels/bulk.js';
import { ArticleWriter } from './article-writer.js';
import { identify } from './draft.js';
import { InputError } from './errors.js';
import { expandPaths } from './files.js';
import type { InputFile } from './files.js';
import { LabelKeyResolver } from './label-keys.js';
import type { LabelKeys } from './label-keys.js';
import type { ImportOptions } from './options.js';
import { draftFromPage } from './page-draft.js';
import { parseInThread, parseSpec } from './parsed-rows.js';
import { parseInWorker } from './worker-parse.js';

export interface ImportSummary {
  batchId: string;
  files: number;
  rows: number;
  imported: number;
  duplicates: number;
  /** Rows without text, skipped (each reported through onWarning). */
  rejected: number;
  labels: WriteLabelsResult;
  /** Set when the import created a new codebook version (--extend-codebook). */
  codebookVersion: number | null;
}

export interface ImportProgress {
  onFile?(file: InputFile, index: number, total: number): void;
  onRows?(file: InputFile, rows: number): void;
  onWarning?(message: string): void;
}

const EMPTY_CODEBOOK: Codebook = { name: 'Imported', multiLabel: false, topics: [], targets: [], values: [] };
const TRANSACTION_LIMIT_MS = 6 * 60 * 60_000;
/** Files from this size on are parsed in a worker thread (src/ingest/parse-worker.ts). */
const WORKER_MIN_BYTES = 4 << 20;

interface PendingLabel {
  contentHash: string;
  keys: LabelKeys;
}

export async function importPaths(
  db: Database,
  paths: readonly string[],
  options: ImportOptions,
  progress: ImportProgress = {},
): Promise<ImportSummary> {
  const files = await expandPaths(paths);
  if (files.length === 0) throw new InputError(paths.join(' '), 'no importable files (.txt, .csv, .jsonl) found');
  const batchId = randomUUID();
  return withImportPragmas(db, () => db.prisma.$transaction(
    async (tx) => {
      await tx.importBatch.create({
        data: { id: batchId, source: paths.join(' '), format: [...new Set(files.map((f) => f.format))].join('+'), options: JSON.stringify(options) },
      });
      const run = new ImportRun(tx, batchId, options, progress, await findCodebook(tx));
      for (const [i, file] of files.entries()) {
        progress.onFile?.(file, i, files.length);
        if (file.format === 'page') await run.page(file);
        else await run.table(file);
      }
      return run.finish(files.length);
    },
    { timeout: TRANSACTION_LIMIT_MS, maxWait: 60_000 },
  ));
}

/**
 * Connection settings for the length of an import (they are the connection's, so they are restored
 * afterwards; one that cannot be set, e.g. inside another transaction, is skipped):
 * - temp_store = MEMORY: SQLite keeps a statement journal for each insert inside the transaction (a
 *   statement that fails a foreign key must undo itself alone); in a temp file, that was two thirds
 *   of an import's disk writes. In memory it is a few hundred KB.
 * - cache_size = 128 MiB (default 2 MiB): the random-keyed indexes (id, contentHash) outgrow the
 *   default cache after a few tens of thousands of articles, and every insert then re-reads and
 *   re-writes index pages through the WAL (100,000 rows: 4.4 s of system time, 2.2 s with this).
 */
const IMPORT_PRAGMAS = { temp_store: 'MEMORY', cache_size: String(-128 * 1024) } as const;

async function withImportPragmas<T>(db: Database, fn: () => Promise<T>): Promise<T> {
  if (db.target.provider !== 'sqlite') return fn();
  const restore: string[] = [];
  for (const [name, value] of Object.entries(IMPORT_PRAGMAS)) {
    const rows = await db.prisma.$queryRawUnsafe<Record<string, number | bigint>[]>(`PRAGMA ${name}`).catch(() => []);
    const previous = rows[0]?.[name];
    if (previous === undefined) continue;
    const set = await db.prisma.$executeRawUnsafe(`PRAGMA ${name} = ${value}`).then(() => true, () => false);
    if (set) restore.push(`PRAGMA ${name} = ${Number(previous)}`);
  }
  try {
    return await fn();
  } finally {
    for (const sql of restore) await db.prisma.$executeRawUnsafe(sql).catch(() => undefined);
  }
}

class ImportRun {
  private readonly articles: ArticleWriter;
  private readonly labels: PendingLabel[] = [];
  private resolver: LabelKeyResolver | undefined;
  private rows = 0;
  private rejected = 0;
  private multiTopic = false;

  constructor(
    private readonly tx: Prisma.TransactionClient,
    private readonly batchId: string,
    private readonly options: ImportOptions,
    private readonly progress: ImportProgress,
    private readonly codebook: (Codebook & { version: number }) | null,
  ) {
    this.articles = new ArticleWriter(tx, batchId);
  }

  async page(file: InputFile): Promise<void> {
    this.rows++;
    await this.articles.add(identify(await draftFromPage(file.path)));
  }

  async table(file: InputFile): Promise<void> {
    const worker = await this.inWorker(file);
    // UTF-8 texts from the worker only where they are written as such: the direct SQLite path.
    const spec = parseSpec(file, this.options, worker && directSqlite(this.tx) !== undefined);
    const table = worker ? await parseInWorker(spec) : await parseInThread(spec);
    const resolver = this.resolverFor(file.path, table.mapping);
    let rows = 0;
    for await (const batch of table.batches()) {
      for (const parsed of batch) {
        rows++;
        this.rows++;
        if (rows % 1000 === 0) this.progress.onRows?.(file, rows);
        const row = parsed.article;
        if (row === null) {
          this.rejected++;
          this.progress.onWarning?.(parsed.warning!);
          continue;
        }
        await this.articles.add(row);
        const raw = parsed.labels;
        if (raw !== null) {
          if (raw.topics.length > 1) this.multiTopic = true;
          this.labels.push({ contentHash: row.contentHash, keys: resolver.resolve(raw, parsed.row) });
        }
      }
    }
    this.progress.onRows?.(file, rows);
  }

  /** Parsing a large file on the other core pays for the thread's start-up; a small one does not. */
  private async inWorker(file: InputFile): Promise<boolean> {
    const mode = this.options.parseThread ?? 'auto';
    if (mode !== 'auto') return mode === 'worker';
    try {
      return (await stat(file.path)).size >= WORKER_MIN_BYTES;
    } catch {
      return false; // the in-thread reader reports the file's problem
    }
  }

  private resolverFor(file: string, mapping: ImportOptions['columns']): LabelKeyResolver {
    if (mapping.topic === undefined && mapping.stance === undefined) {
      return new LabelKeyResolver(this.codebook ?? EMPTY_CODEBOOK, false, file, mapping);
    }
    if (this.codebook === null && !this.options.extendCodebook) {
      throw new InputError(file, 'the database has no codebook to check labels against: run `mizan codebook import FILE` first, or pass --extend-codebook');
    }
    // One resolver for the whole import, so additions from several files land in one new version.
    this.resolver ??= new LabelKeyResolver(this.codebook ?? EMPTY_CODEBOOK, this.options.extendCodebook, file, mapping);
    this.resolver.retarget(file, mapping);
    return this.resolver;
  }

  async finish(fileCount: number): Promise<ImportSummary> {
    await this.articles.flush();
    let version = this.codebook?.version ?? null;
    let codebookVersion: number | null = null;
    const extended = this.resolver?.extended() ?? null;
    if (extended !== null) {
      const base = this.codebook === null ? { ...extended, multiLabel: this.multiTopic } : extended;
      codebookVersion = await saveCodebook(this.tx, base);
      version = codebookVersion;
    }
    let result: WriteLabelsResult = { created: 0, updated: 0, unchanged: 0 };
    if (this.labels.length > 0 && version !== null) {
      result = await writeLabels(this.tx, this.labelInputs(), { version, session: this.batchId });
    }
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
      rejected: this.rejected,
      labels: result,
      codebookVersion,
    };
  }

  private labelInputs(): LabelInput[] {
    // Rows about the same article (e.g. one row per stance target) merge into one label.
    const byArticle = new Map<string, LabelInput>();
    const confirmedAt = new Date();
    for (const { contentHash, keys } of this.labels) {
      const articleId = this.articles.idOf(contentHash);
      if (articleId === undefined) continue;
      const input = byArticle.get(articleId) ?? { articleId, annotator: this.options.annotator, stance: {}, confirmIfUnconfirmed: confirmedAt };
      if (keys.topics.length > 0) input.topics = [...new Set([...(input.topics ?? []), ...keys.topics])].sort();
      Object.assign(input.stance!, keys.stance);
      byArticle.set(articleId, input);
    }
    return [...byArticle.values()];
  }
}
