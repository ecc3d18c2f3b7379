// `mizan export` end to end on both providers: the CLI writes a file, and another program (Python's
// csv module) reads it back, so these tests check what a statistician's tools will actually see.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { parseCodebook } from '../../src/codebook/parse.js';
import { saveCodebook } from '../../src/codebook/store.js';
import { cellText } from '../../src/table/csv-write.js';
import { guardCell } from '../../src/table/formula-guard.js';
import { runCli } from '../helpers/cli.js';
import { describeEachProvider } from '../helpers/providers.js';
import { tempDir, withDb } from '../helpers/temp.js';
import type { ExportOptions } from '../../src/export/export-labels.js';
import { exportToString, SEED_CODEBOOK, seedAll } from './fixture.js';
import { pythonCsv, pythonDicts, sqliteImport } from './readers.js';

const WIDE_HEADER = [
  'article_id',
  'external_id',
  'source',
  'title',
  'published_at',
  'near_dup_group',
  'annotator',
  'kind',
  'topics',
  'topics_labeled',
  'stance:algeria',
  'stance:morocco',
  'stance:dz_ma_cooperation',
  'note',
  'skipped',
  'labeled_at',
  'updated_at',
  'codebook_version',
];
const LONG_HEADER = [
  'article_id',
  'external_id',
  'source',
  'title',
  'published_at',
  'near_dup_group',
  'annotator',
  'kind',
  'codebook_version',
  'labeled_at',
  'updated_at',
  'field',
  'value',
];

const row = (rows: Record<string, string>[], article: string, annotator: string) => {
  const found = rows.find((r) => r['article_id'] === article && r['annotator'] === annotator);
  if (found === undefined) throw new Error(`no row for ${article} / ${annotator}`);
  return found;
};

