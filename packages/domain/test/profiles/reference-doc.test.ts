import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { renderProfileReference } from '../../scripts/profile-reference.js';

it('docs/profile-reference.md is generated from the current schema (regenerate with `pnpm --filter @jiceng/domain profile-reference`)', async () => {
  const committed = await readFile(new URL('../../../../docs/profile-reference.md', import.meta.url), 'utf8');
  expect(committed).toBe(renderProfileReference());
});
