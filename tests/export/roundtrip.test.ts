// `mizan export` → `mizan import FILE --labels`, on both providers, through the CLI as a user runs it:
// the same articles, the same labels per annotator and kind, the same notes — from wide and long,
// CSV and JSONL, plain and --excel files, into an empty or an already filled database.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { describeEachProvider } from '../helpers/providers.js';
import { tempDir, withDb } from '../helpers/temp.js';
import { ARTICLES, articleSnapshot, labelSnapshot, SEED_CODEBOOK, seedAll, seedArticles } from './fixture.js';

// [file, export flags, import flags]
const VARIANTS: [string, string[], string[]][] = [
  ['wide.csv', [], []],
  ['long.csv', ['--layout', 'long'], []],
  ['wide.jsonl', [], []],
  ['long.jsonl', ['--layout', 'long'], []],
  ['excel.csv', ['--excel'], []],
  ['excel-long.csv', ['--excel', '--layout', 'long'], []],
  ['raw.csv', ['--raw'], ['--raw']],
];

describeEachProvider('mizan import --labels', (p) => {
  async function source() {
    const url = await p.freshUrl();
    const expected = await withDb(url, async (db) => {
      await seedAll(db);
      return { labels: await labelSnapshot(db), articles: await articleSnapshot(db) };
    });
    const dir = tempDir();
    const cli = (...args: string[]) => runCli(['--db', url, ...args], { cwd: dir });
    return { url, dir, cli, expected };
  }

  /** A fresh database with the seed codebook, and a CLI bound to it. */
  async function target(dir: string) {
    const url = await p.freshUrl();
    const cli = (...args: string[]) => runCli(['--db', url, ...args], { cwd: dir });
    expect((await cli('codebook', 'import', SEED_CODEBOOK)).code).toBe(0);
    return { url, cli };
  }

  it('every layout and format, with --include-text, into an empty database: identical articles and labels; again: unchanged', async () => {
    const src = await source();
    for (const [file, flags, importFlags] of VARIANTS) {
      expect((await src.cli('export', '--out', file, '--include-text', ...flags)).code).toBe(0);
      const dst = await target(src.dir);
      const r = await dst.cli('import', file, '--labels', ...importFlags);
      expect({ file, stderr: r.stderr, code: r.code }).toEqual({ file, stderr: '', code: 0 });
      expect(r.stdout).toBe(`imported 8 labels from ${file}: 8 new, 0 updated, 0 unchanged; 3 articles created\n`);
      await withDb(dst.url, async (db) => {
        expect(await labelSnapshot(db)).toEqual(src.expected.labels);
        expect(await articleSnapshot(db)).toEqual(src.expected.articles);
      });
      const again = await dst.cli('import', file, '--labels', ...importFlags);
      expect(again.stdout).toBe(`imported 8 labels from ${file}: 0 new, 0 updated, 8 unchanged; 0 articles created\n`);
    }
  });

  it('without the text, into a database that has the articles (by id, or by content hash under another id)', async () => {
    const src = await source();
    expect((await src.cli('export', '--out', 'wide.csv')).code).toBe(0);
    expect((await src.cli('export', '--out', 'long.csv', '--layout', 'long', '--include-text')).code).toBe(0);

    const sameIds = await target(src.dir);
    await withDb(sameIds.url, (db) => seedArticles(db));
    expect((await sameIds.cli('import', 'wide.csv', '--labels')).code).toBe(0);
    await withDb(sameIds.url, async (db) => expect(await labelSnapshot(db)).toEqual(src.expected.labels));

    // The same texts under other ids (another database's id scheme): matched by content hash.
    const otherIds = await target(src.dir);
    await withDb(otherIds.url, (db) =>
      seedArticles(
        db,
        ARTICLES.map((a) => ({ ...a, id: `b${a.id.slice(1)}` })),
      ).then(async () => {
        await db.prisma.$executeRawUnsafe(`UPDATE "Article" SET "contentHash" = 'hash-a' || substr(id, 2)`);
      }),
    );
    const r = await otherIds.cli('import', 'long.csv', '--labels');
    expect(r.stdout).toBe('imported 8 labels from long.csv: 8 new, 0 updated, 0 unchanged; 0 articles created\n');
    await withDb(otherIds.url, async (db) => {
      const relabeled = (await labelSnapshot(db)) as { articleId: string }[];
      expect(relabeled.map((l) => ({ ...l, articleId: `a${l.articleId.slice(1)}` }))).toEqual(src.expected.labels);
      expect(await db.prisma.article.count()).toBe(3);
    });

    // Without the text and without the article: an error naming the row, nothing imported.
    const empty = await target(src.dir);
    const missing = await empty.cli('import', 'wide.csv', '--labels');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(
      `mizan: ${join(src.dir, 'wide.csv')}: row 1 field "article_id": article a0000000000000001 (external_id "ext-1") is not in the database: import the articles first, or export with --include-text to carry them along\n`,
    );
    await withDb(empty.url, async (db) => expect(await db.prisma.label.count()).toBe(0));
  });

  it('a value not in the codebook is an error naming row and value, and the import changes nothing', async () => {
    const src = await source();
    expect((await src.cli('export', '--out', 'wide.csv', '--include-text')).code).toBe(0);
    expect((await src.cli('export', '--out', 'long.csv', '--include-text', '--layout', 'long')).code).toBe(0);
    const wide = readFileSync(join(src.dir, 'wide.csv'), 'utf8');
    // youssef's label on the first article (data row 2) says "neutral" toward Morocco.
    writeFileSync(join(src.dir, 'bad-wide.csv'), wide.replace(',favor,neutral,', ',favor,maybe,'));
    const long = readFileSync(join(src.dir, 'long.csv'), 'utf8').split('\n');
    const at = long.findIndex((l) => l.includes(',topic,counter_terrorism'));
    long[at] = long[at]!.replace(',topic,counter_terrorism', ',topic,sports');
    writeFileSync(join(src.dir, 'bad-long.csv'), long.join('\n'));

    const dst = await target(src.dir);
    const r = await dst.cli('import', 'bad-wide.csv', '--labels');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      new RegExp(
        `^mizan: ${join(src.dir, 'bad-wide.csv')}: row 2 field "stance:morocco": unknown stance value "maybe" \\(codebook version 1 has: favor, against, neutral, not_addressed\\)`,
      ),
    );
    const l = await dst.cli('import', 'bad-long.csv', '--labels');
    expect(l.code).toBe(1);
    expect(l.stderr).toMatch(new RegExp(`^mizan: ${join(src.dir, 'bad-long.csv')}: row ${at} field "value": unknown topic "sports"`));
    await withDb(dst.url, async (db) => {
      expect(await db.prisma.label.count()).toBe(0);
      expect(await db.prisma.article.count()).toBe(0);
      expect(await db.prisma.annotator.count()).toBe(0);
    });
    // --extend-codebook takes the new value into a new codebook version instead.
    const ext = await dst.cli('import', 'bad-wide.csv', '--labels', '--extend-codebook');
    expect(ext.code).toBe(0);
    await withDb(dst.url, async (db) => {
      const stance = await db.prisma.labelStance.findMany({ where: { valueKey: 'maybe' } });
      expect(stance).toHaveLength(1);
      expect(await db.prisma.codebookVersion.count()).toBe(2);
    });
  });

  it('refuses resolved exports and other files with a clear message; --labels takes one file', async () => {
    const src = await source();
    expect((await src.cli('export', '--out', 'resolved.csv', '--resolved')).code).toBe(0);
    const dst = await target(src.dir);
    const resolved = await dst.cli('import', 'resolved.csv', '--labels');
    expect(resolved.code).toBe(1);
    expect(resolved.stderr).toBe(
      `mizan: ${join(src.dir, 'resolved.csv')}: is a resolved export (--resolved): it has no per-annotator labels to import; export without --resolved\n`,
    );
    writeFileSync(join(src.dir, 'other.csv'), 'id,text\n1,نص\n');
    const other = await dst.cli('import', 'other.csv', '--labels');
    expect(other.code).toBe(1);
    expect(other.stderr).toMatch(/other\.csv: is not a Mizan label export: expected the columns of `mizan export`/);
    const two = await dst.cli('import', 'resolved.csv', 'other.csv', '--labels');
    expect(two.code).toBe(2);
    expect(two.stderr).toBe('mizan: --labels: give exactly one file, a `mizan export` output\n');
    // An export of an empty database (header only) imports nothing, successfully.
    const blank = await target(src.dir);
    expect((await blank.cli('export', '--out', 'empty.csv')).code).toBe(0);
    const none = await dst.cli('import', 'empty.csv', '--labels');
    expect(none.code).toBe(0);
    expect(none.stdout).toBe('imported 0 labels from empty.csv: 0 new, 0 updated, 0 unchanged; 0 articles created\n');
  });
});
