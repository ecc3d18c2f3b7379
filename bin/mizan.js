#!/usr/bin/env node
// `mizan` runs the bundle, dist/mizan.js, which `npm install` and `npm run build` make. When a source
// under src/ or tui/ is newer than the bundle (or there is none), it says so and stops rather than
// run old code: `npm run build` brings it up to date, and `npm run dev -- <command>` (or
// MIZAN_FROM_SOURCES=1) runs the TypeScript sources instead. docs/ARCHITECTURE.md, "Running Mizan".
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The newest .ts/.tsx file under `dir`, as [mtime, path]. */
function newestSource(dir, best = [0, '']) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) best = newestSource(path, best);
    else if (/\.tsx?$/.test(entry.name)) {
      const t = statSync(path).mtimeMs;
      if (t > best[0]) best = [t, path];
    }
  }
  return best;
}

/** Why the bundle cannot run as it is, or null when it is current. */
function staleBundle() {
  let built;
  try {
    built = statSync(join(root, 'dist', 'BUILD')).mtimeMs;
  } catch {
    return 'there is no build (dist/BUILD)';
  }
  const [t, path] = newestSource(join(root, 'tui'), newestSource(join(root, 'src')));
  return t > built ? `${relative(root, path)} changed after the last build` : null;
}

if (process.env['MIZAN_FROM_SOURCES'] === '1') {
  await import('./mizan-dev.js');
} else {
  const stale = staleBundle();
  if (stale !== null) {
    process.stderr.write(`mizan: ${stale}: run \`npm run build\`, or \`npm run dev -- <command>\` to run the sources\n`);
    process.exitCode = 70;
  } else {
    const { main } = await import('../dist/mizan.js');
    process.exitCode = await main(process.argv.slice(2));
  }
}
