import {
  appendToLedger,
  checkPointEntry,
  emptyLedger,
  findEntry,
  type LedgerInput,
  ledgerEntries,
  pointRecord,
  pointRecords,
  replayLedger,
  samePayload,
  unwrap,
} from '@jiceng/domain';
import { describe, expect, it } from 'vitest';
import { context, point } from './fixtures.js';

const branch = { role: 'branch', id: 'b1' } as const;

function codes(input: LedgerInput, ledger = emptyLedger()): string[] {
  const r = appendToLedger(ledger, input, context);
  return r.ok ? [] : r.issues.map((i) => i.code);
}

describe('the append-only ledger', () => {
  const first = point('k1', 'm001', 'organisational_life', '2025-03-05', { quantity: 1 });

  it('keeps one entry per idempotency key and returns it on a retry', () => {
    const a = unwrap(appendToLedger(emptyLedger(), first, context));
    expect(a).toMatchObject({ duplicate: false, entry: { key: 'k1', seq: 0 } });
    const b = unwrap(appendToLedger(a.ledger, { ...first }, context));
    expect(b.duplicate).toBe(true);
    expect(b.ledger).toBe(a.ledger);
    expect(b.entry).toBe(a.entry);
  });

  it('answers a retry even after the step would no longer be allowed', () => {
    const { ledger } = unwrap(
      replayLedger(
        [
          first,
          { type: 'submit', key: 's1', entry: 'k1', by: { role: 'self', id: 'm001' }, on: '2025-03-06' },
        ],
        context,
      ),
    );
    const retry = appendToLedger(
      ledger,
      { type: 'submit', key: 's1', entry: 'k1', by: { role: 'self', id: 'm001' }, on: '2025-03-06' },
      context,
    );
    expect(retry.ok && retry.value.duplicate).toBe(true);
  });

  it('compares payloads as data: key order, absent members and seq do not matter', () => {
    const stored = { ...unwrap(appendToLedger(emptyLedger(), first, context)).entry };
    const reordered = Object.fromEntries(Object.entries(first).reverse()) as LedgerInput;
    expect(samePayload(stored, reordered)).toBe(true);
    expect(samePayload(first, { ...first, evidence: undefined })).toBe(true);
    expect(samePayload(first, { ...first, quantity: 2 })).toBe(false);
    expect(samePayload(first, { ...first, by: { role: 'branch', id: 'b2' } })).toBe(false);
  });

  it('refuses the same key with another payload', () => {
    const { ledger } = unwrap(appendToLedger(emptyLedger(), first, context));
    const r = appendToLedger(ledger, { ...first, quantity: 2 }, context);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues[0]).toMatchObject({
        code: 'POINTS_IDEMPOTENCY_CONFLICT',
        path: ['key'],
        details: { key: 'k1', existingSeq: 0 },
      });
      expect(r.issues[0]?.message.zh).toContain('幂等键“k1”已用于第 0 条台账记录');
    }
    // A key belongs to the whole ledger, whatever the type of entry.
    expect(
      codes(
        { type: 'audit', key: 'k1', year: 2025, by: { role: 'committee', id: 'c' }, on: '2026-01-20' },
        ledger,
      ),
    ).toEqual(['POINTS_IDEMPOTENCY_CONFLICT']);
  });

  it('never changes an appended entry, and old ledgers read as they were', () => {
    const input = { ...first, evidence: ['photo'] };
    const a = unwrap(appendToLedger(emptyLedger(), input, context));
    (input.evidence as string[]).push('changed later');
    expect(findEntry(a.ledger, 'k1')).toMatchObject({ evidence: ['photo'] });
    expect(Object.isFrozen(a.entry)).toBe(true);
    expect(() => {
      (a.entry as { key: string }).key = 'x';
    }).toThrow(TypeError);

    const b = unwrap(
      appendToLedger(
        a.ledger,
        { type: 'submit', key: 's', entry: 'k1', by: { role: 'self', id: 'm001' }, on: '2025-03-06' },
        context,
      ),
    ).ledger;
    expect(pointRecord(a.ledger, 'k1')?.status).toBe('draft');
    expect(pointRecord(b, 'k1')?.status).toBe('submitted');
    expect(findEntry(a.ledger, 's')).toBeUndefined();
    expect(ledgerEntries(a.ledger)).toHaveLength(1);

    // Appending to the older ledger again starts a separate history.
    const c = unwrap(
      appendToLedger(a.ledger, point('k2', 'm001', 'grid_duty', '2025-03-07', { quantity: 1 }), context),
    ).ledger;
    expect(ledgerEntries(c).map((e) => e.key)).toEqual(['k1', 'k2']);
    expect(ledgerEntries(b).map((e) => e.key)).toEqual(['k1', 's']);
    expect(pointRecord(c, 'k1')?.status).toBe('draft');
    expect(findEntry(b, 'k2')).toBeUndefined();
  });

  it('lists point records per member and per year of occurrence', () => {
    const { ledger } = unwrap(
      replayLedger(
        [
          first,
          point('k2', 'm003', 'pioneer_post', '2025-03-06', { quantity: 1, evidence: ['e'], by: branch }),
          point('k3', 'm001', 'grid_duty', '2025-12-31', { quantity: 1, on: '2026-01-02' }),
          point('k4', 'm001', 'grid_duty', '2026-01-01', { quantity: 1 }),
        ],
        context,
      ),
    );
    expect(pointRecords(ledger, { member: 'm001' }).map((r) => r.entry.key)).toEqual(['k1', 'k3', 'k4']);
    expect(pointRecords(ledger, { year: 2025 }).map((r) => r.entry.key)).toEqual(['k1', 'k2', 'k3']);
    expect(pointRecords(ledger, { member: 'm001', year: 2026 }).map((r) => r.entry.key)).toEqual(['k4']);
    expect(pointRecords(ledger).length).toBe(4);
  });

  it('stops a replay at the first refusal and says which input', () => {
    const r = replayLedger(
      [
        first,
        { type: 'submit', key: 's', entry: 'missing', by: { role: 'self', id: 'm001' }, on: '2025-03-06' },
      ],
      context,
    );
    expect(r.ok ? [] : r.issues.map((i) => [i.code, i.path])).toEqual([
      ['POINTS_UNKNOWN_ENTRY', [1, 'entry']],
    ]);
  });

  it('refuses malformed input as data, not by throwing', () => {
    expect(codes({ ...first, key: ' ' })).toEqual(['POINTS_INVALID_INPUT']);
    expect(codes({ ...first, type: 'edit' } as unknown as LedgerInput)).toEqual(['POINTS_INVALID_INPUT']);
    expect(codes({ ...first, on: '2025-02-30' })).toEqual(['POINTS_INVALID_INPUT']);
    expect(codes({ ...first, by: { role: 'mayor', id: 'x' } } as unknown as LedgerInput)).toEqual([
      'POINTS_INVALID_INPUT',
    ]);
    expect(codes({ ...first, date: '2025/03/05' })).toEqual(['POINTS_INVALID_INPUT']);
  });
});

