// Near-copy grouping at import: syndicated copies with a new headline, an agency tag, a changed
// first or last sentence, or extra furniture join one group; two different stories about the same
// event stay apart; the grouping does not depend on the order of import, or on importing in one go.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { Database } from '../../src/db/open.js';
import { importPaths } from '../../src/ingest/import.js';
import { BandFilter } from '../../src/ingest/write/band-filter.js';
import { describeEachProvider } from '../helpers/providers.js';
import { tempDir } from '../helpers/temp.js';

const STORY = [
  'أعلنت وزارة الداخلية المغربية، اليوم الثلاثاء، تفكيك خلية إرهابية تتكون من خمسة عناصر تنشط في مدن طنجة وفاس ومكناس، كانت تخطط لتنفيذ هجمات تستهدف منشآت حيوية.',
  'وأوضح بيان للوزارة أن العملية جاءت بناء على معلومات دقيقة وفرتها المديرية العامة لمراقبة التراب الوطني، وأن الأبحاث الأولية كشفت ارتباط عناصر الخلية بتنظيم داعش.',
  'وأضاف البيان أن عمليات التفتيش أسفرت عن حجز أسلحة بيضاء ومواد كيميائية يشتبه في استعمالها لصنع متفجرات، إضافة إلى وثائق ومعدات إلكترونية.',
  'وسيتم تقديم المشتبه فيهم إلى العدالة فور انتهاء البحث الذي يجري تحت إشراف النيابة العامة المكلفة بقضايا الإرهاب.',
];
// The same event written by another newsroom: same facts, its own sentences.
const OTHER_STORY = [
  'فككت السلطات الأمنية في المغرب خلية يشتبه في تخطيطها لاعتداءات إرهابية، وأوقفت خمسة أشخاص في طنجة وفاس ومكناس، حسب ما أفادت به مصادر رسمية الثلاثاء.',
  'ونقلت وكالة الأنباء الرسمية عن مسؤول أمني قوله إن الموقوفين بايعوا تنظيم داعش، وإن المحققين عثروا في منازلهم على مواد تدخل في صناعة العبوات الناسفة.',
  'ويأتي هذا التفكيك بعد أسابيع من عملية مماثلة في الدار البيضاء، في إطار ما تصفه الرباط بالمقاربة الاستباقية لمكافحة التطرف.',
];

const row = (id: string, title: string, paragraphs: string[]) => `${id},"${title}","${paragraphs.join('\n\n')}"`;
const ROWS = [
  row('wire', 'تفكيك خلية إرهابية في المغرب', STORY),
  row('new-headline', 'المغرب: الداخلية تعلن إحباط مخطط إرهابي لخلية من خمسة أشخاص', STORY),
  row('agency', 'تفكيك خلية إرهابية في المغرب', [`الرباط (وكالات) - ${STORY[0]}`, ...STORY.slice(1)]),
  row('first-changed', 'خلية إرهابية في قبضة الأمن المغربي', ['في ضربة استباقية جديدة، نجحت الأجهزة الأمنية المغربية في إحباط مخطط خطير.', ...STORY.slice(1)]),
  row('last-changed', 'تفكيك خلية إرهابية في المغرب', [...STORY.slice(0, 3), 'يذكر أن المغرب فكك عشرات الخلايا المماثلة منذ عام 2002.']),
  row('furniture', 'تفكيك خلية إرهابية في المغرب', [...STORY, 'اقرأ أيضا: الأمن يوقف مروجي مخدرات في طنجة', 'شارك هذا الخبر على فيسبوك وتويتر']),
  row('other-story', 'السلطات المغربية توقف خمسة أشخاص يشتبه في انتمائهم لداعش', OTHER_STORY),
];

async function groups(db: Database): Promise<string[][]> {
  const articles = await db.prisma.article.findMany({ select: { externalId: true, nearDupGroup: true } });
  const by = new Map<string, string[]>();
  for (const a of articles) by.set(a.nearDupGroup ?? `alone:${a.externalId}`, [...(by.get(a.nearDupGroup ?? `alone:${a.externalId}`) ?? []), a.externalId!]);
  return [...by.values()].map((g) => g.sort()).sort((a, b) => a[0]!.localeCompare(b[0]!));
}

const EXPECTED = [['agency', 'first-changed', 'furniture', 'last-changed', 'new-headline', 'wire'], ['other-story']];
const options = { columns: { id: 'id', title: 'title', text: 'text' }, annotator: 'import', extendCodebook: false };

/** `n` distinct made-up stories (no two share a word 3-shingle to speak of), from a seed. */
function fillerRows(n: number, prefix: string): { id: string; title: string; text: string }[] {
  const words = [...STORY, ...OTHER_STORY].join(' ').split(/\s+/);
  let seed = 12345;
  const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % words.length;
  return Array.from({ length: n }, (_, i) => ({
    id: `${prefix}${i}`,
    title: `عنوان ${i}`,
    text: Array.from({ length: 40 }, next)
      .map((w) => words[w])
      .join(' '),
  }));
}

function csv(rows: string[]): string {
  const file = join(tempDir(), 'rows.csv');
  writeFileSync(file, `id,title,text\n${rows.join('\n')}\n`);
  return file;
}

