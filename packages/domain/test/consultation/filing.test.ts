import {
  EMPTY_MINUTES_REGISTER,
  fileMinutes,
  filingCounts,
  type MinutesRegister,
  unwrap,
} from '@jiceng/domain';
import { describe, expect, it } from 'vitest';
import { addDays, bodiesOf, d, GANG, gangVillages, refused, rules, TOWN_A } from './fixtures.js';

const clerk = bodiesOf(GANG).villageCommittee;
const villages = [...gangVillages, { code: 'a_v01', name: '甲镇一村', township: TOWN_A }];

/** 村事民定: the seed's pilot township filed 54 minutes from its 22 villages by the end of last year. */
function seedRegister(): MinutesRegister {
  let register = EMPTY_MINUTES_REGISTER;
  for (let i = 0; i < 54; i++) {
    const village = gangVillages[i % gangVillages.length]!;
    const meetingOn = addDays(d('2025-01-10'), i * 5);
    register = unwrap(
      fileMinutes(
        register,
        {
          id: `GX-2025-${String(i + 1).padStart(3, '0')}`,
          village: village.code,
          meetingOn,
          topic: '村事民定协商议事',
        },
        { villages, by: clerk, on: addDays(meetingOn, i === 53 ? 40 : 3), rules },
      ),
    );
  }
  return register;
}

describe('filing of village minutes 备案', () => {
  const register = seedRegister();

  it('counts the seed pilot’s 54 filings per township and village', () => {
    const [gang] = filingCounts(register, gangVillages, { filedTo: d('2025-12-31') });
    expect(gang).toMatchObject({ township: GANG, total: 54 });
    expect(gang!.villages).toHaveLength(22);
    expect(gang!.villages.map((v) => v.count).sort()).toEqual(
      [...Array(12).fill(2), ...Array(10).fill(3)].sort(),
    );
    const byMeetingYear = filingCounts(register, villages, { meetingYear: 2025 });
    expect(byMeetingYear.map((t) => [t.township, t.total])).toEqual([
      [GANG, 54],
      [TOWN_A, 0],
    ]);
    expect(
      filingCounts(register, gangVillages, { filedFrom: d('2025-07-01'), filedTo: d('2025-12-31') })[0]!
        .total,
    ).toBeLessThan(54);
  });

  it('marks a filing after the deadline as late but accepts it', () => {
    expect(register.entries.filter((e) => e.late).map((e) => e.id)).toEqual(['GX-2025-054']);
    expect(filingCounts(register, gangVillages)[0]!.late).toBe(1);
  });

  it('refuses a duplicate id, an unknown village, filing before the meeting, an empty topic and the wrong role', () => {
    const input = { id: 'GX-2025-001', village: 'gang_v01', meetingOn: d('2026-01-10'), topic: '村道硬化' };
    const ctx = { villages, by: clerk, on: d('2026-01-12'), rules };
    expect(refused(fileMinutes(register, input, ctx), 'CONSULTATION_DUPLICATE_ID').details).toMatchObject({
      id: 'GX-2025-001',
    });
    refused(
      fileMinutes(register, { ...input, id: 'N1', village: 'nowhere' }, ctx),
      'CONSULTATION_FILING_UNKNOWN_VILLAGE',
    );
    const early = refused(
      fileMinutes(register, { ...input, id: 'N2' }, { ...ctx, on: d('2026-01-09') }),
      'CONSULTATION_FILING_BEFORE_MEETING',
    );
    expect(early.details).toEqual({ filedOn: '2026-01-09', meetingOn: '2026-01-10' });
    refused(fileMinutes(register, { ...input, id: 'N3', topic: '' }, ctx), 'CONSULTATION_EMPTY_FIELD');
    refused(
      fileMinutes(register, { ...input, id: 'N4' }, { ...ctx, by: bodiesOf(GANG).government }),
      'CONSULTATION_ROLE_NOT_ALLOWED',
    );
    const filed = unwrap(fileMinutes(register, { ...input, id: 'N5' }, ctx));
    expect(filed.entries.at(-1)).toMatchObject({
      id: 'N5',
      township: GANG,
      filedOn: '2026-01-12',
      late: false,
      filedBy: clerk,
    });
  });
});
