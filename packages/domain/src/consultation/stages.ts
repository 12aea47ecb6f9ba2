// Long file: the consultation stage machine; the gates and the command switch check one table of
// stages and acts, and split apart they would each restate it.
import type { CommunicationCounterpart, ConsultationAct, ConsultationRules } from '../profiles/schema.js';
import type { LocalDate } from '../shared/dates.js';
import { type Issue, issue } from '../shared/errors.js';
import { fail, ok, type Result, unreachable } from '../shared/result.js';
import { addDays, assertLocalDate, daysBetween } from './days.js';
import {
  actText,
  checkNotBefore,
  checkRange,
  checkText,
  duplicateIds,
  type GateIssueCode,
  listText,
  roleNotAllowed,
  type StageIssueCode,
} from './errors.js';
import { validateGroup } from './groups.js';
import {
  type Actor,
  COMMUNICATION_COUNTERPART_LABELS,
  CONSULTATION_STAGE_LABELS,
  CONSULTATION_STAGES,
  type Consultation,
  type ConsultationEvent,
  type ConsultationGroup,
  type ConsultationPlan,
  type ConsultationStage,
  type Origination,
  type ProposalItem,
  type ResearchMethod,
} from './types.js';

/**
 * The five stages 五个环节 of a consultation as a state machine (seed 1: 充分开展商前沟通、科学制定
 * 协商方案、深入开展调查研究、精心组织协商会议、及时上报协商成果). A consultation moves forward one
 * stage at a time, and only through the gate of the stage it leaves:
 *
 * - pre-consultation communication → plan: every party the profile names has been heard;
 * - plan → research: the plan is approved;
 * - research → meeting: enough research activities, residents heard when the profile says so;
 * - meeting → report: the meeting was held with a quorum and due notice;
 * - report → completed: a consultation proposal with at least one item is submitted.
 *
 * Every act checks the actor's role against the profile and that time does not run backwards.
 */

/** Who acts and when; every act takes one. */
export interface ActContext {
  readonly by: Actor;
  readonly on: LocalDate;
  readonly rules: ConsultationRules;
}

/** One act within the stages. */
export type StageCommand =
  | {
      readonly type: 'communicate';
      readonly counterpart: CommunicationCounterpart;
      readonly summary: string;
    }
  | { readonly type: 'advance'; readonly to: ConsultationStage }
  | { readonly type: 'draft_plan'; readonly plan: ConsultationPlan }
  | { readonly type: 'approve_plan'; readonly note?: string }
  | { readonly type: 'return_plan'; readonly reason: string }
  | {
      readonly type: 'record_research';
      readonly method: ResearchMethod;
      readonly summary: string;
      /** Residents whose opinions were heard; 0 for desk research. */
      readonly residentsHeard: number;
    }
  | {
      readonly type: 'hold_meeting';
      /** The day the group was notified. */
      readonly noticeOn: LocalDate;
      /** Ids of the group members present. */
      readonly attendees: readonly string[];
      readonly opinions: readonly string[];
    }
  | { readonly type: 'submit_report'; readonly title: string; readonly items: readonly ProposalItem[] };

export type StageCommandType = StageCommand['type'];

/** The stage each act belongs to. */
const COMMAND_STAGE: { readonly [T in Exclude<StageCommandType, 'advance'>]: ConsultationStage } = {
  communicate: 'pre_consultation',
  draft_plan: 'plan',
  approve_plan: 'plan',
  return_plan: 'plan',
  record_research: 'research',
  hold_meeting: 'meeting',
  submit_report: 'report',
};

/** The profile's act (for its roles) of each stage command: whom the profile lets apply it. */
export const STAGE_COMMAND_ACTS: { readonly [T in StageCommandType]: ConsultationAct } = {
  communicate: 'communicate',
  advance: 'advance',
  draft_plan: 'draft_plan',
  approve_plan: 'decide_plan',
  return_plan: 'decide_plan',
  record_research: 'record_research',
  hold_meeting: 'hold_meeting',
  submit_report: 'submit_report',
};

