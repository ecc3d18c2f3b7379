import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parsePage } from '../../src/ingest/parse/page/parse-page.js';
import type { ParsedPage } from '../../src/ingest/parse/page/parse-page.js';
import { PageParseError, isPageParseError } from '../../src/ingest/parse/page/errors.js';
import { isMizanError } from '../../src/errors.js';

const ROOT = join(import.meta.dirname, '..', '..');
const seed = (prefix: string): ParsedPage => {
  const names: Record<string, string> = {
    '000': '000_94658338be4f55b9.txt',
    '001': '001_41e6b64dd2e17eb9.txt',
    '002': '002_ed623fa8cdaa4db7.txt',
    '003': '003_d6cd407ba9de5a66.txt',
    '004': '004_71c18c4cc336aa8a.txt',
  };
  return parsePage(readFileSync(join(ROOT, 'seeds', names[prefix]!), 'utf8'));
};
const fixture = (name: string): ParsedPage => parsePage(readFileSync(join(ROOT, 'tests', 'fixtures', 'pages', name), 'utf8'));
const utc = (y: number, m: number, d: number, h = 0, min = 0) => new Date(Date.UTC(y, m - 1, d, h, min));

/** Body paragraphs, for asserting first/last paragraph exactly. */
const paragraphs = (p: ParsedPage) => p.body.split('\n\n');

function expectAbsent(p: ParsedPage, noise: string[]): void {
  for (const n of noise) {
    expect(p.body, `noise "${n}"`).not.toContain(n);
    expect(p.title).not.toContain(n);
  }
}

