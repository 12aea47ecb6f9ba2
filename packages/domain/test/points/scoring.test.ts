import {
  appendToLedger,
  categoryOn,
  compilePointColumns,
  createMemberDirectory,
  emptyLedger,
  explainPoints,
  monthPeriod,
  periodTotal,
  pointRecords,
  quarterPeriod,
  replayLedger,
  scoreColumns,
  scoreYear,
  unwrap,
  yearPeriod,
} from '@jiceng/domain';
import { describe, expect, it } from 'vitest';
import {
  fallingCaps,
  point,
  record,
  referenceHistory,
  street,
  turnedItem,
  twoVersionCatalog,
  twoVersions,
} from './fixtures.js';

const options = { members: street, rules: referenceHistory };

describe('explaining a total', () => {
  const records = [
    record('a1', 'm001', 'volunteer_service', '2025-03-02', { quantity: 6 }),
    record('a2', 'm001', 'volunteer_service', '2025-03-20', { quantity: 6 }),
    record('a3', 'm001', 'organisational_life', '2025-03-05', { quantity: 2 }),
    record('a4', 'm001', 'late_dues', '2025-05-05'),
    record('a5', 'm001', 'grid_duty', '2025-05-06', { quantity: 2, status: 'submitted' }),
    record('a6', 'm001', 'honour', '2025-09-01', { adjustment: { points: 8 }, status: 'adjusted' }),
    record('a7', 'm001', 'mobile_contact', '2025-09-02', { quantity: 1 }),
  ];

  it('lists entries, the caps that bit and the rule versions, and adds up', () => {
    const e = unwrap(explainPoints(records, 'm001', yearPeriod(2025), options));
    expect(e).toMatchObject({
      base: 100,
      baseVersion: '2025.1',
      awards: 10 + 4 + 8,
      deductions: 5,
      total: 117,
    });
    expect(e.capsThatBit).toHaveLength(1);
    expect(e.capsThatBit[0]).toMatchObject({
      key: 'a2',
      period: 'month',
      cap: 10,
      before: 6,
      requested: 6,
      granted: 4,
    });
    expect(e.capsThatBit[0]?.message.zh).toBe(
      '“志愿服务”月度上限 10 分，此前已计 6 分，本条 6 分只计 4 分（上限按发生日期先后占用：2025-03-02“a1”已占 6 分）',
    );
    expect(e.capsThatBit[0]?.takenBy).toEqual([{ key: 'a1', date: '2025-03-02', granted: 6 }]);
    expect(e.versions).toEqual([{ version: '2025.1', effectiveFrom: '2025-01-01', entries: 5 }]);
    expect(e.lines.map((l) => [l.key, l.points])).toEqual([
      ['a1', 6],
      ['a3', 4],
      ['a2', 4],
      ['a4', -5],
      ['a5', 0],
      ['a6', 8],
      ['a7', 0],
    ]);
    expect(e.lines.find((l) => l.key === 'a5')?.excluded?.reason).toBe('pending');
    expect(e.lines.find((l) => l.key === 'a7')?.excluded).toEqual({
      reason: 'not_eligible',
      message: {
        zh: '该项目不适用于党员当日的类别',
        en: 'the item does not apply to the member’s category on that date',
      },
    });
    expect(e.summary.en).toBe(
      '2025: base 100 + awards 22 − deductions 5 = 117; 5 entries counted, 2 not, 1 capped',
    );
  });

  it('gives month and quarter totals without the base score', () => {
    const scores = unwrap(scoreYear(records, { ...options, year: 2025 }));
    expect(periodTotal(scores, 'm001', monthPeriod(2025, 3))).toMatchObject({
      base: 0,
      awards: 14,
      deductions: 0,
      total: 14,
    });
    expect(periodTotal(scores, 'm001', quarterPeriod(2025, 2))).toMatchObject({
      awards: 0,
      deductions: 5,
      total: -5,
    });
    expect(periodTotal(scores, 'm001', yearPeriod(2025))?.total).toBe(117);
    expect(unwrap(explainPoints(records, 'm001', monthPeriod(2025, 3), options)).total).toBe(14);
    expect(periodTotal(scores, 'nobody', yearPeriod(2025))).toBeUndefined();
  });

  it('walks quarter caps from January, so a later month knows what earlier months used', () => {
    // Mediation: 3 points a time, 12 a quarter.
    const q = [
      record('q1', 'm001', 'dispute_mediation', '2025-01-10', { quantity: 3 }),
      record('q2', 'm001', 'dispute_mediation', '2025-02-10', { quantity: 2 }),
      record('q3', 'm001', 'dispute_mediation', '2025-03-10', { quantity: 1 }),
      record('q4', 'm001', 'dispute_mediation', '2025-04-10', { quantity: 1 }),
    ];
    const feb = unwrap(explainPoints(q, 'm001', monthPeriod(2025, 2), options));
    expect(feb.lines[0]).toMatchObject({ requested: 6, granted: 3, cap: { period: 'quarter', before: 9 } });
    const mar = unwrap(explainPoints(q, 'm001', monthPeriod(2025, 3), options));
    expect(mar.total).toBe(0);
    expect(unwrap(explainPoints(q, 'm001', monthPeriod(2025, 4), options)).total).toBe(3);
  });

  it('refuses a member the directory does not know', () => {
    const r = explainPoints(records, 'nobody', yearPeriod(2025), options);
    expect(r.ok ? [] : r.issues.map((i) => i.code)).toEqual(['POINTS_UNKNOWN_MEMBER']);
    const s = scoreYear([record('x', 'nobody', 'honour', '2025-01-01')], { ...options, year: 2025 });
    expect(s.ok ? [] : s.issues.map((i) => i.code)).toEqual(['POINTS_UNKNOWN_MEMBER']);
  });
});

