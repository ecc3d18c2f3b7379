// The codebook versions an export's labels were made under, in one YAML file beside the export
// (labels.csv → labels.codebook.yaml), so `mizan import labels.csv --labels` can recreate them in
// a database that has no codebook. One YAML document per version: each is a codebook file in the
// usual format (README "Codebook format") with two more keys, `version` and `created_at`, which
// `mizan codebook import` ignores; a plain codebook file is a bundle of one unnumbered version.
import { parseAllDocuments } from 'yaml';
import { CodebookError } from './errors.js';
import { parseCodebook } from './parse.js';
import { stringifyCodebook } from './stringify.js';
import type { Codebook, CodebookVersionInfo } from './types.js';

export interface BundledCodebook {
  codebook: Codebook;
  /** The version number in the exporting database; undefined in a plain codebook file. */
  version?: number;
  createdAt?: Date;
  /** The YAML of this version alone (stored as the version's source). */
  source: string;
}

/** `labels.csv` → `labels.codebook.yaml` (also for .jsonl / .ndjson and Excel's .csv). */
export function codebookFileFor(exportFile: string): string {
  return `${exportFile.replace(/\.(csv|jsonl|ndjson|tsv|txt)$/i, '')}.codebook.yaml`;
}

export function stringifyBundle(versions: readonly CodebookVersionInfo[], exportName: string): string {
  const head = `# The codebook versions used by the labels in ${exportName} (written by mizan export).\n# mizan import ${exportName} --labels reads this file when the database has no codebook.\n`;
  return head + versions.map((v) => `---\nversion: ${v.version}\ncreated_at: ${v.createdAt.toISOString()}\n${stringifyCodebook(v)}`).join('');
}

export function parseBundle(text: string, file: string): BundledCodebook[] {
  const docs = parseAllDocuments(text);
  const list = Array.isArray(docs) ? docs : [docs];
  const out: BundledCodebook[] = [];
  for (const doc of list) {
    if (doc.contents === null) continue;
    const [start, , end] = doc.range;
    // parseCodebook reports lines: keep this document's lines where they are in the file.
    const before = text.slice(0, start).split('\n').length - 1;
    const source = text.slice(start, end);
    const codebook = parseCodebook('\n'.repeat(before) + source, file);
    const meta = doc.toJS() as { version?: unknown; created_at?: unknown } | null;
    const entry: BundledCodebook = { codebook, source };
    if (meta?.version !== undefined) {
      if (!Number.isSafeInteger(meta.version) || (meta.version as number) < 1)
        throw new CodebookError(file, before + 1, `"version" must be a whole number from 1, found ${String(meta.version)}`);
      entry.version = meta.version as number;
    }
    if (meta?.created_at !== undefined) {
      const d = new Date(String(meta.created_at instanceof Date ? meta.created_at.toISOString() : meta.created_at));
      if (Number.isNaN(d.getTime())) throw new CodebookError(file, before + 1, `"created_at" is not a time: ${String(meta.created_at)}`);
      entry.createdAt = d;
    }
    out.push(entry);
  }
  if (out.length === 0) throw new CodebookError(file, null, 'the file has no codebook');
  return out;
}
