// The YAML codebook format (documented in README). Every problem is reported with its line.
import { LineCounter, isMap, isSeq, isScalar, parseDocument } from 'yaml';
import type { Node, YAMLMap } from 'yaml';
import { CodebookError } from './errors.js';
import { KEY_PATTERN, RESERVED_KEYS } from './keys.js';
import type { Codebook, StanceTargetDef, StanceValueDef, TopicDef } from './types.js';

class Reader {
  constructor(
    private readonly file: string,
    private readonly lines: LineCounter,
  ) {}

  fail(node: Node | null | undefined, problem: string): never {
    const offset = node?.range?.[0];
    throw new CodebookError(this.file, offset === undefined ? null : this.lines.linePos(offset).line, problem);
  }

  map(node: unknown, what: string): YAMLMap {
    if (!isMap(node)) this.fail(node as Node, `${what} must be a mapping`);
    return node;
  }

  string(map: YAMLMap, key: string, what: string, required: true): string;
  string(map: YAMLMap, key: string, what: string, required: false): string | undefined;
  string(map: YAMLMap, key: string, what: string, required: boolean): string | undefined {
    const node = map.get(key, true);
    if (node === undefined || (isScalar(node) && node.value === null)) {
      if (required) this.fail(map, `${what}: "${key}" is missing`);
      return undefined;
    }
    if (!isScalar(node) || !['string', 'number'].includes(typeof node.value)) {
      this.fail(node, `${what}: "${key}" must be text`);
    }
    const text = String(node.value).trim();
    if (required && text === '') this.fail(node, `${what}: "${key}" is empty`);
    return text;
  }

  list(map: YAMLMap, key: string, what: string): Node[] {
    const node = map.get(key, true);
    if (node === undefined) return [];
    if (!isSeq(node)) this.fail(node, `${what}: "${key}" must be a list`);
    return node.items as Node[];
  }

  strings(map: YAMLMap, key: string, what: string): string[] {
    return this.list(map, key, what).map((item) => {
      if (!isScalar(item) || typeof item.value !== 'string') this.fail(item, `${what}: "${key}" must be a list of text`);
      return item.value;
    });
  }

  bool(map: YAMLMap, key: string, fallback: boolean): boolean {
    const node = map.get(key, true);
    if (node === undefined) return fallback;
    if (!isScalar(node) || typeof node.value !== 'boolean') this.fail(node, `"${key}" must be true or false`);
    return node.value;
  }

  key(map: YAMLMap, what: string): string {
    const key = this.string(map, 'key', what, true);
    if (!KEY_PATTERN.test(key)) {
      this.fail(map.get('key', true), `${what}: key "${key}" must be lower-case letters, digits, _ or -`);
    }
    return key;
  }

  hotkey(map: YAMLMap, what: string, taken: Map<string, string>, owner: string): string {
    // An entry without a hotkey is still reachable from the TUI's list; it just has no direct key.
    const hotkey = this.string(map, 'hotkey', what, false) ?? '';
    if (hotkey === '') return '';
    const node = map.get('hotkey', true) as Node;
    if ([...hotkey].length !== 1) this.fail(node, `${what}: hotkey "${hotkey}" must be a single character`);
    if (RESERVED_KEYS.has(hotkey)) this.fail(node, `${what}: hotkey "${hotkey}" is reserved by the labeling screen`);
    const other = taken.get(hotkey);
    if (other !== undefined) this.fail(node, `${what}: hotkey "${hotkey}" is already used by ${other}`);
    taken.set(hotkey, owner);
    return hotkey;
  }
}

function unique<T extends { key: string }>(r: Reader, items: { def: T; node: Node }[], what: string): T[] {
  const seen = new Set<string>();
  for (const { def, node } of items) {
    if (seen.has(def.key)) r.fail(node, `${what} key "${def.key}" appears twice`);
    seen.add(def.key);
  }
  return items.map((i) => i.def);
}

export function parseCodebook(text: string, file = 'codebook.yaml'): Codebook {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const first = doc.errors[0];
  if (first !== undefined) {
    const line = lines.linePos(first.pos[0]).line;
    throw new CodebookError(file, line, `not valid YAML: ${first.message.split('\n')[0]}`);
  }
  const r = new Reader(file, lines);
  if (doc.contents === null) throw new CodebookError(file, null, 'the file is empty');
  const root = r.map(doc.contents, 'the codebook');

  // One map for topics and stance values: on the labeling screen a key must mean one thing.
  const hotkeys = new Map<string, string>();
  const topics = unique(
    r,
    r.list(root, 'topics', 'the codebook').map((node, i) => {
      const m = r.map(node, `topic #${i + 1}`);
      const key = r.key(m, `topic #${i + 1}`);
      const def: TopicDef = {
        key,
        name: r.string(m, 'name', `topic ${key}`, true),
        hotkey: r.hotkey(m, `topic ${key}`, hotkeys, `topic ${key}`),
      };
      const description = r.string(m, 'description', `topic ${key}`, false);
      const guidelines = r.string(m, 'guidelines', `topic ${key}`, false);
      if (description !== undefined) def.description = description;
      if (guidelines !== undefined) def.guidelines = guidelines;
      return { def, node };
    }),
    'topic',
  );

  const stanceNode = root.get('stance', true);
  const stance = stanceNode === undefined ? undefined : r.map(stanceNode, '"stance"');
  const values =
    stance === undefined
      ? []
      : unique(
          r,
          r.list(stance, 'values', '"stance"').map((node, i) => {
            const m = r.map(node, `stance value #${i + 1}`);
            const key = r.key(m, `stance value #${i + 1}`);
            const def: StanceValueDef = {
              key,
              name: r.string(m, 'name', `stance value ${key}`, true),
              hotkey: r.hotkey(m, `stance value ${key}`, hotkeys, `stance value ${key}`),
              aliases: r.strings(m, 'aliases', `stance value ${key}`),
            };
            const description = r.string(m, 'description', `stance value ${key}`, false);
            if (description !== undefined) def.description = description;
            return { def, node };
          }),
          'stance value',
        );
  const targets =
    stance === undefined
      ? []
      : unique(
          r,
          r.list(stance, 'targets', '"stance"').map((node, i) => {
            const m = r.map(node, `stance target #${i + 1}`);
            const key = r.key(m, `stance target #${i + 1}`);
            const def: StanceTargetDef = {
              key,
              name: r.string(m, 'name', `stance target ${key}`, true),
              aliases: r.strings(m, 'aliases', `stance target ${key}`),
            };
            const description = r.string(m, 'description', `stance target ${key}`, false);
            const guidelines = r.string(m, 'guidelines', `stance target ${key}`, false);
            if (description !== undefined) def.description = description;
            if (guidelines !== undefined) def.guidelines = guidelines;
            return { def, node };
          }),
          'stance target',
        );
  if (targets.length > 0 && values.length === 0) r.fail(stance, '"stance" has targets but no values');
  if (topics.length === 0 && targets.length === 0) r.fail(root, 'the codebook needs at least one topic or stance target');

  const codebook: Codebook = {
    name: r.string(root, 'name', 'the codebook', true),
    multiLabel: r.bool(root, 'multi_label', true),
    topics,
    targets,
    values,
  };
  const description = r.string(root, 'description', 'the codebook', false);
  if (description !== undefined) codebook.description = description;
  return codebook;
}
