import {
  appendToLedger,
  derivePoints,
  emptyLedger,
  type LedgerInput,
  type PointFact,
  type PointLedger,
  pointRecords,
  reconcilePoints,
  safeDefineRuleProfile,
  scoreYear,
  whatIf,
} from '@jiceng/domain';
import { describe, expect, it } from 'vitest';
import { context, point, referenceHistory, street } from './fixtures.js';

const meeting = (over: Partial<PointFact> = {}): PointFact => ({
  kind: 'org_life',
  id: 'M1',
  date: '2025-03-05',
  subtype: 'themed_day',
  participants: [
    { member: 'm001', outcome: 'present' },
    { member: 'm002', outcome: 'leave' },
    { member: 'm003', outcome: 'absent' },
  ],
  ...over,
});
const source = { kind: 'org_life', id: 'M1' } as const;

/** Runs the reconciliation for the facts on a day and appends its inputs; throws on a refusal. */
function sync(ledger: PointLedger, facts: PointFact[], on: string, sources = [source]): PointLedger {
  const linked = pointRecords(ledger).filter((r) => r.entry.source !== undefined);
  const { inputs } = reconcilePoints(linked, derivePoints(facts, context), sources, {
    rules: referenceHistory,
    on,
  });
  let next = ledger;
  for (const input of inputs) {
    const r = appendToLedger(next, input, context);
    if (!r.ok) throw new Error(r.issues.map((i) => `${i.code} ${i.message.en}`).join('; '));
    next = r.value.ledger;
  }
  return next;
}
const live = (ledger: PointLedger) =>
  pointRecords(ledger)
    .filter((r) => r.status !== 'reversed')
    .map((r) => `${r.entry.key} ${r.status}`);

describe('derivePoints', () => {
  it('turns attendance into the reference profile’s items: present earns, absent deducts, leave earns nothing', () => {
    const { points, skipped } = derivePoints([meeting()], context);
    expect(points).toEqual([
      {
        baseKey: 'org_life:M1/m001/organisational_life',
        member: 'm001',
        item: 'organisational_life',
        date: '2025-03-05',
        quantity: 1,
        source,
      },
      {
        baseKey: 'org_life:M1/m003/absence_without_leave',
        member: 'm003',
        item: 'absence_without_leave',
        date: '2025-03-05',
        quantity: 1,
        source,
      },
    ]);
    expect(skipped).toEqual([]);
  });

  it('maps a resolved request by its type, and skips a member the directory does not know', () => {
    const request: PointFact = {
      kind: 'resident_request',
      id: 'R9',
      date: '2025-04-02',
      subtype: 'safety_hazard',
      participants: [
        { member: 'm004', outcome: 'resolved' },
        { member: 'ghost', outcome: 'resolved' },
      ],
    };
    const { points, skipped } = derivePoints(
      [request, { ...request, id: 'R10', subtype: 'service_request' }],
      context,
    );
    expect(points.map((p) => `${p.baseKey} ${p.item}`)).toEqual([
      'resident_request:R9/m004/hazard_report hazard_report',
    ]);
    expect(skipped.map((s) => [s.member, s.reason])).toEqual([['ghost', 'unknown_member']]);
  });

  it('follows the rule version of the fact’s day: a county without fact rules derives nothing', () => {
    const none = safeDefineRuleProfile({
      id: 'manual',
      version: '1',
      effectiveFrom: '2025-01-01',
      points: { factRules: [] },
    } as never);
    expect(none.ok).toBe(true);
    if (!none.ok) return;
    expect(derivePoints([meeting()], { rules: none.value, members: street }).points).toEqual([]);
  });

  it('refuses in the profile a fact rule whose item the system may not record, or an unknown outcome', () => {
    const bad = safeDefineRuleProfile({
      id: 'bad',
      version: '1',
      effectiveFrom: '2025-01-01',
      points: { factRules: [{ fact: 'org_life', outcome: 'late', item: 'volunteer_service' }] },
    } as never);
    expect(bad.ok ? [] : bad.issues.map((i) => i.path.join('.'))).toEqual([
      'points.factRules.0.item',
      'points.factRules.0.outcome',
    ]);
  });
});

