// Turns label values as written in a corpus into codebook keys. Unknown values are an error naming
// row and value, unless the user asked to extend the codebook: then they are collected and become
// part of a new codebook version at the end of the import.
import { extendCodebook } from '../../codebook/extend.js';
import type { CodebookAdditions } from '../../codebook/extend.js';
import { toKey } from '../../codebook/keys.js';
import { matchTarget, matchTopic, matchValue } from '../../codebook/match.js';
import type { Codebook } from '../../codebook/types.js';
import { InputError } from '../../input-error.js';
import type { ColumnMapping } from '../options.js';
import type { RawLabels } from '../parse/row-draft.js';

export interface CodebookKeys {
  topics: string[];
  stance: Record<string, string>;
}

export class CodebookValueResolver {
  private readonly added: CodebookAdditions = { topics: [], targets: [], values: [] };
  private current: Codebook;
  /** kind + raw value → key, for the current codebook */
  private readonly matched = new Map<string, string>();

  constructor(
    private readonly codebook: Codebook,
    private readonly extend: boolean,
    private file: string,
    private columns: ColumnMapping,
  ) {
    this.current = codebook;
  }

  /** Errors from here on name this file and its columns. */
  retarget(file: string, columns: ColumnMapping): void {
    this.file = file;
    this.columns = columns;
  }

  resolve(raw: RawLabels, row: number): CodebookKeys {
    const topics = raw.topics.map((t) => this.key('topic', t, row, this.columns.topic));
    const stance: Record<string, string> = {};
    if (raw.stance !== null) {
      const [target, value] = raw.stance;
      stance[this.key('target', target, row, this.columns.target)] = this.key('value', value, row, this.columns.stance);
    }
    return { topics: [...new Set(topics)].sort(), stance };
  }

  /** The codebook including every addition, or null when nothing was added. */
  extended(): Codebook | null {
    const n = this.added.topics.length + this.added.targets.length + this.added.values.length;
    return n === 0 ? null : this.current;
  }

  additions(): CodebookAdditions {
    return this.added;
  }

  private key(kind: 'topic' | 'target' | 'value', raw: string, row: number, column: string | undefined): string {
    // A corpus repeats a handful of values over its rows: match each once (per codebook state).
    const memo = `${kind}\u0000${raw}`;
    const known = this.matched.get(memo);
    if (known !== undefined) return known;
    const match = kind === 'topic' ? matchTopic : kind === 'target' ? matchTarget : matchValue;
    const found = match(this.current, raw);
    if (found !== undefined) {
      this.matched.set(memo, found);
      return found;
    }
    const list = kind === 'topic' ? this.codebook.topics : kind === 'target' ? this.codebook.targets : this.codebook.values;
    if (!this.extend) {
      const what = kind === 'topic' ? 'topic' : kind === 'target' ? 'stance target' : 'stance value';
      throw new InputError(
        this.file,
        `unknown ${what} "${raw}" (the codebook has: ${list.map((i) => i.key).join(', ') || 'none'}); add it to the codebook or pass --extend-codebook`,
        { row, ...(column === undefined ? {} : { field: column }) },
      );
    }
    const additions: CodebookAdditions = { topics: [], targets: [], values: [] };
    additions[kind === 'topic' ? 'topics' : kind === 'target' ? 'targets' : 'values'].push(raw.trim());
    this.added[kind === 'topic' ? 'topics' : kind === 'target' ? 'targets' : 'values'].push(raw.trim());
    this.current = extendCodebook(this.current, additions);
    this.matched.clear();
    return toKey(raw);
  }
}