describe('a rule change in the middle of the year', () => {
  const ctx = { members: street, rules: twoVersions };
  const inputs = [
    point('jun', 'm001', 'volunteer_service', '2025-06-30', {
      quantity: 12,
      evidence: ['e'],
      by: { role: 'branch', id: 'b1' },
    }),
    point('jul', 'm001', 'volunteer_service', '2025-07-01', {
      quantity: 12,
      evidence: ['e'],
      by: { role: 'branch', id: 'b1' },
    }),
  ];

  it('scores each entry under the version in force on its date', () => {
    expect(unwrap(twoVersionCatalog.profileAt('test_county', '2025-07-01')).version).toBe('2025.2');
    const { ledger } = unwrap(replayLedger(inputs, ctx));
    const e = unwrap(explainPoints(pointRecords(ledger), 'm001', yearPeriod(2025), ctx));
    // June: 12 h × 1 capped at 10 a month; July: 12 h × 2 = 24 capped at 16.
    expect(e.lines.map((l) => [l.key, l.version, l.requested, l.granted])).toEqual([
      ['jun', '2025.1', 12, 10],
      ['jul', '2025.2', 24, 16],
    ]);
    expect(e.versions).toEqual([
      { version: '2025.1', effectiveFrom: '2025-01-01', entries: 1 },
      { version: '2025.2', effectiveFrom: '2025-07-01', entries: 1 },
    ]);
    expect(e.total).toBe(126);
    const scores = unwrap(scoreYear(pointRecords(ledger), { ...ctx, year: 2025 }));
    expect(scores.total[street.indexOf.get('m001')!]).toBe(126);
  });

  it('keeps counting a yearly cap across versions by item code', () => {
    // 60 a year in both versions: 10 a month for six months, then July's 16 meets the year cap at 60.
    const many = [1, 2, 3, 4, 5].map((m) =>
      record(`v${m}`, 'm001', 'volunteer_service', `2025-0${m}-10`, { quantity: 10 }),
    );
    many.push(record('v6', 'm001', 'volunteer_service', '2025-07-10', { quantity: 8 }));
    const e = unwrap(explainPoints(many, 'm001', yearPeriod(2025), ctx));
    expect(e.lines.at(-1)).toMatchObject({
      version: '2025.2',
      requested: 16,
      granted: 10,
      cap: { period: 'year', cap: 60, before: 50 },
    });
  });

  it('refuses an entry dated before the profile’s first version', () => {
    const r = appendToLedger(
      emptyLedger(),
      point('old', 'm001', 'grid_duty', '2024-12-30', { quantity: 1, on: '2025-01-02' }),
      ctx,
    );
    expect(r.ok ? [] : r.issues.map((i) => i.code)).toEqual(['POINTS_NO_RULES_AT_DATE']);
  });
});

