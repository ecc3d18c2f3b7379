// What the label streams yield: a stored label with its article, read for export, training and
// resolution alike.
import type { LabelKind } from './bulk.js';

export interface LabelFilter {
  annotatorId?: number;
  /** Labels changed at or after this instant. */
  since?: Date;
  /** Labels made under this codebook version. */
  version?: number;
}

export interface LabelArticle {
  id: string;
  externalId: string | null;
  source: string | null;
  title: string;
  publishedAt: Date | null;
  /** The near-copy group (src/ingest/write/near-dup-groups.ts); null for an article without copies. */
  nearDupGroup: string | null;
  /** Present when the export includes the text. */
  url?: string | null;
  contentHash?: string;
  body?: string;
}

export interface StoredLabel {
  article: LabelArticle;
  annotator: string;
  kind: LabelKind;
  version: number;
  /** Topic keys, sorted. */
  topics: string[];
  topicsLabeled: boolean;
  /** Target key → value key. */
  stance: Record<string, string>;
  note: string | null;
  skipped: boolean;
  confirmedAt: Date | null;
  updatedAt: Date;
}
