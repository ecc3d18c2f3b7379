// The labels of a labeled corpus, written as the import goes: after each chunk of articles, so that
// the database writes them while the parsing thread still reads the file (written at the end, they
// were a quarter of a 100,000-row import, with the other core idle).
//
// Rows about the same article (e.g. one row per stance target) merge into one label, counted once in
// the summary. Labels of articles this import created are written as their rows come (a later row
// about one re-writes its merged label, which adds only what is new); labels of articles that were
// already in the database wait for the end, so that they are compared with the stored label once,
// merged from every row: a labeled file imported again changes nothing, whatever its row order.
// An import that extends the codebook writes the new version as soon as its first new key appears
// and fills in later keys as they come (the version is this transaction's, and labels point at the
// version, not at its topic rows); labels written before that point keep the version they were
// checked against, which holds all their keys.
import { replaceCodebook, saveCodebook } from '../../codebook/store.js';
import type { Codebook } from '../../codebook/types.js';
import type { Prisma } from '../../db/generated/client.js';
import { writeLabels } from '../../labels/bulk.js';
import type { LabelInput, LabelOutcome, WriteLabelsResult } from '../../labels/bulk.js';
import type { ArticleWriter } from './article-writer.js';
import { InputError } from '../../input-error.js';
import { CodebookValueResolver } from './codebook-values.js';
import type { CodebookKeys } from './codebook-values.js';
import type { ColumnMapping } from '../options.js';
import type { RawLabels } from '../parse/row-draft.js';

const EMPTY_CODEBOOK: Codebook = { name: 'Imported', multiLabel: false, topics: [], targets: [], values: [] };

interface Options {
  annotator: string;
  extendCodebook: boolean;
  session: string;
}

export class RowLabelWriter {
  private pending: { contentHash: string; keys: CodebookKeys }[] = [];
  /** article id → its label as merged from every row so far */
  private readonly merged = new Map<string, LabelInput>();
  /** article id → what became of its label (written at least once) */
  private readonly outcomes = new Map<string, LabelOutcome>();
  /** articles that were in the database before the import: their labels are written at the end */
  private readonly atEnd = new Set<string>();
  private resolver: CodebookValueResolver | undefined;
  private multiTopic = false;
  /** the codebook version this import made, and what it held when last written */
  private saved: { version: number; content: Codebook } | undefined;
  private readonly confirmedAt = new Date();

  constructor(
    private readonly tx: Prisma.TransactionClient,
    private readonly articles: ArticleWriter,
    private readonly codebook: (Codebook & { version: number }) | null,
    private readonly options: Options,
  ) {}

  /** The resolver for a file's label columns (one for the whole import, so additions from several files land in one version). */
  resolverFor(file: string, mapping: ColumnMapping): CodebookValueResolver {
    if (mapping.topic === undefined && mapping.stance === undefined) {
      return new CodebookValueResolver(this.codebook ?? EMPTY_CODEBOOK, false, file, mapping);
    }
    if (this.codebook === null && !this.options.extendCodebook) {
      throw new InputError(file, 'the database has no codebook to check labels against: run `mizan codebook import FILE` first, or pass --extend-codebook');
    }
    this.resolver ??= new CodebookValueResolver(this.codebook ?? EMPTY_CODEBOOK, this.options.extendCodebook, file, mapping);
    this.resolver.retarget(file, mapping);
    return this.resolver;
  }

  /** Queues the label of a row whose article went to the ArticleWriter. */
  add(contentHash: string, raw: RawLabels, keys: CodebookKeys): void {
    if (raw.topics.length > 1) this.multiTopic = true;
    this.pending.push({ contentHash, keys });
  }

  get queued(): number {
    return this.pending.length;
  }

  /** Writes the queued labels: the ArticleWriter must have flushed their articles. */
  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const dirty = new Map<string, LabelInput>();
    for (const { contentHash, keys } of this.pending) {
      const articleId = this.articles.idOf(contentHash);
      if (articleId === undefined) continue;
      let input = this.merged.get(articleId);
      if (input === undefined) {
        input = { articleId, annotator: this.options.annotator, stance: {}, confirmIfUnconfirmed: this.confirmedAt };
        this.merged.set(articleId, input);
      }
      if (keys.topics.length > 0) input.topics = [...new Set([...(input.topics ?? []), ...keys.topics])].sort();
      Object.assign(input.stance!, keys.stance);
      if (this.articles.created.has(articleId)) dirty.set(articleId, input);
      else this.atEnd.add(articleId);
    }
    this.pending = [];
    await this.write([...dirty.values()]);
  }

  /** Writes what is left; returns the counts and the codebook version this import made (or null). */
  async finish(): Promise<{ labels: WriteLabelsResult; codebookVersion: number | null }> {
    await this.flush();
    await this.write([...this.atEnd].map((id) => this.merged.get(id)!));
    await this.version();
    const labels: WriteLabelsResult = { created: 0, updated: 0, unchanged: 0 };
    for (const outcome of this.outcomes.values()) labels[outcome]++;
    return { labels, codebookVersion: this.saved?.version ?? null };
  }

  private async write(inputs: LabelInput[]): Promise<void> {
    if (inputs.length === 0) return;
    const version = await this.version();
    // No codebook and nothing to extend it with: the rows carried no label values at all.
    if (version === null) return;
    await writeLabels(this.tx, inputs, {
      version,
      session: this.options.session,
      unlabeled: (id) => this.articles.created.has(id) && !this.outcomes.has(id),
      // A label this import created and a later row re-wrote was still created by it.
      onOutcome: (input, outcome) => {
        if (!this.outcomes.has(input.articleId)) this.outcomes.set(input.articleId, outcome);
      },
    });
  }

  /** The version labels are written under now: the existing codebook, or the one this import extends it to. */
  private async version(): Promise<number | null> {
    const extended = this.resolver?.extended() ?? null;
    if (extended === null) return this.codebook?.version ?? null;
    const content = this.codebook === null ? { ...extended, multiLabel: this.multiTopic } : extended;
    if (this.saved === undefined) {
      this.saved = { version: await saveCodebook(this.tx, content), content };
    } else if (!sameCodebook(this.saved.content, content)) {
      await replaceCodebook(this.tx, this.saved.version, content);
      this.saved.content = content;
    }
    return this.saved.version;
  }
}

/** Extensions only add: the same sizes are the same codebook. */
const sameCodebook = (a: Codebook, b: Codebook) =>
  a.multiLabel === b.multiLabel && a.topics.length === b.topics.length && a.targets.length === b.targets.length && a.values.length === b.values.length;
