import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderParagraph } from '../../src/display/render.js';
import type { LoadedModel } from '../../src/model/io.js';
import { bar, groupLabel } from '../../src/report/format.js';
import { runCli } from '../helpers/cli.js';
import { tempDb, tempDir } from '../helpers/temp.js';
import { trainTinyModel } from '../server/tiny-model.js';

const SECURITY = (i: number) => `تفكيك خلية إرهابية رقم ${i} في الرباط. وأشاد المراقبون بدور الجزائر الإيجابي ونجاحها.`;
const SPORT = (i: number) => `فوز المنتخب في كأس أفريقيا رقم ${i} في تونس. وقال المتحدث إن التفاصيل ستعلن لاحقا.`;

let modelsDir: string;
let model: LoadedModel;
beforeAll(async () => {
  modelsDir = mkdtempSync(join(tmpdir(), 'mizan-report-cli-'));
  model = await trainTinyModel(modelsDir, 1);
}, 120_000);
afterAll(() => rmSync(modelsDir, { recursive: true, force: true }));

async function corpus(): Promise<{ env: Record<string, string>; dir: string }> {
  const db = await tempDb();
  const dir = tempDir();
  const lines = ['id,text,source,date'];
  for (let i = 0; i < 10; i++) lines.push(`n${i},"${i % 2 === 0 ? SECURITY(i) : SPORT(i)}",${i < 6 ? 'الشروق' : 'هسبريس'},2016-0${1 + (i % 3)}-15`);
  writeFileSync(join(dir, 'news.csv'), `${lines.join('\n')}\n`);
  const env = { DATABASE_URL: db.url, MIZAN_MODELS: modelsDir, MIZAN_RTL: 'app' };
  await db.close();
  const imported = await runCli(['import', join(dir, 'news.csv'), '--text-col', 'text', '--id-col', 'id', '--source-col', 'source', '--date-col', 'date'], {
    env,
  });
  expect(imported.code, imported.stderr).toBe(0);
  return { env, dir };
}