function stageIndex(stage: ConsultationStage): number {
  return CONSULTATION_STAGES.indexOf(stage);
}

/**
 * The attendance a meeting needs: `ceil(meetingQuorumShare × group size)`.
 *
 * @example
 * meetingQuorum(20, referenceProfile.consultation); // 10
 */
export function meetingQuorum(groupSize: number, rules: ConsultationRules): number {
  return Math.ceil(rules.meetingQuorumShare * groupSize - 1e-9);
}

/**
 * Checks the actor's role for an act; a `group_member` must also be a member of this group.
 */
function checkActor(
  act: ConsultationAct,
  by: Actor,
  rules: ConsultationRules,
  group: ConsultationGroup,
): Issue<'CONSULTATION_ROLE_NOT_ALLOWED'>[] {
  const allowed = rules.stages.roles[act];
  if (!allowed.includes(by.role)) return [roleNotAllowed(actText(act), by.role, allowed)];
  if (by.role === 'group_member' && !group.members.some((m) => m.id === by.id)) {
    return [
      issue(
        'CONSULTATION_ROLE_NOT_ALLOWED',
        {
          zh: `“${by.name}”不是本协商小组成员，不能以小组成员身份${actText(act).zh}`,
          en: `"${by.name}" is not a member of this consultation group and may not ${actText(act).en} as one`,
        },
        ['by', 'id'],
        { role: by.role, id: by.id },
      ),
    ];
  }
  return [];
}

/**
 * Starts the consultation of an established topic with its group: the liaison group leads
 * (seed: 由乡镇政协联络组牵头成立). Refuses a topic not yet established, a group that breaks the
 * composition rules, the wrong role and a date before the topic was established.
 *
 * @example
 * const started = startConsultation({ id: 'C-2026-01', origination, group }, {
 *   by: liaisonHead, on: '2026-03-02' as LocalDate, rules: referenceProfile.consultation,
 * });
 * if (started.ok) started.value.status; // 'pre_consultation'
 */
export function startConsultation(
  input: { readonly id: string; readonly origination: Origination; readonly group: ConsultationGroup },
  context: ActContext,
): Result<Consultation, StageIssueCode> {
  const { by, on, rules } = context;
  assertLocalDate(on, 'on');
  const topic = input.origination.topic;
  if (input.origination.status !== 'established' || topic === null) {
    return fail([
      issue(
        'CONSULTATION_TOPIC_NOT_ESTABLISHED',
        {
          zh: `议题“${input.origination.topicId}”尚未确定（${input.origination.status === 'rejected' ? '已被否决' : '提出程序未完成'}），不能开展协商`,
          en: `topic "${input.origination.topicId}" is not established (${input.origination.status === 'rejected' ? 'it was rejected' : 'its origination is not finished'}); it cannot be consulted`,
        },
        ['origination'],
        { topicId: input.origination.topicId, status: input.origination.status },
      ),
    ]);
  }
  const issues: Issue<StageIssueCode>[] = [
    ...checkText(input.id, { zh: '协商编号', en: 'the consultation id' }, ['id']),
    ...checkActor('start', by, rules, input.group),
    ...checkNotBefore(on, topic.establishedOn),
  ];
  const group = validateGroup(input.group, topic, rules);
  if (!group.ok) issues.push(...group.issues.map((i) => ({ ...i, path: ['group', ...i.path] })));
  if (issues.length > 0) return fail(issues);
  return ok({
    id: input.id,
    topic,
    origination: input.origination,
    group: input.group,
    status: 'pre_consultation',
    communications: [],
    plan: null,
    research: [],
    meeting: null,
    proposal: null,
    adoptions: [],
    implementations: [],
    events: [{ type: 'stage_entered', stage: 'pre_consultation', on, by }],
  });
}

/**
 * What stops a consultation from leaving `stage`; empty when the gate is open.
 *
 * @example
 * exitGate(consultation, 'plan', rules)[0]?.code; // 'CONSULTATION_GATE_PLAN_NOT_APPROVED'
 */
