// Domain knowledge: the outlets analysts of the Maghreb and Libya read most, with the spellings their
// pages use (Arabic name, Latin brand, domain). Names that are also ordinary words (الخبر "the news",
// الشرق الأوسط "the Middle East", النهار "daytime") are `ambiguous`: they count only when a whole
// segment is the name (a dateline "الجزائر - الخبر", a line "المصدر: النهار"), never inside a sentence.
import { foldKey } from '../dates/fold.js';

export interface Outlet {
  key: string;
  name: string;
  variants: readonly string[];
  ambiguous?: boolean;
}

export const OUTLETS: readonly Outlet[] = [
  { key: 'atwasat', name: 'بوابة الوسط', variants: ['Atwasat', 'alwasat.ly', 'Al Wasat', 'alwasat', 'بوابة الوسط الليبية'] },
  { key: 'aldar', name: 'الدار', variants: ['Aldar', 'aldar.ma', 'موقع الدار'], ambiguous: true },
  { key: 'alyaoum24', name: 'اليوم 24', variants: ['اليوم24', 'Alyaoum24', 'Alyaoum 24', 'alyaoum24.com'] },
  { key: 'hespress', name: 'هسبريس', variants: ['Hespress', 'hespress.com', 'هسبريس الإلكترونية'] },
  { key: 'le360', name: 'لو360', variants: ['Le360', 'le360.ma', 'Le 360', 'لوسيس'] },
  { key: 'telquel-arabi', name: 'تيلكيل عربي', variants: ['تيل كيل عربي', 'تلكيل عربي', 'Telquel Arabi', 'TelQuel Arabi', 'telquel.ma/ar'] },
  { key: 'telquel', name: 'تيلكيل', variants: ['TelQuel', 'Tel Quel', 'telquel.ma', 'تيل كيل'] },
  { key: 'hibapress', name: 'هبة بريس', variants: ['Hibapress', 'Hiba Press', 'hibapress.com'] },
  { key: 'barlamane', name: 'برلمان.كوم', variants: ['برلمان كوم', 'Barlamane', 'barlamane.com'] },
  { key: 'alayam24', name: 'الأيام 24', variants: ['الأيام24', 'Alayam24', 'alayam24.com'] },
  { key: 'map', name: 'وكالة المغرب العربي للأنباء', variants: ['MAP', 'mapexpress.ma', 'لاماب'] },
  { key: 'aps', name: 'وكالة الأنباء الجزائرية', variants: ['APS', 'aps.dz', 'واج'] },
  { key: 'echorouk', name: 'الشروق', variants: ['الشروق أونلاين', 'الشروق اونلاين', 'Echorouk', 'Echorouk Online', 'echoroukonline.com'] },
  { key: 'elkhabar', name: 'الخبر', variants: ['El Khabar', 'Elkhabar', 'elkhabar.com'], ambiguous: true },
  { key: 'ennahar', name: 'النهار', variants: ['النهار أونلاين', 'Ennahar', 'ennaharonline.com'], ambiguous: true },
  { key: 'tsa', name: 'كل شيء عن الجزائر', variants: ['TSA', 'TSA Algérie', 'tsa-algerie.com'] },
  { key: 'libya-observer', name: 'ليبيا أوبزرفر', variants: ['Libya Observer', 'The Libya Observer', 'libyaobserver.ly'] },
  { key: 'libya-alahrar', name: 'ليبيا الأحرار', variants: ['Libya Alahrar', 'libyaalahrar.net'] },
  { key: 'lana', name: 'وكالة الأنباء الليبية', variants: ['LANA', 'lana.gov.ly'] },
  { key: 'almarsad', name: 'المرصد', variants: ['Almarsad', 'almarsad.co'], ambiguous: true },
  { key: 'aljazeera', name: 'الجزيرة نت', variants: ['الجزيرة', 'Al Jazeera', 'Aljazeera', 'aljazeera.net'], ambiguous: true },
  { key: 'alarabiya', name: 'العربية نت', variants: ['العربية', 'Al Arabiya', 'Alarabiya', 'alarabiya.net'], ambiguous: true },
  { key: 'skynews-arabia', name: 'سكاي نيوز عربية', variants: ['Sky News Arabia', 'skynewsarabia.com', 'سكاي نيوز'] },
  { key: 'bbc-arabic', name: 'بي بي سي عربي', variants: ['بي بي سي', 'BBC Arabic', 'BBC', 'bbc.com/arabic'] },
  { key: 'france24', name: 'فرانس 24', variants: ['فرانس24', 'France24', 'France 24', 'france24.com'] },
  { key: 'afp', name: 'فرانس برس', variants: ['وكالة فرانس برس', 'أ ف ب', 'AFP'] },
  { key: 'reuters', name: 'رويترز', variants: ['وكالة رويترز', 'Reuters'] },
  { key: 'anadolu', name: 'الأناضول', variants: ['وكالة الأناضول', 'Anadolu', 'aa.com.tr'] },
  { key: 'alquds-alarabi', name: 'القدس العربي', variants: ['Al-Quds Al-Arabi', 'Alquds Alarabi', 'alquds.co.uk'] },
  { key: 'alaraby', name: 'العربي الجديد', variants: ['Al-Araby Al-Jadeed', 'The New Arab', 'alaraby.co.uk'] },
  { key: 'asharq-alawsat', name: 'الشرق الأوسط', variants: ['Asharq Al-Awsat', 'aawsat.com'], ambiguous: true },
  { key: 'rt-arabic', name: 'روسيا اليوم', variants: ['RT Arabic', 'RT عربي', 'arabic.rt.com'] },
  { key: 'jeune-afrique', name: 'جون أفريك', variants: ['Jeune Afrique', 'jeuneafrique.com'] },
  { key: 'lematin', name: 'لوماتان', variants: ['Le Matin', 'lematin.ma'] },
  { key: 'medias24', name: 'ميديا 24', variants: ['Médias24', 'Medias24', 'Médias 24', 'medias24.com'] },
];

