// Export column names and order. These are a public contract (README, "Export columns"): tools and
// scripts downstream address them by name, so they only ever grow, at the end of their group.

/** Article columns every layout starts with. */
export const ARTICLE_COLUMNS = ['article_id', 'external_id', 'source', 'title', 'published_at', 'near_dup_group'] as const;

/** With --include-text, at the end of every row: enough to recreate the article in another database. */
export const TEXT_COLUMNS = ['url', 'content_hash', 'body'] as const;

/** Wide layout, one row per label (article × annotator × kind); `stance:<target>` columns go after `topics_labeled`. */
export const WIDE_LABEL_COLUMNS = ['annotator', 'kind', 'topics', 'topics_labeled'] as const;
export const WIDE_TAIL_COLUMNS = ['note', 'skipped', 'labeled_at', 'updated_at', 'codebook_version'] as const;

/** Long layout, one row per label field. */
export const LONG_COLUMNS = ['annotator', 'kind', 'codebook_version', 'labeled_at', 'updated_at', 'field', 'value'] as const;

/** Resolved wide layout: per field the value, how many agreed, how many judged it, and how it was decided. */
export const RESOLVED_HEAD_COLUMNS = ['annotators'] as const;
export const RESOLVED_FIELD_SUFFIXES = ['', ':agreed', ':of', ':by'] as const;

/** Resolved long layout. */
export const RESOLVED_LONG_COLUMNS = ['annotators', 'field', 'value', 'agreed', 'of', 'by'] as const;

export const STANCE_PREFIX = 'stance:';

/** Long-layout field names besides `stance:<target>`. */
export const LONG_FIELDS = ['topic', 'topics_labeled', 'note', 'skipped'] as const;

export type Layout = 'wide' | 'long';
export type ExportFormat = 'csv' | 'jsonl';

export function stanceColumn(target: string): string {
  return `${STANCE_PREFIX}${target}`;
}

export interface ColumnPlan {
  layout: Layout;
  resolved: boolean;
  includeText: boolean;
  targets: readonly string[];
}

/** The header of an export, in order. */
export function exportColumns(plan: ColumnPlan): string[] {
  const text = plan.includeText ? [...TEXT_COLUMNS] : [];
  if (plan.resolved) {
    if (plan.layout === 'long') return [...ARTICLE_COLUMNS, ...RESOLVED_LONG_COLUMNS, ...text];
    const fields = ['topics', ...plan.targets.map(stanceColumn)];
    return [...ARTICLE_COLUMNS, ...RESOLVED_HEAD_COLUMNS, ...fields.flatMap((f) => RESOLVED_FIELD_SUFFIXES.map((s) => `${f}${s}`)), ...text];
  }
  if (plan.layout === 'long') return [...ARTICLE_COLUMNS, ...LONG_COLUMNS, ...text];
  return [...ARTICLE_COLUMNS, ...WIDE_LABEL_COLUMNS, ...plan.targets.map(stanceColumn), ...WIDE_TAIL_COLUMNS, ...text];
}
