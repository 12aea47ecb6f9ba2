// Writes src/profiles/reference/resolved.json: the reference profile already resolved and validated,
// so that code which only scores with the reference rules (a browser, say) never loads the schema
// validator. A test keeps the file equal to resolving `referenceProfileDocument` at run time.
//   pnpm --filter @jiceng/domain reference-resolved
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { resolveReferenceProfile } from '../src/profiles/catalog.js';

const target = new URL('../src/profiles/reference/resolved.json', import.meta.url);
await writeFile(target, `${JSON.stringify(resolveReferenceProfile(), null, 2)}\n`);
execFileSync('npx', ['biome', 'format', '--write', fileURLToPath(target)], { stdio: 'inherit' });
