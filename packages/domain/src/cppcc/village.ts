import { assertLocalDate } from '../consultation/days.js';
import type { FilingIssueCode } from '../consultation/errors.js';
import { fileMinutes, type MinutesRegister, type Village } from '../consultation/filing.js';
import type { Actor } from '../consultation/types.js';
import { CONSULTATION_ROLE_LABELS } from '../consultation/types.js';
import type { RuleProfile } from '../profiles/schema.js';
import type { ConsultationRole } from '../profiles/vocabulary.js';
import type { LocalDate } from '../shared/dates.js';
import { type Issue, issue, type LocalizedText } from '../shared/errors.js';
import { fail, ok, type Result } from '../shared/result.js';
import { indexCommittee } from './committee.js';
import {
  checkNotBefore,
  checkText,
  duplicateIds,
  listText,
  percent,
  reasonRequired,
  unknownMember,
  type VillageIssueCode,
} from './errors.js';
import { VILLAGE_PARTICIPANT_KIND_LABELS, VILLAGE_STATUS_LABELS } from './labels.js';
import type {
  CppccCommittee,
  VillageConsultation,
  VillageConsultationStatus,
  VillageMeetingOutcome,
  VillageParticipant,
} from './types.js';

/**
 * Village consultations 村事民定 (seed 1: the pilot township's 22 villages and communities hold
 * consultations where villagers decide village affairs, and filed 54 minutes by the end of last
 * year). A record of its own, through the consultation stages that fit a village: the topic and
 * participants are set (商前沟通: villagers' representatives, party members, CPPCC members of the
 * township's liaison group…), the meeting is held and its minutes and outcome recorded, then the
 * minutes are filed 备案 with the township through the consultation area's register (`fileMinutes`).
 */

/** Who acts, when, under which profile, against which villages and committee. */
export interface VillageContext {
  readonly by: Actor;
  readonly on: LocalDate;
  readonly profile: Pick<RuleProfile, 'cppcc' | 'consultation'>;
  readonly villages: readonly Village[];
  readonly committee: CppccCommittee;
}

/** What opens a village consultation: its topic and who takes part. */
export interface VillageConsultationInput {
  readonly id: string;
  readonly village: string;
  readonly topic: string;
  readonly participants: readonly VillageParticipant[];
}

function checkRole(
  act: 'start' | 'hold_meeting',
  by: Actor,
  allowed: readonly ConsultationRole[],
): Issue<'CPPCC_ROLE_NOT_ALLOWED'>[] {
  if (allowed.includes(by.role)) return [];
  const what =
    act === 'start'
      ? { zh: '发起村事民定', en: 'open a village consultation' }
      : { zh: '记录协商会议', en: 'record the village meeting' };
  const has = CONSULTATION_ROLE_LABELS[by.role] ?? { zh: String(by.role), en: String(by.role) };
  return [
    issue(
      'CPPCC_ROLE_NOT_ALLOWED',
      {
        zh: `${has.zh}不能${what.zh}，只有${allowed.map((r) => CONSULTATION_ROLE_LABELS[r].zh).join('、')}可以`,
        en: `a ${has.en} may not ${what.en}; only ${allowed.map((r) => CONSULTATION_ROLE_LABELS[r].en).join(', ')} may`,
      },
      ['by', 'role'],
      { role: by.role, allowed },
    ),
  ];
}

function invalidStatus(
  consultation: VillageConsultation,
  expected: VillageConsultationStatus,
  act: LocalizedText,
): Issue<'CPPCC_INVALID_TRANSITION'> {
  const now = VILLAGE_STATUS_LABELS[consultation.status];
  const wanted = VILLAGE_STATUS_LABELS[expected];
  return issue(
    'CPPCC_INVALID_TRANSITION',
    {
      zh: `村事民定“${consultation.id}”处于“${now.zh}”，不能${act.zh}（须处于“${wanted.zh}”）`,
      en: `village consultation "${consultation.id}" is at "${now.en}"; cannot ${act.en} (it must be at "${wanted.en}")`,
    },
    ['status'],
    { status: consultation.status, expected },
  );
}

