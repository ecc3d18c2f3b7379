// `mizan import FILE --labels`: reads a Mizan export (wide or long, CSV or JSONL) back into an
// empty or a filled database, in ONE transaction — a bad row leaves the database as it was.
// Same articles (by id, then content hash; recreated from the text if the export has it), same
// labels per annotator and kind, same notes, topics, stances, skipped flags and confirmation times.
import { randomUUID } from 'node:crypto';
import type { Database } from '../../db/open.js';
import type { Prisma } from '../../db/generated/client.js';
import { writeLabels } from '../../labels/bulk.js';
import type { LabelInput, LabelKind } from '../../labels/bulk.js';
import { openCsv } from '../../table/csv-read.js';
import { InputError, isInputError } from '../../input-error.js';
import { openJsonl } from '../../table/jsonl-read.js';
import { checkReadable } from '../../text-file/read-file.js';
import type { InputRecord, RecordSource } from '../../table/records.js';
import { ArticleMatcher } from './article-matcher.js';
import type { ArticleCells } from './article-matcher.js';
import { CellReader } from './cells.js';
import { CodebookCheck, EXTENDED } from './codebook-check.js';
import type { RawLabelValues } from './codebook-check.js';
import { detectLayout } from './layout.js';
import type { ExportLayout } from './layout.js';

export interface LabelImportOptions {
  /** Add values the codebook lacks to a new codebook version instead of failing. */
  extendCodebook?: boolean;
  /**
   * The CSV was exported with --raw: take cells as they are. By default one leading ' before
   * = + - @ tab CR is removed again (the export's formula guard, see export/formula-guard.ts).
   */
  raw?: boolean;
  /** Rows read so far, every 1000 rows and at the end. */
  onProgress?: (rows: number) => void;
  /** Runs first inside the import's transaction (the CLI stores the export's codebook there). */
  beforeRows?: (tx: Prisma.TransactionClient) => Promise<void>;
}

export interface LabelImportSummary {
  /** Articles created from the file's text (the others were already in the database). */
  articles: number;
  /** Labels (article × annotator × kind) in the file. */
  labels: number;
  created: number;
  updated: number;
}

const TRANSACTION = { timeout: 10 * 60_000, maxWait: 60_000 };
const STANCE_FIELD = /^stance:(.+)$/;

export async function importLabelFile(db: Database, file: string, opts: LabelImportOptions = {}): Promise<LabelImportSummary> {
  await checkReadable(file);
  const jsonl = /\.(jsonl|ndjson)$/i.test(file);
  const source = await openSource(file, jsonl);
  if (source === null) return { articles: 0, labels: 0, created: 0, updated: 0 };
  const layout = detectLayout(source.columns(), file);
  const batchId = randomUUID();
  return db.prisma.$transaction(async (tx) => {
    await tx.importBatch.create({
      data: { id: batchId, source: file, format: 'labels', options: JSON.stringify({ layout: layout.layout, extendCodebook: opts.extendCodebook === true }) },
    });
    await opts.beforeRows?.(tx);
    const run = new LabelImportRun(tx, file, layout, new CellReader(file, !jsonl && opts.raw !== true), batchId, opts.extendCodebook === true);
    let rows = 0;
    for await (const record of source.records()) {
      await run.add(record);
      if (++rows % 1000 === 0) opts.onProgress?.(rows);
    }
    opts.onProgress?.(rows);
    const summary = await run.finish();
    await tx.importBatch.update({ where: { id: batchId }, data: { finishedAt: new Date(), imported: summary.articles } });
    return summary;
  }, TRANSACTION);
}

/** Null for an export with no rows: a CSV with the header only, or an empty JSONL file. */
async function openSource(file: string, jsonl: boolean): Promise<RecordSource | null> {
  try {
    return jsonl ? await openJsonl(file) : await openCsv(file);
  } catch (e) {
    if (isInputError(e) && e.problem.startsWith('is empty')) {
      if (jsonl) return null;
      const { readTextFile } = await import('../../text-file/read-file.js');
      const header = (await readTextFile(file)).split(/\r?\n/)[0] ?? '';
      if (header.split(',').includes('article_id')) return null;
    }
    throw e;
  }
}

