// Node adapter: finds the built core (dist/core.wasm next to the bundle, or build/core.wasm
// when running from the source tree).
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export function loadCoreWasm(): Uint8Array {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const p of [join(here, 'core.wasm'), join(here, '../../build/core.wasm'), join(here, '../build/core.wasm')]) {
    if (existsSync(p)) return readFileSync(p);
  }
  throw new Error('build/core.wasm is missing; run `npm run build` first');
}
