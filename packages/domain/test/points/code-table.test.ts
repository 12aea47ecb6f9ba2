import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/index.js';
import { CodeTable } from '../../src/points/code-table.js';

describe('CodeTable', () => {
  it('answers as a Map of the codes would, fresh strings and colliding codes included', () => {
    const random = seededRandom(17);
    // Codes that share length, first, last and middle characters collide on purpose.
    const codes = ['', 'a', ...Array.from({ length: 300 }, (_, i) => `x${String(i).padStart(5, '0')}y`)];
    for (let i = 0; i < 50; i++) codes.push(`item_${Math.floor(random() * 1e6)}`);
    const unique = [...new Set(codes)];
    const table = new CodeTable(unique);
    const map = new Map(unique.map((c, i) => [c, i]));
    for (const code of [...unique, 'x00000z', 'b', 'item_', 'x000000y']) {
      const fresh = `${code} `.slice(0, -1);
      expect(table.idOf(fresh)).toBe(map.get(code) ?? -1);
    }
  });
});
