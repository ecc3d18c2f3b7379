// Month and day names as they are written in the Arab press. Three Arabic series are in use:
// Egyptian/Gulf (transliterated Latin names), Levantine/Iraqi (Syriac names) and Maghreb (French-derived
// in Algeria and Tunisia, a Spanish/Latin-derived set in Morocco). French and English pages use their own.
// Names are listed in folded form (see fold.ts), so أبريل/إبريل/ابريل are one entry.

export const MONTHS: ReadonlyArray<readonly [month: number, names: readonly string[]]> = [
  [1, ['يناير', 'كانون الثاني', 'كانون ثاني', 'جانفي', 'janvier', 'janv', 'january', 'jan']],
  [2, ['فبراير', 'فبرير', 'شباط', 'فيفري', 'février', 'fevrier', 'févr', 'fevr', 'february', 'feb']],
  [3, ['مارس', 'اذار', 'mars', 'march', 'mar']],
  [4, ['ابريل', 'ابريل', 'نيسان', 'افريل', 'avril', 'avr', 'april', 'apr']],
  [5, ['مايو', 'ماي', 'ايار', 'mai', 'may']],
  [6, ['يونيو', 'يونيه', 'حزيران', 'جوان', 'juin', 'june', 'jun']],
  [7, ['يوليو', 'يوليه', 'يوليوز', 'تموز', 'جويليه', 'جويلييه', 'juillet', 'juil', 'july', 'jul']],
  [8, ['اغسطس', 'اغشت', 'غشت', 'اب', 'اوت', 'août', 'aout', 'august', 'aug']],
  [9, ['سبتمبر', 'شتنبر', 'ايلول', 'septembre', 'sept', 'september', 'sep']],
  [10, ['اكتوبر', 'تشرين الاول', 'تشرين اول', 'octobre', 'oct', 'october']],
  [11, ['نوفمبر', 'نونبر', 'تشرين الثاني', 'تشرين ثاني', 'novembre', 'nov', 'november']],
  [12, ['ديسمبر', 'دجنبر', 'كانون الاول', 'كانون اول', 'décembre', 'decembre', 'déc', 'dec', 'december']],
];

export const DAY_NAMES: readonly string[] = [
  'السبت',
  'الاحد',
  'الاثنين',
  'الاتنين',
  'الثلاثاء',
  'الثلاثا',
  'الاربعاء',
  'الاربعا',
  'الخميس',
  'الجمعه',
  'samedi',
  'dimanche',
  'lundi',
  'mardi',
  'mercredi',
  'jeudi',
  'vendredi',
  'saturday',
  'sunday',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'sat',
  'sun',
  'mon',
  'tue',
  'wed',
  'thu',
  'fri',
];

/** Folded month name → month number (1–12). */
export const MONTH_BY_NAME: ReadonlyMap<string, number> = new Map(MONTHS.flatMap(([month, names]) => names.map((name) => [name, month] as const)));

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Alternation of names, longest first so 'مايو' wins over 'ماي' and 'كانون الثاني' over a bare word. */
export function alternation(names: Iterable<string>): string {
  return [...new Set(names)]
    .sort((a, b) => b.length - a.length)
    .map((n) => escape(n).replace(/ /g, '\\s+'))
    .join('|');
}
