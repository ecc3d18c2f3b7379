// Compiles src/ and tui/ to dist/ (run by `npm install` after the Prisma clients are generated) and
// stamps the build, so bin/mizan.js can tell whether the compiled copy is current.
//
// One ESM bundle (dist/mizan.js, with a chunk per dynamic import under dist/chunks/) made by esbuild.
// Node's ESM loader costs roughly a millisecond per module (resolve, read, compile, link), and
// `mizan label` touches ~700 of them (Prisma, React, Ink and its dependencies, our own files):
// bundled, they are a handful of files. A build that fails, or a patch that no longer applies,
// exits non-zero with the reason: `npm install` and `npm test` then fail instead of shipping
// something else. How bin/mizan.js uses the bundle: docs/ARCHITECTURE.md ("Running Mizan").
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Built aside (under node_modules, so packages resolve from there as from dist/) and moved into place
// at the end (see install()).
const finalDist = join(root, 'dist');
const dist = join(root, 'node_modules', '.cache', `mizan-dist-${process.pid}`);
const require = createRequire(import.meta.url);

/** Packages that stay outside the bundle: native addons, files found at run time, optional peers. */
export const EXTERNAL = [
  'better-sqlite3', // native addon
  '@tensorflow/*', // native (tfjs-node, optional) and .wasm files found next to the package
  '@prisma/schema-engine-wasm', // its .wasm is read from the package directory
  '@prisma/client', // the runtime loads its query compiler by package path
  'pg-native', // optional in pg
  'react-devtools-core', // optional in Ink (DEV=true only)
];

// The generated Prisma client imports its query compiler as a 4.4 MB JavaScript module holding the
// WebAssembly in base64 (parsed, then decoded, on every start). The bundle reads the .wasm bytes
// from a file written next to it instead, compiling off the main thread; the base64 module stays
// the fallback.
const wasmFiles = new Map(); // output name → base64 module specifier
const prismaWasmFile = {
  name: 'prisma-wasm-file',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/]db[\\/]generated(-pg)?[\\/]internal[\\/]class\.ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const re =
        /getQueryCompilerWasmModule: async \(\) => \{\s*const \{ wasm \} = await import\("([^"]+\.wasm-base64\.mjs)"\)\s*return await decodeBase64AsWasm\(wasm\)\s*\}/;
      const m = re.exec(source);
      // The generated client changed shape (a Prisma upgrade): stop, rather than ship the 4.4 MB
      // base64 module silently.
      if (m === null)
        return {
          errors: [{ text: `prisma-wasm-file: the query compiler loader in ${args.path} no longer matches; update scripts/build.mjs for this Prisma version` }],
        };
      const name = `${m[1]
        .split('/')
        .pop()
        .replace(/\.wasm-base64\.mjs$/, '')}.wasm`;
      wasmFiles.set(name, m[1]);
      const replacement = `getQueryCompilerWasmModule: async () => {
    try {
      const { readFile } = await import('node:fs/promises')
      return await WebAssembly.compile(await readFile(new URL(${JSON.stringify(`./${name}`)}, import.meta.url)))
    } catch {
      const { wasm } = await import(${JSON.stringify(m[1])})
      return await decodeBase64AsWasm(wasm)
    }
  }`;
      return { contents: source.replace(m[0], replacement), loader: 'ts' };
    });
  },
};

/**
 * Modules started by path at run time (`new Worker(new URL('./worker-thread.js', import.meta.url))`):
 * each becomes an entry of its own. The URL is relative to whichever output file holds the caller,
 * dist/ or dist/chunks/, so dist/chunks/ gets a one-line copy that imports the entry.
 */
function workerEntries() {
  const entries = {};
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (/\.tsx?$/.test(e.name)) {
        for (const m of readFileSync(path, 'utf8').matchAll(/new URL\(\s*'\.\/([\w.-]+)\.js'/g)) {
          const source = join(dir, `${m[1]}.ts`);
          if (existsSync(source)) entries[m[1]] = source;
        }
      }
    }
  };
  walk(join(root, 'src'));
  walk(join(root, 'tui'));
  return entries;
}

