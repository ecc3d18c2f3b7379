// A real, tiny model for the server tests: trained in the test on a small synthetic corpus with the
// project's own trainModel and saved with saveModel, exactly as `mizan train` does.
import { trainModel } from '../../src/model/train.js';
import { loadModel, saveModel } from '../../src/model/io.js';
import type { LoadedModel } from '../../src/model/io.js';
import type { CodebookSpec, TrainingExample } from '../../src/model/types.js';

export const SPEC: CodebookSpec = {
  version: 3,
  topics: [{ key: 'security' }, { key: 'economy' }, { key: 'sport' }],
  multiLabel: false,
  targets: [{ key: 'algeria', values: ['favor', 'against', 'not_addressed'] }],
};

const SUBJECTS: Record<string, string[]> = {
  security: ['تفكيك خلية إرهابية', 'هجوم مسلح على ثكنة', 'تعاون استخباراتي ضد داعش', 'ضبط أسلحة مهربة', 'عملية أمنية على الحدود'],
  economy: ['ارتفاع أسعار النفط', 'تراجع قيمة الدينار', 'عجز في الميزانية العامة', 'استثمارات أجنبية جديدة', 'نمو الصادرات الزراعية'],
  sport: ['فوز المنتخب في كأس أفريقيا', 'تعادل الفريق في الدوري', 'انتقال لاعب إلى نادي أوروبي', 'افتتاح ملعب جديد', 'خسارة النادي في النهائي'],
};
const STANCE: Record<string, string> = {
  favor: 'وأشاد المراقبون بدور الجزائر الإيجابي ونجاحها',
  against: 'وانتقد المراقبون فشل الجزائر وتقصيرها الخطير',
  not_addressed: 'وقال المتحدث إن التفاصيل ستعلن لاحقا',
};
const PLACES = ['في الرباط', 'في طرابلس', 'في تونس', 'في نواكشوط'];

export function tinyCorpus(): TrainingExample[] {
  const out: TrainingExample[] = [];
  for (const [topic, subjects] of Object.entries(SUBJECTS)) {
    for (const [s, subject] of subjects.entries()) {
      for (const [p, place] of PLACES.entries()) {
        const stance = Object.keys(STANCE)[(s + p) % 3]!;
        out.push({ id: `${topic}-${s}-${p}`, text: `${subject} ${place}. ${STANCE[stance]}.`, topics: [topic], stance: { algeria: stance } });
      }
    }
  }
  return out;
}

/** Trains on the tiny corpus with `seed`, saves under `modelsDir` (moving `latest`), loads it back. */
export async function trainTinyModel(modelsDir: string, seed = 1): Promise<LoadedModel> {
  const { model } = await trainModel(tinyCorpus(), SPEC, { seed, epochs: 30, validationFraction: 0.2, learningRate: 0.05 });
  const saved = await saveModel(model, modelsDir);
  return loadModel(saved.dir);
}
