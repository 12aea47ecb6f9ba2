// Organisation trees: build + index time for a county-sized tree, and isWithin throughput
// against the walk up the parent codes that a permission check would do without the index.
// Codes are parsed anew for every measured run, as a request's are: a string the tree was built
// from has its hash computed already, and made the lookups look cheaper than any request gets them.
//   trees.is_within             `isWithin(tree, scope, node)`, each check with both codes new
//   trees.is_within_vs_walk     the walk up a Map of parent codes on the same codes, ÷ isWithin
//   trees.is_within_id          requests of 20 checks: the scope resolved once (`nodeIdOf`), each
//                               row's code resolved and checked by id (`isWithinId`)
//   trees.is_within_id_vs_codes `isWithin` on the same requests' codes, ÷ the id-based way
import {
  buildOrgTree,
  isWithin,
  isWithinId,
  nodeIdOf,
  type OrgRow,
  type OrgTree,
  seededRandom,
} from '@jiceng/domain';
import { report, timed } from '../../../scripts/bench-harness.js';

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/**
 * One county → streets → communities → compounds → grids → buildings, `total` nodes in all.
 * About one community in seven has no compounds and its grids sit directly under it. Rows are
 * shuffled, as a database without ORDER BY would return them.
 */
export function countyRows(total: number, seed = 2260): OrgRow[] {
  const random = seededRandom(seed);
  const between = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));
  const county = '330102';
  const rows: OrgRow[] = [
    { code: county, parentCode: null, level: 'county', name: '县', divisionCode: county },
  ];
  const grids: string[] = [];
  const streets = Math.max(1, Math.round(total / 25_000));
  for (let s = 1; s <= streets; s++) {
    const street = `${county}${pad(s, 3)}`;
    rows.push({
      code: street,
      parentCode: county,
      level: 'street',
      subtype: 'street',
      name: `街道${s}`,
      divisionCode: street,
    });
    for (let c = 1, communities = between(10, 20); c <= communities; c++) {
      const community = `${street}${pad(c, 3)}`;
      rows.push({
        code: community,
        parentCode: street,
        level: 'community',
        name: `社区${c}`,
        divisionCode: community,
      });
      if (random() < 0.15) {
        for (let g = 1, n = between(4, 8); g <= n; g++) {
          const grid = `${community}-G${pad(g, 2)}`;
          rows.push({ code: grid, parentCode: community, level: 'grid', name: `网格${g}` });
          grids.push(grid);
        }
        continue;
      }
      for (let k = 1, compounds = between(6, 14); k <= compounds; k++) {
        const compound = `${community}-X${pad(k, 2)}`;
        rows.push({ code: compound, parentCode: community, level: 'compound', name: `小区${k}` });
        for (let g = 1, n = between(3, 7); g <= n; g++) {
          const grid = `${compound}-G${pad(g, 2)}`;
          rows.push({ code: grid, parentCode: compound, level: 'grid', name: `网格${g}` });
          grids.push(grid);
        }
      }
    }
  }
  // Upper levels were generated parents-first, so any prefix of them is still a tree.
  if (rows.length >= total) rows.length = total;
  const buildings = total - rows.length;
  for (let g = 0; g < grids.length && buildings > 0; g++) {
    const grid = grids[g]!;
    const from = Math.floor((buildings * g) / grids.length);
    const to = Math.floor((buildings * (g + 1)) / grids.length);
    for (let b = 1; b <= to - from; b++) {
      rows.push({ code: `${grid}-B${pad(b, 3)}`, parentCode: grid, level: 'building', name: `${b}号楼` });
    }
  }
  for (let i = rows.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const swap = rows[i]!;
    rows[i] = rows[j]!;
    rows[j] = swap;
  }
  // A database driver or a JSON body allocates each row and its strings in arrival order; doing
  // the same keeps the memory layout of the measured input realistic.
  const fresh: OrgRow[] = [];
  for (let i = 0; i < rows.length; i += 50_000) {
    fresh.push(...(JSON.parse(JSON.stringify(rows.slice(i, i + 50_000))) as OrgRow[]));
  }
  return fresh;
}

/** Half the pairs ask about an ancestor (as a scoped worker would), half about any node. */
function queryPairs(tree: OrgTree, count: number, seed = 2261): { scopes: string[]; nodes: string[] } {
  const random = seededRandom(seed);
  const n = tree.nodes.length;
  const scopes: string[] = [];
  const nodes: string[] = [];
  for (let i = 0; i < count; i++) {
    const node = Math.floor(random() * n);
    let scope = node;
    if (random() < 0.5) {
      for (let up = Math.floor(random() * 6); up > 0 && tree.parents[scope]! >= 0; up--)
        scope = tree.parents[scope]!;
    } else {
      scope = Math.floor(random() * n);
    }
    scopes.push(tree.nodes[scope]!.code);
    nodes.push(tree.nodes[node]!.code);
  }
  return { scopes, nodes };
}

