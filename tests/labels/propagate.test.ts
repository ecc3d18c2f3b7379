// Label propagation to near-copies: each copy gets its own label and events (annotator = the
// analyst), undo takes them back, the unlabeled queue shows one article per group first.
import { expect, it } from 'vitest';
import { applyChange, loadLabel, stanceField, topicField, undoLast } from '../../src/labels/edit.js';
import { nearCopies, propagateLabel } from '../../src/labels/propagate.js';
import { nextArticle } from '../../src/labels/queue.js';
import { describeEachProvider } from '../helpers/providers.js';
import { addArticles, seedCodebook, session } from './label-fixture.js';

describeEachProvider('near-copy propagation', (p) => {
  it('labels the unlabeled copies of a group, one event per field, and undo takes them back', async () => {
    const db = await p.freshDb();
    await seedCodebook(db);
    const [a, b, c, d, e] = await addArticles(db, 5);
    // a, b, c: one group (named by its first article); d: alone; e: another group's first.
    await db.prisma.article.updateMany({ where: { id: { in: [a!, b!, c!] } }, data: { nearDupGroup: a! } });
    await db.prisma.article.update({ where: { id: e! }, data: { nearDupGroup: e! } });
    const s = await session(db);
    const confirmedAt = '2026-12-02T10:00:00.000Z';
    // c is already confirmed by the analyst with another topic: it must stay as it is.
    await applyChange(db.prisma, s.editor, c!, { field: topicField('economy'), after: 'on' });
    await applyChange(db.prisma, s.editor, c!, { field: 'confirmed', after: confirmedAt });
    expect(await nearCopies(db.prisma, s.editor, a!)).toEqual({ group: a, copies: 2, unlabeled: 1 });
    expect(await nearCopies(db.prisma, s.editor, d!)).toEqual({ group: null, copies: 0, unlabeled: 0 });

    await expect(propagateLabel(db.prisma, s.editor, a!)).rejects.toThrow(/confirm its label before/);
    await applyChange(db.prisma, s.editor, a!, { field: topicField('counter_terrorism'), after: 'on' });
    await applyChange(db.prisma, s.editor, a!, { field: stanceField('algeria'), after: 'favor' });
    await applyChange(db.prisma, s.editor, a!, { field: 'confirmed', after: confirmedAt });
    const before = await db.prisma.labelEvent.count();
    const now = new Date('2026-12-02T10:05:00.000Z');
    const done = await propagateLabel(db.prisma, s.editor, a!, now);
    expect(done.articles).toEqual([b]);
    expect(await loadLabel(db.prisma, s.editor, b!)).toEqual({
      topics: ['counter_terrorism'],
      stance: { algeria: 'favor' },
      note: null,
      skipped: false,
      confirmedAt: now.toISOString(),
    });
    expect((await loadLabel(db.prisma, s.editor, c!)).topics).toEqual(['economy']);
    const events = await db.prisma.labelEvent.findMany({ where: { id: { gt: before } }, orderBy: { id: 'asc' } });
    expect(events.map((x) => [x.articleId, x.field, x.after, x.annotatorId, x.session])).toEqual([
      [b, 'topic:counter_terrorism', 'on', s.editor.annotatorId, s.id],
      [b, 'stance:algeria', 'favor', s.editor.annotatorId, s.id],
      [b, 'confirmed', now.toISOString(), s.editor.annotatorId, s.id],
    ]);
    expect(await nearCopies(db.prisma, s.editor, a!)).toEqual({ group: a, copies: 2, unlabeled: 0 });
    // A second time there is nothing left to label.
    expect((await propagateLabel(db.prisma, s.editor, a!, now)).articles).toEqual([]);

    // Undo walks back through the copy's events, newest first; the source label stays.
    for (let i = 0; i < 3; i++) expect((await undoLast(db.prisma, s.editor))?.articleId).toBe(b);
    expect(await loadLabel(db.prisma, s.editor, b!)).toEqual({ topics: [], stance: {}, note: null, skipped: false, confirmedAt: null });
    expect((await loadLabel(db.prisma, s.editor, a!)).confirmedAt).toBe(confirmedAt);
  });

  it('shows one article per near-copy group first in the unlabeled queue, then the copies', async () => {
    const db = await p.freshDb();
    await seedCodebook(db);
    const [a, b, c, d] = await addArticles(db, 4);
    // a001 and a003 are copies of a002 (the group's first article: its name).
    await db.prisma.article.updateMany({ where: { id: { in: [a!, b!, c!] } }, data: { nearDupGroup: b! } });
    const s = await session(db);
    const order: string[] = [];
    const seen = new Set<string>();
    for (;;) {
      const next = await nextArticle(
        db.prisma,
        { queue: 'unlabeled', annotatorId: s.editor.annotatorId, kind: 'annotation', filter: null, overlap: null },
        { after: null, exclude: seen },
      );
      if (next === null) break;
      order.push(next);
      seen.add(next);
    }
    expect(order).toEqual([b, d, a, c]);
  });
});
