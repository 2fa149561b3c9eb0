#!/bin/sh
# Prisma's native schema engine is downloaded from a host these machines cannot reach.
# `prisma generate` only checks that this path exists; migrations run through the WASM engine.
echo "The native Prisma schema engine is not used here: run 'npm run db:migrate' or 'npm run db:diff -- --name <name>'." >&2
exit 1
