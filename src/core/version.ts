import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// src/core and dist/core are both two levels below the project root.
export const { version: GATEWAY_VERSION } = JSON.parse(
  readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'),
) as { version: string };
