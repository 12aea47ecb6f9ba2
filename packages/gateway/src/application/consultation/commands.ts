import type {
  Actor,
  AdoptionDecision,
  CommunicationCounterpart,
  ConsultationRole,
  ConsultationStage,
  Evidence,
  InvitedCandidate,
  LocalDate,
  OriginationInput,
  OriginationStep,
  ResearchMethod,
  StageCommand,
  StageCommandType,
  TaskInput,
  TopicDraft,
} from '@jiceng/domain';
import type { ConsultationInput } from './access.js';

/**
 * The commands of the consultation use cases, as plain objects: what any door (GraphQL, the CLI,
 * an integration) hands them. A door has no input unions to offer, so a variant (an origination
 * step, a stage command) is one object with the fields of every variant; `to…` turns it into the
 * domain's union, and a field the chosen variant needs but did not get is refused with
 * `CONSULTATION_EMPTY_FIELD` at its path, together with every other problem of the command.
 */

/** Who acts, and when: every act's common fields. */
export interface ActingCommand {
  /** `YYYY-MM-DD`; default today, never after it. */
  readonly on?: string | null;
  /** The body the caller acts as; default the first the profile allows that the caller may take. */
  readonly actingAs?: ConsultationRole | null;
}

/** Another body taking part in a step (the government, the liaison group). */
export interface ActorCommand {
  readonly id?: string | null;
  readonly name: string;
  readonly role: ConsultationRole;
}

export interface TopicDraftCommand {
  readonly title: string;
  readonly form: 'routine' | 'thematic';
  readonly kind: string;
  readonly decisionId?: string | null;
  readonly tags?: readonly string[] | null;
  readonly subjects?: readonly string[] | null;
}

export interface OriginationStepCommand {
  readonly step: OriginationStep;
  readonly with?: readonly ActorCommand[] | null;
  readonly topic?: TopicDraftCommand | null;
  readonly opinionsReceived?: number | null;
  readonly planOutline?: string | null;
  readonly decision?: 'approved' | 'rejected' | null;
  readonly note?: string | null;
}

export interface OriginateTopicCommand extends ActingCommand {
  readonly topicId: string;
  readonly township: string;
  readonly path: 'committee_led' | 'liaison_group_led';
  readonly step: OriginationStepCommand;
  readonly profileId?: string | null;
}

export interface RecordOriginationStepCommand extends ActingCommand {
  readonly topicId: string;
  readonly step: OriginationStepCommand;
  readonly expectedVersion?: number | null;
}

export interface InvitedCommand {
  readonly id: string;
  readonly name: string;
  readonly category: InvitedCandidate['category'];
  readonly township?: string | null;
  readonly expertise?: readonly string[] | null;
  readonly interests?: readonly { readonly kind: string; readonly subject: string }[] | null;
}

export interface StartConsultationCommand extends ActingCommand {
  readonly topicId: string;
  /** Default `C-<topicId>`. */
  readonly id?: string | null;
  readonly invited: readonly InvitedCommand[];
  /** The CPPCC members to seat; without it, the group `proposeGroup` gives. */
  readonly fixedMemberIds?: readonly string[] | null;
  readonly expectedTopicVersion?: number | null;
}

export interface StageCommandFields {
  readonly type: StageCommandType;
  readonly counterpart?: CommunicationCounterpart | null;
  readonly summary?: string | null;
  readonly to?: ConsultationStage | null;
  readonly plan?: {
    readonly summary: string;
    readonly objectives: readonly string[];
    readonly researchMethods: readonly ResearchMethod[];
    readonly plannedMeetingOn?: string | null;
  } | null;
  readonly note?: string | null;
  readonly reason?: string | null;
  readonly method?: ResearchMethod | null;
  readonly residentsHeard?: number | null;
  readonly noticeOn?: string | null;
  readonly attendees?: readonly string[] | null;
  readonly opinions?: readonly string[] | null;
  readonly title?: string | null;
  readonly items?:
    | readonly {
        readonly id: string;
        readonly text: string;
        readonly addressedTo: 'party_committee' | 'government';
      }[]
    | null;
}

/** An act on a stored consultation: its id and the version the caller read. */
export interface ConsultationActCommand extends ActingCommand {
  readonly consultationId: string;
  /** The version read; a stale one is a CONFLICT. Default the version the use case reads. */
  readonly expectedVersion?: number | null;
}

