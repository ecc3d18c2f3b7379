// Prisma's schema engine as WebAssembly, so migrations apply and get written with no native binary
// and no network. The package's ESM entry imports a .wasm file, which Node 20 rejects, so we load
// the wasm-bindgen glue and instantiate the .wasm ourselves (once: the glue keeps global state).
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';

type EngineClass = typeof SchemaEngine;
type WasmExports = Record<string, unknown>;
type Glue = { SchemaEngine: EngineClass; __wbg_set_wasm(exports: WasmExports): void };
// The ES lib we compile against has no WebAssembly typings (they live in the DOM lib).
const { WebAssembly: wasm } = globalThis as unknown as {
  WebAssembly: { instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: WasmExports } }> };
};

let engineClass: Promise<EngineClass> | undefined;

async function loadEngineClass(): Promise<EngineClass> {
  const require = createRequire(import.meta.url);
  const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  const glue = (await import(gluePath)) as Glue;
  const bytes = await readFile(gluePath.replace(/\.js$/, '.wasm'));
  const { instance } = await wasm.instantiate(bytes, { './schema_engine_bg.js': glue });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports['__wbindgen_start'] as () => void)();
  return glue.SchemaEngine;
}

export async function openSchemaEngine(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  datamodel: { path: string; content: string },
): Promise<SchemaEngine> {
  engineClass ??= loadEngineClass();
  const Engine = await engineClass;
  return Engine.new({ datamodels: [[datamodel.path, datamodel.content]] }, () => {}, bindMigrationAwareSqlAdapterFactory(adapterFactory));
}
