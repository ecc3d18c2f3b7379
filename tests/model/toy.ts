// A tiny, separable Arabic corpus: three topics by subject words, stance toward one target by the
// closing sentence. Small enough that training with 2^12 buckets takes well under a second.
import type { CodebookSpec, TrainingExample } from '../../src/model/types.js';

export const TOY_SPEC: CodebookSpec = {
  version: 1,
  topics: [
    { key: 'security', name: 'Security' },
    { key: 'economy', name: 'Economy' },
    { key: 'sport', name: 'Sport' },
  ],
  multiLabel: false,
  targets: [{ key: 'algeria', name: 'Algeria', aliases: ['الجزائر'], values: ['favor', 'against', 'not_addressed'] }],
  values: [
    { key: 'favor', name: 'Favor' },
    { key: 'against', name: 'Against' },
    { key: 'not_addressed', name: 'Not addressed' },
  ],
};

export const SUBJECTS: Record<string, string[]> = {
  security: ['تفكيك خلية إرهابية', 'هجوم مسلح على ثكنة', 'تعاون استخباراتي ضد داعش', 'ضبط أسلحة مهربة', 'عملية أمنية على الحدود'],
  economy: ['ارتفاع أسعار النفط', 'تراجع قيمة الدينار', 'عجز في الميزانية العامة', 'استثمارات أجنبية جديدة', 'نمو الصادرات الزراعية'],
  sport: ['فوز المنتخب في كأس أفريقيا', 'تعادل الفريق في الدوري', 'انتقال لاعب إلى نادي أوروبي', 'افتتاح ملعب جديد', 'خسارة النادي في النهائي'],
};
export const STANCES: Record<string, string> = {
  favor: 'وأشاد المراقبون بدور الجزائر الإيجابي ونجاحها',
  against: 'وانتقد المراقبون فشل الجزائر وتقصيرها الخطير',
  not_addressed: 'وقال المتحدث إن التفاصيل ستعلن لاحقا',
};
const PLACES = ['في الرباط', 'في طرابلس', 'في تونس', 'في نواكشوط'];

export function toyCorpus(): (TrainingExample & { topic: string; stanceValue: string })[] {
  const out: (TrainingExample & { topic: string; stanceValue: string })[] = [];
  for (const [topic, subjects] of Object.entries(SUBJECTS)) {
    for (const [s, subject] of subjects.entries()) {
      for (const [p, place] of PLACES.entries()) {
        const stance = Object.keys(STANCES)[(s + p) % 3]!;
        out.push({
          id: `${topic}-${s}-${p}`,
          text: `${subject} ${place}. ${STANCES[stance]}.`,
          topics: [topic],
          stance: { algeria: stance },
          topic,
          stanceValue: stance,
        });
      }
    }
  }
  return out;
}

/** New texts of the same shape that are not in the corpus (another place). */
export function toyHeldOut(): { text: string; topic: string; stance: string }[] {
  const out: { text: string; topic: string; stance: string }[] = [];
  for (const [topic, subjects] of Object.entries(SUBJECTS)) {
    subjects.forEach((subject, s) => {
      const stance = Object.keys(STANCES)[s % 3]!;
      out.push({ text: `${subject} في القاهرة. ${STANCES[stance]}.`, topic, stance });
    });
  }
  return out;
}
