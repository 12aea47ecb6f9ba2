import { readFile } from 'node:fs/promises';
import { gatewaySchemaSdl } from '@jiceng/gateway';
import { expect, it } from 'vitest';

it('the committed docs/schema.graphql matches the code (run `pnpm --filter @jiceng/gateway sdl` after changing types)', async () => {
  const committed = await readFile(new URL('../../../docs/schema.graphql', import.meta.url), 'utf8');
  expect(committed).toBe(await gatewaySchemaSdl());
});
