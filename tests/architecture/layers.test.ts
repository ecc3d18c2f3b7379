// The layers of docs/ARCHITECTURE.md, checked on every import of src/ and tui/: a folder imports
// only the folders listed for it (itself always), so the engine never reaches up into the CLI or
// the terminal UI, and export/ only formats what labels/ reads. Changing a rule means changing the
// picture in docs/ARCHITECTURE.md too.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { expect, it } from 'vitest';

const ROOT = resolve(new URL('../../', import.meta.url).pathname);

const BASE = ['errors', 'package-root', 'input-error', 'start-thread'];
/** Folder (under src/, or `tui`) → the folders it may import. */
export const MAY_IMPORT: Record<string, readonly string[]> = {
  errors: [],
  'package-root': [],
  'start-thread': [],
  'input-error': ['errors'],
  'text-file': BASE,
  table: [...BASE, 'text-file'],
  text: BASE,
  display: BASE,
  db: BASE,
  codebook: [...BASE, 'db'],
  labels: [...BASE, 'db', 'codebook'],
  stats: [...BASE, 'db', 'codebook', 'labels'],
  export: [...BASE, 'db', 'codebook', 'labels', 'table'],
  // ingest/ reads a Mizan export back (import --labels), so it knows export/'s column names.
  ingest: [...BASE, 'db', 'codebook', 'labels', 'text', 'table', 'text-file', 'export'],
  model: [...BASE, 'db', 'codebook', 'labels', 'text', 'table', 'text-file'],
  active: [...BASE, 'db', 'codebook', 'labels', 'text', 'model'],
  report: [...BASE, 'db', 'codebook', 'labels', 'text', 'display', 'table', 'model'],
  server: [...BASE, 'db', 'codebook', 'labels', 'text', 'ingest', 'model', 'active', 'report'],
  tui: [...BASE, 'db', 'codebook', 'labels', 'text', 'display', 'model', 'active'],
  cli: ['*'],
};

function folderOf(file: string): string | null {
  const rel = relative(ROOT, file).split('/');
  if (rel[0] === 'tui') return 'tui';
  if (rel[0] !== 'src' || rel.length < 2) return null;
  return rel.length === 2 ? rel[1]!.replace(/\.[jt]sx?$/, '') : rel[1]!;
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return /^generated/.test(e.name) ? [] : sources(path);
    return /\.tsx?$/.test(e.name) ? [path] : [];
  });
}

const IMPORT = /(?:^|[^\w.])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

it('every import of src/ and tui/ follows the layers of docs/ARCHITECTURE.md', () => {
  const broken: string[] = [];
  const files = [...sources(join(ROOT, 'src')), ...sources(join(ROOT, 'tui'))];
  expect(files.length).toBeGreaterThan(100);
  for (const file of files) {
    const from = folderOf(file);
    if (from === null) continue;
    const allowed = MAY_IMPORT[from];
    if (allowed === undefined) {
      broken.push(`${relative(ROOT, file)}: folder ${from} has no rule in tests/architecture/layers.test.ts`);
      continue;
    }
    for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const spec = m[1] ?? m[2]!;
      if (!spec.startsWith('.')) continue;
      const to = folderOf(resolve(dirname(file), spec));
      if (to === null || to === from || allowed.includes('*') || allowed.includes(to)) continue;
      broken.push(`${relative(ROOT, file)} imports ${spec} (${from} → ${to})`);
    }
  }
  expect(broken).toEqual([]);
});
