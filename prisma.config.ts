import { defineConfig } from 'prisma/config';

// The CLI is only used for `prisma generate`; migrations run through src/cli (WASM schema engine).
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
