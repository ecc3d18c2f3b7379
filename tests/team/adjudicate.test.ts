import { expect, it } from 'vitest';
import { adjudicate, disagreementFields, listDisagreements, loadDisagreement } from '../../src/labels/adjudicate.js';
import { isAdjudicationError } from '../../src/labels/adjudicate-errors.js';
import { streamResolved } from '../../src/labels/resolved-stream.js';
import { runCli } from '../helpers/cli.js';
import { describeEachProvider } from '../helpers/providers.js';
import { addArticles, annotators, label, seedCodebook } from './fixture.js';

it('disagreementFields: only values given by two or more labels can disagree', () => {
  expect(
    disagreementFields([
      { topics: ['a'], stance: { x: 'favor' } },
      { topics: ['a'], stance: { x: 'favor' } },
    ]),
  ).toEqual([]);
  expect(
    disagreementFields([
      { topics: ['a'], stance: {} },
      { topics: ['a', 'b'], stance: {} },
    ]),
  ).toEqual(['topics']);
  // A label that did not judge topics, or has no value for a target, disagrees with nobody there.
  expect(
    disagreementFields([
      { topics: null, stance: { x: 'favor' } },
      { topics: ['b'], stance: { y: 'against' } },
    ]),
  ).toEqual([]);
  expect(
    disagreementFields([
      { topics: [], stance: { x: 'favor', y: 'neutral' } },
      { topics: [], stance: { x: 'against', y: 'neutral' } },
      { topics: null, stance: { y: 'favor' } },
    ]),
  ).toEqual(['stance:x', 'stance:y']);
});