export function exitGate(
  consultation: Consultation,
  stage: ConsultationStage,
  rules: ConsultationRules,
): Issue<GateIssueCode>[] {
  switch (stage) {
    case 'pre_consultation': {
      const heard = new Set(consultation.communications.map((c) => c.counterpart));
      const missing = rules.stages.communicateWith.filter((c) => !heard.has(c));
      if (missing.length === 0) return [];
      const names = {
        zh: missing.map((m) => COMMUNICATION_COUNTERPART_LABELS[m].zh).join('、'),
        en: missing.map((m) => COMMUNICATION_COUNTERPART_LABELS[m].en).join(', '),
      };
      return [
        issue(
          'CONSULTATION_GATE_COMMUNICATION_MISSING',
          {
            zh: `商前沟通尚未与${names.zh}沟通，不能进入协商方案环节`,
            en: `pre-consultation communication has not yet reached the ${names.en}; the plan stage cannot begin`,
          },
          ['communications'],
          { missing },
        ),
      ];
    }
    case 'plan':
      if (consultation.plan?.status === 'approved') return [];
      return [
        issue(
          'CONSULTATION_GATE_PLAN_NOT_APPROVED',
          {
            zh: `协商方案${consultation.plan === null ? '尚未拟定' : consultation.plan.status === 'returned' ? '被退回修改' : '尚未批准'}，不能开展调查研究`,
            en: `the consultation plan is ${consultation.plan === null ? 'not drafted' : consultation.plan.status === 'returned' ? 'returned for revision' : 'not approved'}; research cannot begin`,
          },
          ['plan'],
          { plan: consultation.plan?.status ?? null },
        ),
      ];
    case 'research': {
      const out: Issue<GateIssueCode>[] = [];
      const min = rules.stages.minResearchActivities;
      const count = consultation.research.length;
      if (count < min) {
        out.push(
          issue(
            'CONSULTATION_GATE_RESEARCH_MISSING',
            {
              zh: `已记录调查研究 ${count} 次，召开协商会议前至少需要 ${min} 次`,
              en: `${count} research activities are recorded; at least ${min} are needed before the meeting`,
            },
            ['research'],
            { count, min },
          ),
        );
      }
      if (rules.stages.requirePublicOpinion && !consultation.research.some((r) => r.residentsHeard > 0)) {
        out.push(
          issue(
            'CONSULTATION_GATE_PUBLIC_OPINION_MISSING',
            {
              zh: '调查研究尚未听取群众意见（实地走访、倾听民意），不能召开协商会议',
              en: 'the research has not heard any residents yet; the meeting cannot be held',
            },
            ['research'],
          ),
        );
      }
      return out;
    }
    case 'meeting':
      if (consultation.meeting !== null) return [];
      return [
        issue(
          'CONSULTATION_GATE_MEETING_NOT_HELD',
          {
            zh: '协商会议尚未召开，不能上报协商成果',
            en: 'the consultation meeting has not been held; outcomes cannot be reported',
          },
          ['meeting'],
        ),
      ];
    case 'report':
      return [];
    default:
      return unreachable(stage, 'stage');
  }
}

/** One gate between two stages. */
export interface StageGate {
  readonly from: ConsultationStage;
  readonly to: ConsultationStage;
  readonly passed: boolean;
  readonly issues: readonly Issue<GateIssueCode>[];
}

/**
 * The four gates between the five stages and whether each is open now, for a checklist view.
 *
 * @example
 * stageGates(consultation, rules).filter((g) => !g.passed).map((g) => g.to); // ['research', 'meeting', 'report']
 */
export function stageGates(consultation: Consultation, rules: ConsultationRules): StageGate[] {
  return CONSULTATION_STAGES.slice(0, -1).map((from, i) => {
    const issues = exitGate(consultation, from, rules);
    return { from, to: CONSULTATION_STAGES[i + 1]!, passed: issues.length === 0, issues };
  });
}

