import {
  type AuditInput,
  appendToLedger,
  createMemberDirectory,
  emptyLedger,
  type LedgerInput,
  type PointEntryInput,
  type PointItem,
  type PointLedger,
  type PointStatus,
  type PointsContext,
  type ProfileHistory,
  pointRecords,
  type ReviewInput,
  type RuleVersions,
  referenceProfile,
  rulesAt,
  seededRandom,
  yearOf,
} from '@jiceng/domain';
import { stateOf } from './ledger-rows.js';
import type { StoredMember } from './members.js';
import type { PointsEntryRow, PointsLedgerRow, PointsYearLockRow } from './schemas.js';
import { pad } from './seed-members.js';

/**
 * A year of the reference county's point entries, generated: monthly self-assessments, community
 * records for in-service members, branch records, quarterly branch reviews with some adjustments
 * and rejections, a few reversals, and the committee audit of every branch in January of the next
 * year. Every input is checked by the domain; the result is rows ready for `bulkLoadLedger`.
 * Deterministic from the seed.
 */

/** The reference profile as a one-version history: what the seeder checks against by default. */
export const REFERENCE_HISTORY: ProfileHistory = {
  id: referenceProfile.id,
  name: referenceProfile.name,
  versions: [referenceProfile],
};

/** A ledger row before the database numbers it. */
export type LedgerRowData = Omit<PointsLedgerRow, 'seq'>;
/** A workflow row before its point row is numbered; its state is the one before the audit. */
export type EntryRowData = Omit<PointsEntryRow, 'seq' | 'version'>;

export interface GeneratedLedger {
  readonly year: number;
  readonly members: readonly StoredMember[];
  /** Per branch (in branch order), per member, the member's ledger rows in order. */
  readonly branches: readonly {
    readonly branch: string;
    readonly members: readonly {
      readonly code: string;
      readonly ledger: LedgerRowData[];
      readonly entries: EntryRowData[];
    }[];
    /** The committee's audit in January of the next year; absent while the year is not over. */
    readonly audit?: LedgerRowData;
    readonly lock?: PointsYearLockRow;
  }[];
  readonly byStatus: Readonly<Partial<Record<PointStatus, number>>>;
}

const SELF_ITEMS = ['organisational_life', 'grid_duty', 'volunteer_service', 'mobile_contact'] as const;
const REJECT_REASONS = ['无签到记录', '活动未经支部确认', '与已记录事项重复', '超出本人网格范围'];
const ADJUST_REASONS = ['签到表时长不足', '按实际参与次数调整', '证明材料只能支持部分时长'];

/**
 * Generates a year of points for members, every input checked by the domain on a ledger per
 * branch (an audit locks one branch). Deterministic from the seed. With `through`, the year as it
 * stands on that day: nothing dated later (an entry not yet submitted or reviewed stays where it
 * is), and no audit before January's.
 */
