import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as domain from '@jiceng/domain';
import * as reference from '@jiceng/domain/reference';
import { describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('../../src/', import.meta.url));

/** Every source file a bundler reaches from `entry` through static relative imports and re-exports. */
function reachable(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const [, spec] of text.matchAll(/(?:import|export)\s[^'"]*?from\s+'(\.[^']+)'/g)) {
      visit(join(dirname(file), spec!.replace(/\.js$/, '.ts')));
    }
  };
  visit(join(src, entry));
  return new Set([...seen].map((f) => relative(src, f)));
}

describe('the reference county is asked for by its subpath, never carried by the main entry', () => {
  it('@jiceng/domain/reference exports the generators of the reference data', () => {
    expect(Object.keys(reference).sort()).toEqual([
      'consultationPilots',
      'generateReferenceCppccDataset',
      'generateReferenceGridDataset',
      'generateReferenceOrgLife',
      'referenceDatasetContext',
    ]);
  });

  it('@jiceng/domain exports none of them', () => {
    expect(Object.keys(domain).filter((name) => name in reference)).toEqual([]);
  });

  it('no file the main entry reaches is a file of the reference data, so a browser bundle leaves them out', () => {
    const main = reachable('index.ts');
    expect(main.has('grid/index.ts')).toBe(true);
    expect([...main].filter((file) => file.startsWith('reference/'))).toEqual([]);
    expect(reachable('reference/index.ts')).toContain('reference/consultation-facts.ts');
  });
});
