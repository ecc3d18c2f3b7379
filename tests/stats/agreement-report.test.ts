// `mizan stats --agreement` on real labels in both databases, checked against the literature
// examples (see agreement.test.ts) laid out as articles and annotators.
import { expect, it } from 'vitest';
import { agreementReport } from '../../src/stats/agreement-report.js';
import type { AgreementReport } from '../../src/stats/agreement-report.js';
import { cohensKappa } from '../../src/stats/agreement.js';
import { runCli } from '../helpers/cli.js';
import { describeEachProvider } from '../helpers/providers.js';
import { addArticles, annotators, label, seedCodebook } from '../team/fixture.js';

const _ = null;
// Krippendorff (2011) C: four observers, twelve units, missing values; α = 0.743.
const STANCE: (number | null)[][] = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
  [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
];
// Krippendorff (2011) A: two observers, binary; α = 0.095. Here: "is the topic diplomacy on?".
const TOPIC = [
  [0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
  [1, 1, 1, 0, 0, 1, 0, 0, 0, 0],
];

describeEachProvider('agreement report', (p) => {
  it('per-field alpha and pairwise kappa from the stored labels, also through `mizan stats --agreement`', async () => {
    const db = await p.freshDb();
    const version = await seedCodebook(db.prisma);
    const ids = await addArticles(db.prisma, 22);
    const people = await annotators(db.prisma, 'amina', 'bilal', 'chafik', 'dalia');
    for (const [row, values] of STANCE.entries()) {
      for (const [unit, v] of values.entries()) {
        if (v !== null) await label(db.prisma, ids[unit]!, people[row]!, { version, stance: { algeria: `v${v}` } });
      }
    }
    for (const [row, values] of TOPIC.entries()) {
      for (const [unit, v] of values.entries())
        await label(db.prisma, ids[12 + unit]!, people[row]!, { version, topics: v === 1 ? ['diplomacy'] : ['sahel_security'] });
    }
    // Drafts and skipped labels do not count.
    await label(db.prisma, ids[11]!, people[2]!, { version, stance: { algeria: 'v1' }, confirmed: false });
    await label(db.prisma, ids[11]!, people[3]!, { version, stance: { algeria: 'v2' }, skipped: true });

    const report = await agreementReport(db.prisma);
    expect(report.annotators).toEqual(['amina', 'bilal', 'chafik', 'dalia']);
    expect(report.articles).toBe(21);
    const stance = report.fields.find((f) => f.field === 'stance:algeria')!;
    expect(stance.items).toBe(11);
    expect(stance.alpha).toBeCloseTo(0.743, 3);
    expect(stance.pairs.map((x) => `${x.a}×${x.b}`)).toEqual(['amina×bilal', 'amina×chafik', 'amina×dalia', 'bilal×chafik', 'bilal×dalia', 'chafik×dalia']);
    // amina × bilal share units 1–9.
    const ab = stance.pairs[0]!;
    const expected = cohensKappa(STANCE[0]!.slice(0, 9).map((v, i) => [`v${v}`, `v${STANCE[1]![i]}`] as [string, string]));
    expect(ab.items).toBe(9);
    expect(ab.agreement).toBeCloseTo(8 / 9, 12);
    expect(ab.kappa).toBeCloseTo(expected.kappa!, 12);

    const diplomacy = report.fields.find((f) => f.field === 'topic:diplomacy')!;
    expect(diplomacy.items).toBe(10);
    expect(diplomacy.alpha).toBeCloseTo(0.095, 3);
    expect(diplomacy.pairs).toHaveLength(1);
    expect(diplomacy.pairs[0]!.kappa).toBeCloseTo(0.04 / 0.44, 12);
    // sahel_security is exactly the complement of diplomacy here: same agreement.
    expect(report.fields.find((f) => f.field === 'topic:sahel_security')!.alpha).toBeCloseTo(0.095, 3);
    // Topics nobody picked are still judged ("no" from both): perfect agreement, kappa undefined.
    const unused = report.fields.find((f) => f.field === 'topic:western_sahara')!;
    expect(unused.alpha).toBeNull();
    expect(unused.pairs[0]!.agreement).toBe(1);
    // Targets never judged twice on one article are left out.
    expect(report.fields.some((f) => f.field === 'stance:morocco')).toBe(false);

    const json = await runCli(['--db', db.url, 'stats', '--agreement', '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout) as AgreementReport).toEqual(report);
    const text = await runCli(['--db', db.url, 'stats', '--agreement']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^ {2}stance:algeria +alpha +0\.743 +items 11$/m);
    expect(text.stdout).toMatch(/amina × bilal: kappa \d\.\d{3}, agreement 88\.9%, items 9/);
    // The plain summary is unchanged.
    const summary = await runCli(['--db', db.url, 'stats', '--json']);
    expect(JSON.parse(summary.stdout)).toMatchObject({ articles: 22 });
  });

  it('an empty corpus says so', async () => {
    const db = await p.freshDb();
    await seedCodebook(db.prisma);
    const r = await runCli(['--db', db.url, 'stats', '--agreement']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/0 annotators, 0 articles labeled by two or more\nno field was judged/);
  });
});