/**
 * Applies one act to a consultation and returns the new consultation, or every reason the act is
 * refused: the consultation already completed, the act belonging to a stage already passed or not
 * yet reached (with the gates still closed on the way), a skip of stages, a closed gate, the
 * wrong role, a date before the previous event, and the act's own rules (plan not drafted or
 * already approved; no quorum, short notice or strangers at the meeting; an empty proposal).
 *
 * @example
 * const next = applyStageCommand(consultation, { type: 'advance', to: 'plan' }, {
 *   by: liaisonHead, on: '2026-03-10' as LocalDate, rules: referenceProfile.consultation,
 * });
 * if (!next.ok) next.issues.map((i) => i.code); // ['CONSULTATION_GATE_COMMUNICATION_MISSING']
 */
export function applyStageCommand(
  consultation: Consultation,
  command: StageCommand,
  context: ActContext,
): Result<Consultation, StageIssueCode> {
  const { by, on, rules } = context;
  assertLocalDate(on, 'on');
  const current = consultation.status;
  if (current === 'completed') {
    return fail([
      issue(
        'CONSULTATION_COMPLETED',
        {
          zh: `协商“${consultation.id}”的成果已上报，五个环节已结束`,
          en: `consultation "${consultation.id}" has reported its outcomes; its stages are over`,
        },
        ['status'],
        { command: command.type },
      ),
    ]);
  }
  const issues: Issue<StageIssueCode>[] = [
    ...checkActor(STAGE_COMMAND_ACTS[command.type], by, rules, consultation.group),
    ...checkNotBefore(on, consultation.events.at(-1)?.on),
  ];

  if (command.type === 'advance') {
    const expected = CONSULTATION_STAGES[stageIndex(current) + 1];
    if (command.to !== expected) {
      const to = CONSULTATION_STAGE_LABELS[command.to] ?? { zh: String(command.to), en: String(command.to) };
      const here = CONSULTATION_STAGE_LABELS[current];
      issues.push(
        issue(
          'CONSULTATION_STAGE_OUT_OF_ORDER',
          expected === undefined
            ? {
                zh: `已在“${here.zh}”环节，提交协商建议书即完成协商，不能进入“${to.zh}”`,
                en: `the consultation is at "${here.en}"; submitting the proposal completes it, it cannot move to "${to.en}"`,
              }
            : {
                zh: `当前在“${here.zh}”环节，下一环节是“${CONSULTATION_STAGE_LABELS[expected].zh}”，不能进入“${to.zh}”`,
                en: `the consultation is at "${here.en}"; the next stage is "${CONSULTATION_STAGE_LABELS[expected].en}", not "${to.en}"`,
              },
          ['to'],
          { current, to: command.to, expected: expected ?? null },
        ),
      );
      return fail(issues);
    }
    issues.push(...exitGate(consultation, current, rules));
    if (issues.length > 0) return fail(issues);
    return ok(
      withEvent(consultation, { type: 'stage_entered', stage: expected, on, by }, { status: expected }),
    );
  }

  const stage = COMMAND_STAGE[command.type];
  const at = stageIndex(current);
  const wanted = stageIndex(stage);
  if (wanted < at) {
    issues.push(
      issue(
        'CONSULTATION_STAGE_PASSED',
        {
          zh: `“${CONSULTATION_STAGE_LABELS[stage].zh}”环节已结束（当前在“${CONSULTATION_STAGE_LABELS[current].zh}”），不能再${actText(STAGE_COMMAND_ACTS[command.type]).zh}`,
          en: `the "${CONSULTATION_STAGE_LABELS[stage].en}" stage is over (now at "${CONSULTATION_STAGE_LABELS[current].en}"); cannot ${actText(STAGE_COMMAND_ACTS[command.type]).en}`,
        },
        ['status'],
        { current, stage, command: command.type },
      ),
    );
    return fail(issues);
  }
  if (wanted > at) {
    issues.push(
      issue(
        'CONSULTATION_STAGE_NOT_REACHED',
        {
          zh: `尚未进入“${CONSULTATION_STAGE_LABELS[stage].zh}”环节（当前在“${CONSULTATION_STAGE_LABELS[current].zh}”），不能${actText(STAGE_COMMAND_ACTS[command.type]).zh}`,
          en: `the consultation has not reached "${CONSULTATION_STAGE_LABELS[stage].en}" (now at "${CONSULTATION_STAGE_LABELS[current].en}"); cannot ${actText(STAGE_COMMAND_ACTS[command.type]).en} yet`,
        },
        ['status'],
        { current, stage, command: command.type },
      ),
    );
    for (let i = at; i < wanted; i++) issues.push(...exitGate(consultation, CONSULTATION_STAGES[i]!, rules));
    return fail(issues);
  }

  switch (command.type) {
    case 'communicate': {
      issues.push(...checkText(command.summary, { zh: '沟通情况', en: 'the summary' }, ['summary']));
      if (issues.length > 0) return fail(issues);
      const communication = { counterpart: command.counterpart, summary: command.summary, on, by };
      return ok(
        withEvent(
          consultation,
          { type: 'communicated', counterpart: command.counterpart, on, by },
          { communications: [...consultation.communications, communication] },
        ),
      );
    }
    case 'draft_plan': {
      if (consultation.plan?.status === 'approved') issues.push(planApproved(consultation.plan.decidedOn));
      issues.push(
        ...checkText(command.plan.summary, { zh: '协商方案内容', en: 'the plan summary' }, [
          'plan',
          'summary',
        ]),
      );
      if (command.plan.objectives.length === 0) {
        issues.push(...checkText('', { zh: '协商目标', en: 'the plan objectives' }, ['plan', 'objectives']));
      }
      command.plan.objectives.forEach((o, i) => {
        issues.push(
          ...checkText(o, { zh: `第 ${i} 项协商目标`, en: `objective ${i}` }, ['plan', 'objectives', i]),
        );
      });
      if (command.plan.plannedMeetingOn !== undefined)
        assertLocalDate(command.plan.plannedMeetingOn, 'plannedMeetingOn');
      if (issues.length > 0) return fail(issues);
      return ok(
        withEvent(
          consultation,
          { type: 'plan_drafted', on, by },
          { plan: { plan: command.plan, status: 'drafted', draftedOn: on, draftedBy: by } },
        ),
      );
    }
    case 'approve_plan':
    case 'return_plan': {
      const plan = consultation.plan;
      if (plan === null) {
        issues.push(
          issue(
            'CONSULTATION_PLAN_NOT_DRAFTED',
            {
              zh: '协商方案尚未拟定，无从审定',
              en: 'no consultation plan has been drafted to decide on',
            },
            ['plan'],
          ),
        );
      } else if (plan.status === 'approved') {
        issues.push(planApproved(plan.decidedOn));
      } else if (plan.status === 'returned') {
        issues.push(
          issue(
            'CONSULTATION_PLAN_NOT_DRAFTED',
            {
              zh: '协商方案已退回，须重新拟定后再审定',
              en: 'the consultation plan was returned; it must be redrafted before a decision',
            },
            ['plan'],
            { plan: 'returned' },
          ),
        );
      }
      if (command.type === 'return_plan') {
        issues.push(
          ...checkText(command.reason, { zh: '退回理由', en: 'the reason for returning' }, ['reason']),
        );
      }
      if (issues.length > 0 || plan === null) return fail(issues);
      if (command.type === 'approve_plan') {
        return ok(
          withEvent(
            consultation,
            { type: 'plan_approved', on, by },
            {
              plan: {
                ...plan,
                status: 'approved',
                decidedOn: on,
                decidedBy: by,
                ...(command.note === undefined ? {} : { note: command.note }),
              },
            },
          ),
        );
      }
      return ok(
        withEvent(
          consultation,
          { type: 'plan_returned', reason: command.reason, on, by },
          { plan: { ...plan, status: 'returned', decidedOn: on, decidedBy: by, note: command.reason } },
        ),
      );
    }
    case 'record_research': {
      issues.push(
        ...checkText(command.summary, { zh: '调研情况', en: 'the research summary' }, ['summary']),
        ...checkRange(
          command.residentsHeard,
          0,
          Number.POSITIVE_INFINITY,
          { zh: '听取意见的群众人数', en: 'residents heard' },
          ['residentsHeard'],
          true,
        ),
      );
      if (issues.length > 0) return fail(issues);
      const activity = {
        method: command.method,
        summary: command.summary,
        residentsHeard: command.residentsHeard,
        on,
        by,
      };
      return ok(
        withEvent(
          consultation,
          { type: 'research_recorded', method: command.method, on, by },
          { research: [...consultation.research, activity] },
        ),
      );
    }
    case 'hold_meeting': {
      assertLocalDate(command.noticeOn, 'noticeOn');
      if (consultation.meeting !== null) {
        issues.push(
          issue(
            'CONSULTATION_MEETING_ALREADY_HELD',
            {
              zh: `协商会议已于 ${consultation.meeting.heldOn} 召开`,
              en: `the consultation meeting was already held on ${consultation.meeting.heldOn}`,
            },
            ['meeting'],
            { heldOn: consultation.meeting.heldOn },
          ),
        );
        return fail(issues);
      }
      const members = new Set(consultation.group.members.map((m) => m.id));
      issues.push(
        ...duplicateIds(command.attendees, { zh: '出席人员', en: 'attendee' }, (i) => ['attendees', i]),
      );
      const strangers = command.attendees.filter((a) => !members.has(a));
      if (strangers.length > 0) {
        const list = listText(strangers);
        issues.push(
          issue(
            'CONSULTATION_MEETING_NOT_GROUP_MEMBER',
            {
              zh: `出席人员 ${list.zh} 不是本协商小组成员`,
              en: `attendees ${list.en} are not members of the consultation group`,
            },
            ['attendees'],
            { attendees: strangers },
          ),
        );
      }
      const present = new Set(command.attendees.filter((a) => members.has(a))).size;
      const size = consultation.group.members.length;
      const quorum = meetingQuorum(size, rules);
      if (present < quorum) {
        issues.push(
          issue(
            'CONSULTATION_MEETING_NO_QUORUM',
            {
              zh: `协商小组 ${size} 人，出席 ${present} 人，不足规定的 ${quorum} 人`,
              en: `${present} of the group's ${size} members attend; the quorum is ${quorum}`,
            },
            ['attendees'],
            { present, size, quorum, share: rules.meetingQuorumShare },
          ),
        );
      }
      const notice = daysBetween(command.noticeOn, on);
      const minNotice = rules.stages.minMeetingNoticeDays;
      if (notice < minNotice) {
        issues.push(
          issue(
            'CONSULTATION_MEETING_SHORT_NOTICE',
            {
              zh: `会议通知于 ${command.noticeOn} 发出，距会议 ${notice} 天，应至少提前 ${minNotice} 天`,
              en: `the group was notified on ${command.noticeOn}, ${notice} days before the meeting; at least ${minNotice} are required`,
            },
            ['noticeOn'],
            { noticeOn: command.noticeOn, days: notice, min: minNotice },
          ),
        );
      }
      if (issues.length > 0) return fail(issues);
      const meeting = {
        heldOn: on,
        noticeOn: command.noticeOn,
        attendees: command.attendees,
        opinions: command.opinions,
        quorum,
        by,
      };
      return ok(
        withEvent(consultation, { type: 'meeting_held', attended: present, quorum, on, by }, { meeting }),
      );
    }
    case 'submit_report': {
      issues.push(...checkText(command.title, { zh: '协商建议书标题', en: 'the proposal title' }, ['title']));
      if (command.items.length === 0) {
        issues.push(
          issue(
            'CONSULTATION_PROPOSAL_EMPTY',
            {
              zh: '协商建议书至少应有一条建议',
              en: 'a consultation proposal needs at least one item',
            },
            ['items'],
          ),
        );
      }
      issues.push(
        ...duplicateIds(
          command.items.map((i) => i.id),
          { zh: '建议事项', en: 'proposal item' },
          (i) => ['items', i, 'id'],
        ),
      );
      command.items.forEach((item, i) => {
        issues.push(...checkText(item.text, { zh: `第 ${i} 条建议`, en: `item ${i}` }, ['items', i, 'text']));
      });
      if (issues.length > 0) return fail(issues);
      const proposal = { title: command.title, items: command.items, submittedOn: on, submittedBy: by };
      return ok(
        withEvent(
          consultation,
          { type: 'report_submitted', items: command.items.length, on, by },
          { proposal, status: 'completed' },
        ),
      );
    }
    default:
      return unreachable(command, 'stage command');
  }
}

