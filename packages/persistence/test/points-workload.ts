import {
  type AuditInput,
  appendToLedger,
  createMemberDirectory,
  emptyLedger,
  fromDayNumber,
  type LedgerInput,
  type MemberDirectory,
  type PointEntryInput,
  type PointItem,
  type PointLedger,
  type PointRecord,
  type PointsRole,
  pointRecord,
  pointRecords,
  referenceProfile,
  toDayNumber,
  unwrap,
} from '@jiceng/domain';
import type { MemberInput } from '@jiceng/persistence';
import { referenceHistory } from './points-fixtures.js';

/**
 * The oracle of the concurrency tests: the ledger as the domain package keeps it, one domain
 * ledger per branch (an audit locks one branch's year, as the repository does), plus the global
 * map of idempotency keys. Rows the database committed are applied to it in sequence order; every
 * outcome a client saw is predicted by it first.
 */
export class LedgerModel {
  readonly members: MemberDirectory;
  private readonly ledgers = new Map<string, PointLedger>();
  /** Key → where it is stored and its payload. */
  readonly keys = new Map<string, { branch: string; input: LedgerInput; seq: number }>();
  /** Point entry key → its record. */
  readonly records = new Map<string, PointRecord>();
  readonly branchOfMember = new Map<string, string>();
  readonly locks = new Set<string>();

  constructor(members: readonly MemberInput[]) {
    this.members = unwrap(createMemberDirectory(members));
    for (const m of members) this.branchOfMember.set(m.code, m.branch);
  }

  get context() {
    return { rules: referenceHistory, members: this.members };
  }

  /** The branch an input belongs to, or undefined when it names nothing known. */
  branchOf(input: LedgerInput, auditBranch?: string): string | undefined {
    if (input.type === 'audit') return auditBranch;
    if (input.type === 'point') return this.branchOfMember.get(input.member);
    return this.keys.get(input.entry)?.branch;
  }

  ledger(branch: string): PointLedger {
    return this.ledgers.get(branch) ?? emptyLedger();
  }

  /** What the repository must answer for an input on the current state. */
  predict(input: LedgerInput, auditBranch?: string): Prediction {
    const stored = this.keys.get(input.key);
    if (stored !== undefined) {
      return canonicalEqual(stored.input, input)
        ? { kind: 'duplicate', seq: stored.seq }
        : { kind: 'refused', codes: ['POINTS_IDEMPOTENCY_CONFLICT'] };
    }
    const branch = this.branchOf(input, auditBranch);
    const ledger = branch === undefined ? emptyLedger() : this.ledger(branch);
    const r = appendToLedger(ledger, input, this.context);
    if (!r.ok) return { kind: 'refused', codes: r.issues.map((i) => i.code) };
    if (r.value.duplicate) throw new Error('model: a duplicate the key map did not know');
    return { kind: 'new', notes: r.value.notes.map((n) => n.code) };
  }

  /** Applies a committed row; throws when the domain would not have accepted it. */
  apply(input: LedgerInput, seq: number, auditBranch?: string): void {
    const branch = this.branchOf(input, auditBranch);
    if (branch === undefined) throw new Error(`model: committed row "${input.key}" names nothing known`);
    if (this.keys.has(input.key)) throw new Error(`model: key "${input.key}" committed twice`);
    const r = appendToLedger(this.ledger(branch), input, this.context);
    if (!r.ok) {
      throw new Error(
        `model: the database committed "${input.key}" which the domain refuses: ${r.issues.map((i) => i.code).join(', ')}`,
      );
    }
    if (r.value.duplicate) throw new Error(`model: "${input.key}" was a duplicate`);
    const ledger = r.value.ledger;
    this.ledgers.set(branch, ledger);
    this.keys.set(input.key, { branch, input, seq });
    if (input.type === 'audit') {
      this.locks.add(`${branch}/${input.year}`);
      for (const record of pointRecords(ledger, { year: input.year }))
        this.records.set(record.entry.key, record);
    } else {
      const entry = input.type === 'point' ? input.key : input.entry;
      this.records.set(entry, pointRecord(ledger, entry)!);
    }
  }

  recordsOfYear(year: number): PointRecord[] {
    return [...this.records.values()].filter((r) => r.entry.date.startsWith(`${year}-`));
  }
}