export interface StageActCommand extends ConsultationActCommand {
  readonly command: StageCommandFields;
}

export interface DecideAdoptionCommand extends ConsultationActCommand {
  readonly itemId: string;
  readonly decision: AdoptionDecision;
  readonly reason?: string | null;
}

export interface TaskCommand {
  readonly id: string;
  readonly title: string;
  readonly weight?: number | null;
  readonly dueOn?: string | null;
  readonly subTasks?: readonly TaskCommand[] | null;
}

export interface PlanImplementationCommand extends ConsultationActCommand {
  readonly itemId: string;
  readonly owner: string;
  readonly dueOn?: string | null;
  readonly tasks: readonly TaskCommand[];
}

export interface EvidenceCommand {
  readonly title: string;
  readonly reference?: string | null;
  readonly on?: string | null;
}

export interface RecordProgressCommand extends ConsultationActCommand {
  readonly itemId: string;
  readonly taskId: string;
  readonly progress: number;
  readonly evidence?: readonly EvidenceCommand[] | null;
}

export interface FileMinutesCommand {
  readonly id: string;
  readonly village: string;
  readonly meetingOn: string;
  readonly topic: string;
  readonly on?: string | null;
  readonly profileId?: string | null;
}

export interface IssueDecisionCommand {
  readonly id: string;
  readonly township: string;
  readonly itemKind: string;
  readonly title: string;
  readonly on?: string | null;
  readonly profileId?: string | null;
}

// ---------------------------------------------------------------------------------------------
// Conversion to the domain's unions

/**
 * Stands in for a missing date so the conversion can go on collecting issues; it never reaches a
 * rule, since the caller refuses the input (`ConsultationInput.check`) before calling the domain.
 */
const MISSING_DAY = '1970-01-01' as LocalDate;

export function toActor(input: ActorCommand): Actor {
  return { id: input.id ?? `${input.role}:${input.name}`, name: input.name, role: input.role };
}

export function toDraft(
  input: TopicDraftCommand,
  issues: ConsultationInput,
  path: readonly (string | number)[],
): TopicDraft {
  const tags = input.tags ?? [];
  const subjects = input.subjects ?? [];
  const base = {
    title: input.title,
    ...(tags.length > 0 ? { tags } : {}),
    ...(subjects.length > 0 ? { subjects } : {}),
  };
  if (input.form === 'thematic') return { ...base, form: { kind: 'thematic', topicKind: input.kind } };
  const decisionId =
    issues.required(input.decisionId, [...path, 'decisionId'], '例行协商事项编号 decisionId') ?? '';
  return { ...base, form: { kind: 'routine', itemKind: input.kind, decisionId } };
}

export function toOriginationStep(
  input: OriginationStepCommand,
  issues: ConsultationInput,
  path: readonly (string | number)[] = ['step'],
): OriginationInput {
  const note = input.note ?? undefined;
  const withNote = note === undefined ? {} : { note };
  const topic = (required: boolean): TopicDraft | undefined => {
    const draft = required ? issues.required(input.topic, [...path, 'topic'], '议题 topic') : input.topic;
    return draft === null || draft === undefined ? undefined : toDraft(draft, issues, [...path, 'topic']);
  };
  const empty: TopicDraft = { title: '', form: { kind: 'thematic', topicKind: '' } };
  switch (input.step) {
    case 'jointly_proposed':
      return {
        step: input.step,
        with: (input.with ?? []).map(toActor),
        topic: topic(true) ?? empty,
        ...withNote,
      };
    case 'opinions_solicited':
      return {
        step: input.step,
        opinionsReceived:
          issues.required(input.opinionsReceived, [...path, 'opinionsReceived'], '意见数') ?? 0,
        ...withNote,
      };
    case 'topic_drafted':
      return {
        step: input.step,
        topic: topic(true) ?? empty,
        planOutline:
          issues.required(input.planOutline, [...path, 'planOutline'], '协商计划 planOutline') ?? '',
      };
    case 'conferred_with_government':
      return { step: input.step, with: (input.with ?? []).map(toActor), ...withNote };
    case 'submitted_to_committee':
      return { step: input.step, ...withNote };
    case 'committee_decided': {
      const decision = issues.required(input.decision, [...path, 'decision'], '党委决定 decision');
      if (decision === 'rejected') return { step: input.step, decision, note: note ?? '' };
      const draft = topic(false);
      return {
        step: input.step,
        decision: 'approved',
        ...(draft === undefined ? {} : { topic: draft }),
        ...withNote,
      };
    }
  }
}

