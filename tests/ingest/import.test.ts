import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open.js';
import { runCli } from '../helpers/cli.js';
import { describeEachProvider } from '../helpers/providers.js';
import { tempDir } from '../helpers/temp.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const SEEDS = join(ROOT, 'seeds');
const CODEBOOK = join(SEEDS, 'codebook.yaml');

async function counts(url: string) {
  const db = await openDatabase(url);
  try {
    const [articles, labels, events, batches, codebooks] = await Promise.all([
      db.prisma.article.count(),
      db.prisma.label.count(),
      db.prisma.labelEvent.count(),
      db.prisma.importBatch.count(),
      db.prisma.codebookVersion.count(),
    ]);
    return { articles, labels, events, batches, codebooks };
  } finally {
    await db.close();
  }
}

describeEachProvider('mizan import', ({ freshUrl }) => {
  it('imports the five seed pages with their metadata; re-importing is a no-op', async () => {
    const url = await freshUrl();
    const first = await runCli(['--db', url, 'import', SEEDS]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/imported 5 articles from 5 file\(s\): 0 duplicates skipped, 0 rejected/);
    const again = await runCli(['--db', url, 'import', SEEDS]);
    expect(again.stdout).toMatch(/imported 0 articles from 5 file\(s\): 5 duplicates skipped/);

    const db = await openDatabase(url);
    const rows = await db.prisma.article.findMany({ orderBy: { externalId: 'asc' } });
    await db.close();
    expect(rows).toHaveLength(5);
    const bySource = rows.map((a) => a.source).sort();
    expect(bySource).toEqual(['الدار', 'اليوم 24', 'بوابة الوسط', 'بوابة الوسط', 'تيلكيل عربي'].sort());
    const dated = rows
      .filter((a) => a.publishedAt !== null)
      .map((a) => a.publishedAt!.toISOString().slice(0, 10))
      .sort();
    expect(dated).toEqual(['2015-02-05', '2016-07-23', '2016-12-07']);
    for (const a of rows) {
      expect(a.title.length).toBeGreaterThan(10);
      expect(a.body.length).toBeGreaterThan(200);
      expect(a.rawText!.length).toBeGreaterThan(a.body.length);
      expect(a.language).toBe('ar');
    }
    expect(
      rows
        .map((a) => a.dateline)
        .filter((d) => d !== null)
        .sort(),
    ).toEqual(['الجزائر', 'القاهرة']);
  });

  it('imports a labeled CSV: topics, stance with a target column, a new codebook version with --extend-codebook', async () => {
    const url = await freshUrl();
    const dir = tempDir();
    const csv = join(dir, 'mawqif.csv');
    writeFileSync(
      csv,
      'id,text,target,stance\n' +
        'm1,"اللقاح آمن وفعال، خذوه ""الآن""",Covid Vaccine,Favor\n' +
        'm2,التحول الرقمي خطر على الخصوصية,Digital Transformation,Against\n' +
        'm3,تمكين المرأة موضوع النقاش اليوم,Women empowerment,None\n',
    );
    const r = await runCli([
      '--db',
      url,
      'import',
      csv,
      '--text-col',
      'text',
      '--id-col',
      'id',
      '--target-col',
      'target',
      '--stance-col',
      'stance',
      '--extend-codebook',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/imported 3 articles .*labels: 3 new/);
    const shown = await runCli(['--db', url, 'codebook', 'show']);
    expect(shown.stdout).toMatch(/Covid Vaccine/);
    expect(shown.stdout).toMatch(/Women empowerment/);

    const db = await openDatabase(url);
    const labels = await db.prisma.label.findMany({ include: { stances: true, article: true }, orderBy: { articleId: 'asc' } });
    const events = await db.prisma.labelEvent.count({ where: { action: 'import' } });
    await db.close();
    expect(labels).toHaveLength(3);
    expect(events).toBeGreaterThanOrEqual(3);
    const byExternal = Object.fromEntries(labels.map((l) => [l.article.externalId, l.stances.map((s) => s.valueKey)]));
    expect(byExternal['m1']).toHaveLength(1);
    expect(new Set(Object.values(byExternal).flat()).size).toBe(3);
    expect(labels.every((l) => l.confirmedAt !== null && !l.topicsLabeled)).toBe(true);

    // Importing the same labeled file again changes nothing: no label re-confirmed, no new event.
    const again = await runCli(['--db', url, 'import', csv, '--text-col', 'text', '--id-col', 'id', '--target-col', 'target', '--stance-col', 'stance']);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/0 duplicates|3 duplicates/);
    expect(again.stdout).toMatch(/labels: 0 new, 0 updated, 3 unchanged/);
    const db2 = await openDatabase(url);
    const after = await db2.prisma.label.findMany({ orderBy: { articleId: 'asc' } });
    const eventsAfter = await db2.prisma.labelEvent.count({ where: { action: 'import' } });
    await db2.close();
    expect(eventsAfter).toBe(events);
    expect(after.map((l) => l.confirmedAt?.getTime())).toEqual(labels.map((l) => l.confirmedAt?.getTime()));
  });

  it('imports topics from CSV and JSONL against the seed codebook; names the row of an unknown label', async () => {
    const url = await freshUrl();
    const dir = tempDir();
    expect((await runCli(['--db', url, 'codebook', 'import', CODEBOOK])).code).toBe(0);
    writeFileSync(
      join(dir, 'a.csv'),
      'id,text,topic\n1,نص أول عن مكافحة الإرهاب,counter_terrorism\n2,نص ثان عن الحدود,Borders and migration|counter_terrorism\n',
    );
    writeFileSync(
      join(dir, 'b.jsonl'),
      '{"id":"j1","text":"خبر عن ليبيا","topic":"libya_conflict"}\n{"id":"j2","text":"خبر عن الساحل","topic":"sahel_security"}\n',
    );
    const ok = await runCli(['--db', url, 'import', dir, '--topic-col', 'topic']);
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toMatch(/imported 4 articles from 2 file\(s\).*labels: 4 new/);
    const before = await counts(url);

    const bad = join(tempDir(), 'bad.csv');
    writeFileSync(bad, 'id,text,topic\n10,نص جديد,counter_terrorism\n11,نص آخر,foo\n');
    const r = await runCli(['--db', url, 'import', bad, '--topic-col', 'topic']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^mizan: .*bad\.csv: row 2 field "topic": unknown topic "foo"/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(await counts(url)).toEqual(before);
  });

  it('bad files: a clear one-line error naming file and place, exit 1, and the database unchanged', async () => {
    const url = await freshUrl();
    const dir = tempDir();
    cpSync(join(SEEDS, '000_94658338be4f55b9.txt'), join(dir, '000.txt'));
    expect((await runCli(['--db', url, 'import', join(dir, '000.txt')])).code).toBe(0);
    const before = await counts(url);
    const good = join(dir, 'good.csv');
    writeFileSync(good, 'ref,text\nr1,نص سليم تماما\n');
    const cases: [string, string | Buffer, RegExp, string[]?][] = [
      ['empty.csv', '', /empty\.csv: is empty/],
      ['binary.csv', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x01]), /binary\.csv: line 1: looks like a binary file/],
      ['latin1.csv', Buffer.concat([Buffer.from('id,text\n1,"caf'), Buffer.from([0xe9]), Buffer.from('"\n')]), /latin1\.csv: line 2: is not valid UTF-8/],
      ['quote.csv', 'id,text\n1,"نص لم يغلق\n2,نص\n', /quote\.csv: row 1: a quoted field is never closed/],
      ['columns.csv', 'id,content\n1,نص\n', /columns\.csv: column "ref" \(--id-col\) is not in the file/, ['--id-col', 'ref']],
      ['broken.jsonl', '{"ref":"1","text":"نص"}\n{"ref":"2","text":\n', /broken\.jsonl: line 2: /],
    ];
    for (const [name, content, message, flags] of cases) {
      const file = join(dir, name);
      writeFileSync(file, content);
      // The good file comes first: one import is one transaction, so it must not land either.
      const r = await runCli(['--db', url, 'import', good, file, ...(flags ?? ['--id-col', 'ref'])]);
      expect(r.code, name).toBe(1);
      expect(r.stderr, name).toMatch(message);
      expect(r.stderr.trim().split('\n'), name).toHaveLength(1);
      expect(await counts(url), name).toEqual(before);
    }
    const missing = await runCli(['--db', url, 'import', join(dir, 'nope.csv')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope\.csv/);
  });
});
