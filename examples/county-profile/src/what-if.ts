/**
 * Before publishing its profile, a county scores last year again under it and reads, member by
 * member, what would change and why. Last year's ledger here is synthetic (deterministic);
 * in production it comes from the database.
 */
import { readFileSync } from 'node:fs';
import {
  appendToLedger,
  createMemberDirectory,
  createProfileCatalog,
  emptyLedger,
  type LedgerInput,
  type MemberDirectory,
  type PointLedger,
  type PointRecord,
  parseProfileDocument,
  pointRecords,
  type RuleProfile,
  referenceProfile,
  seededRandom,
  unwrap,
  type WhatIfReport,
  whatIf,
} from '@jiceng/domain';

/** The county's profile as the reference-county catalog resolves it on a date. */
export function countyProfile(file: string, date: string): RuleProfile {
  const parsed = parseProfileDocument(readFileSync(file, 'utf8'), { fileName: file });
  if (!parsed.ok)
    throw new Error(parsed.issues.map((i) => `${i.code} ${i.path.join('.')}: ${i.message.zh}`).join('\n'));
  return unwrap(unwrap(createProfileCatalog([parsed.value])).profileAt('example_county', date));
}

/** A branch's 2025: every member self-assesses monthly activity and the branch approves it. */
export function lastYear(size: number): { members: MemberDirectory; records: PointRecord[] } {
  const random = seededRandom(2025);
  const members = unwrap(
    createMemberDirectory(
      Array.from({ length: size }, (_, i) => ({
        code: `m${String(i + 1).padStart(3, '0')}`,
        branch: 'b1',
        categories: [{ category: i % 5 === 0 ? 'backbone' : 'ordinary', from: '2020-01-01' }],
      })),
    ),
  );
  const rules = { id: referenceProfile.id, name: referenceProfile.name, versions: [referenceProfile] };
  let ledger: PointLedger = emptyLedger();
  const add = (input: LedgerInput) => {
    ledger = unwrap(appendToLedger(ledger, input, { rules, members })).ledger;
  };
  for (const m of members.members) {
    const self = { role: 'self', id: m.code } as const;
    const branch = { role: 'branch', id: 'b1' } as const;
    for (let month = 1; month <= 12; month++) {
      const mm = String(month).padStart(2, '0');
      if (m.categories[0]?.category === 'backbone' && random() < 0.3) {
        // The branch records pioneer-post duty itself; it needs no self-assessment or review.
        const date = `2025-${mm}-05`;
        add({
          type: 'point',
          key: `${m.code}/${mm}/post`,
          member: m.code,
          item: 'pioneer_post',
          date,
          quantity: 1,
          evidence: [`duty-${mm}`],
          by: branch,
          on: date,
        });
      }
      const items: [string, number, string[]?][] = [['organisational_life', 1]];
      if (random() < 0.6) items.push(['volunteer_service', 1 + Math.floor(random() * 14), [`sign-in-${mm}`]]);
      items.forEach(([item, quantity, evidence], n) => {
        const key = `${m.code}/${mm}/${n}`;
        const date = `2025-${mm}-1${n}`;
        add({
          type: 'point',
          key,
          member: m.code,
          item,
          date,
          quantity,
          ...(evidence ? { evidence } : {}),
          by: self,
          on: date,
        });
        add({ type: 'submit', key: `${key}/submit`, entry: key, by: self, on: `2025-${mm}-2${n}` });
        const quarterEnd = Math.ceil(month / 3) * 3;
        const reviewOn =
          quarterEnd === 12 ? '2026-01-05' : `2025-${String(quarterEnd + 1).padStart(2, '0')}-05`;
        add({
          type: 'review',
          key: `${key}/review`,
          entry: key,
          decision: 'approve',
          by: branch,
          on: reviewOn,
        });
      });
    }
  }
  return { members, records: pointRecords(ledger, { year: 2025 }) };
}

/** The what-if report of the county's profile against the reference rules for 2025. */
export function countyWhatIf(file: string, size = 30): WhatIfReport {
  const { members, records } = lastYear(size);
  const current = { id: referenceProfile.id, name: referenceProfile.name, versions: [referenceProfile] };
  return unwrap(whatIf(records, { year: 2025, members, current, draft: countyProfile(file, '2025-06-01') }));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const report = countyWhatIf(new URL('../county.yaml', import.meta.url).pathname);
  console.log(report.summary.zh);
  for (const m of report.members.slice(0, 5)) {
    console.log(`${m.member}: ${m.before.total} → ${m.after.total}（${m.before.band} → ${m.after.band}）`);
    for (const c of m.changes.slice(0, 3)) console.log(`  · ${c.message.zh}`);
  }
}