/** Participants against the profile's rules and the committee: kinds, numbers, CPPCC members of the township. */
function checkParticipants(
  participants: readonly VillageParticipant[],
  township: string | undefined,
  context: VillageContext,
): Issue<VillageIssueCode>[] {
  const rules = context.profile.cppcc.village;
  const issues: Issue<VillageIssueCode>[] = [
    ...duplicateIds(
      participants.map((p) => p.id),
      { zh: '参加人员', en: 'participant' },
      (i) => ['participants', i, 'id'],
    ),
  ];
  const allowed = new Set(rules.participantKinds);
  const members = indexCommittee(context.committee).members;
  participants.forEach((p, i) => {
    issues.push(
      ...checkText(p.name, { zh: `第 ${i} 名参加人员的姓名`, en: `the name of participant ${i}` }, [
        'participants',
        i,
        'name',
      ]),
    );
    if (!allowed.has(p.kind)) {
      const kind = VILLAGE_PARTICIPANT_KIND_LABELS[p.kind] ?? { zh: String(p.kind), en: String(p.kind) };
      issues.push(
        issue(
          'CPPCC_VILLAGE_KIND_NOT_ALLOWED',
          {
            zh: `参加人员“${p.name}”的类别“${kind.zh}”不在本县规定之内`,
            en: `participant "${p.name}" is a ${kind.en}, which the profile does not allow`,
          },
          ['participants', i, 'kind'],
          { kind: p.kind, allowed: rules.participantKinds },
        ),
      );
    }
    if (p.kind !== 'cppcc_member') return;
    const member = p.member === undefined ? undefined : members.get(p.member);
    if (member === undefined) {
      issues.push(unknownMember(p.member ?? '', ['participants', i, 'member']));
    } else if (township !== undefined && member.township !== township) {
      issues.push(
        issue(
          'CPPCC_VILLAGE_CPPCC_NOT_LOCAL',
          {
            zh: `政协委员“${p.name}”属于“${member.township ?? '无'}”，不是本乡镇联络组的委员`,
            en: `CPPCC member "${p.name}" belongs to "${member.township ?? 'none'}", not to this township's liaison group`,
          },
          ['participants', i, 'member'],
          { member: member.id, township: member.township, expected: township ?? null },
        ),
      );
    }
  });
  const kinds = new Set(participants.map((p) => p.kind));
  const missing = rules.requiredKinds.filter((k) => !kinds.has(k));
  if (missing.length > 0) {
    const names = missing.map((k) => VILLAGE_PARTICIPANT_KIND_LABELS[k]);
    issues.push(
      issue(
        'CPPCC_VILLAGE_KIND_MISSING',
        {
          zh: `缺少必须参加的${names.map((n) => n.zh).join('、')}`,
          en: `no ${names.map((n) => n.en).join(' or ')} takes part, and they must`,
        },
        ['participants'],
        { missing },
      ),
    );
  }
  if (participants.length < rules.minParticipants) {
    issues.push(
      issue(
        'CPPCC_VILLAGE_TOO_FEW_PARTICIPANTS',
        {
          zh: `参加人员 ${participants.length} 人，至少 ${rules.minParticipants} 人`,
          en: `${participants.length} participants; at least ${rules.minParticipants} are needed`,
        },
        ['participants'],
        { count: participants.length, min: rules.minParticipants },
      ),
    );
  }
  const representatives = participants.filter((p) => p.kind === 'villager_representative').length;
  const share = participants.length === 0 ? 0 : representatives / participants.length;
  if (participants.length > 0 && share < rules.minRepresentativeShare) {
    issues.push(
      issue(
        'CPPCC_VILLAGE_REPRESENTATIVES_MINORITY',
        {
          zh: `村民代表 ${representatives} 人，占 ${percent(share)}，应不低于 ${percent(rules.minRepresentativeShare)}`,
          en: `${representatives} villagers' representatives, ${percent(share)}; at least ${percent(rules.minRepresentativeShare)} are needed`,
        },
        ['participants'],
        { representatives, share, min: rules.minRepresentativeShare },
      ),
    );
  }
  return issues;
}

/**
 * Opens a village consultation: a topic and its participants by kind, checked against the
 * profile's `cppcc.village` (allowed and required kinds, how many, the share of villagers'
 * representatives) and the committee (a CPPCC member taking part belongs to the township's liaison
 * group). It starts at pre-consultation communication 商前沟通.
 *
 * @example
 * const opened = startVillageConsultation(
 *   { id: 'VC-2025-001', village: 'V01', topic: '村道硬化筹资方案', participants },
 *   { by: villageCommittee, on: '2025-10-08', profile: referenceProfile, villages, committee },
 * );
 */
export function startVillageConsultation(
  input: VillageConsultationInput,
  context: VillageContext,
): Result<VillageConsultation, VillageIssueCode> {
  const { by, on, profile } = context;
  assertLocalDate(on, 'on');
  const village = context.villages.find((v) => v.code === input.village);
  const issues: Issue<VillageIssueCode>[] = [
    ...checkRole('start', by, profile.cppcc.village.roles.start),
    ...checkText(input.id, { zh: '村事民定编号', en: 'the consultation id' }, ['id']),
    ...checkText(input.topic, { zh: '协商事项', en: 'the topic' }, ['topic']),
  ];
  if (village === undefined) {
    issues.push(
      issue(
        'CPPCC_UNKNOWN_VILLAGE',
        {
          zh: `村（社区）“${input.village}”不在村（社区）名单中`,
          en: `village "${input.village}" is not in the list of villages`,
        },
        ['village'],
        { village: input.village },
      ),
    );
  }
  issues.push(...checkParticipants(input.participants, village?.township, context));
  if (issues.length > 0 || village === undefined) return fail(issues);
  return ok({
    id: input.id,
    village: village.code,
    township: village.township,
    topic: input.topic,
    participants: input.participants,
    status: 'pre_consultation',
    startedOn: on,
    startedBy: by,
    meeting: null,
    minutesId: null,
    filedOn: null,
  });
}

