import { applyChanges, changedPaths } from '@jiceng/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

/**
 * Random values of one profile-like shape (as the schema guarantees for real profiles): nested
 * objects, plain lists, and keyed lists whose entries are themselves partial records.
 */
const code = fc.constantFrom('x', 'y', 'z', 'w');
const entry = fc.record(
  {
    code,
    n: fc.integer({ min: 0, max: 9 }),
    sub: fc.record({ p: fc.boolean(), q: fc.nat(5) }, { requiredKeys: [] }),
  },
  { requiredKeys: ['code'] },
);
const tree = fc.record(
  {
    a: fc.integer(),
    b: fc.record({ c: fc.boolean(), d: fc.array(fc.nat(9), { maxLength: 3 }) }, { requiredKeys: [] }),
    items: fc.uniqueArray(entry, { selector: (e) => e.code, minLength: 1, maxLength: 4 }),
  },
  { requiredKeys: [] },
);

const apply = (base: unknown, changes: unknown) => {
  const r = applyChanges(base, changes);
  expect(r.issues).toEqual([]);
  return r.value;
};

describe('profile merge algebra', () => {
  it('an empty change set is the identity', () => {
    fc.assert(
      fc.property(tree, (base) => {
        expect(apply(base, {})).toEqual(base);
        expect(apply(base, undefined)).toEqual(base);
      }),
    );
  });

  it('applying the same changes twice is the same as once (idempotent)', () => {
    fc.assert(
      fc.property(tree, tree, (base, changes) => {
        const once = apply(base, changes);
        expect(apply(once, changes)).toEqual(once);
      }),
    );
  });

  it('applying two change sets in turn equals applying their merge (associative)', () => {
    fc.assert(
      fc.property(tree, tree, tree, (base, p, q) => {
        expect(apply(apply(base, p), q)).toEqual(apply(base, apply(p, q)));
      }),
    );
  });

  it('never modifies its inputs', () => {
    fc.assert(
      fc.property(tree, tree, (base, changes) => {
        const before = JSON.stringify([base, changes]);
        apply(base, changes);
        expect(JSON.stringify([base, changes])).toBe(before);
      }),
    );
  });

  it('merges keyed lists by code, keeping inherited order and appending new codes', () => {
    const base = {
      items: [
        { code: 'a', points: 1, unit: 'hour' },
        { code: 'b', points: 2 },
      ],
    };
    const out = apply(base, {
      items: [
        { code: 'c', points: 9 },
        { code: 'a', points: 5 },
      ],
    });
    expect(out).toEqual({
      items: [
        { code: 'a', points: 5, unit: 'hour' },
        { code: 'b', points: 2 },
        { code: 'c', points: 9 },
      ],
    });
  });

  it('replaces plain lists whole', () => {
    expect(apply({ fiveHaves: ['place', 'funding'] }, { fiveHaves: ['place'] })).toEqual({
      fiveHaves: ['place'],
    });
  });

  it('removes a keyed entry, and refuses to remove an unknown one', () => {
    expect(
      apply({ items: [{ code: 'a' }, { code: 'b' }] }, { items: [{ code: 'a', remove: true }] }),
    ).toEqual({
      items: [{ code: 'b' }],
    });
    const r = applyChanges({ items: [{ code: 'a' }] }, { items: [{ code: 'q', remove: true }] }, ['changes']);
    expect(r.issues.map((i) => [i.code, i.path])).toEqual([
      ['PROFILE_REMOVE_UNKNOWN', ['changes', 'items', 0]],
    ]);
  });

  it('lists changed paths by code for provenance', () => {
    expect(
      changedPaths({
        grid: { households: { target: 250 } },
        points: { items: [{ code: 'honour', points: 12 }] },
      }),
    ).toEqual(['grid.households.target', 'points.items.honour.points']);
  });
});
