import { referenceProfile, resolveReferenceProfile } from '@jiceng/domain';
import { describe, expect, it } from 'vitest';

describe('the reference profile shipped resolved (src/profiles/reference/resolved.json)', () => {
  it('is exactly what resolving and validating the reference files gives today', () => {
    // Fails when a reference file changed without `pnpm --filter @jiceng/domain reference-resolved`.
    const resolved = resolveReferenceProfile();
    expect(referenceProfile).toStrictEqual(JSON.parse(JSON.stringify(resolved)));
    expect(JSON.stringify(referenceProfile)).toBe(JSON.stringify(resolved));
  });

  it('is frozen all the way down, like every resolved profile', () => {
    expect(Object.isFrozen(referenceProfile)).toBe(true);
    expect(Object.isFrozen(referenceProfile.points.items)).toBe(true);
    expect(Object.isFrozen(referenceProfile.points.items[0]?.caps)).toBe(true);
  });
});