describe('a cap lowered in the middle of a month', () => {
  const ctx = { members: street, rules: fallingCaps };
  // Volunteering: 10 a month until 14 July, 4 a month from 15 July.
  const records = [
    record('early', 'm001', 'volunteer_service', '2025-07-02', { quantity: 8 }),
    record('late', 'm001', 'volunteer_service', '2025-07-20', { quantity: 3 }),
    record('aug', 'm001', 'volunteer_service', '2025-08-03', { quantity: 6 }),
  ];

  it('keeps what was granted and grants nothing more until the next month', () => {
    const e = unwrap(explainPoints(records, 'm001', yearPeriod(2025), ctx));
    expect(e.lines.map((l) => [l.key, l.version, l.granted])).toEqual([
      ['early', '2025.1', 8],
      ['late', '2025.2', 0],
      ['aug', '2025.2', 4],
    ]);
    const columns = unwrap(compilePointColumns(records, { ...ctx, year: 2025 }));
    expect(columns.capsNeverFall).toBe(false);
    expect(scoreColumns(columns).total[0]).toBe(112);
  });

  it('scores values too large for 32 bits in doubles, with the same answers', () => {
    const huge = [
      ...records,
      record('prize', 'm001', 'honour', '2025-09-01', {
        status: 'adjusted',
        adjustment: { points: 400_000 },
      }),
    ];
    const columns = unwrap(compilePointColumns(huge, { ...ctx, year: 2025 }));
    expect(columns.int32).toBe(false);
    const scores = scoreColumns(columns);
    // Honour caps at 20 a year: the adjustment is kept, the cap still applies.
    expect(scores.total[0]).toBe(132);
    expect(scores.cappedPoints[0]).toBe(400_000 - 20 + 3 + 2);
    expect(unwrap(explainPoints(huge, 'm001', yearPeriod(2025), ctx)).total).toBe(132);
  });
});

describe('an item that turns from an award into a deduction', () => {
  const ctx = { members: street, rules: turnedItem };
  // Hazard reports: 2 points a time, capped at 8 a quarter; a deduction from 15 July.
  const records = [
    record('jul-award', 'm001', 'hazard_report', '2025-07-02', { quantity: 3 }),
    record('jul-deduction', 'm001', 'hazard_report', '2025-07-20', { quantity: 2 }),
    record('aug-deduction', 'm001', 'hazard_report', '2025-08-03', { quantity: 1 }),
  ];

  it('counts both kinds against one cap per code, in the loop as in the explanation', () => {
    const e = unwrap(explainPoints(records, 'm001', yearPeriod(2025), ctx));
    expect(e.lines.map((l) => [l.key, l.kind, l.points])).toEqual([
      ['jul-award', 'award', 6],
      ['jul-deduction', 'deduction', -2],
      ['aug-deduction', 'deduction', -0],
    ]);
    const columns = unwrap(compilePointColumns(records, { ...ctx, year: 2025 }));
    expect(columns.kindPerCode).toBe(false);
    const scores = scoreColumns(columns);
    expect([scores.total[0], scores.awards[0], scores.deductions[0]]).toEqual([104, 6, 2]);
    expect(e.total).toBe(104);
  });
});