describe('recording against the item catalogue', () => {
  it('gives each problem its own code, all at once', () => {
    const r = checkPointEntry(
      point('x', 'm001', 'pioneer_post', '2025-03-05', {
        quantity: 1.5,
        by: { role: 'self', id: 'm002' },
        on: '2025-03-01',
      }),
      context,
    );
    expect(r.ok ? [] : r.issues.map((i) => i.code)).toEqual([
      'POINTS_CATEGORY_NOT_ELIGIBLE',
      'POINTS_RECORDER_NOT_ALLOWED',
      'POINTS_ACTOR_MISMATCH',
      'POINTS_EVIDENCE_REQUIRED',
      'POINTS_INVALID_QUANTITY',
      'POINTS_DATE_OUT_OF_ORDER',
    ]);
  });

  it('refuses an unknown item and an unknown member', () => {
    expect(codes(point('x', 'm001', 'river_patrol', '2025-03-05'))).toEqual(['POINTS_UNKNOWN_ITEM']);
    expect(codes(point('x', 'm999', 'grid_duty', '2025-03-05', { quantity: 1 }))).toEqual([
      'POINTS_UNKNOWN_MEMBER',
    ]);
  });

  it('checks quantities against the item’s unit', () => {
    expect(codes(point('x', 'm001', 'late_dues', '2025-03-05', { quantity: 2, by: branch }))).toEqual([
      'POINTS_INVALID_QUANTITY',
    ]);
    expect(codes(point('x', 'm001', 'late_dues', '2025-03-05', { quantity: 1, by: branch }))).toEqual([]);
    expect(codes(point('x', 'm001', 'grid_duty', '2025-03-05'))).toEqual(['POINTS_INVALID_QUANTITY']);
    expect(codes(point('x', 'm001', 'grid_duty', '2025-03-05', { quantity: 0 }))).toEqual([
      'POINTS_INVALID_QUANTITY',
    ]);
    expect(
      codes(point('x', 'm001', 'volunteer_service', '2025-03-05', { quantity: 1.5, evidence: ['e'] })),
    ).toEqual([]);
  });

  it('lets a community record only for members registered there (dual registration)', () => {
    const byCommunity = (id: string, member: string, date: string) =>
      point('x', member, 'community_report_service', date, {
        quantity: 1,
        evidence: ['e'],
        by: { role: 'community', id },
      });
    expect(codes(byCommunity('hanjianglu', 'm100', '2025-03-05'))).toEqual([]);
    expect(codes(byCommunity('shengli', 'm100', '2025-03-05'))).toEqual(['POINTS_NOT_DUAL_REGISTERED']);
    expect(codes(byCommunity('hanjianglu', 'm101', '2025-01-02'))).toEqual([]);
    expect(codes(byCommunity('hanjianglu', 'm001', '2025-03-05'))).toEqual([
      'POINTS_CATEGORY_NOT_ELIGIBLE',
      'POINTS_NOT_DUAL_REGISTERED',
    ]);
  });

  it('closes recording with the cadence: the member’s by the month’s self-assessment, others’ by the branch review', () => {
    expect(codes(point('x', 'm001', 'grid_duty', '2025-03-05', { quantity: 1, on: '2025-04-10' }))).toEqual(
      [],
    );
    expect(codes(point('x', 'm001', 'grid_duty', '2025-03-05', { quantity: 1, on: '2025-04-11' }))).toEqual([
      'POINTS_DEADLINE_PASSED',
    ]);
    expect(
      codes(point('x', 'm001', 'grid_duty', '2025-03-05', { quantity: 1, by: branch, on: '2025-04-15' })),
    ).toEqual([]);
    expect(
      codes(point('x', 'm001', 'grid_duty', '2025-03-05', { quantity: 1, by: branch, on: '2025-04-16' })),
    ).toEqual(['POINTS_DEADLINE_PASSED']);
    expect(
      codes(
        point('x', 'm001', 'honour', '2025-03-05', {
          evidence: ['e'],
          by: { role: 'committee', id: 'c' },
          on: '2025-11-30',
        }),
      ),
    ).toEqual([]);
  });

  it('keeps an over-cap entry and says how much will count, counting entries still under review', () => {
    const { ledger } = unwrap(
      replayLedger(
        [
          point('h1', 'm001', 'hazard_report', '2025-04-02', { quantity: 2, evidence: ['e'], by: branch }),
          point('h2', 'm001', 'hazard_report', '2025-05-02', {
            quantity: 1,
            evidence: ['e'],
            by: { role: 'system', id: 'channel' },
          }),
        ],
        context,
      ),
    );
    const r = unwrap(
      appendToLedger(
        ledger,
        point('h3', 'm001', 'hazard_report', '2025-06-02', { quantity: 2, evidence: ['e'], by: branch }),
        context,
      ),
    );
    expect(r.duplicate).toBe(false);
    expect(r.notes).toEqual([
      {
        code: 'POINTS_OVER_CAP',
        message: {
          zh: '“发现报告安全隐患”季度上限 8 分，本期已记 6 分，本条 4 分，预计只计 2 分',
          en: '"Reporting a safety hazard" has a quarterly cap of 8; 6 already recorded in the period, this entry\'s 4 will count as 2',
        },
        details: { item: 'hazard_report', period: 'quarter', cap: 8, before: 6, requested: 4, counts: 2 },
      },
    ]);
    expect(pointRecord(r.ledger, 'h3')?.status).toBe('approved');
  });
});
