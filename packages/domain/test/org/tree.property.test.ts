import {
  type AdministrativeLevel,
  ancestors,
  buildOrgTree,
  childrenOf,
  depthOf,
  isWithin,
  isWithinId,
  lowestCommonAncestor,
  nodeIdOf,
  type OrgRow,
  type OrgTree,
  parentOf,
  pathOf,
  subtree,
  subtreeSize,
  unwrap,
} from '@jiceng/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

/** The child levels a random tree may use below each level, the compound skippable. */
const CHILD_LEVELS: Record<AdministrativeLevel, readonly AdministrativeLevel[]> = {
  county: ['street'],
  street: ['community'],
  community: ['compound', 'grid'],
  compound: ['grid'],
  grid: ['building'],
  building: [],
};

/**
 * A random valid administrative tree of 1 to 50 nodes: each new node picks a parent among the
 * nodes that can have children and takes one of its allowed child levels.
 */
const treeRows = fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 49 }).map((choices) => {
  const rows: OrgRow[] = [{ code: 'n0', parentCode: null, level: 'county', name: 'n0' }];
  choices.forEach(([pick, levelPick], i) => {
    const parents = rows.filter((r) => CHILD_LEVELS[r.level as AdministrativeLevel].length > 0);
    const parent = parents[pick % parents.length]!;
    const levels = CHILD_LEVELS[parent.level as AdministrativeLevel];
    const code = `n${i + 1}`;
    rows.push({ code, parentCode: parent.code, level: levels[levelPick % levels.length]!, name: code });
  });
  return rows;
});

/** Rows with a permutation of them, for order independence. */
const treeAndShuffle = treeRows.chain((rows) =>
  fc
    .shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length })
    .map((shuffled) => ({ rows, shuffled })),
);

const build = (rows: readonly OrgRow[]): OrgTree => unwrap(buildOrgTree(rows, { kind: 'administrative' }));
const codes = (rows: readonly OrgRow[]): string[] => rows.map((r) => r.code);
const sorted = (values: readonly string[]): string[] => [...values].sort();

/** The reference: a walk up the parent codes, independent of the index. */
function naiveWithin(rows: readonly OrgRow[], scope: string, node: string): boolean {
  const parentOfCode = new Map(rows.map((r) => [r.code, r.parentCode]));
  for (let c: string | null | undefined = node; c != null; c = parentOfCode.get(c))
    if (c === scope) return true;
  return false;
}

describe('tree index properties', () => {
  it('isWithin(a, b) ⇔ a ∈ ancestors(b) ∪ {b} ⇔ the walk up the parent codes meets a', () => {
    fc.assert(
      fc.property(treeRows, (rows) => {
        const tree = build(rows);
        for (const a of rows) {
          for (const b of rows) {
            const expected = a.code === b.code || codes(ancestors(tree, b.code)).includes(a.code);
            expect(isWithin(tree, a.code, b.code)).toBe(expected);
            expect(isWithinId(tree, nodeIdOf(tree, a.code), nodeIdOf(tree, b.code))).toBe(expected);
            expect(naiveWithin(rows, a.code, b.code)).toBe(expected);
          }
        }
      }),
    );
  });

  it('subtree(x) is exactly {y : isWithin(x, y)}, in pre-order, x first', () => {
    fc.assert(
      fc.property(treeRows, (rows) => {
        const tree = build(rows);
        for (const x of rows) {
          const listed = codes(subtree(tree, x.code));
          expect(sorted(listed)).toEqual(sorted(codes(rows.filter((y) => isWithin(tree, x.code, y.code)))));
          expect(listed[0]).toBe(x.code);
          expect(subtreeSize(tree, x.code)).toBe(listed.length);
          // Pre-order: every node after the first comes after its parent.
          listed.slice(1).forEach((code, k) => {
            expect(listed.slice(0, k + 1)).toContain(parentOf(tree, code)?.code);
          });
        }
      }),
    );
  });

  it('the materialised path agrees with isWithin, ancestors and depth', () => {
    fc.assert(
      fc.property(treeRows, (rows) => {
        const tree = build(rows);
        for (const b of rows) {
          const path = pathOf(tree, b.code);
          const chain = codes(ancestors(tree, b.code)).reverse();
          expect(path).toBe(`/${[...chain, b.code].join('/')}`);
          expect(depthOf(tree, b.code)).toBe(chain.length);
          for (const a of rows) {
            const prefix = pathOf(tree, a.code);
            expect(path === prefix || path.startsWith(`${prefix}/`)).toBe(isWithin(tree, a.code, b.code));
          }
        }
      }),
    );
  });

  it('children are the nodes naming x as parent, in row order', () => {
    fc.assert(
      fc.property(treeRows, (rows) => {
        const tree = build(rows);
        for (const x of rows) {
          expect(codes(childrenOf(tree, x.code))).toEqual(codes(rows.filter((r) => r.parentCode === x.code)));
        }
      }),
    );
  });

  it('the lowest common ancestor contains both nodes and lies within every common ancestor', () => {
    fc.assert(
      fc.property(treeRows, fc.nat(), fc.nat(), (rows, i, j) => {
        const tree = build(rows);
        const a = rows[i % rows.length]!.code;
        const b = rows[j % rows.length]!.code;
        const lca = lowestCommonAncestor(tree, a, b).code;
        expect(isWithin(tree, lca, a) && isWithin(tree, lca, b)).toBe(true);
        for (const c of rows) {
          if (isWithin(tree, c.code, a) && isWithin(tree, c.code, b))
            expect(isWithin(tree, c.code, lca)).toBe(true);
        }
        expect(lowestCommonAncestor(tree, b, a).code).toBe(lca);
      }),
    );
  });

  it('building is invariant to row order', () => {
    fc.assert(
      fc.property(treeAndShuffle, ({ rows, shuffled }) => {
        const tree = build(rows);
        const other = build(shuffled);
        for (const a of rows) {
          expect(pathOf(other, a.code)).toBe(pathOf(tree, a.code));
          expect(depthOf(other, a.code)).toBe(depthOf(tree, a.code));
          expect(codes(ancestors(other, a.code))).toEqual(codes(ancestors(tree, a.code)));
          expect(sorted(codes(subtree(other, a.code)))).toEqual(sorted(codes(subtree(tree, a.code))));
          expect(sorted(codes(childrenOf(other, a.code)))).toEqual(sorted(codes(childrenOf(tree, a.code))));
          for (const b of rows) expect(isWithin(other, a.code, b.code)).toBe(isWithin(tree, a.code, b.code));
        }
      }),
    );
  });
});