/** What the village meeting was: who attended, the minutes, the outcome. */
export interface VillageMeetingInput {
  /** Participant ids. */
  readonly attendees: readonly string[];
  readonly minutes: string;
  readonly outcome: VillageMeetingOutcome;
}

/**
 * Records the village meeting 协商会议: attendees must be participants and reach the quorum
 * (`quorumShare` of the participants; 2/3 in the reference, as for a villagers' representative
 * meeting), the minutes are required, a vote adds up to no more than the attendance, and an
 * agreement needs more than `passShare` of those attending. The consultation moves on to the report
 * of outcomes 上报: its minutes wait to be filed.
 *
 * @example
 * const held = holdVillageMeeting(opened, { attendees, minutes: '经协商，同意按户筹资…', outcome: { decision: 'agreed', summary: '通过', votes: { for: 9, against: 1, abstain: 0 } } }, context);
 */
export function holdVillageMeeting(
  consultation: VillageConsultation,
  input: VillageMeetingInput,
  context: VillageContext,
): Result<VillageConsultation, VillageIssueCode> {
  const { by, on } = context;
  assertLocalDate(on, 'on');
  const issues: Issue<VillageIssueCode>[] = [
    ...checkRole('hold_meeting', by, context.profile.cppcc.village.roles.hold_meeting),
    ...checkNotBefore(on, consultation.startedOn),
  ];
  if (consultation.status !== 'pre_consultation') {
    issues.push(
      invalidStatus(consultation, 'pre_consultation', { zh: '记录协商会议', en: 'record the meeting' }),
    );
    return fail(issues);
  }
  const checked = checkMeeting(consultation, input, context);
  issues.push(...checked.issues);
  if (issues.length > 0) return fail(issues);
  return ok({
    ...consultation,
    status: 'report',
    meeting: {
      heldOn: on,
      attendees: input.attendees,
      minutes: input.minutes,
      outcome: input.outcome,
      quorum: checked.quorum,
      by,
    },
  });
}

/** A correction of the meeting's record: what it should have said, and why it is corrected. */
export interface VillageMeetingCorrection extends VillageMeetingInput {
  readonly reason: string;
}

/**
 * Corrects the record of a held village meeting 更正会议记录 (an attendee left out, a vote
 * miscounted), before or after its minutes are filed: the same checks as holding it, and a reason.
 * The day it was held stays; the correction is kept on the meeting (`corrections`), and the
 * consultation keeps its status. What the meeting earned CPPCC members follows through
 * `reconcileDutyRecords` (a member no longer attending has their record reversed).
 *
 * @example
 * const fixed = correctVillageMeeting(held, { ...meeting, attendees: [...meeting.attendees, 'c1'], reason: '漏记出席' }, context);
 */
export function correctVillageMeeting(
  consultation: VillageConsultation,
  input: VillageMeetingCorrection,
  context: VillageContext,
): Result<VillageConsultation, VillageIssueCode> {
  const { by, on } = context;
  assertLocalDate(on, 'on');
  const meeting = consultation.meeting;
  const issues: Issue<VillageIssueCode>[] = [
    ...checkRole('hold_meeting', by, context.profile.cppcc.village.roles.hold_meeting),
  ];
  if (meeting === null) {
    issues.push(invalidStatus(consultation, 'report', { zh: '更正会议记录', en: 'correct the meeting' }));
    return fail(issues);
  }
  issues.push(...checkNotBefore(on, meeting.heldOn));
  if (input.reason.trim() === '') {
    issues.push(reasonRequired({ zh: '更正会议记录', en: 'correcting the meeting' }, ['reason']));
  }
  const checked = checkMeeting(consultation, input, context);
  issues.push(...checked.issues);
  if (issues.length > 0) return fail(issues);
  return ok({
    ...consultation,
    meeting: {
      heldOn: meeting.heldOn,
      attendees: input.attendees,
      minutes: input.minutes,
      outcome: input.outcome,
      quorum: checked.quorum,
      by: meeting.by,
      corrections: [...(meeting.corrections ?? []), { on, by, reason: input.reason.trim() }],
    },
  });
}

