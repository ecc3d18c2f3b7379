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