export function toTask(
  input: TaskCommand,
  issues: ConsultationInput,
  path: readonly (string | number)[],
): TaskInput {
  const dueOn =
    input.dueOn === null || input.dueOn === undefined
      ? undefined
      : issues.date(input.dueOn, [...path, 'dueOn']);
  return {
    id: input.id,
    title: input.title,
    ...(input.weight === null || input.weight === undefined ? {} : { weight: input.weight }),
    ...(dueOn === undefined ? {} : { dueOn }),
    ...(input.subTasks
      ? { subTasks: input.subTasks.map((t, i) => toTask(t, issues, [...path, 'subTasks', i])) }
      : {}),
  };
}

export function toEvidence(
  input: EvidenceCommand,
  issues: ConsultationInput,
  path: readonly (string | number)[],
): Evidence {
  const on = input.on === null || input.on === undefined ? undefined : issues.date(input.on, [...path, 'on']);
  return {
    title: input.title,
    ...(input.reference ? { reference: input.reference } : {}),
    ...(on === undefined ? {} : { on }),
  };
}

export function toInvited(input: InvitedCommand): InvitedCandidate {
  return {
    kind: 'invited',
    id: input.id,
    name: input.name,
    category: input.category,
    ...(input.township ? { township: input.township } : {}),
    ...(input.expertise ? { expertise: input.expertise } : {}),
    ...(input.interests
      ? { interests: input.interests.map((i) => ({ kind: i.kind, subject: i.subject })) }
      : {}),
  };
}

export function toStageCommand(
  input: StageCommandFields,
  issues: ConsultationInput,
  path: readonly (string | number)[] = ['command'],
): StageCommand {
  const need = <T>(value: T | null | undefined, field: string): T | undefined =>
    issues.required(value, [...path, field], field);
  switch (input.type) {
    case 'communicate':
      return {
        type: 'communicate',
        counterpart: need(input.counterpart, 'counterpart') ?? 'party_committee',
        summary: need(input.summary, 'summary') ?? '',
      };
    case 'advance':
      return { type: 'advance', to: need(input.to, 'to') ?? 'plan' };
    case 'draft_plan': {
      const plan = need(input.plan, 'plan');
      const plannedMeetingOn =
        plan?.plannedMeetingOn === null || plan?.plannedMeetingOn === undefined
          ? undefined
          : issues.date(plan.plannedMeetingOn, [...path, 'plan', 'plannedMeetingOn']);
      return {
        type: 'draft_plan',
        plan: {
          summary: plan?.summary ?? '',
          objectives: plan?.objectives ?? [],
          researchMethods: plan?.researchMethods ?? [],
          ...(plannedMeetingOn === undefined ? {} : { plannedMeetingOn }),
        },
      };
    }
    case 'approve_plan':
      return { type: 'approve_plan', ...(input.note ? { note: input.note } : {}) };
    case 'return_plan':
      return { type: 'return_plan', reason: need(input.reason, 'reason') ?? '' };
    case 'record_research':
      return {
        type: 'record_research',
        method: need(input.method, 'method') ?? 'site_visit',
        summary: need(input.summary, 'summary') ?? '',
        residentsHeard: need(input.residentsHeard, 'residentsHeard') ?? 0,
      };
    case 'hold_meeting': {
      const noticeText = need(input.noticeOn, 'noticeOn');
      const noticeOn = noticeText === undefined ? undefined : issues.date(noticeText, [...path, 'noticeOn']);
      return {
        type: 'hold_meeting',
        noticeOn: noticeOn ?? MISSING_DAY,
        attendees: need(input.attendees, 'attendees') ?? [],
        opinions: input.opinions ?? [],
      };
    }
    case 'submit_report':
      return {
        type: 'submit_report',
        title: need(input.title, 'title') ?? '',
        items: (need(input.items, 'items') ?? []).map((i) => ({
          id: i.id,
          text: i.text,
          addressedTo: i.addressedTo,
        })),
      };
  }
}