/**
 * The same codes as a request body brings them: parsed anew, so no hash of theirs is computed yet
 * and none is the string the tree was built from. Every measured run gets its own copies.
 */
function parsed(codes: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < codes.length; i += 50_000)
    out.push(...(JSON.parse(JSON.stringify(codes.slice(i, i + 50_000))) as string[]));
  return out;
}

/** Checks per request in the id-based figure: a page of a list, each row checked against the caller's scope. */
const PER_REQUEST = 20;

export async function run(scale: number): Promise<void> {
  const size = Math.round(1_000_000 * scale);
  const rows = countyRows(size);

  const built = timed(() => buildOrgTree(rows, { kind: 'administrative' }));
  if (!built.result.ok) throw new Error(`bench tree is invalid: ${built.result.issues[0]?.message.en}`);
  const tree = built.result.value;
  report('trees.build', built.seconds, 's');

  const pairs = queryPairs(tree, size);
  // Every check from its own request: both codes parsed anew.
  const byCode = (scopes: readonly string[], nodes: readonly string[]): number => {
    let inside = 0;
    for (let i = 0; i < nodes.length; i++) if (isWithin(tree, scopes[i]!, nodes[i]!)) inside++;
    return inside;
  };
  // The baseline: no index, climb the parent codes until the scope or the root.
  const parentCodeOf = new Map<string, string | null>();
  for (const row of rows) parentCodeOf.set(row.code, row.parentCode);
  const walked = (scopes: readonly string[], nodes: readonly string[]): number => {
    let inside = 0;
    for (let i = 0; i < nodes.length; i++) {
      const scope = scopes[i]!;
      for (let code: string | null | undefined = nodes[i]!; code != null; code = parentCodeOf.get(code)) {
        if (code === scope) {
          inside++;
          break;
        }
      }
    }
    return inside;
  };
  // Requests of PER_REQUEST checks against one principal's scope: the scope parsed once and
  // resolved once, each row's code resolved and checked by id; against `isWithin` on the same codes.
  const scopeOfRequest = pairs.scopes.filter((_, i) => i % PER_REQUEST === 0);
  const byId = (scopes: readonly string[], nodes: readonly string[]): number => {
    let inside = 0;
    for (let r = 0, i = 0; r < scopes.length; r++) {
      const scope = nodeIdOf(tree, scopes[r]!);
      for (const to = Math.min(i + PER_REQUEST, nodes.length); i < to; i++)
        if (isWithinId(tree, scope, nodeIdOf(tree, nodes[i]!))) inside++;
    }
    return inside;
  };
  const byCodePerRequest = (scopes: readonly string[], nodes: readonly string[]): number => {
    let inside = 0;
    for (let r = 0, i = 0; r < scopes.length; r++) {
      const scope = scopes[r]!;
      for (const to = Math.min(i + PER_REQUEST, nodes.length); i < to; i++)
        if (isWithin(tree, scope, nodes[i]!)) inside++;
    }
    return inside;
  };

  // Warm every path up so that none pays for the JIT inside its measurement.
  const warmUp = Math.min(size, 100_000);
  const warmScopes = parsed(pairs.scopes.slice(0, warmUp));
  const warmNodes = parsed(pairs.nodes.slice(0, warmUp));
  byCode(warmScopes, warmNodes);
  walked(warmScopes, warmNodes);
  byId(warmScopes, warmNodes);
  byCodePerRequest(warmScopes, warmNodes);

  // The fastest of three alternating runs each, every run on codes parsed for it.
  const best = { byCode: Infinity, walked: Infinity, byId: Infinity, perRequest: Infinity };
  for (let run = 0; run < 3; run++) {
    const s1 = parsed(pairs.scopes);
    const n1 = parsed(pairs.nodes);
    const t1 = timed(() => byCode(s1, n1));
    const s2 = parsed(pairs.scopes);
    const n2 = parsed(pairs.nodes);
    const t2 = timed(() => walked(s2, n2));
    const s3 = parsed(scopeOfRequest);
    const n3 = parsed(pairs.nodes);
    const t3 = timed(() => byId(s3, n3));
    const s4 = parsed(scopeOfRequest);
    const n4 = parsed(pairs.nodes);
    const t4 = timed(() => byCodePerRequest(s4, n4));
    if (t1.result !== t2.result || t3.result !== t4.result) {
      throw new Error(
        `isWithin disagrees: ${t1.result} vs ${t2.result} (walk), ${t3.result} vs ${t4.result} (ids)`,
      );
    }
    best.byCode = Math.min(best.byCode, t1.seconds);
    best.walked = Math.min(best.walked, t2.seconds);
    best.byId = Math.min(best.byId, t3.seconds);
    best.perRequest = Math.min(best.perRequest, t4.seconds);
  }
  report('trees.is_within', size / best.byCode, 'checks/s');
  report('trees.is_within_vs_walk', best.walked / best.byCode, 'x');
  report('trees.is_within_id', size / best.byId, 'checks/s');
  report('trees.is_within_id_vs_codes', best.perRequest / best.byId, 'x');
}
