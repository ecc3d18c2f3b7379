import { describe, expect, it } from 'vitest';
import { isMizanError } from '../../src/errors.js';
import { DEFAULT_PIPELINE, PIPELINE_VERSION, PipelineConfigError, isPipelineConfigError, resolvePipelineConfig } from '../../src/text/pipeline.js';

function thrown(fn: () => unknown): PipelineConfigError {
  try {
    fn();
  } catch (e) {
    if (isPipelineConfigError(e)) return e;
    throw e;
  }
  throw new Error('expected a PipelineConfigError');
}

describe('resolvePipelineConfig', () => {
  it('returns the defaults for no input, and a round trip through JSON is stable', () => {
    expect(resolvePipelineConfig()).toEqual(DEFAULT_PIPELINE);
    const json = JSON.parse(JSON.stringify(DEFAULT_PIPELINE));
    expect(resolvePipelineConfig(json)).toEqual(DEFAULT_PIPELINE);
  });

  it('merges a partial over the defaults', () => {
    const c = resolvePipelineConfig({ normalize: { taaMarbuta: true }, features: { hashBits: 20, charNgrams: { max: 4 } } });
    expect(c.normalize.taaMarbuta).toBe(true);
    expect(c.normalize.unifyAlef).toBe(DEFAULT_PIPELINE.normalize.unifyAlef);
    expect(c.features.hashBits).toBe(20);
    expect(c.features.charNgrams).toEqual({ min: 2, max: 4 });
    expect(resolvePipelineConfig({ features: { charNgrams: null } }).features.charNgrams).toBeNull();
    expect(Object.isFrozen(c.features)).toBe(true);
  });

  it('rejects hashBits 40 naming the field', () => {
    const e = thrown(() => resolvePipelineConfig({ features: { hashBits: 40 } }));
    expect(e).toBeInstanceOf(PipelineConfigError);
    expect(isMizanError(e)).toBe(true);
    expect(e.code).toBe('PIPELINE_CONFIG');
    expect(e.name).toBe('PipelineConfigError');
    expect(e.field).toBe('features.hashBits');
    expect(e.value).toBe(40);
    expect(e.message).toContain('features.hashBits');
    expect(e.message).toContain('40');
  });

  it('rejects charNgrams with min > max', () => {
    const e = thrown(() => resolvePipelineConfig({ features: { charNgrams: { min: 5, max: 2 } } }));
    expect(e.field).toBe('features.charNgrams');
    expect(e.message).toContain('min must not exceed max');
  });

  it.each([
    [{ features: { hashBits: 18.5 } }, 'features.hashBits'],
    [{ features: { hashBits: '18' } }, 'features.hashBits'],
    [{ features: { charNgrams: { min: 0, max: 3 } } }, 'features.charNgrams.min'],
    [{ features: { charNgrams: { min: 2, max: 12 } } }, 'features.charNgrams.max'],
    [{ features: { charNgrams: 3 } }, 'features.charNgrams'],
    [{ features: { stems: 'yes' } }, 'features.stems'],
    [{ normalize: { unifyAlef: 1 } }, 'normalize.unifyAlef'],
    [{ normalize: { stripHarakat: true } }, 'normalize.stripHarakat'],
    [{ features: [] }, 'features'],
    [{ extra: 1 }, 'extra'],
    [{ version: PIPELINE_VERSION + 1 }, 'version'],
  ])('rejects %j at %s', (bad, field) => {
    expect(thrown(() => resolvePipelineConfig(bad as never)).field).toBe(field);
  });
});
