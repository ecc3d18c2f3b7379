// Checks the label values of an export against the codebook of the importing database. A label
// keeps the codebook version it was made under when this database has that version and it holds
// the values; otherwise it is recorded under the latest version. Values in neither are an error
// naming row and value, or with --extend-codebook become part of a new codebook version.
import { extendCodebook } from '../../codebook/extend.js';
import type { CodebookAdditions } from '../../codebook/extend.js';
import { matchTarget, matchTopic, matchValue } from '../../codebook/match.js';
import { findCodebook, saveCodebook } from '../../codebook/store.js';
import type { Codebook, CodebookVersionInfo } from '../../codebook/types.js';
import { toKey } from '../../codebook/keys.js';
import type { Prisma } from '../../db/generated/client.js';
import { InputError } from '../../input-error.js';

export interface RawLabelValues {
  /** null when the label did not judge topics */
  topics: string[] | null;
  /** [target as written, value as written, column or field it came from] */
  stance: [string, string, string][];
}

export interface CheckedValues {
  topics: string[] | undefined;
  stance: Record<string, string>;
  /** The version to record the label under; EXTENDED when it needs the new codebook version. */
  version: number;
}

export const EXTENDED = -1;
const EMPTY: Codebook = { name: 'Imported', multiLabel: true, topics: [], targets: [], values: [] };

export class CodebookCheck {
  private readonly versions = new Map<number, CodebookVersionInfo | null>();
  private latest: CodebookVersionInfo | null | undefined;
  private readonly added: CodebookAdditions = { topics: [], targets: [], values: [] };
  private extended: Codebook | null = null;

  constructor(
    private readonly tx: Prisma.TransactionClient,
    private readonly file: string,
    private readonly extend: boolean,
  ) {}

  async check(raw: RawLabelValues, exportedVersion: number | null, row: number, topicsField: string): Promise<CheckedValues> {
    const latest = await this.latestCodebook();
    const own = exportedVersion === null ? null : await this.version(exportedVersion);
    for (const candidate of own === null ? [latest] : [own, latest]) {
      if (candidate === null) continue;
      const keys = this.keysIn(candidate, raw);
      if (keys !== null) return { ...keys, version: candidate.version };
    }
    if (latest === null && !this.extend) {
      throw new InputError(
        this.file,
        'the database has no codebook to check labels against: run `mizan codebook import FILE` first, or pass --extend-codebook',
      );
    }
    if (this.extend) return { ...this.extendWith(raw), version: EXTENDED };
    throw this.unknownValue(latest!, raw, row, topicsField);
  }

  /** Saves the extended codebook (if anything was added) and returns its version. */
  async save(): Promise<number | null> {
    if (this.extended === null) return null;
    return saveCodebook(this.tx, this.extended);
  }

  private keysIn(codebook: Codebook, raw: RawLabelValues): Omit<CheckedValues, 'version'> | null {
    const topics: string[] = [];
    for (const t of raw.topics ?? []) {
      const key = matchTopic(codebook, t);
      if (key === undefined) return null;
      topics.push(key);
    }
    const stance: Record<string, string> = {};
    for (const [target, value] of raw.stance) {
      const t = matchTarget(codebook, target);
      const v = matchValue(codebook, value);
      if (t === undefined || v === undefined) return null;
      stance[t] = v;
    }
    return { topics: raw.topics === null ? undefined : [...new Set(topics)].sort(), stance };
  }

  private extendWith(raw: RawLabelValues): Omit<CheckedValues, 'version'> {
    let codebook = this.extended ?? this.latest ?? EMPTY;
    const additions: CodebookAdditions = { topics: [], targets: [], values: [] };
    for (const t of raw.topics ?? []) if (matchTopic(codebook, t) === undefined && !additions.topics.includes(t)) additions.topics.push(t);
    for (const [target, value] of raw.stance) {
      if (matchTarget(codebook, target) === undefined && !additions.targets.includes(target)) additions.targets.push(target);
      if (matchValue(codebook, value) === undefined && !additions.values.includes(value)) additions.values.push(value);
    }
    codebook = extendCodebook(codebook, additions);
    this.added.topics.push(...additions.topics);
    this.added.targets.push(...additions.targets);
    this.added.values.push(...additions.values);
    this.extended = codebook;
    const keys = this.keysIn(codebook, raw);
    // extendCodebook keys every addition, so the values always resolve now.
    return keys ?? { topics: raw.topics?.map(toKey), stance: Object.fromEntries(raw.stance.map(([t, v]) => [toKey(t), toKey(v)])) };
  }

  private unknownValue(codebook: CodebookVersionInfo, raw: RawLabelValues, row: number, topicsField: string): InputError {
    const has = `(codebook version ${codebook.version} has:`;
    for (const t of raw.topics ?? []) {
      if (matchTopic(codebook, t) === undefined) {
        return new InputError(this.file, `unknown topic "${t}" ${has} ${list(codebook.topics)}); add it to the codebook or pass --extend-codebook`, {
          row,
          field: topicsField,
        });
      }
    }
    for (const [target, value, field] of raw.stance) {
      if (matchTarget(codebook, target) === undefined) {
        return new InputError(
          this.file,
          `unknown stance target "${target}" ${has} ${list(codebook.targets)}); add it to the codebook or pass --extend-codebook`,
          { row, field },
        );
      }
      if (matchValue(codebook, value) === undefined) {
        return new InputError(this.file, `unknown stance value "${value}" ${has} ${list(codebook.values)}); add it to the codebook or pass --extend-codebook`, {
          row,
          field,
        });
      }
    }
    return new InputError(this.file, 'labels do not fit the codebook', { row });
  }

  private async latestCodebook(): Promise<CodebookVersionInfo | null> {
    if (this.latest === undefined) this.latest = await findCodebook(this.tx);
    return this.latest;
  }

  private async version(v: number): Promise<CodebookVersionInfo | null> {
    if (!this.versions.has(v)) {
      const found = await findCodebook(this.tx, v);
      this.versions.set(v, found !== null && found.version === v ? found : null);
    }
    return this.versions.get(v) ?? null;
  }
}

const list = (items: readonly { key: string }[]) => items.map((i) => i.key).join(', ') || 'none';
