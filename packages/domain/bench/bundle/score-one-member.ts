// Bundle entry: what a frontend ships to keep and score one member's points offline with the
// reference rules: a member directory, the ledger's cadence, and the explained year total.
import {
  appendToLedger,
  createMemberDirectory,
  emptyLedger,
  explainPoints,
  type PointLedger,
  type ProfileHistory,
  pointRecords,
  referenceProfile,
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
      code: 'm1',
      name: '张三',
      branch: 'b1',
      community: 'c1',
      categories: [{ category: 'ordinary', from: '2020-01-01' }],
    },
  ]),
);
let ledger: PointLedger = emptyLedger();
const self = { role: 'self', id: 'm1' } as const;
ledger = unwrap(
  appendToLedger(
    ledger,
    {
      type: 'point',
      key: 'k1',
      member: 'm1',
      item: 'organisational_life',
      date: '2026-01-08',
      quantity: 1,
      by: self,
      on: '2026-01-08',
    },
    { rules, members },
  ),
).ledger;
const explained = unwrap(
  explainPoints(pointRecords(ledger, { member: 'm1' }), 'm1', yearPeriod(2026), { members, rules }),
);
console.log(explained.total, explained.summary.zh);
