// A labeling session: who labels, under which codebook, which queue; plus the reads the labeling
// screen needs per article. One session = one run of `mizan label`; its id is on every event.
import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../db/generated/client.js';
import { loadCodebook } from '../codebook/store.js';
import type { CodebookVersionInfo } from '../codebook/types.js';
import { ensureAnnotator } from './annotators.js';
import type { LabelKind } from './bulk.js';
import { loadLabel } from './edit.js';
import type { EditorRef, LabelValue } from './edit.js';
import type { QueueName, QueueSpec } from './queue.js';

type Db = PrismaClient;

export interface SessionOptions {
  annotator: string;
  queue: QueueName;
  filter: string | null;
  overlap?: number | null;
  /** Default: adjudication in the disagreements queue (a reviewer settles), annotation otherwise. */
  kind?: LabelKind;
}

export interface LabelSession {
  id: string;
  annotator: { id: number; name: string };
  editor: EditorRef;
  codebook: CodebookVersionInfo;
  spec: QueueSpec;
}

export async function startSession(db: Db, opts: SessionOptions): Promise<LabelSession> {
  const kind = opts.kind ?? (opts.queue === 'disagreements' ? 'adjudication' : 'annotation');
  const [annotator, codebook] = await Promise.all([ensureAnnotator(db, opts.annotator, kind === 'adjudication' ? 'reviewer' : 'annotator'), loadCodebook(db)]);
  const id = randomUUID();
  return {
    id,
    annotator,
    editor: { annotatorId: annotator.id, kind, version: codebook.version, session: id },
    codebook,
    spec: { queue: opts.queue, annotatorId: annotator.id, kind, filter: opts.filter, overlap: opts.overlap ?? null },
  };
}

/** What the screen shows of an article. */
export interface ArticleView {
  id: string;
  title: string;
  source: string | null;
  publishedAt: string | null;
  /** The date as found, for partial dates. */
  publishedText: string | null;
  dateline: string | null;
  author: string | null;
  body: string;
}

export interface LoadedArticle {
  article: ArticleView;
  label: LabelValue;
}

/** One article and the editor's label on it; null when the id no longer exists. */
export async function loadArticle(db: Db, editor: Pick<EditorRef, 'annotatorId' | 'kind'>, id: string): Promise<LoadedArticle | null> {
  const [row, label] = await Promise.all([
    db.article.findUnique({
      where: { id },
      select: { id: true, title: true, source: true, publishedAt: true, publishedText: true, dateline: true, author: true, body: true },
    }),
    loadLabel(db, editor, id),
  ]);
  if (row === null) return null;
  return { article: { ...row, publishedAt: row.publishedAt?.toISOString() ?? null }, label };
}