export interface OutletMatch {
  outlet: Outlet;
  /** Where the name was found in the folded text. */
  start: number;
  end: number;
}

/** Letters and digits only, Latin lower case: 'alwasat.ly', 'Al Wasat' and 'AlWasat' compare equal. */
function compact(s: string): string {
  return foldKey(s).replace(/[^\p{L}\p{N}]+/gu, '');
}

const LATIN = /^[\p{Script=Latin}\p{N}\s.\-/]+$/u;

interface Needle {
  outlet: Outlet;
  folded: string;
  ambiguous: boolean;
}

const NEEDLES: Needle[] = OUTLETS.flatMap((outlet) =>
  [outlet.name, ...outlet.variants].map((v) => ({
    outlet,
    folded: foldKey(v),
    // A name counts as ambiguous if the outlet says so and it is Arabic, or if it is a short Latin acronym.
    ambiguous: (outlet.ambiguous === true && !LATIN.test(v)) || /^[A-Z]{2,4}$/.test(v),
  })),
).sort((a, b) => b.folded.length - a.folded.length);

const BY_COMPACT = new Map<string, Outlet>();
for (const n of NEEDLES) {
  const c = compact(n.folded);
  if (!BY_COMPACT.has(c)) BY_COMPACT.set(c, n.outlet);
  // Domains also match without their top-level part: 'hespress.com' ~ 'hespress'.
  const bare = n.folded.match(/^([a-z0-9-]+)\.[a-z.]+$/)?.[1];
  if (bare !== undefined && !BY_COMPACT.has(compact(bare))) BY_COMPACT.set(compact(bare), n.outlet);
}

/** The outlet whose name is the whole of `segment` (quotes and punctuation around it ignored). */
export function outletNamed(segment: string): Outlet | null {
  const c = compact(segment.replace(/^(?:موقع|جريدة|صحيفة|يومية|وكالة)\s+/u, ''));
  if (c === '') return null;
  return BY_COMPACT.get(c) ?? BY_COMPACT.get(compact(segment)) ?? null;
}

const isWordChar = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{M}\p{N}]/u.test(ch);

/**
 * The first outlet named inside `text` (folded), ambiguous names excluded. Word boundaries are required,
 * and the Arabic clitics ل/ب (لـ«هسبريس», بموقع) may precede a name.
 */
export function outletIn(text: string, opts: { allowAmbiguous?: boolean } = {}): OutletMatch | null {
  const s = foldKey(text);
  let best: OutletMatch | null = null;
  for (const n of NEEDLES) {
    if (n.ambiguous && opts.allowAmbiguous !== true) continue;
    let from = 0;
    for (;;) {
      const at = s.indexOf(n.folded, from);
      if (at < 0) break;
      from = at + 1;
      const before = s[at - 1];
      const beforeOk = !isWordChar(before) || ((before === 'ل' || before === 'ب') && !isWordChar(s[at - 2]));
      if (!beforeOk || isWordChar(s[at + n.folded.length])) continue;
      // 'الدار البيضاء' is Casablanca, not the outlet.
      if (n.outlet.key === 'aldar' && /^\s*البيضاء/u.test(s.slice(at + n.folded.length))) continue;
      if (best === null || at < best.start) best = { outlet: n.outlet, start: at, end: at + n.folded.length };
      break;
    }
  }
  return best;
}