describeEachProvider('disagreements and adjudication', (p) => {
  it('lists disagreements with each choice; an adjudication settles them, wins in resolution and is in the history', async () => {
    const db = await p.freshDb();
    const version = await seedCodebook(db.prisma);
    const [a1, a2, a3, a4] = await addArticles(db.prisma, 4);
    const [amina, bilal, rania] = await annotators(db.prisma, 'amina', 'bilal', 'rania');
    // a1: agreement; a2: topics differ; a3: stance differs; a4: only one confirmed annotation.
    await label(db.prisma, a1!, amina!, { version, topics: ['diplomacy'], stance: { algeria: 'favor' } });
    await label(db.prisma, a1!, bilal!, { version, topics: ['diplomacy'], stance: { algeria: 'favor' } });
    await label(db.prisma, a2!, amina!, { version, topics: ['diplomacy', 'sahel_security'] });
    await label(db.prisma, a2!, bilal!, { version, topics: ['sahel_security'] });
    await label(db.prisma, a3!, amina!, { version, topics: ['libya_conflict'], stance: { algeria: 'favor', morocco: 'neutral' } });
    await label(db.prisma, a3!, bilal!, { version, topics: ['libya_conflict'], stance: { algeria: 'against', morocco: 'neutral' } });
    await label(db.prisma, a4!, amina!, { version, topics: ['diplomacy'] });
    await label(db.prisma, a4!, bilal!, { version, topics: ['borders_migration'], confirmed: false });

    const open = await listDisagreements(db.prisma);
    expect(open.map((d) => [d.articleId, d.fields])).toEqual([
      [a2, ['topics']],
      [a3, ['stance:algeria']],
    ]);
    expect(open[1]!.choices.map((c) => [c.annotator, c.topics, c.stance])).toEqual([
      ['amina', ['libya_conflict'], { algeria: 'favor', morocco: 'neutral' }],
      ['bilal', ['libya_conflict'], { algeria: 'against', morocco: 'neutral' }],
    ]);
    expect(open[0]!.adjudication).toBeNull();
    // One article, as the disagreements screen loads it: also where nobody disagrees.
    expect(await loadDisagreement(db.prisma, a3!)).toEqual(open[1]);
    expect(await loadDisagreement(db.prisma, a1!)).toMatchObject({ fields: [], choices: [{ annotator: 'amina' }, { annotator: 'bilal' }] });
    expect(await loadDisagreement(db.prisma, a4!)).toMatchObject({ fields: [], choices: [{ annotator: 'amina', topics: ['diplomacy'] }] });
    expect(await loadDisagreement(db.prisma, 'nope')).toBeNull();
    expect((await listDisagreements(db.prisma, { after: a2! })).map((d) => d.articleId)).toEqual([a3]);
    expect((await listDisagreements(db.prisma, { limit: 1 })).map((d) => d.articleId)).toEqual([a2]);

    const first = await adjudicate(db.prisma, { articleId: a2!, reviewerAnnotatorId: rania!, topics: ['sahel_security'], session: 's1' });
    expect(first).toMatchObject({ created: true, events: 2 });
    expect((await listDisagreements(db.prisma)).map((d) => d.articleId)).toEqual([a3]);
    const settled = await listDisagreements(db.prisma, { includeSettled: true });
    expect(settled[0]!.adjudication).toMatchObject({ reviewer: 'rania', topics: ['sahel_security'] });
    expect((await loadDisagreement(db.prisma, a2!))!.adjudication).toMatchObject({ reviewer: 'rania', topics: ['sahel_security'] });

    // Re-adjudicating changes the value and is recorded again.
    const second = await adjudicate(db.prisma, { articleId: a2!, reviewerAnnotatorId: rania!, topics: ['diplomacy'], note: 'border is incidental' });
    expect(second).toMatchObject({ created: false, events: 4 });
    await adjudicate(db.prisma, { articleId: a3!, reviewerAnnotatorId: rania!, stance: { algeria: 'against' } });
    expect(await listDisagreements(db.prisma)).toEqual([]);

    const history = await db.prisma.labelEvent.findMany({
      where: { kind: 'adjudication', articleId: a2! },
      orderBy: { id: 'asc' },
      select: { field: true, before: true, after: true, action: true, session: true },
    });
    expect(history.map((e) => [e.field, e.before, e.after])).toEqual([
      ['topic:sahel_security', null, 'on'],
      ['confirmed', null, expect.any(String)],
      ['topic:sahel_security', 'on', null],
      ['topic:diplomacy', null, 'on'],
      ['note', null, 'border is incidental'],
      ['confirmed', history[1]!.after, expect.any(String)],
    ]);
    expect(history[0]).toMatchObject({ action: 'set', session: 's1' });

    const resolved = new Map<string, unknown>();
    for await (const row of streamResolved(db.prisma)) resolved.set(row.article.id, row.resolved);
    expect(resolved.get(a2!)).toMatchObject({ topics: { value: ['diplomacy'], by: 'adjudication', agreed: 0, of: 2 } });
    expect(resolved.get(a3!)).toMatchObject({ stance: { algeria: { value: 'against', by: 'adjudication', agreed: 1, of: 2 }, morocco: { by: 'majority' } } });

    await db.close();
    const exported = await runCli(['--db', db.url, 'export', '--out', '-', '--format', 'jsonl', '--resolved']);
    expect(exported.code).toBe(0);
    const rows = exported.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const row = rows.find((r) => r['article_id'] === a2)!;
    expect(row['topics:by']).toBe('adjudication');
    expect(JSON.stringify(row['topics'])).toMatch(/^"diplomacy"$|^\["diplomacy"\]$/);
  });

  it('rejects unknown articles and values outside the codebook, writing nothing', async () => {
    const db = await p.freshDb();
    await seedCodebook(db.prisma);
    const [a1] = await addArticles(db.prisma, 1);
    const [rania] = await annotators(db.prisma, 'rania');
    const attempt = (input: Parameters<typeof adjudicate>[1]) =>
      adjudicate(db.prisma, input).then(
        () => null,
        (e: unknown) => e,
      );
    const bad = [
      await attempt({ articleId: a1!, reviewerAnnotatorId: rania!, topics: ['no_such_topic'] }),
      await attempt({ articleId: a1!, reviewerAnnotatorId: rania!, stance: { atlantis: 'favor' } }),
      await attempt({ articleId: a1!, reviewerAnnotatorId: rania!, stance: { algeria: 'maybe' } }),
      await attempt({ articleId: 'nope', reviewerAnnotatorId: rania!, topics: [] }),
      await attempt({ articleId: a1!, reviewerAnnotatorId: rania! }),
    ];
    for (const e of bad) expect(isAdjudicationError(e)).toBe(true);
    expect((bad[0] as Error).message).toBe(`adjudication of article ${a1}, topic:no_such_topic: no such topic in codebook version 1`);
    expect((bad[3] as Error).message).toBe('adjudication of article nope: no such article');
    expect(await db.prisma.label.count()).toBe(0);
    expect(await db.prisma.labelEvent.count()).toBe(0);
  });
});