describe('parsePage on the seed pages', () => {
  it('000: Atwasat, Cairo dateline, evening time, sub-headings kept, related list dropped', () => {
    const p = seed('000');
    expect(p).toMatchObject({
      title: 'تعاون استخبارات الجزائر والمغرب لتجفيف منابع «داعش» في ليبيا',
      source: 'بوابة الوسط',
      sourceKey: 'atwasat',
      dateline: 'القاهرة',
      author: null,
      language: 'ar',
      publishedAt: utc(2016, 7, 23, 20, 9),
      publishedText: 'السبت 23 يوليو 2016, 08:09 مساء',
    });
    const ps = paragraphs(p);
    expect(ps[0]).toBe('*التعاون يأتي للمرة الأولى بعد قطيعة دامت 5 سنوات');
    expect(ps[1]).toMatch(/^حطم جهازا استخبارات الجزائر والمغرب جمودا/);
    expect(ps.at(-1)).toMatch(/^وبالعودة إلى الآمال المعقودة .* بين الرئيس والملك\.$/);
    expect(ps).toContain('أولوية الأمن');
    expect(ps).toContain('ضغوطات غربية');
    expect(p.body).toContain('ويذكر أن تقارير أمنية تفيد بأن أكثر من 700 عنصر في هذا التنظيم من المغاربة.');
    expect(p.body).toContain('إضافة إلى ارتباط الدولتين بلجان مشتركة في مجال مراقبة الأمن البحري');
    expect(ps).toHaveLength(16);
    expectAbsent(p, [
      'Atwasat',
      'WTV_Frequency',
      'المزيد من بوابة الوسط',
      'تعليقات',
      'عناوين ذات صلة',
      'بالصور: تبادل الخبرات بين الشركات الليبية والمالطية',
      'ارتفاع الدولار مقابل الدينار الليبي',
      'المنفي يطالب بدقة ترسيم حدود ليبيا',
      'الاكثر تفضيلا',
      'القاهرة - بوابة الوسط',
    ]);
  });

  it('001: Aldar, no year in the text so no publication date, button dropped', () => {
    const p = seed('001');
    expect(p).toMatchObject({
      title: 'ليبيا تتطلع الى تعزيز أمنها عبر بوابة التكوين الأمني والاستخباراتي المغربي',
      source: 'الدار',
      sourceKey: 'aldar',
      dateline: null,
      author: null,
      publishedAt: null,
      language: 'ar',
    });
    // The partial date is kept as text: "الجاري" places it in the month of publication.
    expect(p.publishedText).toBe('يوم الجمعة 11 يونيو');
    const ps = paragraphs(p);
    expect(ps).toHaveLength(8);
    expect(ps[0]).toMatch(/^طالبت وزيرة الخارجية الليبية نجلاء المنقوش/);
    expect(p.body).toContain('وهي شروط قلما توفرت لتجارب أمنية أخرى');
    expect(ps.at(-1)).toMatch(/بمثابة نقطة سوداء في هذا التعاون”\.$/);
    expectAbsent(p, ['زر الذهاب إلى الأعلى', 'أخبار الدارسلايدر', 'الدار- خاص']);
  });

  it('002: Alyaoum24, numeric date, the ticker and the report notice dropped', () => {
    const p = seed('002');
    expect(p).toMatchObject({
      title: 'خطر داعش يدفع الجزائر والرباط إلى التعاون الأمني',
      source: 'اليوم 24',
      sourceKey: 'alyaoum24',
      publishedAt: utc(2015, 2, 5),
      publishedText: '05 - 02 - 2015',
      language: 'ar',
    });
    const ps = paragraphs(p);
    expect(ps).toHaveLength(8);
    expect(ps[0]).toMatch(/^بالتزامن مع عودة العلاقات الأمنية والقضائية بين المغرب وفرنسا/);
    expect(p.body).toContain('عبد الرحمان المكاوي، مختص في الدراسات الأمنية والعسكرية');
    expect(ps.at(-1)).toMatch(/على الحدود بين العراق وسوريا\.$/);
    expectAbsent(p, [
      'مومباي: تتويج الجناح المغربي',
      'واشنطن بوست تعلن تنحي رئيسها',
      'الجيش الملكي يهزم يانغ أفريكانز',
      'شكرا على الإبلاغ',
      'سيتم حجب هذه الصورة',
      'انقر هنا لقراءة الخبر من مصدره',
      'نشر في اليوم 24',
    ]);
  });

  it('003: interview, author byline, no date, outlet named in the body', () => {
    const p = seed('003');
    expect(p).toMatchObject({
      title: 'خبير: التعاون الأمني بين المغرب والدول المغاربية ضعيف بسبب دور الجزائر',
      source: 'تيلكيل عربي',
      sourceKey: 'telquel-arabi',
      author: 'خديجة قدوري',
      publishedAt: null,
      publishedText: null,
      dateline: null,
      language: 'ar',
    });
    const ps = paragraphs(p);
    expect(ps).toHaveLength(10);
    expect(ps[0]).toMatch(/^في إطار التحقيقات المستمرة المرتبطة بتفكيك خلية إرهابية/);
    expect(p.body).toContain('هناك تنسيق قوي جدًا مع موريتانيا');
    expect(ps.at(-1)).toMatch(/^واختتم حديثه قائلًا .* أصبح يشكل خطرًا كبيرًا جدًا\.$/);
    expectAbsent(p, ['خديجة قدوري']);
  });

  it('004: Atwasat, Algiers dateline, morning time, author from the dateline', () => {
    const p = seed('004');
    expect(p).toMatchObject({
      title: 'ترامب يجس نبض هروب عناصر «داعش» سرت إلى الجزائر',
      source: 'بوابة الوسط',
      sourceKey: 'atwasat',
      dateline: 'الجزائر',
      author: 'عبدالرحمن أميني',
      publishedAt: utc(2016, 12, 7, 11, 47),
      publishedText: 'الأربعاء 07 ديسمبر 2016, 11:47 صباحا',
      language: 'ar',
    });
    const ps = paragraphs(p);
    expect(ps).toHaveLength(15);
    expect(ps[0]).toMatch(/^أوفدت إدارة الرئيس الأميركي المنتخب دونالد ترامب/);
    expect(ps).toContain('تبادل للمعلومات بشأن «داعش» ليبيا');
    expect(ps).toContain('مخاوف مشتركة');
    expect(ps.at(-1)).toMatch(/لجلب الفصائل الليبية إلى طاولة واحدة\.$/);
    expectAbsent(p, [
      'WTV_Frequency',
      'المزيد من بوابة الوسط',
      'عناوين ذات صلة',
      'حملة أمنية مكثفة لضبط المرور في درنة',
      'تكالة بحث مع الفطيسي',
      '«رأس اجدير» في مكالمة هاتفية',
      'الاكثر تفضيلا',
    ]);
  });
});

