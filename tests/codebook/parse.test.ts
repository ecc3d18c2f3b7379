import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extendCodebook } from '../../src/codebook/extend.js';
import { toKey } from '../../src/codebook/keys.js';
import { matchTarget, matchValue } from '../../src/codebook/match.js';
import { parseCodebook } from '../../src/codebook/parse.js';
import { findCodebook, loadCodebook, saveCodebook } from '../../src/codebook/store.js';
import { stringifyCodebook } from '../../src/codebook/stringify.js';
import { describeEachProvider } from '../helpers/providers.js';

const SEED = readFileSync(new URL('../../seeds/codebook.yaml', import.meta.url), 'utf8');

const base = `name: Test
topics:
  - key: a
    name: A
    hotkey: "1"
stance:
  values:
    - key: favor
      name: Favor
      hotkey: f
  targets:
    - key: algeria
      name: Algeria
`;

describe('codebook YAML', () => {
  it('reads the seed codebook: the domain topics, targets and the four stance values', () => {
    const cb = parseCodebook(SEED, 'seeds/codebook.yaml');
    expect(cb.multiLabel).toBe(true);
    expect(cb.topics.map((t) => t.key)).toEqual(
      expect.arrayContaining([
        'counter_terrorism',
        'intelligence_cooperation',
        'algeria_morocco',
        'western_sahara',
        'libya_conflict',
        'sahel_security',
        'borders_migration',
      ]),
    );
    expect(cb.targets.map((t) => t.key)).toEqual(['algeria', 'morocco', 'dz_ma_cooperation']);
    expect(cb.values.map((v) => v.key)).toEqual(['favor', 'against', 'neutral', 'not_addressed']);
    expect(new Set(cb.topics.map((t) => t.hotkey)).size).toBe(cb.topics.length);
  });

  it('writes YAML that reads back to the same codebook', () => {
    const cb = parseCodebook(SEED);
    expect(parseCodebook(stringifyCodebook(cb))).toEqual(cb);
  });

  it.each([
    ['not YAML', 'name: x\ntopics:\n  - key: a\n   name: A\n', /^f\.yaml:4: not valid YAML/],
    ['empty', '', /^f\.yaml: the file is empty/],
    ['a list at the top', '- a\n- b\n', /^f\.yaml:1: the codebook must be a mapping/],
    ['no name', base.replace('name: Test\n', ''), /^f\.yaml:1: the codebook: "name" is missing/],
    ['bad key', base.replace('key: a', 'key: Bad Key'), /^f\.yaml:3: topic #1: key "Bad Key" must be lower-case/],
    [
      'duplicate hotkey',
      base.replace('topics:\n', 'topics:\n  - key: b\n    name: B\n    hotkey: "1"\n'),
      /^f\.yaml:8: topic a: hotkey "1" is already used by topic b/,
    ],
    ['hotkey of a topic and a value', base.replace('hotkey: f', 'hotkey: "1"'), /^f\.yaml:10: stance value favor: hotkey "1" is already used by topic a/],
    ['reserved hotkey', base.replace('hotkey: f', 'hotkey: q'), /^f\.yaml:10: stance value favor: hotkey "q" is reserved/],
    ['duplicate key', base.replace('topics:\n', 'topics:\n  - key: a\n    name: A2\n    hotkey: "2"\n'), /^f\.yaml:6: topic key "a" appears twice/],
    ['targets without values', 'name: x\nstance:\n  targets:\n    - key: t\n      name: T\n', /^f\.yaml:3: "stance" has targets but no values/],
    ['multi_label not boolean', `${base}multi_label: maybe\n`, /^f\.yaml:14: "multi_label" must be true or false/],
  ])('rejects %s with the line and the problem', (_what, text, message) => {
    expect(() => parseCodebook(text, 'f.yaml')).toThrow(message);
  });
});

describe('codebook matching and extension', () => {
  const cb = parseCodebook(SEED);

  it('finds values by key, name and alias, ignoring case', () => {
    expect(matchValue(cb, 'Favor')).toBe('favor');
    expect(matchValue(cb, 'AGAINST')).toBe('against');
    expect(matchValue(cb, 'محايد')).toBe('neutral');
    expect(matchTarget(cb, 'الجزائر')).toBe('algeria');
    expect(matchValue(cb, 'None')).toBeUndefined();
  });

  it('extends with new entries that get keys and free hotkeys', () => {
    const ext = extendCodebook(cb, { topics: ['Sport'], targets: ['Covid Vaccine'], values: ['None'] });
    expect(ext.topics.at(-1)).toMatchObject({ key: 'sport', name: 'Sport', hotkey: '9' });
    expect(ext.targets.at(-1)).toMatchObject({ key: 'covid_vaccine', aliases: ['Covid Vaccine'] });
    // Free among topics and values alike (1–8 are topics, f a e x values): a key means one thing.
    expect(ext.values.at(-1)).toMatchObject({ key: 'none', hotkey: 'b' });
    expect(parseCodebook(stringifyCodebook(ext))).toEqual(ext);
  });

  it('gives new stance values their initial when it is free, and never a key a topic has', () => {
    const empty = { name: 'Imported', multiLabel: false, topics: [], targets: [], values: [] };
    const ext = extendCodebook(empty, { topics: ['Sport', 'Economy'], targets: ['x'], values: ['FAVOR', 'Against', 'None', 'Against-ish', 'محايد'] });
    expect(ext.topics.map((t) => t.hotkey)).toEqual(['1', '2']);
    expect(ext.values.map((v) => v.hotkey)).toEqual(['f', 'a', 'b', 'c', 'd']);
    const keys = [...ext.topics, ...ext.values].map((e) => e.hotkey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(parseCodebook(stringifyCodebook(ext))).toEqual(ext);
  });

  it('makes keys for Arabic-only names', () => {
    expect(toKey('اقتصاد')).toMatch(/^k_[0-9a-z]+$/);
    expect(toKey('اقتصاد')).toBe(toKey('اقتصاد'));
  });
});

describeEachProvider('codebook versions in the database', (p) => {
  it('stores versions; an identical codebook is not a new version; old versions stay readable', async () => {
    const db = await p.freshDb();
    expect(await findCodebook(db.prisma)).toBeNull();
    const cb = parseCodebook(SEED);
    const v1 = await saveCodebook(db.prisma, cb, SEED);
    expect(await saveCodebook(db.prisma, cb)).toBe(v1);
    const v2 = await saveCodebook(db.prisma, extendCodebook(cb, { topics: ['Economy'], targets: [], values: [] }));
    expect(v2).toBe(v1 + 1);
    const latest = await loadCodebook(db.prisma);
    expect(latest.version).toBe(v2);
    expect(latest.topics.map((t) => t.key)).toContain('economy');
    const old = await loadCodebook(db.prisma, v1);
    expect(old).toMatchObject({ ...cb, version: v1 });
  });
});