/** The meeting's own checks: minutes, attendees among the participants, quorum, votes. */
function checkMeeting(
  consultation: VillageConsultation,
  input: VillageMeetingInput,
  context: VillageContext,
): { readonly issues: Issue<VillageIssueCode>[]; readonly quorum: number } {
  const rules = context.profile.cppcc.village;
  const issues: Issue<VillageIssueCode>[] = [
    ...checkText(input.minutes, { zh: '协商纪要', en: 'the minutes' }, ['minutes']),
    ...checkText(input.outcome.summary, { zh: '协商结果', en: 'the outcome' }, ['outcome', 'summary']),
    ...duplicateIds(input.attendees, { zh: '出席人员', en: 'attendee' }, (i) => ['attendees', i]),
  ];
  const ids = new Set(consultation.participants.map((p) => p.id));
  const strangers = input.attendees.filter((a) => !ids.has(a));
  if (strangers.length > 0) {
    const list = listText(strangers);
    issues.push(
      issue(
        'CPPCC_VILLAGE_NOT_PARTICIPANT',
        {
          zh: `出席人员 ${list.zh} 不在参加人员名单中`,
          en: `attendees ${list.en} are not among the participants`,
        },
        ['attendees'],
        { attendees: strangers },
      ),
    );
  }
  const present = new Set(input.attendees.filter((a) => ids.has(a))).size;
  const quorum = Math.ceil(rules.quorumShare * consultation.participants.length - 1e-9);
  if (present < quorum) {
    issues.push(
      issue(
        'CPPCC_VILLAGE_NO_QUORUM',
        {
          zh: `参加人员 ${consultation.participants.length} 人，出席 ${present} 人，不足 ${quorum} 人`,
          en: `${present} of ${consultation.participants.length} participants attend; ${quorum} are needed`,
        },
        ['attendees'],
        { present, participants: consultation.participants.length, quorum },
      ),
    );
  }
  const votes = input.outcome.votes;
  if (votes !== undefined) {
    const cast = votes.for + votes.against + votes.abstain;
    const counts = [votes.for, votes.against, votes.abstain];
    if (!counts.every((v) => Number.isInteger(v) && v >= 0) || cast > present) {
      issues.push(
        issue(
          'CPPCC_VILLAGE_VOTES_INVALID',
          {
            zh: `赞成 ${votes.for}、反对 ${votes.against}、弃权 ${votes.abstain}，合计 ${cast} 票，出席 ${present} 人`,
            en: `${votes.for} for, ${votes.against} against, ${votes.abstain} abstaining: ${cast} votes from ${present} attending`,
          },
          ['outcome', 'votes'],
          { ...votes, present },
        ),
      );
    } else if (input.outcome.decision === 'agreed' && !(votes.for > rules.passShare * present)) {
      issues.push(
        issue(
          'CPPCC_VILLAGE_NOT_PASSED',
          {
            zh: `赞成 ${votes.for} 票，未超过出席人数 ${present} 人的 ${percent(rules.passShare)}，不能记为通过`,
            en: `${votes.for} votes for do not exceed ${percent(rules.passShare)} of the ${present} attending; it cannot be recorded as agreed`,
          },
          ['outcome', 'decision'],
          { for: votes.for, present, passShare: rules.passShare },
        ),
      );
    }
  }
  return { issues, quorum };
}

/**
 * Files the minutes of a held village consultation with the township 备案, through the consultation
 * area's register (`fileMinutes`: the filing roles, the deadline after which a filing is marked
 * late). The minutes carry the consultation's id; the consultation is completed.
 *
 * @example
 * const filed = unwrap(fileVillageConsultation(held, register, { ...context, by: villageClerk, on: '2025-10-15' }));
 * filed.register.entries.length; // one more
 */
export function fileVillageConsultation(
  consultation: VillageConsultation,
  register: MinutesRegister,
  context: VillageContext,
): Result<
  { readonly consultation: VillageConsultation; readonly register: MinutesRegister },
  VillageIssueCode | FilingIssueCode
> {
  const meeting = consultation.meeting;
  if (consultation.status !== 'report' || meeting === null) {
    return fail([invalidStatus(consultation, 'report', { zh: '备案协商纪要', en: 'file the minutes' })]);
  }
  const filed = fileMinutes(
    register,
    {
      id: consultation.id,
      village: consultation.village,
      meetingOn: meeting.heldOn,
      topic: consultation.topic,
    },
    { villages: context.villages, by: context.by, on: context.on, rules: context.profile.consultation },
  );
  if (!filed.ok) return filed;
  return ok({
    register: filed.value,
    consultation: { ...consultation, status: 'completed', minutesId: consultation.id, filedOn: context.on },
  });
}
