/**
 * What a county frontend can do offline with @jiceng/domain alone: keep a member's points
 * ledger through the year's cadence, score and explain it, and route a resident's report to
 * the grid it falls in. The same code runs in Node (src/node.ts) and in a browser (src/browser.ts).
 */
import {
  appendToLedger,
  createGridIndex,
  createMemberDirectory,
  emptyLedger,
  explainPoints,
  type LedgerInput,
  type PointLedger,
  type ProfileHistory,
  pointRecords,
  referenceProfile,
  routePoint,
  unwrap,
  yearPeriod,
} from '@jiceng/domain';

const rules: ProfileHistory = {
  id: referenceProfile.id,
  name: referenceProfile.name,
  versions: [referenceProfile],
};

const members = unwrap(
  createMemberDirectory([
    {
      code: 'm001',
      name: '张三',
      branch: 'b1',
      community: 'c1',
      categories: [{ category: 'ordinary', from: '2020-01-01' }],
    },
  ]),
);

const self = { role: 'self', id: 'm001' } as const;
const branch = { role: 'branch', id: 'b1' } as const;

/** A member's 2025 as the seed's cadence runs it: self-assessment, then branch review. */
const year: LedgerInput[] = [
  {
    type: 'point',
    key: 'jan',
    member: 'm001',
    item: 'organisational_life',
    date: '2025-01-08',
    quantity: 1,
    by: self,
    on: '2025-01-08',
  },
  { type: 'submit', key: 'jan/submit', entry: 'jan', by: self, on: '2025-01-31' },
  { type: 'review', key: 'jan/review', entry: 'jan', decision: 'approve', by: branch, on: '2025-04-05' },
  {
    type: 'point',
    key: 'nov',
    member: 'm001',
    item: 'volunteer_service',
    date: '2025-11-20',
    quantity: 12,
    evidence: ['sign-in-1120'],
    by: self,
    on: '2025-11-20',
  },
  { type: 'submit', key: 'nov/submit', entry: 'nov', by: self, on: '2025-11-30' },
  { type: 'review', key: 'nov/review', entry: 'nov', decision: 'approve', by: branch, on: '2026-01-10' },
  {
    type: 'point',
    key: 'may',
    member: 'm001',
    item: 'absence_without_leave',
    date: '2025-05-10',
    quantity: 1,
    by: branch,
    on: '2025-05-10',
  },
];

export interface ExampleResult {
  readonly total: number;
  readonly summary: { readonly zh: string; readonly en: string };
  readonly lines: readonly string[];
  readonly routed: string;
  readonly outside: string;
}

/** Runs the example and returns what it shows. */
export function runExample(): ExampleResult {
  let ledger: PointLedger = emptyLedger();
  for (const input of year) ledger = unwrap(appendToLedger(ledger, input, { rules, members })).ledger;
  const explanation = unwrap(
    explainPoints(pointRecords(ledger, { member: 'm001' }), 'm001', yearPeriod(2025), { members, rules }),
  );

  // Two grids side by side, as a community's outlines would arrive as GeoJSON.
  const index = unwrap(
    createGridIndex([
      {
        gridCode: 'c1-g1',
        coordinates: [
          [
            [0, 0],
            [10, 0],
            [10, 10],
            [0, 10],
            [0, 0],
          ],
        ],
      },
      {
        gridCode: 'c1-g2',
        coordinates: [
          [
            [10, 0],
            [20, 0],
            [20, 10],
            [10, 10],
            [10, 0],
          ],
        ],
      },
    ]),
  );
  const inside = routePoint(index, [14.5, 3]);
  const outside = routePoint(index, [25, 5]);

  return {
    total: explanation.total,
    summary: explanation.summary,
    lines: explanation.lines.map(
      (l) =>
        `${l.date} ${l.itemName?.zh ?? l.item} ${l.points >= 0 ? '+' : ''}${l.points}${l.cap ? '（封顶）' : ''}`,
    ),
    routed: inside.status === 'inside' ? inside.gridCode : 'outside',
    outside: outside.status === 'outside' ? `outside, nearest ${outside.nearestGridCode}` : 'inside',
  };
}