interface PendingLabel {
  input: LabelInput;
  version: number;
  row: number;
  /** Long layout: raw values collected over the label's rows, checked when the label is complete. */
  raw: RawLabelValues;
  exportedVersion: number | null;
  topicsLabeled: boolean | null;
}

class LabelImportRun {
  private readonly articles: ArticleMatcher;
  private readonly codebook: CodebookCheck;
  private readonly labels = new Map<string, PendingLabel>();

  constructor(
    private readonly tx: Prisma.TransactionClient,
    private readonly file: string,
    private readonly layout: ExportLayout,
    private readonly cells: CellReader,
    batchId: string,
    extend: boolean,
  ) {
    this.articles = new ArticleMatcher(tx, file, batchId);
    this.codebook = new CodebookCheck(tx, file, extend);
  }

  async add(record: InputRecord): Promise<void> {
    const c = this.cells;
    const articleId = await this.articles.match(this.articleCells(record), record.row);
    const annotator = c.text(record, 'annotator')?.trim() ?? '';
    if (annotator === '') throw new InputError(this.file, 'the annotator is empty', { row: record.row, field: 'annotator' });
    const kindText = c.text(record, 'kind') ?? 'annotation';
    if (kindText !== 'annotation' && kindText !== 'adjudication') {
      throw new InputError(this.file, `kind must be annotation or adjudication, found "${kindText}"`, { row: record.row, field: 'kind' });
    }
    const kind: LabelKind = kindText;
    const key = `${articleId}\u0000${annotator}\u0000${kind}`;
    const existing = this.labels.get(key);
    if (this.layout.layout === 'wide') {
      if (existing !== undefined) {
        throw new InputError(this.file, `a second row for article ${articleId}, annotator "${annotator}", ${kind} (first at row ${existing.row})`, {
          row: record.row,
        });
      }
      this.labels.set(key, await this.wideLabel(record, articleId, annotator, kind));
      return;
    }
    const label = existing ?? this.newLongLabel(record, articleId, annotator, kind);
    this.labels.set(key, label);
    await this.longField(record, label);
  }

  async finish(): Promise<LabelImportSummary> {
    await this.articles.flush();
    const byVersion = new Map<number, LabelInput[]>();
    for (const label of this.labels.values()) {
      if (this.layout.layout === 'long') await this.checkLong(label);
      const list = byVersion.get(label.version) ?? [];
      list.push(label.input);
      byVersion.set(label.version, list);
    }
    const extended = await this.codebook.save();
    let created = 0;
    let updated = 0;
    for (const [version, inputs] of byVersion) {
      const v = version === EXTENDED ? extended! : version;
      const r = await writeLabels(this.tx, inputs, { version: v, session: `import:${this.file}` });
      created += r.created;
      updated += r.updated;
    }
    return { articles: this.articles.created, labels: this.labels.size, created, updated };
  }

  private articleCells(record: InputRecord): ArticleCells {
    const c = this.cells;
    const id = c.text(record, 'article_id');
    if (id === null) throw new InputError(this.file, 'the article_id is empty', { row: record.row, field: 'article_id' });
    return {
      id,
      externalId: c.text(record, 'external_id'),
      source: c.text(record, 'source'),
      title: this.layout.hasText ? c.text(record, 'title') : null,
      publishedAt: c.date(record, 'published_at'),
      nearDupGroup: c.text(record, 'near_dup_group'),
      url: c.text(record, 'url'),
      contentHash: c.text(record, 'content_hash'),
      body: this.layout.hasText ? c.text(record, 'body') : null,
    };
  }

