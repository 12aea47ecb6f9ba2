import type { ConsultationRole, ConsultationRules } from '../profiles/schema.js';
import type { LocalDate } from '../shared/dates.js';
import { type Issue, issue } from '../shared/errors.js';
import { fail, ok, type Result, unreachable } from '../shared/result.js';
import { assertLocalDate, yearOf } from './days.js';
import {
  checkNotBefore,
  checkRange,
  checkText,
  type OriginationIssueCode,
  roleNotAllowed,
  rolesText,
} from './errors.js';
import { canAddThematicTopic, checkTopicForm } from './forms.js';
import {
  type Actor,
  ORIGINATION_STEP_LABELS,
  type Origination,
  type OriginationPath,
  type OriginationRecord,
  type OriginationStep,
  type Topic,
  type TopicDraft,
} from './types.js';

/**
 * Topic origination 议题提出, the seed's two paths: (a) the township party committee, together with
 * the government and the liaison group, studies and proposes the topic; (b) the liaison group
 * solicits public opinion, drafts the topic and a plan, confers with the government and submits
 * to the party committee, which decides. Every step records who, with whom and when.
 */

/** The steps of each path, in order. */
export const ORIGINATION_PATHS: { readonly [P in OriginationPath]: readonly OriginationStep[] } = {
  committee_led: ['jointly_proposed'],
  liaison_group_led: [
    'opinions_solicited',
    'topic_drafted',
    'conferred_with_government',
    'submitted_to_committee',
    'committee_decided',
  ],
};

/** Who performs each step, and who must take part with them: fixed by the seed's wording. */
const STEP_ROLES: {
  readonly [S in OriginationStep]: {
    readonly by: ConsultationRole;
    readonly with: readonly ConsultationRole[];
  };
} = {
  jointly_proposed: { by: 'party_committee', with: ['government', 'liaison_group'] },
  opinions_solicited: { by: 'liaison_group', with: [] },
  topic_drafted: { by: 'liaison_group', with: [] },
  conferred_with_government: { by: 'liaison_group', with: ['government'] },
  submitted_to_committee: { by: 'liaison_group', with: [] },
  committee_decided: { by: 'party_committee', with: [] },
};

/** One step to record. */
export type OriginationInput =
  | {
      readonly step: 'jointly_proposed';
      /** The government and liaison group representatives who took part. */
      readonly with: readonly Actor[];
      readonly topic: TopicDraft;
      readonly note?: string;
    }
  | { readonly step: 'opinions_solicited'; readonly opinionsReceived: number; readonly note?: string }
  | { readonly step: 'topic_drafted'; readonly topic: TopicDraft; readonly planOutline: string }
  | { readonly step: 'conferred_with_government'; readonly with: readonly Actor[]; readonly note?: string }
  | { readonly step: 'submitted_to_committee'; readonly note?: string }
  | {
      readonly step: 'committee_decided';
      readonly decision: 'approved';
      /** The topic as the committee settled it, when it changed the draft. */
      readonly topic?: TopicDraft;
      readonly note?: string;
    }
  | { readonly step: 'committee_decided'; readonly decision: 'rejected'; readonly note: string };

export interface OriginationContext {
  readonly by: Actor;
  readonly on: LocalDate;
  readonly rules: ConsultationRules;
  /** Topics already established (any township, any year): the thematic limit is checked against them. */
  readonly established: readonly Topic[];
}

/**
 * Opens the origination of a topic on one of the two paths.
 *
 * @example
 * const o = beginOrigination({ topicId: 'T01-2026-1', township: 'T01', path: 'liaison_group_led' });
 * o.status; // 'in_progress'
 */
export function beginOrigination(input: {
  readonly topicId: string;
  readonly township: string;
  readonly path: OriginationPath;
}): Origination {
  if (!(input.path in ORIGINATION_PATHS))
    throw new TypeError(`unknown origination path ${JSON.stringify(input.path)}`);
  return {
    topicId: input.topicId,
    township: input.township,
    path: input.path,
    status: 'in_progress',
    draft: null,
    planOutline: null,
    steps: [],
    topic: null,
  };
}

