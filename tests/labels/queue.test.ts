import { expect, it } from 'vitest';
import { applyChange, stanceField, topicField } from '../../src/labels/edit.js';
import { nextArticle, queueCounts } from '../../src/labels/queue.js';
import { screenQueue } from '../../src/active/screen-queue.js';
import { trainModel } from '../../src/model/train.js';
import { SUBJECTS, TOY_SPEC, toyCorpus } from '../model/toy.js';
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
    for (const [s, article, value] of [
      [amina, a1, 'favor'],
      [yusuf, a1, 'against'],
      [amina, a2, 'favor'],
      [yusuf, a2, 'favor'],
    ] as const) {
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

  it('uncertain with the ActiveQueue: a real model ranks the whole corpus; labeled, excluded, filtered and claimed articles are skipped', async () => {
    const db = await p.freshDb();
    await seedCodebook(db);
    const { model } = await trainModel(toyCorpus(), TOY_SPEC, { seed: 1, epochs: 10, validationFraction: 0.1, hashBits: 12 });
    // a001…a006 name one topic each; a007…a009 mix an economy and a sport subject (the ambiguous ones).
    const [sec, eco, spo] = [SUBJECTS['security']!, SUBJECTS['economy']!, SUBJECTS['sport']!];
    const texts = [sec[0], sec[1], eco[0], eco[1], spo[0], spo[1], `${eco[2]} بعد ${spo[3]}`, `${eco[3]} بعد ${spo[4]}`, `${eco[4]} بعد ${spo[2]}`];
    const ids = await addArticles(db, texts.length, (i) => `${texts[i - 1]} في الجزائر`);
    const mixed = new Set(ids.slice(6));
    const s = await session(db, { queue: 'uncertain' });
    const active = screenQueue(db.prisma, { spec: s.spec, strategy: 'margin', heads: 'topics', explore: 0 });
    await active.rescore(model);
    const first = await nextArticle(db.prisma, s.spec, { after: null, active });
    expect(mixed.has(first!)).toBe(true);
    // Confirmed after the queue was read: it is checked at pick time, not served.
    const [m2, m3] = [...mixed].filter((id) => id !== first);
    await applyChange(db.prisma, s.editor, m2!, confirm);
    const second = await nextArticle(db.prisma, s.spec, { after: first!, exclude: new Set([m3!]), active });
    expect(second).not.toBe(m2);
    expect(second).not.toBe(m3);
    expect(mixed.has(second!)).toBe(false);
    // m3 was only excluded (on screen): it comes back.
    expect(await nextArticle(db.prisma, s.spec, { after: second!, active })).toBe(m3);

    // Filter: only matching articles are handed out.
    const filtered = await session(db, { queue: 'uncertain', filter: sec[0]!, annotator: 'salma' });
    const fq = screenQueue(db.prisma, { spec: filtered.spec, strategy: 'margin', heads: 'topics', explore: 0 });
    await fq.rescore(model);
    expect(await nextArticle(db.prisma, filtered.spec, { after: null, active: fq })).toBe(ids[0]);
    expect(await nextArticle(db.prisma, filtered.spec, { after: ids[0]!, active: fq })).toBeNull();

    // Team mode: two annotators, overlap 1, their queues rank alike; a claim keeps them apart.
    const amina = await session(db, { queue: 'uncertain', annotator: 'nadia', overlap: 1 });
    const yusuf = await session(db, { queue: 'uncertain', annotator: 'yusuf', overlap: 1 });
    const qa = screenQueue(db.prisma, { spec: amina.spec, strategy: 'margin', heads: 'topics', explore: 0 });
    const qy = screenQueue(db.prisma, { spec: yusuf.spec, strategy: 'margin', heads: 'topics', explore: 0 });
    await Promise.all([qa.rescore(model), qy.rescore(model)]);
    const a = await nextArticle(db.prisma, amina.spec, { after: null, active: qa });
    const y = await nextArticle(db.prisma, yusuf.spec, { after: null, active: qy });
    expect(a).not.toBeNull();
    expect(y).not.toBeNull();
    expect(y).not.toBe(a);
    expect((await db.prisma.claim.findMany({ where: { articleId: a! } })).length).toBe(1);
  });
});
