import { expect, it } from 'vitest';
import { applyChange, stanceField, topicField } from '../../src/labels/edit.js';
import { nextArticle, queueCounts } from '../../src/labels/queue.js';
import { describeEachProvider } from '../helpers/providers.js';
import { addArticles, seedCodebook, session } from './label-fixture.js';

const confirm = { field: 'confirmed', after: '2026-01-01T00:00:00.000Z' };

describeEachProvider('label queues', (p) => {
  it('unlabeled: walks forward by id, skips confirmed and skipped articles, wraps around', async () => {
    const db = await p.freshDb();
    await seedCodebook(db);
    const [a1, a2, a3, a4] = await addArticles(db, 4);
    const s = await session(db);
    expect(await nextArticle(db.prisma, s.spec, { after: null })).toBe(a1);
    await applyChange(db.prisma, s.editor, a2!, confirm);
    await applyChange(db.prisma, s.editor, a3!, { field: 'skipped', after: 'true' });
    // A draft (a topic but no Enter) stays in the queue.
    await applyChange(db.prisma, s.editor, a4!, { field: topicField('diplomacy'), after: 'on' });
    expect(await nextArticle(db.prisma, s.spec, { after: a1! })).toBe(a4);
    expect(await nextArticle(db.prisma, s.spec, { after: a4! })).toBe(a1);
    expect(await nextArticle(db.prisma, s.spec, { after: a4!, exclude: new Set([a1!]) })).toBeNull();
    expect(await queueCounts(db.prisma, s.spec)).toEqual({ total: 4, labeled: 1, remaining: 2 });
  });

  it('skipped and all queues, and the text filter', async () => {
    const db = await p.freshDb();
    await seedCodebook(db);
    const [a1, a2, a3] = await addArticles(db, 3, (i) => (i === 2 ? 'حادث على الحدود الجزائرية' : `خبر ${i}`));
    const s = await session(db, { queue: 'skipped' });
    await applyChange(db.prisma, s.editor, a3!, { field: 'skipped', after: 'true' });
    expect(await nextArticle(db.prisma, s.spec, { after: null })).toBe(a3);
    const all = await session(db, { queue: 'all' });
    expect(await nextArticle(db.prisma, all.spec, { after: a1! })).toBe(a2);
    const filtered = await session(db, { queue: 'all', filter: 'الحدود' });
    expect(await nextArticle(db.prisma, filtered.spec, { after: null })).toBe(a2);
    expect(await nextArticle(db.prisma, filtered.spec, { after: a2! })).toBeNull();
    expect((await queueCounts(db.prisma, filtered.spec)).total).toBe(1);
    // Indexed counts (no filter) and scanned counts (a filter every title matches) agree.
    for (const queue of ['unlabeled', 'skipped', 'all'] as const) {
      const plain = await session(db, { queue });
      const scanned = await session(db, { queue, filter: 'عنوان' });
      const counts = await queueCounts(db.prisma, plain.spec);
      expect(counts).toEqual({ total: 3, labeled: 0, remaining: { unlabeled: 2, skipped: 1, all: 3 }[queue] });
      expect(await queueCounts(db.prisma, scanned.spec)).toEqual(counts);
    }
  });

  it('disagreements: articles two annotators labeled differently, not yet adjudicated', async () => {
    const db = await p.freshDb();
    await seedCodebook(db);
    const [a1, a2] = await addArticles(db, 3);
    const amina = await session(db);
    const yusuf = await session(db, { annotator: 'yusuf' });
    for (const [s, article, value] of [[amina, a1, 'favor'], [yusuf, a1, 'against'], [amina, a2, 'favor'], [yusuf, a2, 'favor']] as const) {
      await applyChange(db.prisma, s.editor, article!, { field: stanceField('algeria'), after: value });
      await applyChange(db.prisma, s.editor, article!, confirm);
    }
    const reviewer = await session(db, { annotator: 'reviewer', queue: 'disagreements' });
    expect(reviewer.editor.kind).toBe('adjudication');
    expect(await nextArticle(db.prisma, reviewer.spec, { after: null })).toBe(a1);
    await applyChange(db.prisma, reviewer.editor, a1!, confirm);
    expect(await nextArticle(db.prisma, reviewer.spec, { after: null })).toBeNull();
  });

  it('team overlap: an article goes to at most n annotators, through claims', async () => {
    const db = await p.freshDb();
    await seedCodebook(db);
    const [a1, a2] = await addArticles(db, 2);
    const amina = await session(db, { overlap: 1 });
    const yusuf = await session(db, { annotator: 'yusuf', overlap: 1 });
    expect(await nextArticle(db.prisma, amina.spec, { after: null })).toBe(a1);
    expect(await nextArticle(db.prisma, yusuf.spec, { after: null })).toBe(a2);
    const later = new Date(Date.now() + 3_600_000);
    expect(await nextArticle(db.prisma, yusuf.spec, { after: a2!, now: later })).toBe(a1);
  });

  it('uncertain: the ranker picks the least confident article', async () => {
    const db = await p.freshDb();
    await seedCodebook(db);
    const [, a2] = await addArticles(db, 3);
    const s = await session(db, { queue: 'uncertain' });
    const ranker = async (rows: { id: string }[]) => new Map(rows.map((r) => [r.id, r.id === a2 ? 0.3 : 0.9]));
    expect(await nextArticle(db.prisma, s.spec, { after: null, ranker })).toBe(a2);
  });
});