describe('a category change in the middle of the year', () => {
  const m002 = street.members[street.indexOf.get('m002')!]!;

  it('uses the category in force on each entry’s date', () => {
    expect(categoryOn(m002, '2025-06-14')).toBe('ordinary');
    expect(categoryOn(m002, '2025-06-15')).toBe('mobile');
    const mayContact = appendToLedger(
      emptyLedger(),
      point('may', 'm002', 'mobile_contact', '2025-05-10', { quantity: 1 }),
      { members: street, rules: referenceHistory },
    );
    expect(mayContact.ok ? [] : mayContact.issues.map((i) => [i.code, i.details])).toEqual([
      ['POINTS_CATEGORY_NOT_ELIGIBLE', { item: 'mobile_contact', category: 'ordinary', date: '2025-05-10' }],
    ]);
    const julyContact = appendToLedger(
      emptyLedger(),
      point('jul', 'm002', 'mobile_contact', '2025-07-10', { quantity: 1 }),
      { members: street, rules: referenceHistory },
    );
    expect(julyContact.ok).toBe(true);
  });

  it('scores an entry the category no longer allowed as not counted, with the reason', () => {
    // Recorded when the member was mobile; the directory was later corrected back to ordinary.
    const corrected = unwrap(
      createMemberDirectory([{ ...m002, categories: [{ category: 'ordinary', from: '2020-01-01' }] }]),
    );
    const records = [record('jul', 'm002', 'mobile_contact', '2025-07-10', { quantity: 1 })];
    const before = unwrap(
      explainPoints(records, 'm002', yearPeriod(2025), { members: street, rules: referenceHistory }),
    );
    const after = unwrap(
      explainPoints(records, 'm002', yearPeriod(2025), { members: corrected, rules: referenceHistory }),
    );
    expect([before.total, after.total]).toEqual([102, 100]);
    expect(after.lines[0]).toMatchObject({ category: 'ordinary', excluded: { reason: 'not_eligible' } });
  });
});

describe('a member whose only category starts in the middle of the year', () => {
  it('counts nothing before it, in the loop as in the explanation', () => {
    const joined = unwrap(
      createMemberDirectory([
        { code: 'm900', branch: 'b1', categories: [{ category: 'ordinary', from: '2025-04-10' }] },
      ]),
    );
    const records = [
      record('before', 'm900', 'organisational_life', '2025-04-09'),
      record('on', 'm900', 'organisational_life', '2025-04-10'),
      record('after', 'm900', 'grid_duty', '2025-06-01', { quantity: 2 }),
    ];
    const options = { members: joined, rules: referenceHistory };
    const columns = unwrap(compilePointColumns(records, { ...options, year: 2025 }));
    expect(columns.excluded.not_eligible).toBe(1);
    const e = unwrap(explainPoints(records, 'm900', yearPeriod(2025), options));
    expect(e.lines.map((l) => l.excluded?.reason)).toEqual(['not_eligible', undefined, undefined]);
    expect(scoreColumns(columns).total[0]).toBe(e.total);
  });
});

describe('the columnar path', () => {
  it('can be compiled once and scored again, and counts what it left out', () => {
    const records = [
      record('c1', 'm001', 'honour', '2025-02-01'),
      record('c2', 'm001', 'honour', '2025-02-02', { status: 'rejected' }),
      record('c3', 'm003', 'no_such_item', '2025-02-02'),
      record('c4', 'm001', 'honour', '2024-12-31'),
    ];
    const columns = unwrap(
      compilePointColumns(records, { year: 2025, members: street, rules: referenceHistory }),
    );
    expect(columns.excluded).toMatchObject({ rejected: 1, unknown_item: 1 });
    const scores = scoreColumns(columns);
    expect(Array.from(scores.total)).toEqual([110, 100, 100, 100, 100, 100]);
    expect(Array.from(scores.lastEntryDay)).toEqual([31, -1, -1, -1, -1, -1]);
    expect(scoreColumns(columns).total).toEqual(scores.total);
  });
});