async function bundle() {
  // esbuild comes with tsx (a dependency) and as a devDependency.
  const esbuild = await import('esbuild');
  const workers = workerEntries();
  if ('mizan' in workers) throw new Error('a worker module is named like the entry (mizan)');
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: { mizan: 'src/cli/main.ts', ...workers },
    outdir: dist,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    metafile: true,
    logLevel: 'error',
    external: EXTERNAL,
    // CommonJS packages inside an ESM bundle call require() for Node built-ins.
    banner: { js: "import { createRequire as __mizanCreateRequire } from 'node:module'; const require = __mizanCreateRequire(import.meta.url);" },
    // React, its reconciler and scheduler pick their development or production build by NODE_ENV at
    // run time; defined here, esbuild drops the development build (1 MB parsed at every start) from
    // the bundle. The bundle is the production build: `npm run dev` runs the sources.
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [prismaWasmFile],
  });
  // Each query compiler goes next to the output file that holds its client.
  for (const [file, output] of Object.entries(result.metafile.outputs)) {
    for (const input of Object.keys(output.inputs)) {
      if (!/src\/db\/generated(-pg)?\/internal\/class\.ts$/.test(input)) continue;
      const source = readFileSync(join(root, input), 'utf8');
      for (const [name, specifier] of wasmFiles) {
        if (!source.includes(specifier)) continue;
        const { wasm } = await import(require.resolve(specifier));
        writeFileSync(join(root, dirname(file), name), Buffer.from(wasm, 'base64'));
      }
    }
  }
  mkdirSync(join(dist, 'chunks'), { recursive: true });
  for (const name of Object.keys(workers)) {
    writeFileSync(join(dist, 'chunks', `${name}.js`), `import '../${name}.js';\n`);
  }
  // The bundle must start: `--version` loads the entry chunk and every chunk it imports statically.
  const smoke = spawnSync(
    process.execPath,
    ['--input-type=module', '-e', `const { main } = await import(${JSON.stringify(join(dist, 'mizan.js'))}); process.exitCode = await main(['--version']);`],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  if (smoke.status !== 0) throw new Error(`the bundle does not start: ${(smoke.stderr || smoke.stdout).trim().split('\n')[0]}`);
}

rmSync(dist, { recursive: true, force: true });
mkdirSync(dirname(dist), { recursive: true });
process.on('exit', () => rmSync(dist, { recursive: true, force: true }));
try {
  await bundle();
} catch (e) {
  // esbuild has printed its errors already (logLevel 'error'); say what failed and fail the command.
  console.error(`mizan: build failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  process.exit(1);
}
install();

/**
 * Moves the new build into dist/. The bundle's chunks are named by content hash, and a running
 * `mizan serve` or `mizan label` imports some of them lazily, so the chunks of earlier builds stay
 * (for a day) rather than vanish under a running process; they are added first, then the entry
 * files, then BUILD, which says which build bin/mizan.js is to run.
 */
function install() {
  rmSync(join(finalDist, 'BUILD'), { force: true });
  const files = [];
  const walk = (dir, rel) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name), join(rel, e.name));
      else files.push(join(rel, e.name));
    }
  };
  walk(dist, '');
  const isChunk = (f) => f.startsWith(`chunks${sep}`) || f.startsWith(`src${sep}`) || f.startsWith(`tui${sep}`);
  for (const f of [...files.filter(isChunk), ...files.filter((f) => !isChunk(f))]) {
    mkdirSync(dirname(join(finalDist, f)), { recursive: true });
    renameSync(join(dist, f), join(finalDist, f));
  }
  const fresh = new Set(files);
  const dayAgo = Date.now() - 24 * 3600 * 1000;
  const chunks = join(finalDist, 'chunks');
  if (existsSync(chunks)) {
    for (const name of readdirSync(chunks)) {
      const f = join('chunks', name);
      if (!fresh.has(f) && statSync(join(finalDist, f)).mtimeMs < dayAgo) rmSync(join(finalDist, f), { force: true });
    }
  }
  // An older build's tsc output (dist/src, dist/tui) is not used any more.
  for (const d of ['src', 'tui']) rmSync(join(finalDist, d), { recursive: true, force: true });
  writeFileSync(join(finalDist, 'BUILD'), `${new Date().toISOString()} bundle\n`);
}