export function generatePointsLedger(
  members: readonly StoredMember[],
  options: {
    readonly year: number;
    readonly seed?: number;
    readonly rules?: RuleVersions;
    readonly through?: string;
  },
): GeneratedLedger {
  const year = options.year;
  const through = options.through ?? '9999-12-31';
  const rules = options.rules ?? REFERENCE_HISTORY;
  const directory = createMemberDirectory(members);
  if (!directory.ok) throw new Error(`seed members are invalid: ${directory.issues[0]?.message.en}`);
  const context: PointsContext = { rules, members: directory.value };
  const random = seededRandom(options.seed ?? 5);
  const chance = (p: number) => random() < p;
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const byBranch = new Map<string, StoredMember[]>();
  for (const m of members) {
    const list = byBranch.get(m.branch) ?? [];
    list.push(m);
    byBranch.set(m.branch, list);
  }
  const byStatus: Partial<Record<PointStatus, number>> = {};
  const branches: GeneratedLedger['branches'][number][] = [];
  const lastOfMonth = (month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
  const date = (month: number, day: number) =>
    month > 12
      ? `${year + 1}-${pad(month - 12, 2)}-${pad(day, 2)}`
      : `${year}-${pad(month, 2)}-${pad(day, 2)}`;
  const itemAt = (code: string, on: string): PointItem | undefined => {
    const version = rulesAt(rules, on);
    return version.ok ? version.value.points.items.find((i) => i.code === code) : undefined;
  };

  for (const branch of [...byBranch.keys()].sort()) {
    let ledger: PointLedger = emptyLedger();
    const append = (input: LedgerInput): void => {
      const r = appendToLedger(ledger, input, context);
      if (!r.ok) {
        throw new Error(
          `seed input "${input.key}" refused: ${r.issues.map((i) => `${i.code} ${i.message.en}`).join('; ')}`,
        );
      }
      ledger = r.value.ledger;
    };
    const committee = `P${(byBranch.get(branch)![0]!.community ?? branch).slice(0, 9)}`;
    const memberRows: GeneratedLedger['branches'][number]['members'][number][] = [];
    for (const m of byBranch.get(branch)!) {
      const category = m.categories[0]!.category;
      const inputs: LedgerInput[] = [];
      let n = 0;
      const key = (what: string) => `${m.code}/${year}/${pad(++n, 3)}/${what}`;
      const eligible = (item: PointItem | undefined, role: PointEntryInput['by']['role']) =>
        item !== undefined &&
        (item.categories === 'all' || item.categories.includes(category)) &&
        item.recordedBy.includes(role);
      /** Records an entry and takes it through submission and review as people would. */
      const record = (
        code: string,
        month: number,
        day: number,
        role: PointEntryInput['by']['role'],
        quantity?: number,
      ) => {
        const occurred = date(month, day);
        const item = itemAt(code, occurred);
        if (!eligible(item, role)) return;
        const by =
          role === 'self'
            ? m.code
            : role === 'branch'
              ? m.branch
              : role === 'community'
                ? (m.dualRegistrations?.[0]?.community ?? '')
                : role === 'committee'
                  ? committee
                  : 'system';
        const recordedOn =
          role === 'self' ? date(month, Math.min(day + int(0, 2), lastOfMonth(month))) : occurred;
        if (recordedOn > through) return;
        const point: PointEntryInput = {
          type: 'point',
          key: key(code),
          member: m.code,
          item: code,
          date: occurred,
          ...(item!.unit === undefined ? {} : { quantity: quantity ?? 1 }),
          ...(item!.evidenceRequired ? { evidence: [`evidence/${m.code}/${occurred}/${n}`] } : {}),
          by: { role, id: by },
          on: recordedOn,
        };
        inputs.push(point);
        let lastOn = recordedOn;
        let submitted = role === 'community' || role === 'system';
        if (role === 'self') {
          if (chance(0.05)) return; // never submitted: lapses at the audit
          lastOn = date(month + 1, int(1, 9));
          if (lastOn > through) return;
          inputs.push({
            type: 'submit',
            key: `${point.key}/submit`,
            entry: point.key,
            by: { role: 'self', id: m.code },
            on: lastOn,
          });
          submitted = true;
        }
        let counted = role === 'branch' || role === 'committee';
        if (submitted) {
          if (chance(0.02)) return; // never reviewed: lapses at the audit
          const quarterEnd = Math.ceil(month / 3) * 3;
          let reviewOn = date(quarterEnd + 1, int(2, 14));
          if (reviewOn < lastOn) reviewOn = lastOn;
          if (reviewOn > through) return; // waiting for the quarter's review
          const roll = random();
          const base = {
            type: 'review' as const,
            key: `${point.key}/review`,
            entry: point.key,
            by: { role: 'branch' as const, id: m.branch },
            on: reviewOn,
          };
          let review: ReviewInput;
          if (roll < 0.85) review = { ...base, decision: 'approve' };
          else if (roll < 0.93) {
            const q = point.quantity;
            const adjustment =
              item!.unit !== undefined && q !== undefined && q > 1
                ? { quantity: q - 1 }
                : { points: Math.max(0, Math.round(item!.points * (q ?? 1) * 50) / 100) };
            review = { ...base, decision: 'adjust', reason: pick(ADJUST_REASONS), adjustment };
          } else review = { ...base, decision: 'reject', reason: pick(REJECT_REASONS) };
          inputs.push(review);
          lastOn = reviewOn;
          counted = review.decision !== 'reject';
        }
        if (counted && chance(0.01)) {
          let on = date(month + 1, int(1, 28));
          if (on < lastOn) on = lastOn;
          if (on > `${year + 1}-01-19`) on = `${year + 1}-01-19`;
          if (on < lastOn || on > through) return;
          inputs.push({
            type: 'reversal',
            key: `${point.key}/reversal`,
            entry: point.key,
            reason: '复核发现记录有误，予以冲正',
            by: { role: 'branch', id: m.branch },
            on,
          });
        }
      };

      for (let month = 1; month <= 12; month++) {
        const days = lastOfMonth(month);
        if (chance(category === 'mobile' ? 0.5 : 0.85))
          record(SELF_ITEMS[0], month, int(3, days - 3), 'self', 1);
        if (category !== 'mobile' && chance(0.4))
          record(SELF_ITEMS[1], month, int(1, days - 3), 'self', int(1, 2));
        if (chance(0.3)) {
          const role = category === 'in_service' && chance(0.5) ? 'community' : 'self';
          record(SELF_ITEMS[2], month, int(1, days - 3), role, int(2, 6));
        }
        if (category === 'mobile' && chance(0.8)) record(SELF_ITEMS[3], month, int(1, days - 3), 'self', 1);
        if (category === 'in_service' && chance(0.5))
          record('community_report_service', month, int(1, days), 'community', 1);
        if (month % 3 === 0) {
          const quarterMonth = () => month - int(0, 2);
          if ((category === 'backbone' || category === 'non_public') && chance(0.6))
            record('pioneer_post', quarterMonth(), int(1, 28), 'branch', 1);
          if (chance(0.1))
            record('dispute_mediation', quarterMonth(), int(1, 28), chance(0.5) ? 'branch' : 'system', 1);
          if (chance(0.1)) record('hazard_report', quarterMonth(), int(1, 28), 'system', 1);
          if (chance(0.05)) record('absence_without_leave', quarterMonth(), int(1, 28), 'branch', 1);
          if (chance(0.02)) record('late_dues', quarterMonth(), int(1, 28), 'branch');
        }
      }
      if (chance(0.03)) record('honour', int(1, 12), int(1, 28), 'committee');
      if (chance(0.002)) record('discipline', int(1, 12), int(1, 28), 'committee');
      for (const input of inputs) append(input);
      memberRows.push({ code: m.code, ledger: inputs.map((i) => rowData(i, inputs)), entries: [] });
    }
    // The workflow rows as they stand before the audit; the audit moves them, as it does live.
    const inputByKey = new Map<string, PointEntryInput>();
    for (const r of memberRows)
      for (const row of r.ledger) if (row.payload.type === 'point') inputByKey.set(row.key, row.payload);
    const rowsOf = new Map(memberRows.map((r) => [r.code, r]));
    for (const record of pointRecords(ledger)) {
      const input = inputByKey.get(record.entry.key)!;
      rowsOf.get(input.member)!.entries.push({
        key: input.key,
        memberCode: input.member,
        year: yearOf(input.date),
        occurredOn: input.date,
        item: input.item,
        recordedRole: input.by.role,
        recordedBy: input.by.id,
        status: record.status,
        entry: input,
        state: stateOf(record),
      });
    }
    const audit: AuditInput = {
      type: 'audit',
      key: `audit/${branch}/${year}`,
      year,
      by: { role: 'committee', id: committee },
      on: `${year + 1}-01-20`,
    };
    const audited = audit.on <= through;
    if (audited) append(audit);
    for (const record of pointRecords(ledger)) byStatus[record.status] = (byStatus[record.status] ?? 0) + 1;
    branches.push({
      branch,
      members: memberRows,
      ...(audited
        ? {
            audit: { ...rowData(audit, []), scope: branch },
            lock: {
              branchCode: branch,
              year,
              auditKey: audit.key,
              auditedOn: audit.on,
              auditedBy: committee,
            },
          }
        : {}),
    });
  }
  return { year, members, branches, byStatus };
}

function rowData(input: LedgerInput, inputs: readonly LedgerInput[]): LedgerRowData {
  const target =
    input.type === 'point' || input.type === 'audit'
      ? undefined
      : (inputs.find((i) => i.key === input.entry) as PointEntryInput | undefined);
  const point = input.type === 'point' ? input : target;
  return {
    key: input.key,
    type: input.type,
    memberCode: point?.member ?? null,
    entryKey: point?.key ?? null,
    scope: null,
    year: input.type === 'audit' ? input.year : yearOf(point!.date),
    occurredOn: input.type === 'point' ? input.date : null,
    item: input.type === 'point' ? input.item : null,
    stepOn: input.on,
    role: input.by.role,
    actor: input.by.id,
    payload: input,
  };
}