function planApproved(on: LocalDate | undefined): Issue<'CONSULTATION_PLAN_ALREADY_APPROVED'> {
  return issue(
    'CONSULTATION_PLAN_ALREADY_APPROVED',
    {
      zh: `协商方案已于 ${on ?? ''} 批准，不能再修改或审定`,
      en: `the consultation plan was approved on ${on ?? ''}; it can no longer be changed or decided`,
    },
    ['plan'],
    { approvedOn: on },
  );
}

function withEvent(
  consultation: Consultation,
  event: ConsultationEvent,
  changes: Partial<Omit<Consultation, 'events'>>,
): Consultation {
  return { ...consultation, ...changes, events: [...consultation.events, event] };
}

// ---------------------------------------------------------------------------------------------
// Timeline

export interface TimelineStage {
  readonly stage: ConsultationStage;
  readonly enteredOn: LocalDate | null;
  readonly enteredBy: Actor | null;
  /** The day the next stage began, or the report was submitted; null while in the stage. */
  readonly leftOn: LocalDate | null;
  /** Days in the stage; null until it is left. */
  readonly days: number | null;
}

export interface ConsultationTimeline {
  readonly stages: readonly TimelineStage[];
  /** Every event in order, outcomes included. */
  readonly events: readonly ConsultationEvent[];
  /** `meeting day + stages.reportWithinDays`, once the meeting is held. */
  readonly reportDueOn: LocalDate | null;
  readonly reportedOn: LocalDate | null;
  /** Reported after the due day, or not reported and `asOf` is past it. */
  readonly reportLate: boolean;
}