describe('parsePage on pages of other shapes', () => {
  it('Hespress-like: Maghreb month شتنبر, "المصدر" line, menu, inline "اقرأ أيضا", share bar, related list', () => {
    const p = fixture('hespress-like.txt');
    expect(p).toMatchObject({
      title: 'المغرب وإسبانيا يعززان التنسيق الأمني لمواجهة الخلايا المتطرفة في الساحل',
      source: 'هسبريس',
      sourceKey: 'hespress',
      dateline: 'الرباط',
      publishedAt: utc(2019, 9, 10, 22, 15),
      language: 'ar',
    });
    const ps = paragraphs(p);
    expect(ps[0]).toMatch(/^عقد مسؤولون أمنيون مغاربة وإسبان/);
    expect(ps).toContain('تبادل المعلومات أولا');
    expect(ps.at(-1)).toMatch(/^ويرى خبراء أن هذه الخطوة/);
    expect(ps).toHaveLength(5);
    expectAbsent(p, [
      'الرئيسية',
      'فن وثقافة',
      'اقرأ أيضا',
      'تفكيك خلية إرهابية بمدينة طنجة',
      'شارك',
      'المصدر: هسبريس',
      'تابعونا',
      'العودة إلى الأعلى',
      'أخبار ذات صلة',
      'الأمن يوقف متطرفا بالناظور',
      'جميع الحقوق محفوظة',
    ]);
  });

  it('Levantine months with Arabic-Indic digits, "بقلم" byline, unknown outlet from the dateline', () => {
    const p = fixture('levantine-digits.txt');
    expect(p).toMatchObject({
      title: 'الأردن والعراق يوقعان مذكرة لتبادل المعلومات الأمنية على الحدود',
      source: 'الغد',
      sourceKey: null,
      dateline: 'عمّان',
      author: 'سامر الخليل',
      publishedAt: utc(2019, 11, 14, 21, 30),
      publishedText: 'الخميس ١٤ تشرين الثاني ٢٠١٩ - ٠٩:٣٠ مساءً',
      language: 'ar',
    });
    const ps = paragraphs(p);
    expect(ps).toHaveLength(4);
    expect(ps[0]).toMatch(/^وقّع الأردن والعراق/);
    expect(ps.at(-1)).toMatch(/^يُذكر أن البلدين وقعا في شباط الماضي/);
    expectAbsent(p, ['أخبار محلية', 'اقرأ المزيد من الغد', 'شارك على', 'الأكثر قراءة', 'ارتفاع أسعار المحروقات', 'بقلم']);
  });

  it('French page: Latin site name, "Par" byline, dd/mm/yyyy à HHhMM, "Lire aussi" dropped', () => {
    const p = fixture('french-le360.txt');
    expect(p).toMatchObject({
      title: 'Le Maroc et la Mauritanie renforcent leur coopération sécuritaire',
      sourceKey: 'le360',
      author: 'Youssef Bennani',
      publishedAt: utc(2021, 3, 12, 14, 30),
      language: 'fr',
    });
    const ps = paragraphs(p);
    expect(ps).toHaveLength(3);
    expect(ps[0]).toMatch(/^Les services de sécurité marocains/);
    expect(ps.at(-1)).toMatch(/ravivé les craintes d'une contagion régionale\.$/);
    expectAbsent(p, ['Politique', 'Lire aussi', 'Partager', 'Retour en haut', 'Articles similaires', 'conférence sur la sécurité maritime']);
  });

  it('Algerian interview: ticker, جويلية, outlet before the dash, "حاوره" byline, questions kept', () => {
    const p = fixture('algerian-juillet.txt');
    expect(p).toMatchObject({
      title: 'حوار: الجزائر لن تقبل بوجود قواعد عسكرية أجنبية في الساحل',
      source: 'الشروق',
      sourceKey: 'echorouk',
      dateline: 'الجزائر',
      author: 'كريم بن علي',
      publishedAt: utc(2019, 7, 14, 10, 30),
      language: 'ar',
    });
    const ps = paragraphs(p);
    expect(ps).toHaveLength(5);
    expect(ps).toContain('كيف تقرأون التطورات الأمنية الأخيرة في شمال مالي؟');
    expect(ps.at(-1)).toMatch(/^نعم، فالجزائر ترأس لجنة متابعة/);
    expectAbsent(p, ['عاجل', 'انطلاق امتحانات البكالوريا', 'الرئيسية', 'إضغط هنا', 'تعليقات', 'حاوره']);
  });

  it('a plain text with a title line and paragraphs needs no metadata', () => {
    const p = parsePage(
      'عنوان الخبر عن التعاون الأمني\n\nهذه فقرة أولى طويلة بما يكفي لتكون نصا من نصوص الخبر وتتحدث عن التعاون بين البلدين في مجال الأمن.\n\nوهذه فقرة ثانية تكمل الخبر وتضيف تفاصيل أخرى عن الاجتماع الذي عقد في العاصمة أمس.',
    );
    expect(p).toMatchObject({ title: 'عنوان الخبر عن التعاون الأمني', source: null, sourceKey: null, publishedAt: null, author: null, language: 'ar' });
    expect(paragraphs(p)).toHaveLength(2);
  });

  it('a title long enough to read as a paragraph is still the title when metadata follows it', () => {
    const p = parsePage(
      'سياسة\nمجتمع\nتدابير استعجالية لضمان متابعة تلاميذ المؤسسات التعليمية المتضررة من تداعيات الاضطرابات الجوية لدراستهم في ظروف آمنة وفق وزارة التربية\nالرباط - هسبريس\nالأحد 8 فبراير 2026\n\nأعلنت وزارة التربية الوطنية عن حزمة من التدابير الاستعجالية لفائدة التلاميذ المتضررين من الفيضانات الأخيرة في عدد من الأقاليم الشمالية للمملكة.\n\nوأوضحت الوزارة في بلاغ لها أن هذه التدابير تشمل توفير فضاءات بديلة للتدريس وتعويض الحصص الضائعة خلال العطلة المقبلة.',
    );
    expect(p.title).toMatch(/^تدابير استعجالية .* وزارة التربية$/);
    expect(p).toMatchObject({ sourceKey: 'hespress', dateline: 'الرباط', publishedAt: utc(2026, 2, 8) });
    expect(paragraphs(p)).toHaveLength(2);
    expect(p.body).not.toContain('هسبريس');
  });

  it('CRLF line ends and a closing "نقلا عن" line name the source', () => {
    const p = parsePage(
      'وزير الداخلية يستقبل نظيره التونسي\r\n\r\nاستقبل وزير الداخلية اليوم نظيره التونسي في مقر الوزارة، وبحث الجانبان سبل تعزيز التعاون الأمني بين البلدين.\r\nوتناول اللقاء ملفات الهجرة غير النظامية ومكافحة الإرهاب وتبادل الخبرات في مجال التكوين.\r\nنقلا عن وكالة الأنباء الجزائرية\r\n',
    );
    expect(p).toMatchObject({ title: 'وزير الداخلية يستقبل نظيره التونسي', source: 'وكالة الأنباء الجزائرية', sourceKey: 'aps' });
    expect(p.body).not.toContain('نقلا عن');
    expect(p.body).not.toContain('\r');
  });

  it('a title right under a menu, and a "كتب:" byline above the title', () => {
    const menu = parsePage(
      'الرئيسية\nأخبار\nرياضة\nالجزائر تحتضن اجتماعا لدول الجوار الليبي\n\nتحتضن الجزائر الأسبوع المقبل اجتماعا وزاريا لدول الجوار الليبي لبحث تطورات الأزمة وسبل دعم الحوار بين الأطراف الليبية.\n\nوقال بيان للخارجية إن الاجتماع سيناقش أيضا الوضع الأمني على الحدود المشتركة.',
    );
    expect(menu.title).toBe('الجزائر تحتضن اجتماعا لدول الجوار الليبي');
    expect(menu.body).not.toContain('الرئيسية');
    const byline = parsePage(
      'كتب: محمد علي\nطرابلس تستضيف منتدى أمنيا إقليميا\n\nتستضيف العاصمة الليبية طرابلس الأسبوع المقبل منتدى أمنيا إقليميا بمشاركة ممثلين عن دول الساحل والصحراء وعدد من الشركاء الأوروبيين.\n\nويهدف المنتدى إلى تنسيق الجهود في مكافحة الهجرة غير الشرعية والجريمة المنظمة العابرة للحدود.',
    );
    expect(byline).toMatchObject({ title: 'طرابلس تستضيف منتدى أمنيا إقليميا', author: 'محمد علي' });
  });

  it('English text is told from French', () => {
    const p = parsePage(
      'Morocco and Spain step up security cooperation\n\nSecurity officials from the two countries met on Tuesday in Rabat and agreed to share intelligence on returning fighters.\n\nThe meeting is the first of its kind since the start of the year, and it was followed by a joint statement.',
    );
    expect(p.language).toBe('en');
  });
});

describe('parsePage on bad input', () => {
  it.each([
    ['empty', ''],
    ['whitespace only', ' \n\t\n  \r\n '],
    ['binary', `\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR\u0000\u0000\u0001\u0000`],
    ['undecodable bytes', '\uFFFD'.repeat(40) + ' abc'],
    ['only page furniture', 'شارك\nتابعونا\nالعودة إلى الأعلى\nتعليقات'],
  ])('%s → PageParseError with a clear message', (_label, raw) => {
    let caught: unknown;
    try {
      parsePage(raw);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(PageParseError);
    expect(isPageParseError(caught)).toBe(true);
    expect(isMizanError(caught)).toBe(true);
    expect((caught as PageParseError).code).toBe('page_unreadable');
    expect((caught as Error).message).toMatch(/^(the page is empty|the page looks binary|no article)/);
  });

  it('never fails with anything but a PageParseError, and never returns an empty title or body', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 120 }), fc.constantFrom('', 'شارك', 'المزيد', 'WTV_Frequency', 'السبت 23 يوليو 2016')), {
          maxLength: 20,
        }),
        (parts) => {
          try {
            const p = parsePage(parts.join('\n'));
            expect(p.title.trim()).not.toBe('');
            expect(p.body.trim()).not.toBe('');
          } catch (e) {
            expect(e).toBeInstanceOf(PageParseError);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
