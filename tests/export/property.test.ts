// Property: any labels — Arabic, quotes, commas, line breaks (LF, CRLF, lone CR), emoji, RTL marks,
// formula-looking text, leading apostrophes — survive export → import into a new database unchanged,
// whatever the layout, format and --excel. SQLite only: the database is not what varies here.
import { copyFileSync, createWriteStream, existsSync, readFileSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { parseCodebook } from '../../src/codebook/parse.js';
import { exportLabels } from '../../src/export/export-labels.js';
import { importLabelFile } from '../../src/ingest/label-file/import-label-file.js';
import { writeLabels } from '../../src/labels/bulk.js';
import type { LabelInput } from '../../src/labels/bulk.js';
import { tempDir, withDb } from '../helpers/temp.js';
import { articleSnapshot, labelSnapshot, SEED_CODEBOOK, seedArticles, seedCodebook } from './fixture.js';
import type { FixtureArticle } from './fixture.js';

const codebook = parseCodebook(readFileSync(SEED_CODEBOOK, 'utf8'), SEED_CODEBOOK);
const TOPICS = codebook.topics.map((t) => t.key);
const TARGETS = codebook.targets.map((t) => t.key);
const VALUES = codebook.values.map((v) => v.key);

const PIECES = [
  'ا',
  'ل',
  'ج',
  'ز',
  'ئ',
  'ر',
  'م',
  'غ',
  'ب',
  'ة',
  'ً',
  ' ',
  '،',
  '؛',
  '٣',
  '\u200f',
  '\u200d',
  '"',
  ',',
  '\n',
  '\r\n',
  '\r',
  '\t',
  "'",
  '|',
  '\\',
  ';',
  '=',
  '+',
  '-',
  '@',
  'x',
  'Z',
  '7',
  '😀',
  '🇲🇦',
  '👍🏽',
  '=HYPERLINK("http://e.vil")',
  '""',
  "''=",
];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 10 }).map((xs) => xs.join(''));
const nonEmpty = text.filter((s) => s !== '');
// ms-precision instants; ISO strings in the file carry them exactly.
const instant = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2035-12-31T23:59:59Z'), noInvalidDate: true });
const ANNOTATORS = ['salma', 'يوسف', '=admin', '"q, r"', 'karim 😀', "'@ops"];

const article = fc.record({
  title: nonEmpty,
  body: nonEmpty,
  externalId: fc.option(nonEmpty, { nil: null }),
  source: fc.option(nonEmpty, { nil: null }),
  url: fc.option(nonEmpty, { nil: null }),
  publishedAt: fc.option(instant, { nil: null }),
});

const label = (articles: number) =>
  fc.record({
    article: fc.nat(articles - 1),
    annotator: fc.constantFrom(...ANNOTATORS),
    kind: fc.constantFrom('annotation' as const, 'adjudication' as const),
    // undefined: the label did not judge topics; [] judged "none of them".
    topics: fc.option(fc.subarray(TOPICS), { nil: undefined }),
    stance: fc.uniqueArray(fc.tuple(fc.constantFrom(...TARGETS), fc.constantFrom(...VALUES)), { selector: ([t]) => t, maxLength: TARGETS.length }),
    // An empty note is no note: a CSV cell cannot tell '' from absent.
    note: fc.option(nonEmpty, { nil: null }),
    skipped: fc.boolean(),
    confirmedAt: fc.option(instant, { nil: null }),
  });

const scenario = fc.array(article, { minLength: 1, maxLength: 4 }).chain((articles) =>
  fc.record({
    articles: fc.constant(articles),
    labels: fc.uniqueArray(label(articles.length), { maxLength: 10, selector: (l) => `${l.article}/${l.annotator}/${l.kind}` }),
    layout: fc.constantFrom('wide' as const, 'long' as const),
    format: fc.constantFrom('csv' as const, 'jsonl' as const),
    excel: fc.boolean(),
    // SQLite's fast read path (what the CLI uses) or Prisma's pages (what PostgreSQL uses).
    fast: fc.boolean(),
  }),
);

function copyDb(from: string, to: string): string {
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(from + suffix)) copyFileSync(from + suffix, to + suffix);
  return `file:${to}`;
}

it('any labels survive export → import into a new database unchanged (wide/long, CSV/JSONL, --excel)', async () => {
  const dir = tempDir();
  // One migrated database with the codebook, copied for every run: migrating each time is slow.
  const template = join(dir, 'template.db');
  await withDb(`file:${template}`, seedCodebook);
  let run = 0;

  await fc.assert(
    fc.asyncProperty(scenario, async (s) => {
      run++;
      const articles: FixtureArticle[] = s.articles.map((a, i) => ({ ...a, id: `a${String(i).padStart(16, '0')}` }));
      const inputs: LabelInput[] = s.labels.map((l) => ({
        articleId: articles[l.article]!.id,
        annotator: l.annotator,
        kind: l.kind,
        ...(l.topics === undefined ? {} : { topics: l.topics }),
        stance: Object.fromEntries(l.stance),
        note: l.note,
        skipped: l.skipped,
        confirmedAt: l.confirmedAt,
      }));
      const file = join(dir, `run${run}.${s.format}`);
      const srcFile = join(dir, `src${run}.db`);
      const expected = await withDb(copyDb(template, srcFile), async (db) => {
        await seedArticles(db, articles);
        await db.prisma.$transaction((tx) => writeLabels(tx, inputs, { version: 1 }));
        const out = createWriteStream(file);
        await exportLabels(db.prisma, out, {
          format: s.format,
          layout: s.layout,
          resolved: false,
          excel: s.excel && s.format === 'csv',
          includeText: true,
          raw: false,
          ...(s.fast ? { sqliteFile: srcFile } : {}),
        });
        out.end();
        await finished(out);
        return { labels: await labelSnapshot(db), articles: await articleSnapshot(db) };
      });
      await withDb(copyDb(template, join(dir, `dst${run}.db`)), async (db) => {
        const summary = await importLabelFile(db, file);
        expect(summary.labels).toBe(inputs.length);
        expect(await labelSnapshot(db)).toEqual(expected.labels);
        // Articles come back only with labels (the export lists labels, not articles).
        const labeled = new Set(inputs.map((l) => l.articleId));
        expect(await articleSnapshot(db)).toEqual((expected.articles as { id: string }[]).filter((a) => labeled.has(a.id)));
      });
    }),
    { numRuns: Number(process.env['PROP_RUNS'] ?? 25) },
  );
});
