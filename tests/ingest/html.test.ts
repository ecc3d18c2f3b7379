// HTML pages: each fixture is a realistic page of one style (semantic HTML5, an old table/<br>
// layout, WordPress with JSON-LD, a page whose headline is only in <title>); the article must come
// out with its exact title, date, author and every paragraph, and no page furniture.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importPaths } from '../../src/ingest/import.js';
import { parseHtmlPage } from '../../src/ingest/parse/html/html-page.js';
import { describeEachProvider } from '../helpers/providers.js';
import { tempDir } from '../helpers/temp.js';

const FIXTURES = join(import.meta.dirname, 'fixtures/html');
const page = (name: string) => parseHtmlPage(readFileSync(join(FIXTURES, name), 'utf8'));
const paragraphs = (body: string) => body.split('\n\n');

/** Texts of menus, lists, share bars, comments and notices in the fixtures: none may reach a body. */
const FURNITURE = [
  'سياسة',
  'فيسبوك',
  'الأكثر',
  'التعليقات',
  'تعليق',
  'ملفات تعريف الارتباط',
  'جميع الحقوق',
  'ذات صلة',
  'روابط',
  'الطقس',
  'وسوم',
  'مدعوم',
  'أحدث المقالات',
  'نشرت في',
];
const noFurniture = (body: string) => {
  for (const f of FURNITURE) expect(body, f).not.toContain(f);
};

describe('HTML article extraction', () => {
  it('reads a semantic HTML5 page: <article>, its <header> byline and <time>, the canonical URL', () => {
    const p = page('semantic-html5.html');
    expect(p.title).toBe('وزير الاقتصاد يعلن خطة لدعم الصادرات');
    expect(p.author).toBe('سمير الهادي');
    expect(p.publishedAt?.toISOString()).toBe('2024-03-14T07:30:00.000Z');
    expect(p.url).toBe('https://alwasat.example/news/economy/411');
    expect(p.source).toBe('الوسط');
    expect(paragraphs(p.body)).toEqual([
      'أعلن وزير الاقتصاد، الخميس، عن خطة جديدة لدعم الصادرات الوطنية تتضمن حوافز ضريبية للشركات الصغيرة والمتوسطة، وتسهيلات في إجراءات الشحن والتخليص الجمركي.',
      'وقال الوزير في مؤتمر صحفي إن الخطة تستهدف رفع قيمة الصادرات غير النفطية بنسبة عشرين في المائة خلال ثلاث سنوات، مع التركيز على المنتجات الزراعية والصناعات الغذائية.',
      'تمويل ميسر للمصدرين',
      'وتشمل الخطة صندوقا لتمويل المصدرين بقروض ميسرة، إضافة إلى برنامج لتدريب الشركات على متطلبات الأسواق الأوروبية والأفريقية، بحسب ما أوضح الوزير.',
      'ورحب اتحاد الصناعات بالإعلان، معتبرا أن الحوافز الضريبية خطوة طال انتظارها، لكنه طالب بتسريع صرف المستحقات المتأخرة للشركات المصدرة.',
    ]);
    noFurniture(p.body);
  });

  it('reads an old table layout with <br> paragraphs: headline, dateline and date from the text', () => {
    const p = page('table-layout.html');
    expect(p.title).toBe('افتتاح مستشفى جديد في مدينة صفاقس');
    expect(p.source).toBe('اخبار الوطن');
    expect(p.dateline).toBe('صفاقس');
    expect(p.publishedText).toBe('الاثنين 5 فبراير 2007');
    expect(p.publishedAt?.toISOString()).toBe('2007-02-05T00:00:00.000Z');
    expect(p.author).toBeNull();
    expect(paragraphs(p.body)).toEqual([
      'افتتح وزير الصحة صباح اليوم مستشفى جهويا جديدا في مدينة صفاقس بطاقة استيعاب تبلغ مئتين وخمسين سريرا، بعد أشغال استمرت أربع سنوات.',
      'ويضم المستشفى أقساما للطوارئ وجراحة القلب وطب الأطفال، إضافة إلى مخبر للتحاليل الطبية مجهز بأحدث المعدات، وفق ما أفاد مدير المشروع.',
      'وأكد الوزير أن المستشفى سيخفف الضغط على المستشفيات في العاصمة، وسيوفر نحو خمسمئة موطن شغل للأطباء والممرضين والفنيين من أبناء الجهة.',
    ]);
    noFurniture(p.body);
  });

  it('reads a WordPress page: JSON-LD (in @graph) first, .entry-content without its share and related boxes', () => {
    const p = page('wordpress.html');
    // JSON-LD's headline wins over og:title.
    expect(p.title).toBe('جامعة الدول العربية تدعو إلى وقف فوري لإطلاق النار');
    expect(p.author).toBe('ليلى منصور');
    expect(p.source).toBe('مدونة الشرق');
    expect(p.publishedAt?.toISOString()).toBe('2023-11-02T18:45:00.000Z');
    expect(p.url).toBe('https://sharq.example/2023/11/02/arab-league-ceasefire/');
    expect(paragraphs(p.body)).toEqual([
      'دعت جامعة الدول العربية في ختام اجتماع طارئ لوزراء الخارجية العرب إلى وقف فوري لإطلاق النار، وفتح ممرات إنسانية آمنة لإيصال المساعدات إلى المدنيين.',
      'وأكد البيان الختامي ضرورة حماية المستشفيات والمدارس، ورفض أي محاولات لتهجير السكان من أراضيهم، مطالبا مجلس الأمن بتحمل مسؤولياته.',
      'وقال الأمين العام للجامعة إن الوضع الإنساني بلغ مرحلة خطيرة، وإن الدول الأعضاء ستواصل اتصالاتها مع الأطراف الدولية المؤثرة.',
    ]);
    noFurniture(p.body);
  });

  it('takes the headline from <title> without the site name when the page has no other', () => {
    const p = page('title-only.html');
    expect(p.title).toBe('ارتفاع أسعار المحروقات في المغرب للمرة الثانية هذا الشهر');
    expect(p.source).toBe('هسبريس');
    expect(p.sourceKey).toBe('hespress');
    expect(p.publishedAt).toBeNull();
    expect(p.url).toBeNull();
    expect(paragraphs(p.body)).toHaveLength(3);
    expect(paragraphs(p.body)[2]).toBe(
      'وعزا مهنيون في القطاع هذه الزيادة إلى ارتفاع أسعار النفط في السوق الدولية وتراجع سعر صرف الدرهم أمام الدولار، مطالبين الحكومة بالتدخل لحماية القدرة الشرائية.',
    );
    noFurniture(p.body);
  });
  it('leaves out the captions of links to other stories ("اقرأ أيضا", "شاهد أيضاً", "الوسوم:") and keeps short lines of the article', () => {
    const p = page('teasers.html');
    expect(p.title).toBe('البرلمان يصادق على قانون المالية الجديد');
    expect(paragraphs(p.body)).toEqual([
      'صادق مجلس النواب، مساء الثلاثاء، على مشروع قانون المالية للسنة المقبلة بأغلبية مئة وخمسة وثمانين صوتا، بعد نقاش استمر أسبوعين داخل لجنة المالية والتنمية الاقتصادية.',
      'ويتضمن القانون إجراءات لدعم القدرة الشرائية، من بينها تخفيض الضريبة على الدخل للأجراء ذوي الأجور المتوسطة، ورفع ميزانية الدعم الاجتماعي المباشر.',
      'ردود المعارضة',
      'وانتقدت فرق المعارضة ما وصفته بغياب إجراءات لمواجهة البطالة في صفوف الشباب، معتبرة أن الفرضيات التي بني عليها القانون متفائلة أكثر من اللازم.',
      'وسيحال النص على مجلس المستشارين للمصادقة عليه قبل نهاية الشهر الجاري، وفق الجدول الزمني الذي حددته الحكومة.',
      '(وكالات)',
    ]);
    for (const noise of ['اقرأ', 'شاهد', 'الوسوم', 'فيديو', 'تدافع عن فرضيات']) expect(p.body, noise).not.toContain(noise);
  });
});

