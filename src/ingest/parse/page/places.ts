// Dateline places seen in Maghreb, Libyan and pan-Arab coverage. The dateline pattern "PLACE - OUTLET"
// does not need this list when the outlet is known; it settles the cases where it is not.
import { foldKey } from '../dates/fold.js';

const PLACES = [
  'القاهرة', 'الإسكندرية', 'الجزائر', 'الجزائر العاصمة', 'وهران', 'قسنطينة', 'عنابة', 'تلمسان', 'ورقلة', 'تمنراست',
  'الرباط', 'الدار البيضاء', 'فاس', 'مراكش', 'طنجة', 'وجدة', 'أكادير', 'العيون', 'الداخلة', 'تطوان', 'الناظور', 'مكناس',
  'تونس', 'صفاقس', 'سوسة', 'طرابلس', 'بنغازي', 'مصراتة', 'سرت', 'درنة', 'سبها', 'طبرق', 'الزاوية', 'غات', 'نواكشوط',
  'بيروت', 'دمشق', 'عمان', 'عمّان', 'بغداد', 'الرياض', 'جدة', 'الدوحة', 'أبوظبي', 'دبي', 'الكويت', 'المنامة', 'مسقط',
  'صنعاء', 'الخرطوم', 'القدس', 'غزة', 'رام الله', 'نيامي', 'باماكو', 'نجامينا', 'واغادوغو', 'داكار',
  'باريس', 'لندن', 'واشنطن', 'نيويورك', 'موسكو', 'بروكسل', 'مدريد', 'جنيف', 'برلين', 'روما', 'أنقرة', 'إسطنبول', 'طهران',
  'Alger', 'Rabat', 'Casablanca', 'Tunis', 'Tripoli', 'Benghazi', 'Paris', 'Le Caire', 'Cairo', 'Algiers',
];

const FOLDED = new Set(PLACES.map((p) => foldKey(p).toLowerCase()));

export function isKnownPlace(text: string): boolean {
  return FOLDED.has(foldKey(text.trim()).replace(/\s+/g, ' '));
}
