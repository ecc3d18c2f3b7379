#!/usr/bin/env node
// Mizan runs the compiled copy in dist/ (built by `npm install`: one esbuild bundle, or tsc's output
// when esbuild was not available) when it is current, and otherwise its TypeScript sources through
// tsx's loader: an edited source is never shadowed by a stale build.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (/\.tsx?$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** Which compiled copy to run ('bundle' or 'tsc', as dist/BUILD says), or null when there is none or it is stale. */
function compiledCopy() {
  try {
    const stamp = join(root, 'dist', 'BUILD');
    const built = statSync(stamp).mtimeMs;
    if (newestSource(join(root, 'src')) > built || newestSource(join(root, 'tui')) > built) return null;
    return readFileSync(stamp, 'utf8').includes(' bundle') ? 'bundle' : 'tsc';
  } catch {
    return null;
  }
}

let main;
const compiled = compiledCopy();
if (compiled !== null) {
  ({ main } = await (compiled === 'bundle' ? import('../dist/mizan.js') : import('../dist/src/cli/main.js')));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
