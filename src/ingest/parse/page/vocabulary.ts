// The words pages use for their furniture: buttons, notices, section headers of related lists, share
// bars. Written folded (see dates/fold.ts). A rule only fires on lines no longer than `maxWords`, so the
// same word inside a sentence of the article ("شارك الوزير في ...") is never taken for a button.

export interface NoiseRule {
  phrase: string;
  /** 'start': the line begins with it; 'contains': anywhere; 'whole': the line is exactly it. */
  at: 'start' | 'contains' | 'whole';
  maxWords: number;
  /** Ends the article: what follows belongs to the page, not to the text (related lists, comments). */
  closes?: boolean;
}

const rules = (at: NoiseRule['at'], maxWords: number, phrases: string[], closes = false): NoiseRule[] =>
  phrases.map((phrase) => ({ phrase, at, maxWords, closes }));

export const NOISE_RULES: readonly NoiseRule[] = [
  // Buttons and notices.
  ...rules('contains', 12, ['الي الاعلي', 'للاعلي', 'لاعلي الصفحه', 'back to top', 'retour en haut', 'haut de page']),
  ...rules('contains', 25, [
    'ابلغ عن',
    'شكرا علي الابلاغ',
    'سيتم حجب',
    'الابلاغ عنها',
    'لقراءه الخبر من مصدره',
    'من مصدره',
    'جميع الحقوق محفوظه',
    'all rights reserved',
    'tous droits réservés',
    'cookies',
  ]),
  ...rules('start', 30, [
    'اقرا ايضا',
    'اقرا كذلك',
    'اقرا المزيد',
    'اقرا ايضاً',
    'شاهد ايضا',
    'قد يهمك',
    'يهمك ايضا',
    'اخترنا لك',
    'لمزيد من الاخبار',
    'read more',
    'read also',
    'see also',
    'lire aussi',
    'à lire aussi',
    'a lire aussi',
    'lire la suite',
    'voir aussi',
    'related:',
  ]),
  ...rules('start', 6, [
    'شارك',
    'مشاركه',
    'تابعونا',
    'تابعنا',
    'انقر هنا',
    'اضغط هنا',
    'اشترك',
    'طباعه',
    'ارسل لصديق',
    'share',
    'tweet',
    'print',
    'subscribe',
    'follow us',
    'partager',
    'suivez-nous',
    'suivez nous',
    'imprimer',
    'télécharger',
  ]),
  ...rules('whole', 3, [
    'اعلان',
    'اعلانات',
    'سلايدر',
    'فيسبوك',
    'تويتر',
    'واتساب',
    'يوتيوب',
    'انستغرام',
    'تيليغرام',
    'الرئيسيه',
    'facebook',
    'twitter',
    'whatsapp',
    'linkedin',
    'email',
    'publicité',
    'advertisement',
    'accueil',
    'home',
  ]),
  // Section headers after the article: what follows is page furniture.
  ...rules(
    'start',
    8,
    [
      'المزيد من',
      'عناوين ذات صله',
      'اخبار ذات صله',
      'مواضيع ذات صله',
      'مقالات ذات صله',
      'ذات صله',
      'الاكثر قراءه',
      'الاكثر تفضيلا',
      'الاكثر مشاهده',
      'الاكثر تعليقا',
      'اخر الاخبار',
      'احدث الاخبار',
      'اضف تعليق',
      'اترك تعليقا',
      'related articles',
      'related news',
      'most read',
      'more from',
      'read more from',
      'leave a comment',
      'articles similaires',
      'sur le même sujet',
      'les plus lus',
      'plus de',
    ],
    true,
  ),
  ...rules('whole', 2, ['المزيد', 'تعليقات', 'التعليقات', 'more', 'plus', 'comments', 'commentaires'], true),
];

/** A Latin token that is markup residue, not text: WTV_Frequency, data-id, camelCaseName. */
export const CODE_TOKEN = /^(?:[A-Za-z][A-Za-z0-9]*(?:[_:][A-Za-z0-9]+)+|[a-z]+[A-Z][A-Za-z0-9]*|[a-z]+(?:-[a-z0-9]+){2,})$/;
