// Recognizes a Mizan label export by its header: wide (one row per label), long (one row per
// label field) or resolved (not importable: it no longer says who labeled what).
import { ARTICLE_COLUMNS, LONG_COLUMNS, STANCE_PREFIX, WIDE_LABEL_COLUMNS } from '../../export/columns.js';
import { InputError } from '../../input-error.js';

export interface ExportLayout {
  layout: 'wide' | 'long';
  /** Wide: stance column → target key. */
  stanceColumns: Map<string, string>;
  /** The file carries the article text (exported with --include-text). */
  hasText: boolean;
}

export function detectLayout(columns: readonly string[], file: string): ExportLayout {
  const has = (c: string) => columns.includes(c);
  if (has('annotators') && !has('annotator')) {
    throw new InputError(file, 'is a resolved export (--resolved): it has no per-annotator labels to import; export without --resolved');
  }
  const long = has('field') && has('value');
  const wide = has('topics') || columns.some((c) => c.startsWith(STANCE_PREFIX));
  if (!long && !wide) {
    throw new InputError(
      file,
      `is not a Mizan label export: expected the columns of \`mizan export\` (wide: ${[...ARTICLE_COLUMNS, ...WIDE_LABEL_COLUMNS].join(', ')}, …; long: …, field, value) but found: ${columns.join(', ')}`,
    );
  }
  const required = long ? ['article_id', 'annotator', 'field', 'value'] : ['article_id', 'annotator'];
  for (const c of required) {
    if (!has(c)) throw new InputError(file, `missing column "${c}" (a ${long ? 'long' : 'wide'} Mizan export has: ${exampleColumns(long)})`);
  }
  const stanceColumns = new Map<string, string>();
  if (!long) for (const c of columns) if (c.startsWith(STANCE_PREFIX)) stanceColumns.set(c, c.slice(STANCE_PREFIX.length));
  return { layout: long ? 'long' : 'wide', stanceColumns, hasText: has('body') && has('title') };
}

function exampleColumns(long: boolean): string {
  return long ? [...ARTICLE_COLUMNS, ...LONG_COLUMNS].join(', ') : [...ARTICLE_COLUMNS, ...WIDE_LABEL_COLUMNS, 'stance:<target>', '…'].join(', ');
}