  private async wideLabel(record: InputRecord, articleId: string, annotator: string, kind: LabelKind): Promise<PendingLabel> {
    const c = this.cells;
    const topics = c.list(record, 'topics');
    const topicsLabeled = c.bool(record, 'topics_labeled') ?? topics.length > 0;
    const stance: [string, string, string][] = [];
    for (const [column, target] of this.layout.stanceColumns) {
      const value = c.text(record, column);
      if (value !== null) stance.push([target, value, column]);
    }
    const raw: RawLabelValues = { topics: topicsLabeled ? topics : null, stance };
    const exportedVersion = c.int(record, 'codebook_version');
    const checked = await this.codebook.check(raw, exportedVersion, record.row, 'topics');
    return {
      input: {
        articleId,
        annotator,
        kind,
        stance: checked.stance,
        ...(checked.topics === undefined ? {} : { topics: checked.topics }),
        note: c.text(record, 'note'),
        skipped: c.bool(record, 'skipped') ?? false,
        confirmedAt: c.date(record, 'labeled_at'),
        updatedAt: c.date(record, 'updated_at'),
      },
      version: checked.version,
      row: record.row,
      raw,
      exportedVersion,
      topicsLabeled,
    };
  }

  private newLongLabel(record: InputRecord, articleId: string, annotator: string, kind: LabelKind): PendingLabel {
    const c = this.cells;
    return {
      input: { articleId, annotator, kind, note: null, skipped: false, confirmedAt: c.date(record, 'labeled_at'), updatedAt: c.date(record, 'updated_at') },
      version: 0,
      row: record.row,
      raw: { topics: null, stance: [] },
      exportedVersion: c.int(record, 'codebook_version'),
      topicsLabeled: null,
    };
  }

  private async longField(record: InputRecord, label: PendingLabel): Promise<void> {
    const c = this.cells;
    const field = c.text(record, 'field') ?? '';
    const stance = STANCE_FIELD.exec(field);
    if (field === 'topic') {
      const topic = c.text(record, 'value');
      if (topic === null) throw new InputError(this.file, 'a topic row without a value', { row: record.row, field: 'value' });
      // Checked here too, so an unknown value is reported at its own row.
      await this.codebook.check({ topics: [topic], stance: [] }, label.exportedVersion, record.row, 'value');
      label.raw.topics = [...(label.raw.topics ?? []), topic];
    } else if (stance !== null) {
      const value = c.text(record, 'value');
      if (value === null) throw new InputError(this.file, `a ${field} row without a value`, { row: record.row, field: 'value' });
      await this.codebook.check({ topics: null, stance: [[stance[1]!, value, 'value']] }, label.exportedVersion, record.row, 'value');
      label.raw.stance.push([stance[1]!, value, field]);
    } else if (field === 'note') {
      label.input.note = c.text(record, 'value');
    } else if (field === 'skipped') {
      label.input.skipped = c.bool(record, 'value') ?? false;
    } else if (field === 'topics_labeled') {
      label.topicsLabeled = c.bool(record, 'value') ?? false;
    } else {
      throw new InputError(this.file, `unknown field "${field}" (expected topic, stance:<target>, note, skipped or topics_labeled)`, {
        row: record.row,
        field: 'field',
      });
    }
  }

  private async checkLong(label: PendingLabel): Promise<void> {
    // topics_labeled = true with no topic rows means "judged: none of the topics".
    if (label.topicsLabeled === true && label.raw.topics === null) label.raw.topics = [];
    if (label.topicsLabeled === false && label.raw.topics !== null && label.raw.topics.length > 0) {
      throw new InputError(this.file, 'topic rows for a label whose topics_labeled is false', { row: label.row, field: 'topics_labeled' });
    }
    const checked = await this.codebook.check(label.raw, label.exportedVersion, label.row, 'value');
    label.version = checked.version;
    label.input.stance = checked.stance;
    if (checked.topics !== undefined) label.input.topics = checked.topics;
  }
}
