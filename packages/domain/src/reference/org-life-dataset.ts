import type { OrgLifeAttendance, OrgLifeMeeting } from '../org-life/meetings.js';
import { checkMeeting } from '../org-life/meetings.js';
import type { RuleProfile } from '../profiles/schema.js';
import type { LocalDate } from '../shared/dates.js';
import { seededRandom } from '../shared/random.js';
import type { ReferenceGridDataset } from './grid-dataset.js';

/**
 * The seed street's organisational life 组织生活 for the first quarter of its year: every community
 * party organisation holds the cadence of the profile (a themed party day and a committee meeting
 * each month, a general meeting and a party lecture in the quarter), every grid party group meets
 * monthly. Speech 5's 汉江路社区 gives its 42 mobile members micro party lectures 微党课 through its
 * network branch, which is its lecture here; one community misses February's themed day, so the
 * compliance report has something to show. Each meeting passes the domain's `checkMeeting`.
 * Deterministic for the same dataset and seed.
 */

export interface ReferenceOrgLifeOptions {
  readonly seed?: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function generateReferenceOrgLife(
  dataset: ReferenceGridDataset,
  profile: RuleProfile,
  options: ReferenceOrgLifeOptions = {},
): OrgLifeMeeting[] {
  const random = seededRandom((options.seed ?? 5) * 31 + 19);
  const year = Number(dataset.period.from.slice(0, 4));
  const day = (month: number, d: number) => `${year}-${pad(month)}-${pad(d)}` as LocalDate;
  const meetings: OrgLifeMeeting[] = [];
  const roll = (codes: readonly string[], leaveShare = 0.08, absentShare = 0.03): OrgLifeAttendance[] =>
    codes.map((member) => {
      const r = random();
      if (r < absentShare) return { member, status: 'absent' };
      if (r < absentShare + leaveShare)
        return {
          member,
          status: 'leave',
          reason: r < absentShare + leaveShare / 2 ? '外出务工' : '身体原因',
        };
      return { member, status: 'present' };
    });
  dataset.communities.forEach((community, ci) => {
    const branch = `P${community.code}`;
    const members = dataset.partyMembers.filter((m) => m.communityCode === community.code);
    const codes = members.map((m) => m.id);
    const mobile = members.filter((m) => m.category === 'mobile').map((m) => m.id);
    const committee = members
      .filter((m) => m.category === 'backbone')
      .slice(0, 5)
      .map((m) => m.id);
    const add = (m: Omit<OrgLifeMeeting, 'branch'>) => meetings.push({ branch, ...m });
    for (const month of [1, 2, 3]) {
      // 胜利街 (the second community) misses February's themed day.
      if (!(ci === 1 && month === 2)) {
        add({
          id: `${branch}/${year}-${pad(month)}/themed_day`,
          kind: 'themed_day',
          heldOn: day(month, 5),
          topic: ['学习贯彻全会精神', '学雷锋志愿服务', '共驻共建进社区'][month - 1]!,
          agenda: ['集中学习', '志愿服务'],
          attendance: roll(codes),
        });
      }
      if (committee.length > 0) {
        add({
          id: `${branch}/${year}-${pad(month)}/branch_committee`,
          kind: 'branch_committee',
          heldOn: day(month, 3),
          topic: '支委会',
          agenda: ['研究本月工作', '党员积分初审'],
          attendance: roll(committee, 0.1, 0),
        });
      }
    }
    add({
      id: `${branch}/${year}-Q1/branch_assembly`,
      kind: 'branch_assembly',
      heldOn: day(3, 20),
      topic: '一季度支部党员大会',
      agenda: ['通报一季度党员积分', '民主评议准备'],
      attendance: roll(codes),
    });
    add({
      id: `${branch}/${year}-Q1/party_lecture`,
      kind: 'party_lecture',
      heldOn: day(2, 25),
      // 汉江路社区: micro party lectures for its mobile members through the network branch.
      topic: ci === 0 ? `网络党支部微党课（流动党员 ${mobile.length} 名）` : '书记讲党课',
      agenda: ['党课'],
      attendance: roll(codes),
    });
    const grids = [...new Set(members.flatMap((m) => (m.gridCode === null ? [] : [m.gridCode])))].sort();
    for (const grid of grids) {
      const groupMembers = members.filter((m) => m.gridCode === grid).map((m) => m.id);
      for (const month of [1, 2, 3]) {
        meetings.push({
          id: `P${grid}/${year}-${pad(month)}/group_meeting`,
          kind: 'group_meeting',
          branch,
          group: `P${grid}`,
          heldOn: day(month, 12),
          topic: '网格党小组会',
          agenda: ['走访网格群众', '矛盾纠纷排查'],
          attendance: roll(groupMembers),
        });
      }
    }
  });
  // Every meeting is one the rules accept, on the day after it was held.
  for (const m of meetings) {
    const roster = {
      branch: m.branch,
      members: dataset.partyMembers
        .filter((p) => `P${p.communityCode}` === m.branch)
        .map((p) => (p.gridCode === null ? { code: p.id } : { code: p.id, group: `P${p.gridCode}` })),
    };
    const checked = checkMeeting(m, roster, profile.orgLife, m.heldOn);
    if (!checked.ok)
      throw new Error(`reference meeting ${m.id}: ${checked.issues.map((i) => i.message.en).join('; ')}`);
  }
  return meetings;
}
