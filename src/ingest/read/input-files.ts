import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { InputError } from '../../input-error.js';

export type InputFormat = 'page' | 'html' | 'csv' | 'jsonl';

export interface InputFile {
  path: string;
  format: InputFormat;
  /** bytes, when the listing saw it */
  size: number;
}

const FORMAT_BY_EXTENSION: Record<string, InputFormat> = {
  '.txt': 'page',
  '.html': 'html',
  '.htm': 'html',
  '.csv': 'csv',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
};

export function formatOf(path: string): InputFormat | undefined {
  return FORMAT_BY_EXTENSION[extname(path).toLowerCase()];
}

/** Files named on the command line, and the importable files inside named directories (sorted). */
export async function expandPaths(paths: readonly string[]): Promise<InputFile[]> {
  const out: InputFile[] = [];
  for (const path of paths) {
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(path);
    } catch {
      throw new InputError(path, 'no such file or directory');
    }
    if (info.isDirectory()) {
      out.push(...(await walk(path)));
      continue;
    }
    const format = formatOf(path);
    if (format === undefined) {
      throw new InputError(path, `unknown file type "${extname(path) || '(none)'}": Mizan imports .txt and .html pages, .csv and .jsonl`);
    }
    out.push({ path, format, size: info.size });
  }
  return out;
}

async function walk(dir: string): Promise<InputFile[]> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  const out: InputFile[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(path)));
    else {
      const format = formatOf(path);
      if (format !== undefined) out.push({ path, format, size: (await stat(path)).size });
    }
  }
  return out;
}