describe('mizan report', () => {
  it('classifies once, then reports from the stored predictions as csv, json and a table', async () => {
    const { env, dir } = await corpus();
    const first = await runCli(['report', '--field', 'topics', '--by', 'source', '--format', 'csv'], { env });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(new RegExp(`^classified 10 articles with model ${model.id} in `));
    const lines = first.stdout.trim().split('\n');
    expect(lines[0]).toBe('group,field,value,count,share,low,high,method');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 4).join(','))).toEqual([
      'الشروق,topics,security,3',
      'الشروق,topics,economy,0',
      'الشروق,topics,sport,3',
      'هسبريس,topics,security,2',
      'هسبريس,topics,economy,0',
      'هسبريس,topics,sport,2',
    ]);
    for (const l of lines.slice(1)) {
      const [share, low, high] = l.split(',').slice(4, 7).map(Number) as [number, number, number];
      expect(low).toBeLessThanOrEqual(share);
      expect(share).toBeLessThanOrEqual(high);
      expect(l.endsWith(',acc')).toBe(true);
    }

    const again = await runCli(['report', '--field', 'stance:algeria', '--by', 'month', '--format', 'json', '--out', join(dir, 'r.json')], { env });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toBe('wrote 9 rows to ' + join(dir, 'r.json') + '\n'); // nothing left to classify
    const json = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
    expect(json.modelVersion).toBe(model.id);
    expect(json.groups.map((g: { group: string }) => g.group)).toEqual(['2016-01', '2016-02', '2016-03']);
    expect(Object.keys(json.records[0]).sort()).toEqual(['count', 'field', 'group', 'high', 'low', 'method', 'share', 'value']);

    const table = await runCli(['report', '--field', 'topics', '--by', 'source'], { env });
    expect(table.code, table.stderr).toBe(0);
    // The outlet as the labeling screen draws it: shaped and in visual order.
    expect(table.stdout).toContain(renderParagraph('الشروق', 6, 'app')[0]!);
    expect(table.stdout).toContain('method: adjusted classify-and-count');
    expect(table.stdout).toContain('10 articles, 0 of them counted by their confirmed human label');
    expect(table.stdout).not.toContain('multi-label');
  });

  it('--raw is plain classify-and-count', async () => {
    const { env } = await corpus();
    const r = await runCli(['report', '--field', 'topics', '--raw', '--format', 'csv'], { env });
    expect(r.code, r.stderr).toBe(0);
    const rows = r.stdout
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
    expect(rows.map((x) => [x[2], x[3], x[4], x[7]])).toEqual([
      ['security', '5', '0.5', 'cc'],
      ['economy', '0', '0', 'cc'],
      ['sport', '5', '0.5', 'cc'],
    ]);
    // The bootstrap over ten articles: a wide interval around one half.
    expect(Number(rows[0]![5])).toBeLessThan(0.4);
    expect(Number(rows[0]![6])).toBeGreaterThan(0.6);
  });

  it('bad options fail with usage errors naming the flag; a field the model lacks names the model', async () => {
    const { env } = await corpus();
    expect((await runCli(['report', '--field', 'topics', '--format', 'csv'], { env })).code).toBe(0);
    const cases: [string[], number, string][] = [
      [['--field', 'topic'], 2, 'mizan: --field: "topic" is not topics or stance:<target>\n'],
      [['--field', 'topics', '--by', 'day'], 2, 'mizan: --by: "day" is not one of source, month, week, year, dateline\n'],
      [['--field', 'topics', '--articles', 'some'], 2, 'mizan: --articles: "some" is not one of all, labeled, unlabeled\n'],
      [['--field', 'topics', '--since', '2016-02-30'], 2, 'mizan: --since: "2016-02-30" is not a date (YYYY-MM-DD or an ISO 8601 time)\n'],
      [['--field', 'topics', '--since', '2016-03-01', '--until', '2016-02-01'], 2, 'mizan: --since 2016-03-01 is not before --until 2016-02-01\n'],
      [['--field', 'topics', '--format', 'xml'], 2, 'mizan: --format: "xml" is not one of table, csv, json\n'],
      [['--field', 'stance:morocco'], 1, `mizan: --field stance:morocco: model ${model.id} has no head for it (its fields: topics, stance:algeria)\n`],
      [['--field', 'topics', '--since', '2030-01-01'], 1, 'mizan: no articles match the report (articles: all, since 2030-01-01T00:00:00.000Z)\n'],
    ];
    for (const [args, code, stderr] of cases) {
      const r = await runCli(['report', ...args], { env });
      expect([r.code, r.stderr], args.join(' ')).toEqual([code, stderr]);
      expect(r.stdout).toBe('');
    }
  });
});

describe('the table bar', () => {
  it('is solid to the low end, marks the estimate, shades the rest of the interval', () => {
    expect(bar(0.5, 0.3, 0.7, 1, 10)).toBe('███░▓░░   '); // ▓ is the cell 40–50 %
    expect(bar(0.2, 0.2, 0.2, 1, 10)).toBe('██        ');
    expect(bar(0, 0, 0.05, 1, 10)).toBe('▓         ');
  });
});

describe('group names in the table', () => {
  it('an Arabic outlet reads right to left, its month as written', () => {
    const label = groupLabel('بوابة الوسط / 2016-02', 'app', 40);
    expect(label).toBe(`${renderParagraph('بوابة الوسط', 11, 'app')[0]} / 2016-02`);
    expect(label.startsWith('ﻂﺳﻮﻟﺍ')).toBe(true); // shaped presentation forms, last letter leftmost
    // A terminal that reorders by itself gets the logical text.
    expect(groupLabel('بوابة الوسط / 2016-02', 'terminal', 40)).toBe('بوابة الوسط / 2016-02');
  });
});