describeEachProvider('HTML import', (p) => {
  it('imports .html/.htm pages from a directory, keeps the HTML as raw text, the canonical link as URL', async () => {
    const db = await p.freshDb();
    const dir = tempDir();
    writeFileSync(join(dir, 'a.html'), readFileSync(join(FIXTURES, 'wordpress.html')));
    writeFileSync(join(dir, 'b.htm'), readFileSync(join(FIXTURES, 'table-layout.html')));
    const s = await importPaths(db, [dir], { columns: {}, annotator: 'import', extendCodebook: false });
    expect(s.imported).toBe(2);
    const a = await db.prisma.article.findFirstOrThrow({ where: { url: 'https://sharq.example/2023/11/02/arab-league-ceasefire/' } });
    expect(a.rawText).toBe(readFileSync(join(FIXTURES, 'wordpress.html'), 'utf8'));
    expect(a).toMatchObject({ title: 'جامعة الدول العربية تدعو إلى وقف فوري لإطلاق النار', author: 'ليلى منصور', source: 'مدونة الشرق' });
  });

  it('rejects a binary, an empty and a text-less HTML file with a clear error, and imports nothing', async () => {
    const db = await p.freshDb();
    const cases: [string, Buffer, RegExp][] = [
      ['binary.html', Buffer.from([0x3c, 0x68, 0x31, 0x3e, 0x00, 0x01, 0x02, 0xff, 0x00]), /binary\.html: line 1: looks like a binary file/],
      ['empty.html', Buffer.from('   \n'), /empty\.html: the page is empty/],
      [
        'menu.html',
        Buffer.from('<html><body><nav><a href="/">الرئيسية</a></nav><script>var a = 1;</script><footer>حقوق</footer></body></html>'),
        /menu\.html: no article text found in the HTML page/,
      ],
    ];
    for (const [name, bytes, error] of cases) {
      const dir = tempDir();
      writeFileSync(join(dir, 'good.html'), readFileSync(join(FIXTURES, 'semantic-html5.html')));
      writeFileSync(join(dir, name), bytes);
      await expect(importPaths(db, [dir], { columns: {}, annotator: 'import', extendCodebook: false })).rejects.toThrow(error);
      expect(await db.prisma.article.count()).toBe(0);
      expect(await db.prisma.importBatch.count()).toBe(0);
    }
  });
});
