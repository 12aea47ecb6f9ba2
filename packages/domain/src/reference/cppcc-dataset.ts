// Long file: one generator (committee, proposals, roll calls, duty ledger) drawing in
// turn from one seeded random stream; the order of the draws is the data, so it is read in one place.

import { workingCalendarOf } from '../calendar/working-days.js';
import { EMPTY_MINUTES_REGISTER, type MinutesRegister, type Village } from '../consultation/filing.js';
import type { LiaisonGroup, Township } from '../consultation/liaison-groups.js';
import type { Actor } from '../consultation/types.js';
import { type CommitteeSummary, committeeSummary } from '../cppcc/committee.js';
import { appendDuty, EMPTY_DUTY_LEDGER } from '../cppcc/duty.js';
import { deriveDutyRecords, expectedAttendees, reconcileDutyRecords } from '../cppcc/duty-sources.js';
import type { ProposalCommand, ProposalContext } from '../cppcc/proposal-machine.js';
import { applyProposalCommand, emptyProposalBook } from '../cppcc/proposals.js';
import type {
  CppccCommittee,
  DutyLedger,
  DutyLedgerInput,
  PlenaryMeeting,
  ProposalActor,
  ProposalBook,
  Proposer,
  RollCall,
  VillageConsultation,
  VillageParticipant,
} from '../cppcc/types.js';
import {
  fileVillageConsultation,
  holdVillageMeeting,
  startVillageConsultation,
  type VillageContext,
} from '../cppcc/village.js';
import type { RuleProfile } from '../profiles/schema.js';
import type { ReplyCategory, SatisfactionLevel, VillageParticipantKind } from '../profiles/vocabulary.js';
import { fromDayNumber, type LocalDate, toDayNumber } from '../shared/dates.js';
import { seededRandom } from '../shared/random.js';
import { unwrap } from '../shared/result.js';
import { referenceCppccRoster } from './cppcc-roster.js';

/**
 * The reference county CPPCC of seeds 1–2 as plain data, generated deterministically from a seed
 * through the same rules the toolkit applies. It reproduces the seed's figures: 十届 with 12 sectors
 * and 258 members, a chair, 5 vice-chairs and a secretary-general, 38 standing members of whom 12
 * resident, 8 special committees, 133 members recommended by townships (at least 10 per township),
 * a liaison group with the five haves in each of 12 townships, and the pilot township xxx岗乡 whose
 * 22 villages and communities filed 54 consultation minutes by the end of 2025. On top of that, as
 * common practice: the proposals of 十届三次会议 (January 2025) through their whole handling, the
 * year's roll calls and the members' duty ledger (office and liaison group records, and the records
 * derived from proposals, roll calls and village consultations). Names and people are synthetic.
 */

export interface ReferenceCppccDatasetOptions {
  /** PRNG seed; the same seed gives the same dataset. Default 1 (the first speech). */
  readonly seed?: number;
  /**
   * The county's townships, the pilot of 村事民定 first; default twelve (T01 东岗乡 … T12). The
   * reference county's loader passes the townships the consultation pilots run in, so both
   * datasets name the same members (`referenceCppccRoster`).
   */
  readonly townships?: readonly Township[];
}

export interface ReferenceCppccDataset {
  readonly seed: number;
  readonly committee: CppccCommittee;
  readonly liaisonGroups: readonly LiaisonGroup[];
  /** The pilot township of 村事民定 (xxx岗乡). */
  readonly pilotTownship: string;
  /** Its 22 villages and communities. */
  readonly villages: readonly Village[];
  readonly villageConsultations: readonly VillageConsultation[];
  /** The township's register of filed minutes. */
  readonly minutes: MinutesRegister;
  readonly meeting: PlenaryMeeting;
  readonly proposals: ProposalBook;
  /** Handling units 承办单位, by code. */
  readonly units: readonly { readonly code: string; readonly name: string }[];
  readonly rollCalls: readonly RollCall[];
  readonly dutyLedger: DutyLedger;
  /** The day everything in the dataset has happened by. */
  readonly asOf: LocalDate;
  readonly summary: CommitteeSummary & {
    readonly townships: number;
    readonly liaisonGroups: number;
    readonly pilotVillages: number;
    readonly filedMinutes: number;
    readonly proposals: number;
    readonly filedProposals: number;
  };
}