describe('reconcilePoints: a fact and its entries stay in line, append-only', () => {
  const recorded = sync(emptyLedger(), [meeting()], '2025-03-06');

  it('records one system entry per earned item, linked to the fact, waiting for branch review', () => {
    expect(live(recorded)).toEqual([
      'org_life:M1/m001/organisational_life submitted',
      'org_life:M1/m003/absence_without_leave submitted',
    ]);
    const entry = pointRecords(recorded)[0]!.entry;
    expect(entry.source).toEqual(source);
    expect(entry.by).toEqual({ role: 'system', id: 'system' });
    expect(entry.evidence).toEqual(['org_life:M1']);
  });

  it('appends nothing when the fact has not changed', () => {
    expect(sync(recorded, [meeting()], '2025-03-07')).toBe(recorded);
  });

  it('reverses the entry of an absence corrected to a leave, keeping the link, and records the new outcome', () => {
    const approved = appendToLedger(
      recorded,
      {
        type: 'review',
        key: 'r1',
        entry: 'org_life:M1/m003/absence_without_leave',
        decision: 'approve',
        by: { role: 'branch', id: 'b1' },
        on: '2025-03-08',
      },
      context,
    );
    expect(approved.ok).toBe(true);
    if (!approved.ok) return;
    const corrected = sync(
      approved.value.ledger,
      [
        meeting({
          participants: [
            { member: 'm001', outcome: 'present' },
            { member: 'm002', outcome: 'leave' },
            { member: 'm003', outcome: 'present' },
          ],
        }),
      ],
      '2025-03-10',
    );
    const reversed = pointRecords(corrected).find(
      (r) => r.entry.key === 'org_life:M1/m003/absence_without_leave',
    )!;
    expect(reversed.status).toBe('reversed');
    expect(reversed.reversal).toMatchObject({
      key: 'org_life:M1/m003/absence_without_leave:reversal',
      on: '2025-03-10',
    });
    expect(reversed.entry.source).toEqual(source);
    expect(live(corrected)).toEqual([
      'org_life:M1/m001/organisational_life submitted',
      'org_life:M1/m003/organisational_life submitted',
    ]);
  });

  it('records a new revision when the meeting’s date is corrected, and reverses everything when it is withdrawn', () => {
    const moved = sync(recorded, [meeting({ date: '2025-03-04' })], '2025-03-10');
    expect(live(moved)).toEqual([
      'org_life:M1/m001/organisational_life#2 submitted',
      'org_life:M1/m003/absence_without_leave#2 submitted',
    ]);
    const withdrawn = sync(moved, [], '2025-03-11');
    expect(live(withdrawn)).toEqual([]);
    expect(pointRecords(withdrawn).filter((r) => r.entry.source !== undefined)).toHaveLength(4);
    const total = scoreYear(pointRecords(withdrawn), {
      year: 2025,
      members: street,
      rules: referenceHistory,
    });
    expect(total.ok && total.value.total[0]).toBe(100);
  });

  it('leaves a rejected entry alone, and skips a new entry whose recording closed', () => {
    const rejected = appendToLedger(
      recorded,
      {
        type: 'review',
        key: 'r2',
        entry: 'org_life:M1/m003/absence_without_leave',
        decision: 'reject',
        reason: '其实已请假',
        by: { role: 'branch', id: 'b1' },
        on: '2025-03-08',
      },
      context,
    );
    if (!rejected.ok) throw new Error('reject refused');
    expect(sync(rejected.value.ledger, [], '2025-03-09').size).toBe(rejected.value.ledger.size + 1); // only m001's
    const late = reconcilePoints([], derivePoints([meeting()], context), [source], {
      rules: referenceHistory,
      on: '2025-04-16',
    });
    expect(late.inputs).toEqual([]);
    expect(late.skipped.map((s) => s.reason)).toEqual(['deadline_passed', 'deadline_passed']);
    expect(late.skipped[0]?.message.zh).toContain('已于 2025-04-15 截止');
  });
});

