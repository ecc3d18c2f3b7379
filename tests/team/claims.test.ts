import { expect, it } from 'vitest';
import { claimNext, liveClaims, purgeExpiredClaims, releaseClaim, renewClaim } from '../../src/labels/claims.js';
import { describeEachProvider } from '../helpers/providers.js';
import { addArticles, annotators, label, seedCodebook } from './fixture.js';

const MIN = 60_000;

describeEachProvider('team claims', (p) => {
  it('overlap 1: an article claimed or confirmed by one annotator is not handed to another', async () => {
    const db = await p.freshDb();
    const version = await seedCodebook(db.prisma);
    const [a1, a2, a3] = await addArticles(db.prisma, 3);
    const [amina, bilal, chafik] = await annotators(db.prisma, 'amina', 'bilal', 'chafik');
    expect(await claimNext(db.prisma, { annotatorId: amina!, ttlMs: 10 * MIN })).toBe(a1);
    expect(await claimNext(db.prisma, { annotatorId: bilal!, ttlMs: 10 * MIN })).toBe(a2);
    // Asking again while holding a1 hands a1 back (the claim is renewed, not duplicated).
    expect(await claimNext(db.prisma, { annotatorId: amina!, ttlMs: 10 * MIN })).toBe(a1);
    expect(await claimNext(db.prisma, { annotatorId: amina!, ttlMs: 10 * MIN, exclude: [a1!] })).toBe(a3);
    expect(await claimNext(db.prisma, { annotatorId: chafik!, ttlMs: 10 * MIN })).toBeNull();
    // Bilal confirms a2 and releases it: still nobody else's, since a confirmed label counts.
    await label(db.prisma, a2!, bilal!, { version, topics: [] });
    await releaseClaim(db.prisma, bilal!, a2!);
    await releaseClaim(db.prisma, amina!, a3!);
    expect(await claimNext(db.prisma, { annotatorId: chafik!, ttlMs: 10 * MIN })).toBe(a3);
    expect((await liveClaims(db.prisma)).map((c) => [c.articleId, c.annotatorId])).toEqual([
      [a1, amina],
      [a3, chafik],
    ]);
  });

  it('overlap K: each article goes to K distinct annotators; own confirmed and skipped labels leave my queue', async () => {
    const db = await p.freshDb();
    const version = await seedCodebook(db.prisma);
    const [a1, a2] = await addArticles(db.prisma, 2);
    const [amina, bilal, chafik] = await annotators(db.prisma, 'amina', 'bilal', 'chafik');
    const opts = { overlap: 2, ttlMs: 10 * MIN };
    expect(await claimNext(db.prisma, { ...opts, annotatorId: amina! })).toBe(a1);
    expect(await claimNext(db.prisma, { ...opts, annotatorId: bilal! })).toBe(a1);
    expect(await claimNext(db.prisma, { ...opts, annotatorId: chafik! })).toBe(a2);
    await label(db.prisma, a1!, amina!, { version, topics: ['diplomacy'] });
    await label(db.prisma, a2!, amina!, { version, skipped: true, confirmed: false });
    // Amina has confirmed a1 and skipped a2: nothing left for her.
    expect(await claimNext(db.prisma, { ...opts, annotatorId: amina! })).toBeNull();
    // A skipped label does not count towards the overlap: a2 still has room for Bilal.
    expect(await claimNext(db.prisma, { ...opts, annotatorId: bilal!, exclude: [a1!] })).toBe(a2);
    expect(await claimNext(db.prisma, { ...opts, annotatorId: chafik!, exclude: [a2!] })).toBeNull();
  });

  it('claims expire: an expired claim is ignored and purged, renew fails once it is gone', async () => {
    const db = await p.freshDb();
    await seedCodebook(db.prisma);
    const [a1] = await addArticles(db.prisma, 1);
    const [amina, bilal] = await annotators(db.prisma, 'amina', 'bilal');
    const t0 = new Date('2026-01-01T10:00:00Z');
    const at = (minutes: number) => new Date(t0.getTime() + minutes * MIN);
    expect(await claimNext(db.prisma, { annotatorId: amina!, ttlMs: 5 * MIN, now: t0 })).toBe(a1);
    expect(await claimNext(db.prisma, { annotatorId: bilal!, ttlMs: 5 * MIN, now: at(4) })).toBeNull();
    expect(await renewClaim(db.prisma, amina!, a1!, 5 * MIN, at(4))).toBe(true);
    // Renewed at 4 min for 5 more: still hers at 8, free at 9.
    expect(await claimNext(db.prisma, { annotatorId: bilal!, ttlMs: 5 * MIN, now: at(8) })).toBeNull();
    expect(await claimNext(db.prisma, { annotatorId: bilal!, ttlMs: 5 * MIN, now: at(9) })).toBe(a1);
    expect(await renewClaim(db.prisma, amina!, a1!, 5 * MIN, at(9))).toBe(false);
    expect(await db.prisma.claim.count({ where: { annotatorId: amina! } })).toBe(0);
    expect(await purgeExpiredClaims(db.prisma, at(60))).toBe(1);
  });

  it('filter, exclude and the keyset cursor with wrap-around', async () => {
    const db = await p.freshDb();
    await seedCodebook(db.prisma);
    const [a1, a2, a3, a4] = await addArticles(db.prisma, 4, (i) => (i % 2 === 0 ? `اشتباكات على الحدود ${i}` : `خبر ${i}`));
    const [amina] = await annotators(db.prisma, 'amina');
    const me = { annotatorId: amina!, ttlMs: MIN, overlap: 1 };
    expect(await claimNext(db.prisma, { ...me, filter: 'الحدود' })).toBe(a2);
    expect(await claimNext(db.prisma, { ...me, filter: 'الحدود', after: a2! })).toBe(a4);
    expect(await claimNext(db.prisma, { ...me, after: a3! })).toBe(a4);
    expect(await claimNext(db.prisma, { ...me, after: a4! })).toBe(a1);
    expect(await claimNext(db.prisma, { ...me, after: a4!, exclude: [a1!, a2!, a3!, a4!] })).toBeNull();
    expect(await claimNext(db.prisma, { ...me, filter: 'لا يوجد' })).toBeNull();
    await expect(claimNext(db.prisma, { ...me, overlap: 0 })).rejects.toThrow(/overlap/);
    expect(a3).toBeDefined();
  });
});