/**
 * The consultation's timeline: when each stage began and ended, every event, and whether the
 * outcomes were reported in time (及时上报: by `reportWithinDays` after the meeting).
 *
 * @example
 * const t = consultationTimeline(consultation, rules, '2026-06-30' as LocalDate);
 * t.stages.map((s) => [s.stage, s.enteredOn]); // [['pre_consultation', '2026-03-02'], ['plan', '2026-03-10'], …]
 */
export function consultationTimeline(
  consultation: Consultation,
  rules: ConsultationRules,
  asOf?: LocalDate,
): ConsultationTimeline {
  const entered = new Map<ConsultationStage, { on: LocalDate; by: Actor }>();
  for (const e of consultation.events)
    if (e.type === 'stage_entered') entered.set(e.stage, { on: e.on, by: e.by });
  const reportedOn = consultation.proposal?.submittedOn ?? null;
  const stages = CONSULTATION_STAGES.map((stage, i): TimelineStage => {
    const start = entered.get(stage);
    const next = CONSULTATION_STAGES[i + 1];
    const leftOn = next === undefined ? reportedOn : (entered.get(next)?.on ?? null);
    return {
      stage,
      enteredOn: start?.on ?? null,
      enteredBy: start?.by ?? null,
      leftOn,
      days: start === undefined || leftOn === null ? null : daysBetween(start.on, leftOn),
    };
  });
  const heldOn = consultation.meeting?.heldOn;
  const reportDueOn = heldOn === undefined ? null : addDays(heldOn, rules.stages.reportWithinDays);
  const reportLate =
    reportDueOn !== null &&
    (reportedOn !== null ? reportedOn > reportDueOn : asOf !== undefined && asOf > reportDueOn);
  return { stages, events: consultation.events, reportDueOn, reportedOn, reportLate };
}