describe('the ledger keeps fact entries to the system', () => {
  it('refuses a source on an entry someone else records, and a system reversal of an entry without a source', () => {
    const withSource = appendToLedger(
      emptyLedger(),
      point('p1', 'm001', 'organisational_life', '2025-03-05', {
        quantity: 1,
        source,
      } as never) as LedgerInput,
      context,
    );
    expect(withSource.ok ? [] : withSource.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['POINTS_INVALID_INPUT', 'source'],
    ]);
    const manual = appendToLedger(
      emptyLedger(),
      point('p2', 'm001', 'dispute_mediation', '2025-03-05', {
        quantity: 1,
        evidence: ['调解书'],
        by: { role: 'system', id: 'system' },
      }),
      context,
    );
    if (!manual.ok) throw new Error(manual.issues.map((i) => i.message.en).join('; '));
    const reversal = appendToLedger(
      manual.value.ledger,
      {
        type: 'reversal',
        key: 'p2:r',
        entry: 'p2',
        reason: 'x',
        by: { role: 'system', id: 'system' },
        on: '2025-03-06',
      },
      context,
    );
    expect(reversal.ok ? [] : reversal.issues.map((i) => i.code)).toEqual(['POINTS_ROLE_NOT_ALLOWED']);
  });
});

describe('whatIf with facts: a draft’s fact rules are scored too', () => {
  it('drops the deduction a draft no longer derives and adds the award it now derives, each with its reason', () => {
    let ledger = sync(emptyLedger(), [meeting()], '2025-03-06');
    for (const [i, key] of [
      'org_life:M1/m001/organisational_life',
      'org_life:M1/m003/absence_without_leave',
    ].entries()) {
      const r = appendToLedger(
        ledger,
        {
          type: 'review',
          key: `r${i}`,
          entry: key,
          decision: 'approve',
          by: { role: 'branch', id: 'b1' },
          on: '2025-03-08',
        },
        context,
      );
      if (!r.ok) throw new Error('approve refused');
      ledger = r.value.ledger;
    }
    const draft = safeDefineRuleProfile({
      id: 'draft',
      version: 'draft',
      effectiveFrom: '2025-01-01',
      points: {
        factRules: [
          { fact: 'org_life', outcome: 'present', item: 'organisational_life' },
          { fact: 'org_life', outcome: 'leave', item: 'organisational_life' },
        ],
      },
    } as never);
    if (!draft.ok) throw new Error('draft refused');
    const records = pointRecords(ledger, { year: 2025 });
    const withFacts = whatIf(records, {
      year: 2025,
      members: street,
      current: referenceHistory,
      draft: draft.value,
      facts: [meeting()],
    });
    const without = whatIf(records, {
      year: 2025,
      members: street,
      current: referenceHistory,
      draft: draft.value,
    });
    expect(without.ok && without.value.members).toEqual([]);
    if (!withFacts.ok) throw new Error('what-if refused');
    expect(withFacts.value.members.map((m) => [m.member, m.before.total, m.after.total])).toEqual([
      ['m002', 100, 102],
      ['m003', 97, 100],
    ]);
    const [added] = withFacts.value.members[0]!.changes;
    expect(added).toMatchObject({
      kind: 'fact_rule',
      key: 'org_life:M1/m002/organisational_life',
      before: 0,
      after: 2,
    });
    expect(added?.message.zh).toBe(
      '草案的自动记分规则按事实记“参加组织生活（三会一课）”：本条由 0 分变为 2 分',
    );
    expect(withFacts.value.members[1]!.changes[0]).toMatchObject({ kind: 'fact_rule', before: -3, after: 0 });
  });
});
