// Compiles src/ and tui/ to dist/ (run by `npm install` after the Prisma clients are generated) and
// stamps the build, so bin/mizan.js can tell whether the compiled copy is current.
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
rmSync(join(root, 'dist'), { recursive: true, force: true });
const r = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root });
if (r.status !== 0) {
  // Not fatal: bin/mizan.js runs the TypeScript sources through tsx when dist/ is missing.
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  console.error('mizan: compiling to dist/ failed; the CLI will run from the TypeScript sources (slower start-up)');
  process.exit(0);
}
writeFileSync(join(root, 'dist', 'BUILD'), `${new Date().toISOString()}\n`);
