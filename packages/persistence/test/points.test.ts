import {
  explainPoints,
  type LedgerInput,
  rankAndRate,
  referenceProfile,
  scoreYear,
  unwrap,
  yearPeriod,
} from '@jiceng/domain';
import {
  ConcurrentUpdateError,
  type Database,
  InvalidInputError,
  PointsLedgerRepository,
  PointsMemberRepository,
  StoredDataInvalidError,
} from '@jiceng/persistence';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pointsEntities } from '../src/points/schemas.js';
import {
  approve,
  branch,
  committee,
  point,
  residentId,
  rulesFor,
  self,
  streetMembers,
  submit,
} from './points-fixtures.js';
import { openScratchDatabase, testDatabases } from './support/databases.js';

async function codesOf(promise: Promise<unknown>): Promise<string[]> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof InvalidInputError) return error.issues.map((i) => i.code);
    throw error;
  }
  throw new Error('expected a refusal');
}

describe.each(testDatabases())('member points on $name', (target) => {
  let db: Database & { drop(): Promise<void> };
  let members: PointsMemberRepository;
  let ledger: PointsLedgerRepository;

  beforeAll(async () => {
    db = await openScratchDatabase(target, [...pointsEntities]);
    members = new PointsMemberRepository(db.em);
    ledger = new PointsLedgerRepository(db.em, { rules: rulesFor });
    await members.saveMembers(streetMembers);
  });

  afterAll(async () => {
    await db.drop();
  });

  const total = async (member: string, year = 2025) => {
    const loaded = await ledger.loadYear({ members: [member] }, year);
    const scores = unwrap(scoreYear(loaded.records, loaded.profiles[0]!));
    return scores.total[loaded.profiles[0]!.members.indexOf.get(member)!]!;
  };

  describe('members', () => {
    it('stores members with their personal data normalised, and loads many in one call', async () => {
      const [m001, missing, m100] = [
        ...(await members.findByCodes(['m001', 'nobody', 'm100'])),
        undefined,
        undefined,
      ];
      expect(missing?.code).toBe('m100');
      expect(m100).toBeUndefined();
      expect(m001).toMatchObject({
        code: 'm001',
        name: '张明',
        branch: 'b1',
        community: 'hanjianglu',
        grid: 'g1',
        residentId: residentId('1980-05-12', 11),
        mobile: '13812345678',
        profileId: 'reference',
        categories: [{ category: 'ordinary', from: '2020-01-01' }],
      });
      const m100Loaded = (await members.findByCodes(['m100']))[0];
      expect(m100Loaded?.dualRegistrations).toEqual([{ community: 'hanjianglu', from: '2024-03-01' }]);
    });

    it('lists members by branch or community, and who is registered at a community', async () => {
      expect(await members.codes({ branches: ['b1'] })).toEqual(['m001', 'm002', 'm003']);
      expect(await members.codes({ communities: ['shengli'], branches: ['tax_bureau'] })).toEqual([
        'm004',
        'm100',
      ]);
      expect(await members.codes({})).toEqual([]);
      expect((await members.registeredAt('hanjianglu')).map((m) => m.code)).toEqual([
        'm001',
        'm002',
        'm003',
        'm100',
      ]);
    });

    it('refuses a bad resident ID, mobile or member with every problem and stores nothing', async () => {
      const bad = {
        code: 'm900',
        name: '钱七',
        branch: 'b1',
        categories: [{ category: 'ordinary', from: '2020-01-01' }],
        residentId: `${residentId('1980-05-12', 11).slice(0, 17)}0`,
        mobile: '010-12345678',
      };
      const codes = await codesOf(members.saveMembers([bad, { ...bad, code: 'm901', categories: [] }]));
      expect(codes.sort()).toEqual(
        [
          'MOBILE_FORMAT',
          'MOBILE_FORMAT',
          'POINTS_INVALID_MEMBER',
          'RESIDENT_ID_CHECKSUM',
          'RESIDENT_ID_CHECKSUM',
        ].sort(),
      );
      expect(await members.findByCodes(['m900', 'm901'])).toEqual([]);
    });
  });

  describe("a member's year through the ledger", () => {
    it('records, submits and reviews; totals follow the branch review', async () => {
      const recorded = await ledger.append(
        point('jan-life', 'm001', 'organisational_life', '2025-01-08', { quantity: 1 }),
      );
      expect(recorded).toMatchObject({
        duplicate: false,
        record: { version: 1, record: { status: 'draft' } },
      });
      expect(recorded.entry.seq).toBeGreaterThan(0);
      expect(recorded.record.record.entry.seq).toBe(recorded.entry.seq);
      await ledger.append(submit('jan-life', '2025-01-31'));
      await ledger.append(
        point('feb-vol', 'm001', 'volunteer_service', '2025-02-15', {
          quantity: 4,
          evidence: ['sign-in-0215'],
        }),
      );
      await ledger.append(submit('feb-vol', '2025-02-28'));
      await ledger.append(point('mar-grid', 'm001', 'grid_duty', '2025-03-20', { quantity: 2 }));
      await ledger.append(submit('mar-grid', '2025-03-31'));
      expect(await total('m001')).toBe(100);

      const approved = await ledger.append(approve('jan-life', '2025-04-05'));
      expect(approved.record).toMatchObject({
        version: 3,
        record: { status: 'approved', steps: ['jan-life/submit', 'jan-life/review'] },
      });
      expect(approved.record.record.entry.seq).toBe(recorded.entry.seq);
      await ledger.append({
        type: 'review',
        key: 'feb-vol/review',
        entry: 'feb-vol',
        by: branch,
        on: '2025-04-10',
        decision: 'adjust',
        reason: '签到表只记录了 3 小时',
        adjustment: { quantity: 3 },
      });
      await ledger.append({
        type: 'review',
        key: 'mar-grid/review',
        entry: 'mar-grid',
        by: branch,
        on: '2025-04-10',
        decision: 'reject',
        reason: '网格联系记录中没有这两次走访',
      });
      const [feb, mar] = await ledger.findByKeys(['feb-vol', 'mar-grid']);
      expect(feb?.record).toMatchObject({
        status: 'adjusted',
        adjustment: { quantity: 3 },
        reviewReason: '签到表只记录了 3 小时',
      });
      expect(mar?.record).toMatchObject({ status: 'rejected', reviewReason: '网格联系记录中没有这两次走访' });
      expect(await total('m001')).toBe(105);
    });

    it('refuses what the domain refuses, with its codes, and writes nothing', async () => {
      const before = await ledger.ledgerInputs({ members: ['m001'] }, 2025);
      expect(
        await codesOf(
          ledger.append({
            type: 'review',
            key: 'again',
            entry: 'jan-life',
            by: branch,
            on: '2025-04-11',
            decision: 'approve',
          }),
        ),
      ).toEqual(['POINTS_INVALID_TRANSITION']);
      expect(
        await codesOf(
          ledger.append({
            type: 'review',
            key: 'own',
            entry: 'feb-vol',
            by: self,
            on: '2025-04-20',
            decision: 'approve',
          }),
        ),
      ).toEqual(['POINTS_INVALID_TRANSITION']);
      expect(
        await codesOf(ledger.append(point('x1', 'ghost', 'grid_duty', '2025-03-01', { quantity: 1 }))),
      ).toEqual(['POINTS_UNKNOWN_MEMBER']);
      expect(await codesOf(ledger.append(submit('no-such-entry', '2025-03-01')))).toEqual([
        'POINTS_UNKNOWN_ENTRY',
      ]);
      expect(
        await codesOf(ledger.append(point('x2', 'm001', 'grid_duty', '2025-02-30', { quantity: 1 }))),
      ).toEqual(['POINTS_INVALID_INPUT']);
      expect(
        await codesOf(
          ledger.append(point('x'.repeat(201), 'm001', 'grid_duty', '2025-03-01', { quantity: 1 })),
        ),
      ).toEqual(['POINTS_INVALID_INPUT']);
      expect(
        await codesOf(
          ledger.append(
            point('x3', 'm001', 'community_report_service', '2025-03-01', { quantity: 1, evidence: ['e'] }),
          ),
        ),
      ).toEqual(['POINTS_CATEGORY_NOT_ELIGIBLE', 'POINTS_RECORDER_NOT_ALLOWED']);
      expect(await ledger.ledgerInputs({ members: ['m001'] }, 2025)).toEqual(before);
    });

    it('treats the same key with the same payload as a no-op, and another payload as a conflict', async () => {
      const input = point('apr-life', 'm001', 'organisational_life', '2025-04-03', { quantity: 1 });
      const first = await ledger.append(input);
      const again = await ledger.append({ ...input });
      expect(again).toMatchObject({ duplicate: true, notes: [] });
      expect(again.entry).toEqual(first.entry);
      expect(again.record).toEqual(first.record);
      const conflict = ledger.append({ ...input, quantity: 2 });
      await expect(conflict).rejects.toBeInstanceOf(InvalidInputError);
      await expect(ledger.append({ ...input, quantity: 2 })).rejects.toMatchObject({
        issues: [
          expect.objectContaining({
            code: 'POINTS_IDEMPOTENCY_CONFLICT',
            details: { key: 'apr-life', existingSeq: first.entry.seq },
          }),
        ],
      });
      // A step replayed after the entry moved on is still the stored step, not a refusal.
      const submitted = await ledger.append(submit('apr-life', '2025-04-30'));
      await ledger.append(approve('apr-life', '2025-07-05'));
      const replayed = await ledger.append(submit('apr-life', '2025-04-30'));
      expect(replayed.duplicate).toBe(true);
      expect(replayed.entry.seq).toBe(submitted.entry.seq);
      expect(replayed.record.record.status).toBe('approved');
      // A key reused by a different kind of input elsewhere in the ledger is a conflict too.
      await expect(
        ledger.append(point('jan-life/submit', 'm003', 'grid_duty', '2025-05-01', { quantity: 1 })),
      ).rejects.toMatchObject({
        issues: [expect.objectContaining({ code: 'POINTS_IDEMPOTENCY_CONFLICT' })],
      });
    });

    it('refuses a step decided on a stale version of the entry', async () => {
      await ledger.append(point('may-grid', 'm001', 'grid_duty', '2025-05-03', { quantity: 1 }));
      const sub = await ledger.append(submit('may-grid', '2025-05-31'));
      expect(sub.record.version).toBe(2);
      await expect(
        ledger.append(approve('may-grid', '2025-07-01'), { expectedVersion: 1 }),
      ).rejects.toBeInstanceOf(ConcurrentUpdateError);
      const ok = await ledger.append(approve('may-grid', '2025-07-01'), { expectedVersion: 2 });
      expect(ok.record).toMatchObject({ version: 3, record: { status: 'approved' } });
    });

    it('notes a cap that bites without refusing the entry', async () => {
      const nov = await ledger.append(
        point('nov-vol', 'm001', 'volunteer_service', '2025-11-20', {
          quantity: 12,
          evidence: ['sign-in-1120'],
        }),
      );
      expect(nov.notes.map((n) => n.code)).toEqual(['POINTS_OVER_CAP']);
      expect(nov.notes[0]?.details).toMatchObject({ period: 'month', cap: 10, counts: 10 });
      await ledger.append(submit('nov-vol', '2025-11-30'));
      await ledger.append(approve('nov-vol', '2026-01-10'));
      await ledger.append(
        point('may-absent', 'm001', 'absence_without_leave', '2025-05-10', { quantity: 1, by: branch }),
      );
      await ledger.append(
        point('jun-mediation', 'm001', 'dispute_mediation', '2025-06-01', {
          quantity: 1,
          evidence: ['case-3301'],
          by: { role: 'system', id: 'resident_request_channel' },
        }),
      );
      await ledger.append(approve('jun-mediation', '2025-07-05'));
      await ledger.append(point('dec-life', 'm001', 'organisational_life', '2025-12-28', { quantity: 1 }));
      // 100 + 2 + 3 + 2 (April) + 1 (May grid) − 3 + 3 + 10 (capped from 12)
      expect(await total('m001')).toBe(118);
    });
  });

  describe('the committee audit locks a branch’s year', () => {
    it('refuses an audit too early or while a step is open, then locks the branch', async () => {
      expect(
        await codesOf(
          ledger.audit('b1', {
            type: 'audit',
            key: 'audit-early',
            year: 2025,
            by: committee,
            on: '2025-12-31',
          }),
        ),
      ).toEqual(['POINTS_AUDIT_TOO_EARLY']);
      expect(
        await codesOf(
          ledger.audit('b1', {
            type: 'audit',
            key: 'audit-jan5',
            year: 2025,
            by: committee,
            on: '2026-01-05',
          }),
        ),
      ).toEqual(['POINTS_AUDIT_PENDING_REVIEW']);
      const audit = {
        type: 'audit',
        key: 'audit-b1-2025',
        year: 2025,
        by: committee,
        on: '2026-01-20',
      } as const;
      const locked = await ledger.audit('b1', audit);
      expect(locked).toMatchObject({
        duplicate: false,
        lock: { branch: 'b1', year: 2025, key: 'audit-b1-2025', on: '2026-01-20', daysLate: 0 },
      });
      expect(locked.audited).toBeGreaterThan(0);
      expect(locked.lapsed).toBe(1);
      expect((await ledger.audit('b1', audit)).duplicate).toBe(true);
      expect(await ledger.yearLocks(['b1', 'b2'], 2025)).toEqual([
        { branch: 'b1', year: 2025, key: 'audit-b1-2025', on: '2026-01-20', by: 'street_committee' },
      ]);
      const [jan, dec, mar] = await ledger.findByKeys(['jan-life', 'dec-life', 'mar-grid']);
      expect([jan?.record.status, dec?.record.status, mar?.record.status]).toEqual([
        'audited',
        'lapsed',
        'rejected',
      ]);
      expect(await total('m001')).toBe(118);
    });

    it('refuses every change to the locked year but a committee reversal; other branches stay open', async () => {
      expect(
        await codesOf(
          ledger.append(
            point('late', 'm001', 'grid_duty', '2025-12-30', { quantity: 1, by: branch, on: '2026-01-25' }),
          ),
        ),
      ).toEqual(['POINTS_YEAR_LOCKED']);
      expect(await codesOf(ledger.append(submit('dec-life', '2026-01-21')))).toEqual(['POINTS_YEAR_LOCKED']);
      expect(
        await codesOf(
          ledger.append({
            type: 'reversal',
            key: 'rev-by-branch',
            entry: 'jun-mediation',
            by: branch,
            on: '2026-03-01',
            reason: '重复',
          }),
        ),
      ).toEqual(['POINTS_ROLE_NOT_ALLOWED']);
      expect(
        await codesOf(
          ledger.audit('b1', {
            type: 'audit',
            key: 'audit-again',
            year: 2025,
            by: committee,
            on: '2026-01-25',
          }),
        ),
      ).toEqual(['POINTS_YEAR_LOCKED']);
      // Branch b2 is not locked: its members still record for 2025.
      const b2 = await ledger.append(
        point('m004-late', 'm004', 'pioneer_post', '2025-12-30', {
          quantity: 1,
          evidence: ['e'],
          by: { role: 'branch', id: 'b2' },
          on: '2026-01-10',
        }),
      );
      expect(b2.record.record.status).toBe('approved');

      const reversal = await ledger.append({
        type: 'reversal',
        key: 'rev-mediation',
        entry: 'jun-mediation',
        by: committee,
        on: '2026-03-01',
        reason: '该纠纷已由他人记分，重复记录',
      });
      expect(reversal.record.record).toMatchObject({
        status: 'reversed',
        reversal: { key: 'rev-mediation' },
      });
      expect(await total('m001')).toBe(115);
      const correction = await ledger.append(
        point('fix-mediation', 'm001', 'dispute_mediation', '2025-06-01', {
          quantity: 1,
          evidence: ['case-3301'],
          by: committee,
          on: '2026-03-02',
          correctionOf: 'rev-mediation',
        }),
      );
      expect(correction.record.record.status).toBe('audited');
      expect(await total('m001')).toBe(118);
      // A correction can itself be reversed by the committee, and restated again.
      const undone = await ledger.append({
        type: 'reversal',
        key: 'rev-fix',
        entry: 'fix-mediation',
        by: committee,
        on: '2026-03-05',
        reason: '更正有误',
      });
      expect(undone.record.record.status).toBe('reversed');
      expect(await total('m001')).toBe(115);
      await ledger.append(
        point('fix-again', 'm001', 'dispute_mediation', '2025-06-01', {
          quantity: 1,
          evidence: ['case-3301'],
          by: committee,
          on: '2026-03-06',
          correctionOf: 'rev-fix',
        }),
      );
      expect(await total('m001')).toBe(118);
      // A correction naming another member's reversal: the domain's own reason.
      await ledger.append({
        type: 'reversal',
        key: 'rev-m004',
        entry: 'm004-late',
        by: committee,
        on: '2026-03-03',
        reason: '误记',
      });
      const foreign = ledger.append(
        point('fix-wrong', 'm001', 'pioneer_post', '2025-03-01', {
          quantity: 1,
          evidence: ['e'],
          by: committee,
          on: '2026-03-04',
          correctionOf: 'rev-m004',
        }),
      );
      await expect(foreign).rejects.toMatchObject({
        issues: [expect.objectContaining({ code: 'POINTS_INVALID_CORRECTION' })],
      });
    });

    it('explains, ranks and rates from the stored rows as the domain does from a replay', async () => {
      const loaded = await ledger.loadYear({ branches: ['b1'] }, 2025);
      const replayed = await ledger.replayYear({ branches: ['b1'] }, 2025);
      expect(loaded.records).toEqual(replayed);
      const explained = unwrap(explainPoints(loaded.records, 'm001', yearPeriod(2025), loaded.profiles[0]!));
      expect(explained.total).toBe(118);
      expect(explained.capsThatBit).toHaveLength(1);
      const scores = unwrap(scoreYear(loaded.records, loaded.profiles[0]!));
      const { rankings, rating } = unwrap(rankAndRate(scores, { rules: loaded.profiles[0]!.rules }));
      expect(rankings[0]?.members[0]).toMatchObject({ member: 'm001', rank: 1, total: 118 });
      expect(rating.ratings.find((r) => r.member === 'm001')?.band).toBe('qualified');
      expect(loaded.locks.map((l) => l.key)).toEqual(['audit-b1-2025']);
    });

    it('replays the stored ledger to the same inputs, with nothing ever updated or deleted', async () => {
      const inputs = await ledger.ledgerInputs({ members: ['m001'] }, 2025);
      const seqs = inputs.map((e) => e.seq);
      expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
      const jan = inputs.find((e) => e.key === 'jan-life');
      expect(jan).toEqual({
        ...point('jan-life', 'm001', 'organisational_life', '2025-01-08', { quantity: 1 }),
        seq: jan?.seq,
      });
      const methods = Object.getOwnPropertyNames(PointsLedgerRepository.prototype);
      expect(methods.filter((m) => /update|delete|remove|edit/i.test(m))).toEqual([]);
    });
  });

  it('refuses a step decided on a member whose placement changed since, and an audit decided on other members', async () => {
    const [m004] = await members.findByCodes(['m004']);
    const decided = m004!;
    // Decided on the member as stored: written.
    const recorded = await ledger.append(
      point('placed-1', 'm004', 'grid_duty', '2026-02-03', {
        quantity: 1,
        by: { role: 'branch', id: decided.branch },
      }),
      { decidedOn: decided },
    );
    expect(recorded.entry.by).toEqual({ role: 'branch', id: 'b2' });
    expect(recorded.record.record.status).toBe('approved');
    // Decided on a member placed elsewhere (another branch, grid, profile or registrations): refused.
    for (const moved of [
      { ...decided, branch: 'b1' },
      { ...decided, grid: 'G-other' },
      { ...decided, profileId: 'other' },
      { ...decided, dualRegistrations: [{ community: 'c9', from: '2026-01-01' }] },
    ]) {
      await expect(
        ledger.append(
          point('placed-2', 'm004', 'grid_duty', '2026-02-04', {
            quantity: 1,
            by: { role: 'branch', id: 'b2' },
          }),
          {
            decidedOn: moved,
          },
        ),
      ).rejects.toBeInstanceOf(ConcurrentUpdateError);
      await expect(
        ledger.append(
          {
            type: 'reversal',
            key: 'placed-rev',
            entry: 'placed-1',
            reason: 'wrong',
            by: { role: 'branch', id: 'b2' },
            on: '2026-02-05',
          },
          { decidedOn: moved },
        ),
      ).rejects.toBeInstanceOf(ConcurrentUpdateError);
    }
    const branch = await members.list({ branches: ['b2'] });
    for (const decidedOn of [
      branch.slice(1),
      [...branch, { ...decided, code: 'm999' }],
      [{ ...decided, community: 'c9' }],
    ]) {
      await expect(
        ledger.audit(
          'b2',
          { type: 'audit', key: 'audit-b2', year: 2026, by: committee, on: '2027-02-01' },
          { decidedOn },
        ),
      ).rejects.toBeInstanceOf(ConcurrentUpdateError);
    }
    expect(await ledger.findByKeys(['placed-2', 'placed-rev'])).toEqual([]);
    expect(await ledger.yearLocks(['b2'], 2026)).toEqual([]);
  });

  it('names a profile it cannot resolve instead of scoring under the wrong rules', async () => {
    const other = new PointsLedgerRepository(db.em, { rules: () => undefined });
    await expect(
      other.append(point('p1', 'm002', 'grid_duty', '2025-03-01', { quantity: 1 })),
    ).rejects.toBeInstanceOf(StoredDataInvalidError);
    expect(referenceProfile.id).toBe('reference');
  });

  it('writes one entry in one transaction of at most five statements', async () => {
    const knex = db.em.getConnection().getKnex();
    const statements: string[] = [];
    const listener = (q: { sql: string }) => statements.push(q.sql);
    knex.on('query', listener);
    try {
      await ledger.append(point('stmt-1', 'm002', 'grid_duty', '2026-03-05', { quantity: 1 }));
      const recorded = [...statements];
      statements.length = 0;
      await ledger.append(submit('stmt-1', '2026-03-31', 'm002'));
      const stepped = [...statements];
      for (const run of [recorded, stepped]) {
        expect(run.length).toBeLessThanOrEqual(5);
        expect(run[0]?.toLowerCase()).toMatch(/^begin/);
        expect(run.at(-1)?.toLowerCase()).toMatch(/^commit/);
        expect(run.filter((s) => /^begin/i.test(s))).toHaveLength(1);
      }
    } finally {
      knex.removeListener('query', listener);
    }
  });

  it('keeps inputs of the domain shape: a malformed one is refused before any SQL', async () => {
    const bad = {
      type: 'point',
      key: 'bad',
      member: 'm001',
      item: 'grid_duty',
      date: 'soon',
      by: self,
      on: '2025-01-01',
    };
    await expect(ledger.append(bad as unknown as LedgerInput as never)).rejects.toMatchObject({
      issues: [expect.objectContaining({ code: 'POINTS_INVALID_INPUT', path: ['date'] })],
    });
  });
});
