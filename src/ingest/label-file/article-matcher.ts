// Which article a row of an export is about. In order: the same article id; the same content
// hash (the same text, imported under another id); then, for exports without text, the external
// id when exactly one article has it. With the text in the file (--include-text) a missing article
// is recreated with its original id and hash; without it, a missing article is an error.
import type { Prisma } from '../../db/generated/client.js';
import { InputError } from '../../input-error.js';

export interface ArticleCells {
  id: string;
  externalId: string | null;
  source: string | null;
  title: string | null;
  publishedAt: Date | null;
  nearDupGroup: string | null;
  url: string | null;
  contentHash: string | null;
  body: string | null;
}

type NewArticle = Prisma.ArticleCreateManyInput;

const CHUNK = 500;

export class ArticleMatcher {
  /** id in the file → id in this database */
  private readonly known = new Map<string, string>();
  private pending: NewArticle[] = [];
  created = 0;

  constructor(
    private readonly tx: Prisma.TransactionClient,
    private readonly file: string,
    private readonly batchId: string,
  ) {}

  async match(a: ArticleCells, row: number): Promise<string> {
    const cached = this.known.get(a.id);
    if (cached !== undefined) return cached;
    const id = await this.find(a, row);
    this.known.set(a.id, id);
    return id;
  }

  /** Labels may only be written once every article they point to exists. */
  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const chunk = this.pending;
    this.pending = [];
    await this.tx.article.createMany({ data: chunk });
    this.created += chunk.length;
  }

  private async find(a: ArticleCells, row: number): Promise<string> {
    const byId = await this.tx.article.findUnique({ where: { id: a.id }, select: { id: true } });
    if (byId !== null) return byId.id;
    if (a.contentHash !== null) {
      const byHash = await this.tx.article.findUnique({ where: { contentHash: a.contentHash }, select: { id: true } });
      if (byHash !== null) return byHash.id;
    }
    if (a.body !== null && a.title !== null) return this.create(a, row);
    if (a.externalId !== null) {
      const byExternal = await this.tx.article.findMany({ where: { externalId: a.externalId }, select: { id: true }, take: 2 });
      if (byExternal.length === 1) return byExternal[0]!.id;
      if (byExternal.length > 1) {
        throw new InputError(this.file, `article ${a.id} is not in the database and its external_id "${a.externalId}" matches several articles`, {
          row,
          field: 'external_id',
        });
      }
    }
    throw new InputError(
      this.file,
      `article ${a.id}${a.externalId === null ? '' : ` (external_id "${a.externalId}")`} is not in the database: import the articles first, or export with --include-text to carry them along`,
      { row, field: 'article_id' },
    );
  }

  private async create(a: ArticleCells, row: number): Promise<string> {
    let contentHash = a.contentHash;
    if (contentHash === null) {
      // Hand-made files may lack the hash; compute it the way `mizan import` does. Loaded lazily:
      // Mizan's own exports always carry it.
      const { identify } = await import('../draft.js');
      contentHash = identify({
        externalId: a.externalId,
        source: a.source,
        sourceKey: null,
        url: a.url,
        title: a.title!,
        body: a.body!,
        rawText: a.body!,
        language: 'ar',
        publishedAt: a.publishedAt,
        publishedText: null,
        dateline: null,
        author: null,
      }).contentHash;
      const byHash = await this.tx.article.findUnique({ where: { contentHash }, select: { id: true } });
      if (byHash !== null) return byHash.id;
    }
    if (this.pending.some((p) => p.contentHash === contentHash)) {
      throw new InputError(this.file, `article ${a.id} has the same content_hash as another article in this file`, { row, field: 'content_hash' });
    }
    this.pending.push({
      id: a.id,
      externalId: a.externalId,
      source: a.source,
      url: a.url,
      title: a.title!,
      body: a.body!,
      rawText: null, // the body (see rawTextOf in src/ingest/draft.ts)
      publishedAt: a.publishedAt,
      nearDupGroup: a.nearDupGroup,
      contentHash,
      importBatchId: this.batchId,
    });
    if (this.pending.length >= CHUNK) await this.flush();
    return a.id;
  }
}
