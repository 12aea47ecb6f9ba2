// Writes profile.schema.json, the JSON Schema of a county's profile document that the package
// ships for editors and validators (a test keeps the file equal to `ruleProfileJsonSchemas()`).
//   pnpm --filter @jiceng/domain profile-schema
import { writeFile } from 'node:fs/promises';
import { ruleProfileJsonSchemas } from '../src/index.js';

await writeFile(
  new URL('../profile.schema.json', import.meta.url),
  `${JSON.stringify(ruleProfileJsonSchemas().document, null, 2)}\n`,
);
