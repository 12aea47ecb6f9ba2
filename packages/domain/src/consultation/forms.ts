import type { ConsultationRules } from '../profiles/schema.js';
import type { LocalDate } from '../shared/dates.js';
import { type Issue, issue } from '../shared/errors.js';
import { fail, ok, type Result } from '../shared/result.js';
import type { FormIssueCode } from './errors.js';
import { listText } from './errors.js';
import type { Consultation, Topic, TopicDraft } from './types.js';

/**
 * The two forms of consultation (seed 1). Routine consultation 例行协商: the township's congress
 * reports, annual key-work plan and important decisions must be consulted before they are issued.
 * Thematic consultation 专题协商: each liaison group takes 1–2 key topics a year.
 */

/** Something the township intends to issue: a report, a plan, a decision. */
export interface RoutineDecision {
  readonly id: string;
  readonly township: string;
  /** A code of `routine.requiredItemKinds` when it must be consulted; any other code when not. */
  readonly itemKind: string;
  readonly title: string;
}

/** Why a decision may be issued. */
export interface IssueClearance {
  /** Whether the profile requires this kind of item to be consulted before issue. */
  readonly required: boolean;
  /** The routine consultation whose meeting discussed it, if any. */
  readonly consultationId: string | null;
  readonly meetingOn: LocalDate | null;
}

/**
 * Whether the profile requires items of this kind to be consulted before issue.
 *
 * @example
 * isRequiredRoutineItem('annual_key_work_plan', referenceProfile.consultation); // true
 */
export function isRequiredRoutineItem(itemKind: string, rules: ConsultationRules): boolean {
  return rules.routine.requiredItemKinds.some((k) => k.code === itemKind);
}

/**
 * The guard before a township issues a decision: an item of a required kind may be issued only
 * once a routine consultation of it has held its consultation meeting, on or before `on`.
 * Items of other kinds may always be issued.
 *
 * @example
 * const cleared = canIssue(decision, { rules: referenceProfile.consultation, consultations, on: '2026-03-20' as LocalDate });
 * if (!cleared.ok) cleared.issues[0]?.code; // 'CONSULTATION_ROUTINE_NOT_CONSULTED'
 */
export function canIssue(
  decision: RoutineDecision,
  context: {
    readonly rules: ConsultationRules;
    readonly consultations: readonly Consultation[];
    readonly on: LocalDate;
  },
): Result<IssueClearance, FormIssueCode> {
  const required = isRequiredRoutineItem(decision.itemKind, context.rules);
  const ofDecision = context.consultations.filter(
    (c) => c.topic.form.kind === 'routine' && c.topic.form.decisionId === decision.id,
  );
  const held = ofDecision
    .filter((c) => c.meeting !== null && c.meeting.heldOn <= context.on)
    .sort((a, b) => (a.meeting!.heldOn < b.meeting!.heldOn ? -1 : 1))[0];
  if (held !== undefined) {
    return ok({ required, consultationId: held.id, meetingOn: held.meeting!.heldOn });
  }
  if (!required) return ok({ required, consultationId: null, meetingOn: null });
  const kind = context.rules.routine.requiredItemKinds.find((k) => k.code === decision.itemKind)!;
  if (ofDecision.length === 0) {
    return fail([
      issue(
        'CONSULTATION_ROUTINE_NOT_CONSULTED',
        {
          zh: `“${decision.title}”属于“${kind.name.zh}”，出台前必须交协商小组协商，但尚未协商`,
          en: `"${decision.title}" is a ${kind.name.en}, which must be consulted before it is issued; it has not been`,
        },
        ['decision', 'id'],
        { decisionId: decision.id, itemKind: decision.itemKind, on: context.on },
      ),
    ]);
  }
  const pending = listText(ofDecision.map((c) => c.id));
  return fail([
    issue(
      'CONSULTATION_ROUTINE_MEETING_PENDING',
      {
        zh: `“${decision.title}”的例行协商（${pending.zh}）在 ${context.on} 前尚未召开协商会议，暂不能出台`,
        en: `the routine consultation of "${decision.title}" (${pending.en}) has not held its meeting by ${context.on}; it cannot be issued yet`,
      },
      ['decision', 'id'],
      {
        decisionId: decision.id,
        consultations: ofDecision.map((c) => ({ id: c.id, status: c.status })),
        on: context.on,
      },
    ),
  ]);
}

/**
 * Checks a draft's form against the profile: a thematic topic must be of one of its topic kinds.
 *
 * @example
 * checkTopicForm({ title: '…', form: { kind: 'thematic', topicKind: 'gossip' } }, rules)[0]?.code;
 * // 'CONSULTATION_THEMATIC_UNKNOWN_KIND'
 */
export function checkTopicForm(
  draft: TopicDraft,
  rules: ConsultationRules,
): Issue<'CONSULTATION_THEMATIC_UNKNOWN_KIND'>[] {
  if (draft.form.kind !== 'thematic') return [];
  const kind = draft.form.topicKind;
  if (rules.thematic.topicKinds.some((k) => k.code === kind)) return [];
  const known = listText(rules.thematic.topicKinds.map((k) => k.code));
  return [
    issue(
      'CONSULTATION_THEMATIC_UNKNOWN_KIND',
      {
        zh: `专题协商议题类型“${kind}”不在规定之内（可选：${known.zh}）`,
        en: `thematic topic kind "${kind}" is not one of ${known.en}`,
      },
      ['form', 'topicKind'],
      { topicKind: kind },
    ),
  ];
}

/**
 * Thematic topics a liaison group has established in a year.
 *
 * @example
 * thematicTopicsOf(topics, 'T01', 2026).length; // 2
 */
export function thematicTopicsOf(topics: readonly Topic[], township: string, year: number): Topic[] {
  return topics.filter((t) => t.form.kind === 'thematic' && t.township === township && t.year === year);
}

/**
 * Whether a liaison group may take one more thematic topic in a year (at most
 * `thematic.perLiaisonGroupPerYear.max`; the seed: 1–2 a year).
 *
 * @example
 * canAddThematicTopic(established, 'T01', 2026, rules); // fails with CONSULTATION_THEMATIC_LIMIT_REACHED at the third
 */
export function canAddThematicTopic(
  established: readonly Topic[],
  township: string,
  year: number,
  rules: ConsultationRules,
): Result<{ readonly count: number; readonly max: number }, 'CONSULTATION_THEMATIC_LIMIT_REACHED'> {
  const existing = thematicTopicsOf(established, township, year);
  const max = rules.thematic.perLiaisonGroupPerYear.max;
  if (existing.length < max) return ok({ count: existing.length, max });
  const titles = listText(existing.map((t) => t.title));
  return fail([
    issue(
      'CONSULTATION_THEMATIC_LIMIT_REACHED',
      {
        zh: `联络组 ${year} 年已确定 ${existing.length} 个专题协商议题（${titles.zh}），每年最多 ${max} 个`,
        en: `the liaison group already has ${existing.length} thematic topics in ${year} (${titles.en}); at most ${max} a year`,
      },
      ['form'],
      { township, year, count: existing.length, max, topics: existing.map((t) => t.id) },
    ),
  ]);
}
