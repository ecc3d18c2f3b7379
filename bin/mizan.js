#!/usr/bin/env node
// Mizan runs the compiled copy in dist/ (built by `npm install`: one esbuild bundle, or tsc's output
// when esbuild was not available) when it is current, and otherwise its TypeScript sources through
// tsx's loader: an edited source is never shadowed by a stale build.
import { existsSync, readdirSync, statSync } from 'node:fs';
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

function compiledIsCurrent() {
  try {
    const built = statSync(join(root, 'dist', 'BUILD')).mtimeMs;
    return newestSource(join(root, 'src')) <= built && newestSource(join(root, 'tui')) <= built;
  } catch {
    return false;
  }
}

let main;
if (compiledIsCurrent()) {
  ({ main } = await (existsSync(join(root, 'dist', 'mizan.js')) ? import('../dist/mizan.js') : import('../dist/src/cli/main.js')));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