export type Prediction =
  | { kind: 'new'; notes: string[] }
  | { kind: 'duplicate'; seq: number }
  | { kind: 'refused'; codes: string[] };

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record)
      .filter((k) => record[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(record[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function canonicalEqual(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

/** The state of an entry that both sides must agree on (the sequence numbers differ). */
export function stateOf(record: PointRecord): unknown {
  const { entry, ...rest } = record;
  const { seq: _seq, ...input } = entry;
  return { input, ...rest };
}

/** One client's operation in a round. */
export interface Op {
  readonly client: number;
  readonly input: LedgerInput;
  /** The branch an audit locks. */
  readonly branch?: string;
  /** Ops of one race: their joint outcome is checked, not each one alone. */
  readonly group?: { readonly id: string; readonly kind: 'same_key' | 'conflicting_key' | 'double_review' };
}

const CATEGORIES = ['ordinary', 'ordinary', 'backbone', 'mobile', 'in_service', 'non_public'];

/** Members of the workload: `branches` branches of `perBranch` members each. */
export function workloadMembers(branches: number, perBranch: number): MemberInput[] {
  const out: MemberInput[] = [];
  for (let b = 0; b < branches; b++) {
    for (let i = 0; i < perBranch; i++) {
      const code = `w${b}m${String(i).padStart(3, '0')}`;
      const category = CATEGORIES[(b * perBranch + i) % CATEGORIES.length]!;
      out.push({
        code,
        name: `党员${code}`,
        branch: `wb${b}`,
        community: `wc${b % 2}`,
        categories: [{ category, from: '2020-01-01' }],
        ...(category === 'in_service'
          ? { dualRegistrations: [{ community: `wc${b % 2}`, from: '2024-01-01' }] }
          : {}),
      });
    }
  }
  return out;
}

const ITEMS: readonly PointItem[] = referenceProfile.points.items;

/** Plans the rounds of a seeded random workload against the model's current state. */
export class WorkloadPlanner {
  private n = 0;

  constructor(
    private readonly model: LedgerModel,
    private readonly members: readonly MemberInput[],
    private readonly random: () => number,
    private readonly clients: number,
  ) {}

  private int(lo: number, hi: number): number {
    return lo + Math.floor(this.random() * (hi - lo + 1));
  }

  private pick<T>(list: readonly T[]): T | undefined {
    return list.length === 0 ? undefined : list[Math.floor(this.random() * list.length)];
  }

  /** Twenty operations for one round on day `today`: distinct members, except the races. */
  plan(today: string): Op[] {
    this.byStatus = new Map();
    for (const r of this.model.records.values()) {
      const list = this.byStatus.get(r.status) ?? [];
      list.push(r);
      this.byStatus.set(r.status, list);
    }
    const replayable = [...this.model.keys.values()].filter((k) => k.input.type !== 'audit');
    const ops: Op[] = [];
    const used = new Set<string>();
    const free = () => this.members.filter((m) => !used.has(m.code));
    const take = (member: string) => used.add(member);
    let client = 0;
    const push = (input: LedgerInput, extra: Partial<Op> = {}) =>
      ops.push({ client: client++, input, ...extra });

    // An audit now and then: its branch is left alone for the round.
    const year = Number(today.slice(0, 4));
    if (this.random() < (today >= '2026-01-01' ? 0.2 : 0.02)) {
      const branch = `wb${this.int(0, 3)}`;
      const auditYear = today >= '2026-01-01' && today < '2026-04-01' ? 2025 : year;
      for (const m of this.members) if (m.branch === branch) take(m.code);
      const input: AuditInput = {
        type: 'audit',
        key: `audit/${branch}/${auditYear}/${++this.n}`,
        year: auditYear,
        by: { role: 'committee', id: 'wcommittee' },
        on: today,
      };
      push(input, { branch });
    }
    // Races: the same key and payload twice; one key with two payloads; two reviewers of one entry.
    if (this.random() < 0.3) {
      const m = this.pick(free());
      const input = m && this.newPoint(m, today, 'self');
      if (m && input) {
        take(m.code);
        const group = { id: `g${++this.n}`, kind: 'same_key' as const };
        push(input, { group });
        push({ ...input }, { group });
      }
    }
    if (this.random() < 0.15) {
      const m = this.pick(free());
      const input = m && this.newPoint(m, today, 'self', 'organisational_life');
      if (m && input && input.type === 'point') {
        take(m.code);
        const group = { id: `g${++this.n}`, kind: 'conflicting_key' as const };
        push(input, { group });
        push({ ...input, quantity: (input.quantity ?? 1) + 1 }, { group });
      }
    }
    if (this.random() < 0.3) {
      const entry = this.pick(this.entriesIn('submitted').filter((r) => !used.has(r.entry.member)));
      if (entry) {
        take(entry.entry.member);
        const group = { id: `g${++this.n}`, kind: 'double_review' as const };
        push(this.review(entry, today, 'approve'), { group });
        push(this.review(entry, today, this.random() < 0.5 ? 'approve' : 'reject'), { group });
      }
    }
    while (ops.length < this.clients) {
      const roll = this.random();
      if (roll < 0.1 && this.model.keys.size > 0) {
        // A client retrying an input that is stored: the stored outcome, whatever happened since.
        const stored = this.pick(replayable);
        if (stored) {
          push(structuredClone(stored.input));
          continue;
        }
      }
      if (roll < 0.3) {
        const draft = this.pick(this.entriesIn('draft').filter((r) => !used.has(r.entry.member)));
        if (draft) {
          take(draft.entry.member);
          push({
            type: 'submit',
            key: `${draft.entry.key}/s${++this.n}`,
            entry: draft.entry.key,
            by: { role: 'self', id: draft.entry.member },
            on: today,
          });
          continue;
        }
      }
      if (roll < 0.5) {
        const submitted = this.pick(this.entriesIn('submitted').filter((r) => !used.has(r.entry.member)));
        if (submitted) {
          take(submitted.entry.member);
          const d = this.random();
          push(this.review(submitted, today, d < 0.7 ? 'approve' : d < 0.85 ? 'adjust' : 'reject'));
          continue;
        }
      }
      if (roll < 0.57) {
        const counted = this.pick(
          [...this.entriesIn('approved'), ...this.entriesIn('adjusted'), ...this.entriesIn('audited')].filter(
            (r) => !used.has(r.entry.member),
          ),
        );
        if (counted) {
          take(counted.entry.member);
          const member = this.members.find((m) => m.code === counted.entry.member)!;
          const locked = this.model.locks.has(`${member.branch}/${counted.entry.date.slice(0, 4)}`);
          const by =
            locked || this.random() < 0.3
              ? { role: 'committee' as const, id: 'wcommittee' }
              : { role: 'branch' as const, id: member.branch };
          push({
            type: 'reversal',
            key: `${counted.entry.key}/r${++this.n}`,
            entry: counted.entry.key,
            reason: '复核冲正',
            by,
            on: today,
          });
          continue;
        }
      }
      const m = this.pick(free());
      if (m === undefined) break;
      take(m.code);
      const input = this.newPoint(m, today);
      if (input) push(input);
    }
    return ops;
  }

  private byStatus = new Map<PointRecord['status'], PointRecord[]>();

  private entriesIn(status: PointRecord['status']): PointRecord[] {
    return this.byStatus.get(status) ?? [];
  }

  private review(record: PointRecord, today: string, decision: 'approve' | 'adjust' | 'reject'): LedgerInput {
    const member = this.members.find((m) => m.code === record.entry.member)!;
    const base = {
      type: 'review' as const,
      key: `${record.entry.key}/v${++this.n}`,
      entry: record.entry.key,
      by: { role: 'branch' as const, id: member.branch },
      on: today,
    };
    if (decision === 'approve') return { ...base, decision };
    if (decision === 'reject') return { ...base, decision, reason: '无佐证材料' };
    const item = ITEMS.find((i) => i.code === record.entry.item);
    const q = record.entry.quantity;
    const adjustment =
      item?.unit !== undefined && q !== undefined && q > 1 ? { quantity: q - 1 } : { points: 1 };
    return { ...base, decision, reason: '按实际情况调整', adjustment };
  }

  private newPoint(
    m: MemberInput,
    today: string,
    role?: PointsRole,
    itemCode?: string,
  ): LedgerInput | undefined {
    const category = m.categories.at(-1)!.category;
    const eligible = ITEMS.filter(
      (i) =>
        (itemCode === undefined || i.code === itemCode) &&
        (i.categories === 'all' || i.categories.includes(category)) &&
        (role === undefined || i.recordedBy.includes(role)),
    );
    const item = this.pick(eligible);
    if (item === undefined) return undefined;
    const roles = item.recordedBy.filter((r) => r !== 'community' || m.dualRegistrations !== undefined);
    const by = role ?? this.pick(roles) ?? 'self';
    const id =
      by === 'self'
        ? m.code
        : by === 'branch'
          ? m.branch
          : by === 'community'
            ? m.dualRegistrations![0]!.community
            : by === 'committee'
              ? 'wcommittee'
              : 'wsystem';
    const date = fromDayNumber(toDayNumber(today) - this.int(0, 25));
    const quantity =
      item.unit === undefined ? undefined : item.unit === 'hour' ? this.int(1, 6) : this.int(1, 2);
    const evidence = item.evidenceRequired && this.random() < 0.95 ? [`ev${this.n}`] : undefined;
    const input: PointEntryInput = {
      type: 'point',
      key: `${m.code}/${date}/${item.code}/${++this.n}`,
      member: m.code,
      item: item.code,
      date,
      ...(quantity === undefined ? {} : { quantity }),
      ...(evidence === undefined ? {} : { evidence }),
      by: { role: by, id },
      on: today,
    };
    return input;
  }
}

/** The day of round `round` of `rounds`, from 5 January 2025 to the end of February 2026. */
export function dayOfRound(round: number, rounds: number): string {
  const start = toDayNumber('2025-01-05');
  const end = toDayNumber('2026-02-28');
  return fromDayNumber(start + Math.floor(((end - start) * round) / rounds));
}