const TERM = 10;
const TERM_STARTED = '2023-01-05' as LocalDate;
const AS_OF = '2025-12-31' as LocalDate;
/** 十届三次会议: January 2025. */
const MEETING: PlenaryMeeting = {
  id: 'cppcc-10-3',
  term: TERM,
  session: 3,
  opensOn: '2025-01-08' as LocalDate,
  closesOn: '2025-01-11' as LocalDate,
};
const TOWNSHIP_NAMES = [
  '东岗乡',
  '城关镇',
  '河口镇',
  '桥头镇',
  '新集镇',
  '白塔镇',
  '青山乡',
  '柳林乡',
  '石门镇',
  '枣林乡',
  '双河镇',
  '经济开发区',
];
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英华慧巧美玲桂兰霞平刚建国文辉力永健世广志义兴良海山仁波宁贵福生龙元全国胜学祥才发武新利清飞彬富顺信子杰涛昌成康星光天达安岩中茂进林有坚和彪博诚先敬震振壮会思群豪心邦承乐绍功松善厚庆磊民友裕河哲江超浩亮政谦亨奇固之轮翰朗伯宏言若鸣朋斌梁栋维启克伦翔旭鹏泽晨辰士以建家致树炎德行时泰盛雄琛钧冠策腾楠榕风航弘';
const UNITS: readonly [string, string][] = [
  ['development_reform', '县发展和改革委员会'],
  ['education', '县教育体育局'],
  ['industry_it', '县工业和信息化局'],
  ['civil_affairs', '县民政局'],
  ['finance', '县财政局'],
  ['human_resources', '县人力资源和社会保障局'],
  ['natural_resources', '县自然资源局'],
  ['ecology_environment', '县生态环境分局'],
  ['housing', '县住房和城乡建设局'],
  ['transport', '县交通运输局'],
  ['water', '县水利局'],
  ['agriculture', '县农业农村局'],
  ['commerce', '县商务局'],
  ['culture_tourism', '县文化和旅游局'],
  ['health', '县卫生健康委员会'],
  ['emergency', '县应急管理局'],
  ['market_regulation', '县市场监督管理局'],
  ['medical_security', '县医疗保障局'],
  ['urban_management', '县城市管理局'],
  ['rural_revitalization', '县乡村振兴局'],
];
const TITLES: readonly [string, string][] = [
  ['economy', '关于优化营商环境、支持民营企业发展的建议'],
  ['agriculture', '关于推进高标准农田建设的建议'],
  ['urban_rural', '关于完善镇区污水管网建设的建议'],
  ['environment', '关于加快垃圾发电项目建设的建议'],
  ['education_science', '关于改善农村寄宿制学校条件的建议'],
  ['health', '关于缓解农民看病难看病贵问题的建议'],
  ['culture_tourism', '关于发展乡村旅游的建议'],
  ['livelihood', '关于加强农村饮水安全保障的建议'],
  ['governance', '关于加强居民小区物业管理的建议'],
  ['other', '关于加强政协委员履职培训的建议'],
];

function day(date: LocalDate, days: number): LocalDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/**
 * Generates the reference county CPPCC. Everything is plain JSON-serialisable data with stable
 * codes, for the persistence seeder and the dashboard; every step went through the toolkit's own
 * rules, so the data is what the rules would accept.
 *
 * @example
 * const data = generateReferenceCppccDataset(referenceProfile);
 * data.summary; // { sectors: 12, members: 258, chair: 1, viceChairs: 5, secretaryGeneral: 1, standingMembers: 38, residentStandingMembers: 12, specialCommittees: 8, townshipRecommended: 133, pilotVillages: 22, filedMinutes: 54, … }
 */
