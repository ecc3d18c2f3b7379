// `mizan report` and GET /v1/report: the share of each value of one field (topics, or the stance
// towards one target) per group of articles, from confirmed human labels where an article has one
// (resolved as training resolves them) and the model's stored predictions for the rest, corrected
// by the model's validation confusion counts (estimate.ts) unless `raw`.
import type { PrismaClient } from '../db/generated/client.js';
import { streamResolved } from '../labels/resolved-stream.js';
import type { ResolvedArticle } from '../labels/resolve.js';
import type { LoadedModel } from '../model/io.js';
import { EmptyReportError, MissingPredictionsError, ReportFieldError } from './errors.js';
import { AffineReplicates } from './affine.js';
import { estimateGroup, resampledConfusions } from './estimate.js';
import type { ValueEstimate } from './estimate.js';
import { groupKey } from './groups.js';
import type { GroupBy } from './groups.js';
import { seededRng } from './random.js';
import { readCounts } from './rows.js';
import type { CountRow } from './rows.js';

export type ArticleSelection = 'all' | 'labeled' | 'unlabeled';
export const ARTICLE_SELECTIONS: readonly ArticleSelection[] = ['all', 'labeled', 'unlabeled'];

export interface ReportOptions {
  /** 'topics' or 'stance:<target>'. */
  field: string;
  by: readonly GroupBy[];
  articles: ArticleSelection;
  since?: Date | undefined;
  /** Exclusive. */
  until?: Date | undefined;
  /** Plain classify-and-count. */
  raw: boolean;
  /** Bootstrap replicates (default 1000) and seed (default 1): the same data gives the same intervals. */
  replicates?: number;
  seed?: number;
  /** The SQLite file behind `db`, for the fast read path. */
  sqliteFile?: string | undefined;
}

/** One value's estimate within one group (the csv/json record). */
export type ReportRecord = { group: string; field: string } & ValueEstimate;

export interface ReportGroup {
  group: string;
  articles: number;
  labeled: number;
}

export interface Report {
  modelVersion: string;
  field: string;
  by: GroupBy[];
  articles: ArticleSelection;
  multiLabel: boolean;
  values: string[];
  /** Whether the model's validation counts corrected the shares (false with --raw or without them). */
  corrected: boolean;
  groups: ReportGroup[];
  records: ReportRecord[];
  notes: string[];
}

/** The values a human label gives an article for `field`; null when its labels did not judge it. */
function labeledValues(r: ResolvedArticle, field: string): string[] | null {
  if (field === 'topics') return r.topics?.value ?? null;
  const s = r.stance[field.slice('stance:'.length)];
  return s === undefined ? null : [s.value];
}

export async function buildReport(db: PrismaClient, model: LoadedModel, opts: ReportOptions): Promise<Report> {
  const head = model.heads.find((h) => h.field === opts.field);
  if (head === undefined)
    throw new ReportFieldError(
      opts.field,
      model.id,
      model.heads.map((h) => h.field),
    );
  const multiLabel = head.kind === 'sigmoid';
  const values = head.labels;
  const index = new Map(values.map((v, i) => [v, i]));
  const confusion = opts.raw ? null : (model.metadata.validationConfusion?.[opts.field] ?? null);
  const notes: string[] = [];
  if (multiLabel) notes.push("multi-label: an article can have several topics, so a group's shares may sum to more than 100 %");
  if (!opts.raw && confusion === null && opts.articles !== 'labeled') {
    notes.push(
      `model ${model.id} has no validation counts for ${opts.field}: shares are plain classify-and-count (retrain with a validation split to correct them)`,
    );
  }

  const labels = new Map<string, string[]>();
  for await (const { article, resolved } of streamResolved(db, {}, opts.sqliteFile === undefined ? {} : { sqliteFile: opts.sqliteFile })) {
    const v = labeledValues(resolved, opts.field);
    if (v !== null) labels.set(article.id, v);
  }

  const query = { modelId: model.id, field: opts.field, by: opts.by, since: opts.since, until: opts.until };
  const labeledIds = [...labels.keys()];
  // All articles counted by the database, then the labeled ones (one row each) moved out of the
  // model's counts: into the humans' counts, or out of the report with --articles unlabeled.
  const all = opts.articles === 'labeled' ? [] : await readCounts(db, query, opts.sqliteFile);
  const labeledRows = labeledIds.length === 0 ? [] : await readCounts(db, query, opts.sqliteFile, labeledIds);
  interface Acc {
    predicted: number[];
    predictedArticles: number;
    labeled: number[];
    labeledArticles: number;
  }
  const groups = new Map<string, Acc>();
  const groupOf = (row: CountRow): Acc => {
    const key = groupKey(opts.by, row);
    let g = groups.get(key);
    if (g === undefined)
      groups.set(
        key,
        (g = {
          predicted: new Array<number>(values.length).fill(0),
          predictedArticles: 0,
          labeled: new Array<number>(values.length).fill(0),
          labeledArticles: 0,
        }),
      );
    return g;
  };
  let unpredicted = 0;
  const countPredicted = (row: CountRow, sign: 1 | -1) => {
    if (row.value === null) {
      unpredicted += sign * row.n;
      return;
    }
    const g = groupOf(row);
    g.predictedArticles += sign * row.n;
    for (const v of multiLabel ? (row.value === '' ? [] : row.value.split('|')) : [row.value]) {
      const i = index.get(v);
      if (i !== undefined) g.predicted[i]! += sign * row.n;
    }
  };
  for (const row of all) countPredicted(row, 1);
  for (const row of labeledRows) {
    if (opts.articles !== 'labeled') countPredicted(row, -1);
    if (opts.articles !== 'unlabeled') {
      const g = groupOf(row);
      g.labeledArticles++;
      for (const v of labels.get(row.id!) ?? []) {
        const i = index.get(v);
        if (i !== undefined) g.labeled[i]!++;
      }
    }
  }
  // A group all of whose articles were labeled and left out (--articles unlabeled) is no group.
  for (const [key, g] of groups) if (g.predictedArticles === 0 && g.labeledArticles === 0) groups.delete(key);
  if (unpredicted > 0) throw new MissingPredictionsError(model.id, unpredicted);
  if (groups.size === 0) throw new EmptyReportError(`no articles match the report (${describeSelection(opts)})`);

  const rng = seededRng(opts.seed ?? 1);
  const replicates = opts.replicates ?? 1000;
  const confusionReplicates = confusion === null ? null : resampledConfusions(confusion, replicates, rng);
  const affineReplicates = confusionReplicates === null || multiLabel ? null : new AffineReplicates(confusionReplicates, values.length);
  const keys = [...groups.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const records: ReportRecord[] = [];
  const summary: ReportGroup[] = [];
  for (const key of keys) {
    const g = groups.get(key)!;
    summary.push({ group: key, articles: g.predictedArticles + g.labeledArticles, labeled: g.labeledArticles });
    const est = estimateGroup(g, { values, multiLabel, confusion, rng, replicates, confusionReplicates, affineReplicates });
    for (const e of est) records.push({ group: key, field: opts.field, ...e });
  }
  return {
    modelVersion: model.id,
    field: opts.field,
    by: [...opts.by],
    articles: opts.articles,
    multiLabel,
    values,
    corrected: confusion !== null,
    groups: summary,
    records,
    notes,
  };
}

function describeSelection(opts: ReportOptions): string {
  const parts = [`articles: ${opts.articles}`];
  if (opts.since !== undefined) parts.push(`since ${opts.since.toISOString()}`);
  if (opts.until !== undefined) parts.push(`before ${opts.until.toISOString()}`);
  return parts.join(', ');
}
