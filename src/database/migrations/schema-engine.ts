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

/**
 * The engine sets timers (its async runtime's sleeps) that outlive `free()` and keep the event
 * loop, and so a CLI run or a test worker, alive for no reason. They are tracked here and cleared
 * once no engine is open any more.
 */
const engineTimers = new Set<NodeJS.Timeout>();
let openEngines = 0;

function trackedSetTimeout(callback: () => void, ms: number): NodeJS.Timeout {
  const timer = setTimeout(() => {
    engineTimers.delete(timer);
    callback();
  }, ms >>> 0);
  engineTimers.add(timer);
  return timer;
}

function clearEngineTimers(): void {
  for (const timer of engineTimers) clearTimeout(timer);
  engineTimers.clear();
}

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
    const imports: Record<string, unknown> = { ...bindings };
    for (const name of Object.keys(imports)) {
      if (name.startsWith('__wbg_setTimeout_')) imports[name] = trackedSetTimeout;
    }
    const { instance } = await WebAssembly.instantiate(bytes, {
      './schema_engine_bg.js': imports,
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
  openEngines += 1;
  const pg = new SchemaEnginePg(connectionString);
  try {
    const engine = await SchemaEngine.new(
      { datamodels: [[schema.path, schema.content]] },
      () => undefined,
      bindMigrationAwareSqlAdapterFactory(pg),
    );
    try {
      return await work(engine);
    } finally {
      engine.free();
    }
  } catch (error) {
    if (!panics.message) throw error;
    const panic = panics.message;
    panics.message = '';
    throw new Error(`The Prisma schema engine failed: ${panic}`, { cause: error });
  } finally {
    await pg.close();
    openEngines -= 1;
    if (openEngines === 0) clearEngineTimers();
  }
}

export type { ApplyMigrationsOutput, DiffResult, MigrationList, SchemaEngine };
