import { orgLifeCompliance, referenceProfile, unwrap } from '@jiceng/domain';
import { generateReferenceGridDataset, generateReferenceOrgLife } from '@jiceng/domain/reference';
import { describe, expect, it } from 'vitest';

const dataset = generateReferenceGridDataset(referenceProfile);
const meetings = generateReferenceOrgLife(dataset, referenceProfile);

describe('the reference county’s organisational life', () => {
  it('holds a quarter of 三会一课 and themed days for 7 branches and 48 party groups, the same every time', () => {
    expect(meetings).toHaveLength(199);
    expect(meetings.filter((m) => m.kind === 'group_meeting')).toHaveLength(144);
    expect(generateReferenceOrgLife(dataset, referenceProfile)).toEqual(meetings);
    expect(generateReferenceOrgLife(dataset, referenceProfile, { seed: 6 })).not.toEqual(meetings);
  });

  it('gives 汉江路社区’s 42 mobile members their micro party lecture (seed 5)', () => {
    const hanjiang = dataset.communities[0]!;
    const lecture = meetings.find((m) => m.branch === `P${hanjiang.code}` && m.kind === 'party_lecture');
    expect(lecture?.topic).toBe('网络党支部微党课（流动党员 42 名）');
  });

  it('shows one gap in the quarter’s compliance: 胜利街 missed February’s themed day', () => {
    const reports = dataset.communities.map((c) =>
      unwrap(
        orgLifeCompliance(
          {
            branch: `P${c.code}`,
            groups: dataset.grids.filter((g) => g.communityCode === c.code).map((g) => `P${g.code}`),
            meetings,
            from: '2025-01-01',
            to: '2025-03-31',
            today: '2025-04-20',
          },
          referenceProfile.orgLife,
        ),
      ),
    );
    expect(reports.map((r) => r.missing + r.belowQuorum)).toEqual([0, 1, 0, 0, 0, 0, 0]);
    expect(reports[1]!.checks.find((c) => c.status === 'missing')).toMatchObject({
      kind: 'themed_day',
      period: { label: '2025-02' },
    });
    expect(reports.every((r) => (r.attendance.rate ?? 0) > 0.85)).toBe(true);
  });
});