describeEachProvider('mizan export', (p) => {
  // The test's own connection is closed before the CLI opens the database: a second process-local
  // open of an SQLite file another connection has written to waits on the migration lock (see report).
  async function seeded() {
    const url = await p.freshUrl();
    await withDb(url, seedAll);
    const dir = tempDir();
    const run = (...args: string[]) => runCli(['--db', url, 'export', ...args], { cwd: dir });
    return { url, dir, run };
  }

  it('wide CSV: documented columns in order, one row per label, every cell intact in Python', async () => {
    const { dir, run } = await seeded();
    const r = await run('--out', 'labels.csv');
    expect(r.stderr).toBe('exported 8 rows (8 labels) to labels.csv, its codebook to labels.codebook.yaml\n');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('exported 8 rows (8 labels) to labels.csv, its codebook to labels.codebook.yaml\n');
    const [header, ...data] = pythonCsv(join(dir, 'labels.csv'));
    expect(header).toEqual(WIDE_HEADER);
    expect(data).toHaveLength(8);
    const rows = pythonDicts(join(dir, 'labels.csv'));
    const salma = row(rows, 'a0000000000000001', 'salma');
    expect(salma).toMatchObject({
      external_id: 'ext-1',
      source: 'بوابة الوسط',
      title: 'تفكيك خلية إرهابية في الجزائر',
      published_at: '2024-03-01T10:00:00.000Z',
      kind: 'annotation',
      topics: 'counter_terrorism|intelligence_cooperation',
      topics_labeled: 'true',
      'stance:algeria': 'favor',
      'stance:morocco': '',
      note: 'قال: "نعم"، ثم\nذهب',
      skipped: 'false',
      labeled_at: '2024-04-01T08:00:00.000Z',
      codebook_version: '1',
    });
    expect(salma['updated_at']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(row(rows, 'a0000000000000002', 'salma')).toMatchObject({
      title: 'المغرب والجزائر: قمة، ثم "خلاف"',
      'stance:dz_ma_cooperation': 'against',
      published_at: '',
    });
    expect(row(rows, 'a0000000000000002', 'reviewer')['kind']).toBe('adjudication');
    expect(row(rows, 'a0000000000000003', 'salma')).toMatchObject({ skipped: 'true', topics_labeled: 'false', labeled_at: '', note: 'غير واضح' });
    expect(row(rows, 'a0000000000000003', 'karim')).toMatchObject({ topics: '', topics_labeled: 'true', note: '' });
  });

  it('formula-looking cells get one leading apostrophe; --raw writes them as they are', async () => {
    const { dir, run } = await seeded();
    expect((await run('--out', 'guarded.csv')).code).toBe(0);
    expect((await run('--out', 'raw.csv', '--raw')).code).toBe(0);
    const guarded = pythonDicts(join(dir, 'guarded.csv'));
    const raw = pythonDicts(join(dir, 'raw.csv'));
    expect(row(guarded, 'a0000000000000001', 'youssef')['note']).toBe(`'=HYPERLINK("http://evil")`);
    expect(row(raw, 'a0000000000000001', 'youssef')['note']).toBe('=HYPERLINK("http://evil")');
    expect(row(guarded, 'a0000000000000002', 'youssef')['note']).toBe("'+1 @team -2");
    expect(row(raw, 'a0000000000000002', 'youssef')['note']).toBe('+1 @team -2');
    // A value that already starts with ' before a trigger gets one more, so import can undo exactly one.
    expect(row(guarded, 'a0000000000000002', 'salma')['note']).toBe("''=already quoted");
    expect(row(raw, 'a0000000000000002', 'salma')['note']).toBe("'=already quoted");
    expect(row(guarded, 'a0000000000000002', 'salma')['external_id']).toBe("'=cmd|calc");
    // No data cell of the guarded file starts with a trigger.
    for (const r of guarded) for (const v of Object.values(r)) expect(v).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('every CSV cell, as Python reads it, equals the JSONL value (lists joined by |, formula-guarded)', async () => {
    const { dir, run } = await seeded();
    expect((await run('--out', 'labels.csv', '--include-text')).code).toBe(0);
    expect((await run('--out', 'labels.jsonl', '--include-text')).code).toBe(0);
    const csv = pythonCsv(join(dir, 'labels.csv'));
    const jsonl = readFileSync(join(dir, 'labels.jsonl'), 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(csv[0]).toEqual([...WIDE_HEADER, 'url', 'content_hash', 'body']);
    expect(jsonl).toHaveLength(csv.length - 1);
    for (const [i, record] of jsonl.entries()) {
      expect(Object.keys(record)).toEqual(csv[0]);
      const expected = Object.values(record).map((v) => guardCell(cellText(v as never)));
      expect(csv[i + 1]).toEqual(expected);
    }
    expect(jsonl[0]!['topics']).toEqual(['counter_terrorism', 'intelligence_cooperation']);
    expect(jsonl[0]!['skipped']).toBe(false);
    expect(jsonl.map((r) => r['body'])).toContain('-5 degrees, +3 @home');
  });

  it('--excel: UTF-8 BOM and CRLF line ends; the first header reads correctly with utf-8-sig', async () => {
    const { dir, run } = await seeded();
    expect((await run('--out', 'excel.csv', '--excel')).code).toBe(0);
    const bytes = readFileSync(join(dir, 'excel.csv'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.split('\r\n')[0]).toBe(`\uFEFF${WIDE_HEADER.join(',')}`);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(pythonCsv(join(dir, 'excel.csv'), 'utf-8')[0]![0]).toBe('\uFEFFarticle_id');
    const sig = pythonCsv(join(dir, 'excel.csv'), 'utf-8-sig');
    expect(sig[0]).toEqual(WIDE_HEADER);
    // The same cells as the plain export: CRLF separates rows only, a newline inside a note stays \n.
    expect((await run('--out', 'plain.csv')).code).toBe(0);
    expect(sig).toEqual(pythonCsv(join(dir, 'plain.csv')));
    expect(pythonDicts(join(dir, 'excel.csv'), 'utf-8-sig').map((r) => r['note'])).toContain('قال: "نعم"، ثم\nذهب');
    // The sqlite3 shell's .import (another real reader) loads both files into the same table.
    const viaSqlite = sqliteImport(join(dir, 'excel.csv'));
    expect(Object.keys(viaSqlite[0]!)).toEqual(WIDE_HEADER);
    expect(viaSqlite).toEqual(sqliteImport(join(dir, 'plain.csv')));
    expect(viaSqlite).toEqual(pythonDicts(join(dir, 'plain.csv')));
  });

  it('--layout long: one row per field, tidy', async () => {
    const { dir, run } = await seeded();
    expect((await run('--out', 'long.csv', '--layout', 'long')).code).toBe(0);
    const [header] = pythonCsv(join(dir, 'long.csv'));
    expect(header).toEqual(LONG_HEADER);
    const rows = pythonDicts(join(dir, 'long.csv'));
    const salma = rows.filter((r) => r['article_id'] === 'a0000000000000001' && r['annotator'] === 'salma').map((r) => [r['field'], r['value']]);
    expect(salma).toEqual([
      ['topic', 'counter_terrorism'],
      ['topic', 'intelligence_cooperation'],
      ['stance:algeria', 'favor'],
      ['note', 'قال: "نعم"، ثم\nذهب'],
      ['skipped', 'false'],
      ['topics_labeled', 'true'],
    ]);
    // 8 labels: each has skipped + topics_labeled; plus 8 topics, 8 stances, 5 notes.
    expect(rows).toHaveLength(8 * 2 + 8 + 8 + 5);
  });

  it('--resolved: one row per article, the value training uses and how many annotators agreed', async () => {
    const { dir, run } = await seeded();
    const r = await run('--out', 'resolved.csv', '--resolved');
    expect(r.code).toBe(0);
    const rows = pythonDicts(join(dir, 'resolved.csv'));
    expect(rows.map((x) => x['article_id'])).toEqual(['a0000000000000001', 'a0000000000000002', 'a0000000000000003']);
    // Three annotators; two of three say counter_terrorism alone and favor toward Algeria.
    expect(rows[0]).toMatchObject({
      annotators: '3',
      topics: 'counter_terrorism',
      'topics:agreed': '2',
      'topics:of': '3',
      'topics:by': 'majority',
      'stance:algeria': 'favor',
      'stance:algeria:agreed': '2',
      'stance:algeria:of': '3',
      'stance:algeria:by': 'majority',
      'stance:morocco': 'neutral',
      'stance:morocco:agreed': '1',
      'stance:morocco:of': '1',
      'stance:dz_ma_cooperation': '',
    });
    // The reviewer's adjudication wins over a 1–1 split.
    expect(rows[1]).toMatchObject({
      annotators: '2',
      topics: 'algeria_morocco',
      'topics:agreed': '1',
      'topics:of': '2',
      'topics:by': 'adjudication',
      'stance:morocco': 'favor',
      'stance:morocco:agreed': '1',
      'stance:morocco:of': '2',
      'stance:morocco:by': 'adjudication',
      'stance:dz_ma_cooperation': 'against',
      'stance:dz_ma_cooperation:agreed': '1',
    });
    // A skipped label does not count; karim judged "no topic".
    expect(rows[2]).toMatchObject({ annotators: '1', topics: '', 'topics:agreed': '1', 'topics:of': '1', 'stance:algeria': '' });

    expect((await run('--out', 'resolved-long.csv', '--resolved', '--layout', 'long')).code).toBe(0);
    const long = pythonDicts(join(dir, 'resolved-long.csv'));
    expect(long.filter((x) => x['article_id'] === 'a0000000000000001').map((x) => [x['field'], x['value'], x['agreed'], x['of'], x['by']])).toEqual([
      ['topics', 'counter_terrorism', '2', '3', 'majority'],
      ['stance:algeria', 'favor', '2', '3', 'majority'],
      ['stance:morocco', 'neutral', '1', '1', 'majority'],
    ]);
  });

  it('--annotator, --since and --codebook-version select labels; unknown ones are clear errors', async () => {
    const { url, dir, run } = await seeded();
    const salma = await run('--out', 'salma.csv', '--annotator', 'salma');
    expect(salma.code).toBe(0);
    expect(pythonDicts(join(dir, 'salma.csv')).map((r) => r['annotator'])).toEqual(['salma', 'salma', 'salma']);

    const unknown = await run('--out', 'nobody.csv', '--annotator', 'nobody');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('mizan: --annotator: no annotator "nobody" in the database (known: karim, reviewer, salma, youssef)\n');
    expect(() => readFileSync(join(dir, 'nobody.csv'))).toThrow();

    await withDb(url, async (db) => {
      const karim = await db.prisma.annotator.findUniqueOrThrow({ where: { name: 'karim' } });
      await db.prisma.label.updateMany({ where: { annotatorId: { not: karim.id } }, data: { updatedAt: new Date('2024-01-01T00:00:00Z') } });
      await db.prisma.label.updateMany({ where: { annotatorId: karim.id }, data: { updatedAt: new Date('2024-06-01T12:00:00Z') } });
    });
    expect((await run('--out', 'since.csv', '--since', '2024-06-01')).code).toBe(0);
    expect(pythonDicts(join(dir, 'since.csv')).map((r) => r['annotator'])).toEqual(['karim', 'karim']);
    expect((await run('--out', 'since2.csv', '--since', '2024-06-01T12:00:01Z')).code).toBe(0);
    expect(pythonCsv(join(dir, 'since2.csv'))).toHaveLength(1);
    const bad = await run('--out', 'x.csv', '--since', '2024-02-30');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^mizan: --since: "2024-02-30" is not a date/);

    const yaml = readFileSync(SEED_CODEBOOK, 'utf8').replace('name: Maghreb security', 'name: Maghreb security v2');
    expect(await withDb(url, (db) => saveCodebook(db.prisma, parseCodebook(yaml, SEED_CODEBOOK), yaml))).toBe(2);
    expect((await run('--out', 'v1.csv', '--codebook-version', '1')).code).toBe(0);
    expect(pythonCsv(join(dir, 'v1.csv'))).toHaveLength(9);
    expect((await run('--out', 'v2.csv', '--codebook-version', '2')).code).toBe(0);
    expect(pythonCsv(join(dir, 'v2.csv'))).toEqual([WIDE_HEADER]);
    const v9 = await run('--out', 'v9.csv', '--codebook-version', '9');
    expect(v9.code).toBe(1);
    expect(v9.stderr).toBe('mizan: --codebook-version: no codebook version 9 (known: 1, 2)\n');
  });

  it('an empty database exports the header only; --out - writes to stdout', async () => {
    const db = { url: await p.freshUrl() };
    const wide = await runCli(['--db', db.url, 'export', '--out', '-']);
    expect(wide.code).toBe(0);
    expect(wide.stdout).toBe(
      'article_id,external_id,source,title,published_at,near_dup_group,annotator,kind,topics,topics_labeled,note,skipped,labeled_at,updated_at,codebook_version\n',
    );
    expect(wide.stderr).toBe('exported 0 rows (0 labels) to stdout\n');
    const long = await runCli(['--db', db.url, 'export', '--out', '-', '--layout', 'long']);
    expect(long.stdout).toBe(`${LONG_HEADER.join(',')}\n`);
    const jsonl = await runCli(['--db', db.url, 'export', '--out', '-', '--format', 'jsonl']);
    expect(jsonl.stdout).toBe('');
    const unknown = await runCli(['--db', db.url, 'export', '--out', '-', '--annotator', 'salma']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('mizan: --annotator: no annotator "salma" in the database (known: none yet)\n');
  });

  it('JSONL keeps types; bad options are usage errors; an unwritable --out is one line, exit 1', async () => {
    const { dir, run } = await seeded();
    const out = await run('--out', '-', '--format', 'jsonl', '--annotator', 'karim');
    expect(out.code).toBe(0);
    const records = out.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(Object.keys(records[0]!)).toEqual(WIDE_HEADER);
    expect(records[1]).toMatchObject({
      article_id: 'a0000000000000003',
      topics: [],
      topics_labeled: true,
      skipped: false,
      note: null,
      codebook_version: 1,
      external_id: null,
    });
    expect((await run('--out', 'x.jsonl')).code).toBe(0);
    expect(readFileSync(join(dir, 'x.jsonl'), 'utf8').startsWith('{"article_id"')).toBe(true);

    for (const args of [
      ['--layout', 'tall'],
      ['--format', 'xml'],
      ['--format', 'jsonl', '--excel'],
      ['--codebook-version', 'one'],
    ]) {
      const r = await run('--out', 'y.csv', ...args);
      expect(r.code).toBe(2);
      expect(r.stderr.split('\n')).toHaveLength(2);
    }
    const missing = await run('--out', join(dir, 'no', 'such', 'dir.csv'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(`mizan: ${join(dir, 'no', 'such', 'dir.csv')}: cannot be written: its directory does not exist\n`);
    const directory = await run('--out', dir);
    expect(directory.code).toBe(1);
    expect(directory.stderr).toBe(`mizan: ${dir}: is a directory, expected a file name\n`);
  });

  it('pages through the labels in order whatever the page size, and reports progress', async () => {
    const db = await p.freshDb();
    await seedAll(db);
    const all = await exportToString(db, {});
    const progress: [number, number][] = [];
    const { streamLabels } = await import('../../src/labels/label-stream.js');
    const ids: string[] = [];
    for await (const l of streamLabels(db.prisma, {}, { includeText: false, pageSize: 3 })) ids.push(`${l.article.id}/${l.annotator}/${l.kind}`);
    expect(ids).toHaveLength(8);
    expect(new Set(ids).size).toBe(8);
    const again = await exportToString(db, { onProgress: (done, total) => progress.push([done, total]) });
    expect(again.text).toBe(all.text);
    expect(progress.at(-1)).toEqual([8, 8]);
    // SQLite's fast path (one statement on a read-only connection) writes exactly what Prisma's pages do.
    if (db.target.provider === 'sqlite') {
      const variants: Partial<ExportOptions>[] = [
        {},
        { layout: 'long' },
        { resolved: true },
        { resolved: true, layout: 'long' },
        { format: 'jsonl', includeText: true },
        { since: new Date('2000-01-01T00:00:00Z') },
        { since: new Date('2100-01-01T00:00:00Z') },
        { codebookVersion: 1 },
        { annotator: 'salma' },
      ];
      for (const o of variants) {
        const fast = await exportToString(db, { ...o, sqliteFile: db.target.file });
        expect(fast.text).toBe((await exportToString(db, o)).text);
        expect(fast.text.split('\n').length).toBeGreaterThan(o.since?.getFullYear() === 2100 ? 1 : 4);
      }
    }
  });
});