describeEachProvider('near-copy grouping', (p) => {
  it('groups the copies, keeps the other story apart, whatever the order', async () => {
    for (const order of [ROWS, [...ROWS].reverse(), [ROWS[6]!, ROWS[3]!, ROWS[0]!, ROWS[5]!, ROWS[1]!, ROWS[4]!, ROWS[2]!]]) {
      const db = await p.freshDb();
      const s = await importPaths(db, [csv(order)], options);
      expect(s.imported).toBe(7);
      expect(s.nearDuplicates).toBe(6);
      expect(await groups(db)).toEqual(EXPECTED);
    }
  });

  it('groups across imports through the stored buckets; --near-dup off groups nothing', async () => {
    const db = await p.freshDb();
    await importPaths(db, [csv(ROWS.slice(0, 3))], options);
    await importPaths(db, [csv([ROWS[6]!])], options);
    await importPaths(db, [csv(ROWS.slice(3, 6))], options);
    expect(await groups(db)).toEqual(EXPECTED);
    expect(await db.prisma.nearDupBucket.count()).toBeGreaterThan(0);

    const off = await p.freshDb();
    const s = await importPaths(off, [csv(ROWS)], { ...options, nearDup: null });
    expect(s.nearDuplicates).toBe(0);
    expect(await off.prisma.article.count({ where: { nearDupGroup: { not: null } } })).toBe(0);
    expect(await off.prisma.nearDupBucket.count()).toBe(0);
  });

  it('copies in later chunks of one import group as they do across separate imports (the local index)', async () => {
    const filler = fillerRows(560, 'f');
    const copies = filler.slice(0, 60).map((f) => ({ ...f, id: `copy-${f.id}`, text: `(وكالات) ${f.text} المزيد` }));
    const all = [
      ROWS[0]!,
      ROWS[6]!,
      ...filler.map((f) => row(f.id, f.title, [f.text])),
      ...ROWS.slice(1, 6),
      ...copies.map((f) => row(f.id, f.title, [f.text])),
    ];
    const once = await p.freshDb();
    const s = await importPaths(once, [csv(all)], options);
    expect(s.nearDuplicates).toBe(6 + 2 * 60);
    // The same 500-row chunks, each its own import: every lookup across chunks goes to the database.
    const apart = await p.freshDb();
    for (let i = 0; i < all.length; i += 500) await importPaths(apart, [csv(all.slice(i, i + 500))], options);
    expect(await groups(once)).toEqual(await groups(apart));
    const buckets = (db: Database) => db.prisma.nearDupBucket.findMany({ orderBy: [{ key: 'asc' }, { articleId: 'asc' }] });
    expect(await buckets(once)).toEqual(await buckets(apart));
    const wire = await groups(once);
    expect(wire).toContainEqual(EXPECTED[0]);
    expect(wire).toContainEqual(['copy-f7', 'f7']);
  });

  it('an import that meets stored articles again groups as separate imports do (the local index stands down)', async () => {
    const filler = fillerRows(1000, 'g');
    const rows = filler.map((f) => row(f.id, f.title, [f.text]));
    const copy = (i: number) => row(`copy-g${i}`, filler[i]!.title, [`(وكالات) ${filler[i]!.text}`]);
    // Chunk 2 holds the stored wire again (its insert is skipped); chunk 3's copies must still
    // find their originals in chunks 1 and 2, and the wire.
    const second = [...rows.slice(0, 500), ROWS[0]!, ...rows.slice(500, 999), copy(0), copy(700), ROWS[1]!, ROWS[2]!];
    const results = [];
    for (const slices of [[second], [second.slice(0, 500), second.slice(500, 1000), second.slice(1000)]]) {
      const db = await p.freshDb();
      await importPaths(db, [csv([ROWS[0]!, rows[999]!])], options);
      let duplicates = 0;
      for (const part of slices) duplicates += (await importPaths(db, [csv(part)], options)).duplicates;
      expect(duplicates).toBe(1);
      results.push(await groups(db));
    }
    expect(results[0]).toEqual(results[1]);
    expect(results[0]).toContainEqual(['copy-g0', 'g0']);
    expect(results[0]).toContainEqual(['copy-g700', 'g700']);
  });

  it('an import into an existing workspace finds its copies through the band filter loaded from the database', async () => {
    const db = await p.freshDb();
    await importPaths(db, [csv([ROWS[0]!, ROWS[6]!])], options);
    const s = await importPaths(db, [csv([ROWS[1]!, ROWS[2]!])], options);
    expect(s.nearDuplicates).toBe(3); // the two copies, and the stored wire named as their group
    expect(await groups(db)).toEqual([['agency', 'new-headline', 'wire'], ['other-story']]);

    const stored = await db.prisma.nearDupBucket.findMany({ select: { key: true } });
    await db.prisma.$transaction(async (tx) => {
      const filter = new BandFilter();
      await filter.load(tx);
      expect(stored.every((b) => filter.has(Number(b.key)))).toBe(true);
      // Few of the 2^24 bits are set: keys no article has are (almost all) ruled out.
      const unknown = Array.from({ length: 1000 }, (_, i) => i * 2 ** 28 + 12345);
      expect(unknown.filter((k) => filter.has(k)).length).toBeLessThan(20);
      // More stored keys than it loads: the filter rules nothing out.
      const off = new BandFilter();
      await off.load(tx, stored.length - 1);
      expect(unknown.every((k) => off.has(k))).toBe(true);
    });
  });
});
