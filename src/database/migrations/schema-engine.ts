import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type {
  ApplyMigrationsOutput,
  DiffResult,
  MigrationList,
  SchemaEngine,
  SchemaFilter,
} from '@prisma/schema-engine-wasm';
import { SchemaEnginePg } from './schema-engine-pg';

import type * as SchemaEngineBindings from '@prisma/schema-engine-wasm/schema_engine_bg';

type SchemaEngineModule = typeof SchemaEngineBindings;

/** Tables and enums owned by someone else: none, so every diff covers the whole schema. */
export const NO_EXTERNAL_OBJECTS: SchemaFilter = { externalTables: [], externalEnums: [] };

// Node has WebAssembly as a global, but @types/node does not declare it (it lives in lib.dom).
interface WasmRuntime {
  instantiate(
    bytes: Uint8Array,
    imports: Record<string, unknown>,
  ): Promise<{ instance: { exports: Record<string, unknown> } }>;
}
const { WebAssembly } = globalThis as unknown as { WebAssembly: WasmRuntime };

/** The engine reports a Rust panic here before it throws; the message is all that explains it. */
const panics = { message: '' };
(globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown }).PRISMA_WASM_PANIC_REGISTRY = {
  set_message: (message: string) => {
    panics.message = message;
  },
};

let loaded: Promise<SchemaEngineModule> | undefined;

/**
 * Prisma's own schema engine, compiled to WASM. The native engine is downloaded from a host these
 * machines cannot reach (docs/offline-toolchain.md §4), and the package's entry imports a .wasm file,
 * which Node cannot import, so the bindings are wired up by hand, once per process.
 */
function loadSchemaEngineModule(): Promise<SchemaEngineModule> {
  loaded ??= (async () => {
    const bindings =
      (await import('@prisma/schema-engine-wasm/schema_engine_bg')) as SchemaEngineModule & {
        __wbg_set_wasm(exports: Record<string, unknown>): void;
      };
    const folder = dirname(require.resolve('@prisma/schema-engine-wasm'));
    const bytes = await readFile(join(folder, 'schema_engine_bg.wasm'));
    const { instance } = await WebAssembly.instantiate(bytes, {
      './schema_engine_bg.js': bindings,
    });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bindings;
  })();
  return loaded;
}

/** Opens the WASM schema engine on a database, runs `work`, and always frees the engine. */
export async function withSchemaEngine<T>(
  connectionString: string,
  schema: { path: string; content: string },
  work: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const { SchemaEngine } = await loadSchemaEngineModule();
  const pg = new SchemaEnginePg(connectionString);
  const adapter = bindMigrationAwareSqlAdapterFactory(pg);
  const engine = await SchemaEngine.new(
    { datamodels: [[schema.path, schema.content]] },
    () => undefined,
    adapter,
  );
  try {
    return await work(engine);
  } catch (error) {
    if (!panics.message) throw error;
    const panic = panics.message;
    panics.message = '';
    throw new Error(`The Prisma schema engine failed: ${panic}`, { cause: error });
  } finally {
    engine.free();
    await pg.close();
  }
}

export type { ApplyMigrationsOutput, DiffResult, MigrationList, SchemaEngine };
