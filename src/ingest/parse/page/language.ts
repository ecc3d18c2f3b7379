// Script first (Arabic letters against Latin letters), then a handful of function words to tell French
// from English. Enough to route an article; not a language identifier.
const FR = new Set([
  'le',
  'la',
  'les',
  'des',
  'du',
  'de',
  'et',
  'est',
  'une',
  'un',
  'dans',
  'que',
  'qui',
  'pour',
  'sur',
  'au',
  'aux',
  'par',
  'avec',
  'pas',
  'ont',
  'été',
]);
const EN = new Set(['the', 'and', 'of', 'to', 'in', 'is', 'that', 'for', 'with', 'on', 'was', 'by', 'are', 'has', 'have', 'it', 'from', 'this']);

export function detectLanguage(text: string): string {
  const arabic = (text.match(/\p{Script=Arabic}/gu) ?? []).length;
  const latin = (text.match(/\p{Script=Latin}/gu) ?? []).length;
  if (arabic + latin === 0) return 'und';
  if (arabic >= latin) return 'ar';
  let fr = 0;
  let en = 0;
  for (const w of text.toLowerCase().split(/[^\p{L}']+/u)) {
    if (FR.has(w)) fr++;
    if (EN.has(w)) en++;
  }
  if (fr === 0 && en === 0) return 'und';
  return fr >= en ? 'fr' : 'en';
}