/**
 * The step the origination expects next, or null once decided.
 *
 * @example
 * nextOriginationStep(beginOrigination({ topicId: 'B-1', township: 'T02', path: 'liaison_group_led' }));
 * // 'opinions_solicited'
 */
export function nextOriginationStep(origination: Origination): OriginationStep | null {
  if (origination.status !== 'in_progress') return null;
  return ORIGINATION_PATHS[origination.path][origination.steps.length] ?? null;
}

/**
 * Records the next step of a topic's origination. Refuses, with every reason: a step after the
 * topic was decided, a step of the other path or out of order, the wrong body acting, a body
 * missing from a joint step, a date before the previous step, an empty or invalid draft, no
 * opinions received, and a thematic topic beyond the year's limit. The topic is established by
 * the joint proposal (path a) or the committee's approval (path b).
 *
 * @example
 * const next = recordOriginationStep(o, { step: 'opinions_solicited', opinionsReceived: 36 }, {
 *   by: liaisonHead, on: '2026-02-10' as LocalDate, rules: referenceProfile.consultation, established: [],
 * });
 */
export function recordOriginationStep(
  origination: Origination,
  input: OriginationInput,
  context: OriginationContext,
): Result<Origination, OriginationIssueCode> {
  const { by, on, rules } = context;
  assertLocalDate(on, 'on');
  const label = ORIGINATION_STEP_LABELS[input.step];
  if (origination.status !== 'in_progress') {
    return fail([
      issue(
        'CONSULTATION_ORIGIN_CLOSED',
        {
          zh: `议题“${origination.topicId}”已${origination.status === 'established' ? '确定' : '被否决'}，不能再记录“${label.zh}”`,
          en: `topic "${origination.topicId}" is already ${origination.status === 'established' ? 'established' : 'rejected'}; "${label.en}" cannot be recorded`,
        },
        ['step'],
        { status: origination.status, step: input.step },
      ),
    ]);
  }
  const path = ORIGINATION_PATHS[origination.path];
  if (!path.includes(input.step)) {
    return fail([
      issue(
        'CONSULTATION_ORIGIN_STEP_NOT_ON_PATH',
        {
          zh: `“${label.zh}”不属于${origination.path === 'committee_led' ? '党委会同政府、联络组提出' : '联络组征集拟定、党委研究确定'}的议题提出方式`,
          en: `"${label.en}" is not a step of the ${origination.path === 'committee_led' ? 'committee-led' : 'liaison-group-led'} path`,
        },
        ['step'],
        { step: input.step, path: origination.path },
      ),
    ]);
  }
  const expected = nextOriginationStep(origination)!;
  if (input.step !== expected) {
    const want = ORIGINATION_STEP_LABELS[expected];
    return fail([
      issue(
        'CONSULTATION_ORIGIN_OUT_OF_ORDER',
        {
          zh: `下一步应为“${want.zh}”，不能先“${label.zh}”`,
          en: `the next step is "${want.en}", not "${label.en}"`,
        },
        ['step'],
        { step: input.step, expected },
      ),
    ]);
  }

  const issues: Issue<OriginationIssueCode>[] = [];
  const roles = STEP_ROLES[input.step];
  if (by.role !== roles.by) issues.push(roleNotAllowed(label, by.role, [roles.by]));
  issues.push(...checkNotBefore(on, origination.steps.at(-1)?.on));
  const withActors = 'with' in input ? input.with : [];
  const missing = roles.with.filter((r) => !withActors.some((a) => a.role === r));
  if (missing.length > 0) {
    const text = rolesText(missing);
    issues.push(
      issue(
        'CONSULTATION_ORIGIN_PARTY_MISSING',
        {
          zh: `“${label.zh}”须有${text.zh}参加`,
          en: `"${label.en}" needs the ${text.en} to take part`,
        },
        ['with'],
        { step: input.step, missing },
      ),
    );
  }

  let draft = origination.draft;
  let planOutline = origination.planOutline;
  let established = false;
  let rejected = false;
  const record: { -readonly [K in keyof OriginationRecord]: OriginationRecord[K] } = {
    step: input.step,
    on,
    by,
    with: withActors,
  };
  switch (input.step) {
    case 'jointly_proposed':
      issues.push(...checkDraft(input.topic, rules));
      draft = input.topic;
      established = true;
      if (input.note !== undefined) record.note = input.note;
      break;
    case 'opinions_solicited':
      issues.push(
        ...checkRange(
          input.opinionsReceived,
          0,
          Number.POSITIVE_INFINITY,
          { zh: '收到的意见数', en: 'opinions received' },
          ['opinionsReceived'],
          true,
        ),
      );
      if (input.opinionsReceived === 0) {
        issues.push(
          issue(
            'CONSULTATION_ORIGIN_NO_OPINIONS',
            {
              zh: '广泛征求社情民意后才能拟定议题，但未收到任何意见',
              en: 'a topic is drafted from solicited public opinion, but no opinions were received',
            },
            ['opinionsReceived'],
          ),
        );
      }
      record.opinionsReceived = input.opinionsReceived;
      if (input.note !== undefined) record.note = input.note;
      break;
    case 'topic_drafted':
      issues.push(...checkDraft(input.topic, rules));
      issues.push(
        ...checkText(input.planOutline, { zh: '协商计划', en: 'the plan outline' }, ['planOutline']),
      );
      draft = input.topic;
      planOutline = input.planOutline;
      break;
    case 'conferred_with_government':
    case 'submitted_to_committee':
      if (input.note !== undefined) record.note = input.note;
      break;
    case 'committee_decided':
      record.decision = input.decision;
      if (input.decision === 'approved') {
        if (input.topic !== undefined) {
          issues.push(...checkDraft(input.topic, rules));
          draft = input.topic;
        }
        if (input.note !== undefined) record.note = input.note;
        established = true;
      } else {
        issues.push(...checkText(input.note, { zh: '否决理由', en: 'the reason for rejecting' }, ['note']));
        record.note = input.note;
        rejected = true;
      }
      break;
    default:
      unreachable(input, 'origination step');
  }

  let topic: Topic | null = null;
  if (established && draft !== null && issues.length === 0) {
    topic = {
      ...draft,
      id: origination.topicId,
      township: origination.township,
      year: yearOf(on),
      establishedOn: on,
    };
    if (draft.form.kind === 'thematic') {
      const others = context.established.filter((t) => t.id !== origination.topicId);
      const room = canAddThematicTopic(others, origination.township, topic.year, rules);
      if (!room.ok) issues.push(...room.issues);
    }
  }
  if (issues.length > 0) return fail(issues);
  return ok({
    ...origination,
    status: established ? 'established' : rejected ? 'rejected' : 'in_progress',
    draft,
    planOutline,
    steps: [...origination.steps, record],
    topic,
  });
}

function checkDraft(draft: TopicDraft, rules: ConsultationRules): Issue<OriginationIssueCode>[] {
  const issues: Issue<OriginationIssueCode>[] = [
    ...checkText(draft.title, { zh: '议题名称', en: 'the topic title' }, ['topic', 'title']),
    ...checkTopicForm(draft, rules).map((i) => ({ ...i, path: ['topic', ...i.path] })),
  ];
  if (draft.form.kind === 'routine') {
    issues.push(
      ...checkText(draft.form.itemKind, { zh: '例行协商事项类型', en: 'the routine item kind' }, [
        'topic',
        'form',
        'itemKind',
      ]),
      ...checkText(draft.form.decisionId, { zh: '例行协商事项编号', en: 'the routine item id' }, [
        'topic',
        'form',
        'decisionId',
      ]),
    );
  }
  return issues;
}