export function generateReferenceCppccDataset(
  profile: RuleProfile,
  options: ReferenceCppccDatasetOptions = {},
): ReferenceCppccDataset {
  const seed = options.seed ?? 1;
  const random = seededRandom(seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));
  const chance = (p: number): boolean => random() < p;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const shuffled = <T>(list: readonly T[]): T[] => {
    const out = [...list];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  };
  const usedNames = new Set<string>();
  const personName = (): string => {
    for (;;) {
      const name = `${pick([...SURNAMES])}${pick([...GIVEN])}${chance(0.7) ? pick([...GIVEN]) : ''}`;
      if (!usedNames.has(name)) {
        usedNames.add(name);
        return name;
      }
    }
  };
  const rules = profile.cppcc;
  const calendar = workingCalendarOf(profile);

  // --- the committee ------------------------------------------------------------------------
  const townships: readonly Township[] =
    options.townships ??
    TOWNSHIP_NAMES.map((name, i) => ({ code: `T${String(i + 1).padStart(2, '0')}`, name }));
  const pilot = townships[0]!;
  // The one roster of the reference county: the consultation pilots draw on the same people.
  const roster = referenceCppccRoster({
    townships,
    sectors: rules.sectors,
    provincialIn: townships[1]?.code ?? pilot.code,
  });
  const members = roster.members.filter((m) => m.level === 'county');
  const others = members.filter((m) => m.origin === 'other').map((m) => m.id);
  const [chair, ...rest] = others;
  const viceChairs = rest.slice(0, 5);
  const secretaryGeneral = rest[5]!;
  const standingPool = shuffled(
    members
      .map((m) => m.id)
      .filter((id) => id !== chair && !viceChairs.includes(id) && id !== secretaryGeneral),
  );
  const standingMembers = standingPool.slice(0, 38).map((member, i) => ({ member, resident: i < 12 }));
  const committeeCodes = rules.specialCommittees.map((c) => c.code);
  const committeeSeats = shuffled(members.map((m) => m.id)).map((member, i) => ({
    committee: committeeCodes[i % committeeCodes.length]!,
    member,
  }));
  const committee: CppccCommittee = {
    term: TERM,
    termStartedOn: TERM_STARTED,
    roster,
    townships,
    chair: chair!,
    viceChairs,
    secretaryGeneral,
    standingMembers,
    committeeSeats,
  };
  const liaisonGroups: LiaisonGroup[] = townships.map((t) => ({
    township: t.code,
    name: `${t.name}政协联络组`,
    establishedOn: '2024-06-01' as LocalDate,
    leader: { id: `${t.code}-lg`, name: personName(), role: 'liaison_group' },
    evidence: {
      place: [{ title: `${t.name}政协委员活动室`, on: '2024-06-01' as LocalDate }],
      secretary: [{ title: `${t.name}联络组专职秘书任命文件`, on: '2024-06-01' as LocalDate }],
      working_rules: [{ title: '乡镇（园区）工作联络组工作规则', on: '2024-06-01' as LocalDate }],
      annual_plan: [{ title: `${t.name}联络组2025年工作计划`, on: '2025-01-20' as LocalDate }],
      funding: [{ title: `${t.name}2025年联络组工作经费`, on: '2025-01-20' as LocalDate }],
    },
  }));

  // --- village consultations of the pilot township -----------------------------------------
  const villages: Village[] = Array.from({ length: 22 }, (_, i) => ({
    code: `${pilot.code}-V${String(i + 1).padStart(2, '0')}`,
    name:
      i < 18
        ? `${['东', '西', '南', '北', '前', '后'][i % 6]}${['岗', '湾', '庄', '店', '营', '桥'][Math.floor(i / 6) % 6]}村`
        : `${['岗南', '岗北', '新街', '集镇'][i - 18]}社区`,
    township: pilot.code,
  }));
  const village = (v: Village): Actor => ({
    id: `${v.code}-vc`,
    name: `${v.name}村委会`,
    role: 'village_committee',
  });
  const pilotMembers = members.filter((m) => m.township === pilot.code);
  const villageContext = (by: Actor, on: LocalDate): VillageContext => ({
    by,
    on,
    profile,
    villages,
    committee,
  });
  const topics = [
    '村道硬化筹资方案',
    '村集体经济项目选址',
    '人居环境整治方案',
    '农田灌溉渠修缮',
    '村规民约修订',
    '集体资产出租方案',
    '饮水工程入户方案',
  ];
  let minutes: MinutesRegister = EMPTY_MINUTES_REGISTER;
  const villageConsultations: VillageConsultation[] = [];
  const held = [...villages, ...shuffled(villages).slice(0, 22), ...shuffled(villages).slice(0, 10)];
  held.forEach((v, n) => {
    const startedOn = day('2025-09-15' as LocalDate, Math.floor((n * 80) / held.length));
    const participants: VillageParticipant[] = [];
    const add = (kind: VillageParticipantKind, count: number) => {
      for (let k = 0; k < count; k++) {
        participants.push({ id: `${v.code}-${n}-${participants.length + 1}`, name: personName(), kind });
      }
    };
    add('villager_representative', int(6, 9));
    add('party_member', int(2, 3));
    add('village_cadre', int(1, 2));
    if (pilotMembers.length > 0 && chance(0.6)) {
      const m = pick(pilotMembers);
      participants.push({ id: `${v.code}-${n}-cppcc`, name: m.name, kind: 'cppcc_member', member: m.id });
    }
    const opened = unwrap(
      startVillageConsultation(
        {
          id: `VC-2025-${String(n + 1).padStart(3, '0')}`,
          village: v.code,
          topic: pick(topics),
          participants,
        },
        villageContext(village(v), startedOn),
      ),
    );
    const quorum = Math.ceil(profile.cppcc.village.quorumShare * participants.length - 1e-9);
    const away = new Set(
      shuffled(participants.slice(2).filter((p) => p.kind !== 'cppcc_member')).slice(
        0,
        int(0, participants.length - quorum),
      ),
    );
    const attendees = participants.filter((p) => !away.has(p)).map((p) => p.id);
    const yes = attendees.length - int(0, 2);
    const meeting = unwrap(
      holdVillageMeeting(
        opened,
        {
          attendees,
          minutes: `${v.name}就“${opened.topic}”召开村事民定协商会议，与会人员充分讨论后表决。`,
          outcome: {
            decision: 'agreed',
            summary: '经表决通过，按协商方案实施并公开。',
            votes: { for: yes, against: attendees.length - yes, abstain: 0 },
          },
        },
        villageContext(village(v), day(startedOn, int(3, 7))),
      ),
    );
    const filed = unwrap(
      fileVillageConsultation(
        meeting,
        minutes,
        villageContext(village(v), day(meeting.meeting!.heldOn, int(1, 10))),
      ),
    );
    minutes = filed.register;
    villageConsultations.push(filed.consultation);
  });

  // --- proposals of 十届三次会议 --------------------------------------------------------------
  let book = emptyProposalBook(MEETING);
  const act = (command: ProposalCommand, by: ProposalActor, on: LocalDate): void => {
    const context: ProposalContext = { by, on, rules, committee, calendar };
    book = unwrap(applyProposalCommand(book, command, context));
  };
  const office: ProposalActor = { role: 'office', id: 'cppcc_office' };
  const reviewer: ProposalActor = { role: 'proposals_committee', id: 'proposals' };
  const memberIds = members.map((m) => m.id);
  const kinds: Proposer['kind'][] = [
    ...Array<Proposer['kind']>(100).fill('member'),
    ...Array<Proposer['kind']>(40).fill('joint'),
    ...Array<Proposer['kind']>(10).fill('sector'),
    ...Array<Proposer['kind']>(6).fill('special_committee'),
    ...Array<Proposer['kind']>(4).fill('liaison_group'),
  ];
  shuffled(kinds).forEach((kind, i) => {
    const proposer: Proposer =
      kind === 'member'
        ? { kind, member: pick(memberIds) }
        : kind === 'joint'
          ? { kind, members: shuffled(memberIds).slice(0, int(2, 6)) }
          : kind === 'sector'
            ? { kind, sector: pick(rules.sectors).code }
            : kind === 'special_committee'
              ? { kind, committee: pick(committeeCodes) }
              : { kind, township: pick(townships).code };
    const [area, title] = pick(TITLES);
    const by: ProposalActor =
      kind === 'member'
        ? { role: 'member', id: proposer.kind === 'member' ? proposer.member : '' }
        : kind === 'joint' && proposer.kind === 'joint'
          ? { role: 'member', id: proposer.members[0]! }
          : office;
    act(
      {
        type: 'submit',
        draft: {
          id: `P${String(i + 1).padStart(3, '0')}`,
          proposer,
          title,
          reasons: `${title.replace(/^关于|的建议$/g, '')}是群众关心的热点问题，${['基础设施薄弱', '资金投入不足', '管理机制不健全', '群众反映强烈'][i % 4]}。`,
          suggestions: '一是加强统筹规划；二是加大资金投入；三是完善长效管理机制。',
          subjectArea: area,
        },
      },
      by,
      day('2024-12-16' as LocalDate, Math.floor((i * 26) / kinds.length)),
    );
  });
  // Review on 2025-01-20: 135 filed in submission order, 17 not filed, 8 merged into filed ones.
  const ids = book.proposals.map((p) => p.id);
  const fate = shuffled(
    ids.map((_, i) => (i < 12 ? 'opinion' : i < 17 ? 'rejected' : i < 25 ? 'merge' : 'file')),
  );
  ids.forEach((id, i) => {
    if (fate[i] === 'file') act({ type: 'file', proposal: id }, reviewer, '2025-01-20' as LocalDate);
  });
  const filedIds = ids.filter((_, i) => fate[i] === 'file');
  ids.forEach((id, i) => {
    if (fate[i] === 'opinion' || fate[i] === 'rejected') {
      act(
        {
          type: 'not_file',
          proposal: id,
          outcome: fate[i] === 'opinion' ? 'converted_to_opinion' : 'rejected',
          reason: fate[i] === 'opinion' ? '属于具体工作建议，转有关部门参考' : '不属于政协提案受理范围',
        },
        reviewer,
        '2025-01-20' as LocalDate,
      );
    } else if (fate[i] === 'merge') {
      act({ type: 'merge', proposal: id, into: pick(filedIds) }, reviewer, '2025-01-20' as LocalDate);
    }
  });
  // Assigned on 2025-02-10, after the Spring Festival: due three months later, 2025-05-12.
  const unitCodes = UNITS.map(([code]) => code);
  for (const id of filedIds) {
    const units = shuffled(unitCodes).slice(0, 1 + int(0, 2));
    act(
      { type: 'assign', proposal: id, lead: units[0]!, coUnits: units.slice(1) },
      reviewer,
      '2025-02-10' as LocalDate,
    );
  }
  const unit = (code: string): ProposalActor => ({ role: 'unit', id: code });
  const current = (id: string) => book.proposals.find((p) => p.id === id)!;
  // Six leads ask to be relieved within five working days; four are reassigned.
  filedIds.slice(0, 6).forEach((id, k) => {
    const lead = current(id).units[0]!.unit;
    act(
      { type: 'request_reassignment', proposal: id, reason: '该事项不属于本单位职能' },
      unit(lead),
      '2025-02-12' as LocalDate,
    );
    const taken = new Set(current(id).units.map((u) => u.unit));
    const to = unitCodes.find((c) => !taken.has(c))!;
    act(
      k < 4
        ? { type: 'decide_reassignment', proposal: id, decision: 'approve', to }
        : {
            type: 'decide_reassignment',
            proposal: id,
            decision: 'refuse',
            reason: '事项与该单位职能相关，请继续办理',
          },
      reviewer,
      '2025-02-14' as LocalDate,
    );
  });
  // Key proposals, followed by the chair and vice-chairs.
  const supervisors = [committee.chair, ...committee.viceChairs];
  const keys = shuffled(filedIds).slice(0, 8);
  keys.forEach((id, k) => {
    act(
      { type: 'designate_key', proposal: id, supervisor: supervisors[k % supervisors.length]! },
      { role: 'chairs_meeting', id: 'chairs' },
      '2025-02-20' as LocalDate,
    );
  });
  for (const id of filedIds) {
    const opinions = current(id)
      .units.filter((u) => u.role === 'co')
      .map((co) => ({
        co,
        on: chance(0.9) ? day('2025-02-21' as LocalDate, int(0, 16)) : day(co.dueOn, int(2, 5)),
      }))
      .sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
    for (const { co, on } of opinions) {
      act(
        { type: 'co_opinion', proposal: id, text: '本单位将积极配合主办单位办理，协办意见如下：……' },
        unit(co.unit),
        on,
      );
    }
  }
  keys.forEach((id) => {
    const p = current(id);
    for (let k = 0; k < int(1, 3); k++) {
      act(
        { type: 'supervise', proposal: id, summary: '督办领导带队实地察看，听取承办单位办理情况汇报。' },
        { role: 'chair', id: p.key!.supervisor },
        day('2025-03-20' as LocalDate, k * 14),
      );
    }
  });
  const categories: ReplyCategory[] = [
    'resolved',
    'resolved',
    'being_resolved',
    'being_resolved',
    'planned',
    'for_reference',
  ];
  const levels: SatisfactionLevel[] = [
    'satisfied',
    'satisfied',
    'satisfied',
    'basically_satisfied',
    'satisfied',
    'basically_satisfied',
    'satisfied',
    'satisfied',
    'satisfied',
    'satisfied',
    'satisfied',
    'basically_satisfied',
    'satisfied',
    'basically_satisfied',
    'satisfied',
    'satisfied',
    'satisfied',
    'satisfied',
    'not_satisfied',
    'satisfied',
  ];
  const rater = (id: string): ProposalActor => {
    const p = current(id).proposer;
    return p.kind === 'member'
      ? { role: 'member', id: p.member }
      : p.kind === 'joint'
        ? { role: 'member', id: p.members[0]! }
        : office;
  };
  for (const id of filedIds) {
    const p = current(id);
    const dueOn = p.rounds[0]!.dueOn;
    const repliedOn = day(dueOn, chance(0.95) ? -int(3, 20) : int(2, 12));
    act(
      {
        type: 'reply',
        proposal: id,
        category: pick(categories),
        text: '经研究，现将办理情况答复如下：……联系电话 13812345678。',
      },
      unit(p.units[0]!.unit),
      repliedOn,
    );
    if (chance(0.04)) {
      act({ type: 'close_unrated', proposal: id }, office, day(repliedOn, 40));
      continue;
    }
    const level = pick(levels);
    act(
      level === 'not_satisfied'
        ? { type: 'rate', proposal: id, level, reason: '答复未回应核心问题' }
        : { type: 'rate', proposal: id, level },
      rater(id),
      day(repliedOn, int(2, 10)),
    );
    if (level === 'not_satisfied') {
      const again = current(id).rounds[1]!;
      const secondOn = day(again.dueOn, -int(1, 10));
      act(
        {
          type: 'reply',
          proposal: id,
          category: 'being_resolved',
          text: '再次办理情况答复：已列入年度工作计划并推进实施。',
        },
        unit(current(id).units[0]!.unit),
        secondOn,
      );
      act({ type: 'rate', proposal: id, level: 'basically_satisfied' }, rater(id), day(secondOn, int(2, 8)));
    }
  }

  // --- roll calls and the duty ledger --------------------------------------------------------
  // Leave is granted for a reason; the reasons take no draw, so the stream stays as it was.
  const LEAVE_REASONS = ['因公出差', '身体原因', '家中有事'];
  let leaves = 0;
  const presence = (member: string): RollCall['entries'][number] => {
    const status = chance(0.92) ? 'attended' : chance(0.75) ? 'on_leave' : 'absent';
    return status === 'on_leave'
      ? { member, status, reason: LEAVE_REASONS[leaves++ % LEAVE_REASONS.length]! }
      : { member, status };
  };
  const rollCalls: RollCall[] = [
    {
      id: 'plenary-10-3',
      kind: 'plenary',
      meetingOn: MEETING.opensOn,
      title: '政协第十届委员会第三次会议',
      entries: expectedAttendees(committee, 'plenary', MEETING.opensOn).map(presence),
    },
    ...['2025-03-27', '2025-06-26', '2025-09-25', '2025-12-25'].map(
      (meetingOn, q): RollCall => ({
        id: `standing-10-${q + 9}`,
        kind: 'standing',
        meetingOn: meetingOn as LocalDate,
        title: `政协第十届常务委员会第${q + 9}次会议`,
        entries: expectedAttendees(committee, 'standing', meetingOn as LocalDate).map(presence),
      }),
    ),
  ];
  const context = { rules: profile, committee };
  let ledger = EMPTY_DUTY_LEDGER;
  const record = (input: DutyLedgerInput): void => {
    ledger = unwrap(appendDuty(ledger, input, context)).ledger;
  };
  const officeBy = { role: 'office', id: 'cppcc_office' } as const;
  let serial = 0;
  const key = (prefix: string) => `${prefix}-2025-${String(++serial).padStart(4, '0')}`;
  const anyDay = (): LocalDate => day('2025-02-10' as LocalDate, int(0, 300));
  const speakers = shuffled(memberIds).slice(0, 24);
  speakers.forEach((member, k) => {
    record({
      type: 'record',
      key: key('office'),
      member,
      item: 'speech',
      date: day(MEETING.opensOn, 1 + (k % 2)),
      by: officeBy,
      on: MEETING.closesOn,
    });
  });
  for (const m of members) {
    // Most members are active; a few do little, and the year-end review finds them.
    const active = chance(0.93);
    for (let k = active ? int(1, 4) : int(0, 1); k > 0; k--) {
      const date = anyDay();
      record({
        type: 'record',
        key: key('office'),
        member: m.id,
        item: 'social_report',
        date,
        by: officeBy,
        on: day(date, 2),
      });
      if (chance(0.3))
        record({
          type: 'record',
          key: key('office'),
          member: m.id,
          item: 'social_report_adopted',
          date: day(date, 10),
          evidence: [`信息采用通知-${serial}`],
          by: officeBy,
          on: day(date, 12),
        });
      if (chance(0.05))
        record({
          type: 'record',
          key: key('office'),
          member: m.id,
          item: 'social_report_instructed',
          date: day(date, 20),
          evidence: [`领导批示件-${serial}`],
          by: officeBy,
          on: day(date, 22),
        });
    }
    const inspections = active ? int(2, 6) : 0;
    if (inspections > 0) {
      const date = anyDay();
      record({
        type: 'record',
        key: key('office'),
        member: m.id,
        item: 'inspection_survey',
        date,
        quantity: inspections,
        by: officeBy,
        on: day(date, 3),
      });
    }
    const training = active ? int(1, 3) : int(0, 1);
    if (training > 0) {
      const date = anyDay();
      record({
        type: 'record',
        key: key('office'),
        member: m.id,
        item: 'training',
        date,
        quantity: training,
        by: officeBy,
        on: day(date, 1),
      });
    }
    if (m.township !== null && active && chance(0.7)) {
      const date = anyDay();
      record({
        type: 'record',
        key: key(`lg-${m.township}`),
        member: m.id,
        item: 'consultation_activity',
        date,
        quantity: int(1, 3),
        by: { role: 'liaison_group', id: m.township },
        on: day(date, 2),
      });
    }
  }
  ledger = unwrap(
    reconcileDutyRecords(
      ledger,
      deriveDutyRecords({ proposals: book.proposals, rollCalls, villageConsultations }, context),
      { ...context, on: AS_OF },
    ),
  ).ledger;

  return {
    seed,
    committee,
    liaisonGroups,
    pilotTownship: pilot.code,
    villages,
    villageConsultations,
    minutes,
    meeting: MEETING,
    proposals: book,
    units: UNITS.map(([code, name]) => ({ code, name })),
    rollCalls,
    dutyLedger: ledger,
    asOf: AS_OF,
    summary: {
      ...committeeSummary(committee, profile),
      townships: townships.length,
      liaisonGroups: liaisonGroups.length,
      pilotVillages: villages.length,
      filedMinutes: minutes.entries.filter((e) => e.filedOn <= AS_OF).length,
      proposals: book.proposals.length,
      filedProposals: book.lastNumber,
    },
  };
}