/** Nodes that reach themselves by following parent links: the reference for cycle detection. */
function cycleMembers(parents: readonly (number | null)[]): Set<number> {
  const members = new Set<number>();
  parents.forEach((_, start) => {
    let k: number | null | undefined = parents[start];
    for (let steps = 0; k != null && steps < parents.length; steps++) {
      if (k === start) {
        members.add(start);
        return;
      }
      k = parents[k];
    }
  });
  return members;
}

describe('cycle detection properties', () => {
  it('re-parenting a node under its own subtree is always reported as exactly that cycle', () => {
    const scenario = treeRows
      .filter((rows) => rows.length >= 2)
      .chain((rows) =>
        fc.integer({ min: 1, max: rows.length - 1 }).chain((u) => {
          const below = codes(subtree(build(rows), rows[u]!.code));
          return fc.constantFrom(...below).map((d) => ({ rows, u: rows[u]!.code, d }));
        }),
      );
    fc.assert(
      fc.property(scenario, ({ rows, u, d }) => {
        const tree = build(rows);
        // The cycle is d, its ancestors up to u, and back to d.
        const expected = [d, ...codes(ancestors(tree, d))].slice(0, depthOf(tree, d) - depthOf(tree, u) + 1);
        const broken = rows.map((r) => (r.code === u ? { ...r, parentCode: d } : r));
        const result = buildOrgTree(broken, { kind: 'administrative' });
        expect(result.ok).toBe(false);
        const cycles = result.ok ? [] : result.issues.filter((i) => i.code === 'ORG_CYCLE');
        expect(cycles).toHaveLength(1);
        expect(sorted(cycles[0]?.details?.['codes'] as string[])).toEqual(sorted(expected));
      }),
    );
  });

  it('in any parent graph, the reported cycles are exactly the nodes that reach themselves', () => {
    const graph = fc
      .integer({ min: 1, max: 40 })
      .chain((n) =>
        fc.array(fc.option(fc.integer({ min: 0, max: n - 1 }), { freq: 8 }), { minLength: n, maxLength: n }),
      );
    fc.assert(
      fc.property(graph, (parents) => {
        const rows: OrgRow[] = parents.map((p, i) => ({
          code: `n${i}`,
          parentCode: p === null ? null : `n${p}`,
          level: 'grid',
          name: `n${i}`,
        }));
        const result = buildOrgTree(rows, { kind: 'administrative' });
        const expected = cycleMembers(parents);
        const cycles = result.ok ? [] : result.issues.filter((i) => i.code === 'ORG_CYCLE');
        const reported = cycles.flatMap((i) => i.details?.['rows'] as number[]);
        expect(sorted(reported.map(String))).toEqual(sorted([...expected].map(String)));
        // Each reported cycle really is one: every member's parent is the next member.
        for (const issue of cycles) {
          const members = issue.details?.['rows'] as number[];
          members.forEach((m, k) => {
            expect(parents[m]).toBe(members[(k + 1) % members.length]);
          });
        }
        if (expected.size > 0) expect(result.ok).toBe(false);
      }),
    );
  });
});
