import { maskPersonalDataInText as published } from '../personal/free-text.js';
import type { ConsultationRules, DisclosableField } from '../profiles/schema.js';
import type { LocalDate } from '../shared/dates.js';
import type { LocalizedText } from '../shared/errors.js';
import { unreachable } from '../shared/result.js';
import { assertLocalDate } from './days.js';
import { type ImplementationStatus, implementationReport, type TaskReport } from './outcomes.js';
import { consultationTimeline, meetingQuorum } from './stages.js';
import {
  type Actor,
  ADOPTION_DECISION_LABELS,
  type AdoptionDecision,
  COMMUNICATION_COUNTERPART_LABELS,
  CONSULTATION_ROLE_LABELS,
  CONSULTATION_STAGE_LABELS,
  type CommunicationCounterpart,
  type Consultation,
  type ConsultationStage,
  ORIGINATION_STEP_LABELS,
  type OriginationPath,
  type OriginationStep,
  PARTICIPANT_CATEGORY_LABELS,
  type ProposalAddressee,
  RESEARCH_METHOD_LABELS,
  type ResearchMethod,
} from './types.js';

/**
 * The public disclosure 全过程公开 of a consultation (seed 1: 对协商议题、协商过程、协商成果以及执行
 * 情况的全过程公开). It holds exactly the parts the profile lists in `publicFields`, and about people
 * only names and roles: no ids, no contact details, no free-text notes that could carry them. The
 * free text it does publish (titles, summaries, item texts, reasons) shows any mobile or resident
 * identity number typed into it masked (`maskPersonalDataInText`).
 */

/** A person in the public view: a name and a role label, nothing else. */
export interface PublicPerson {
  readonly name: string;
  readonly role: LocalizedText;
}

export interface PublicTopic {
  readonly title: string;
  readonly form: 'routine' | 'thematic';
  readonly kind: LocalizedText;
  readonly year: number;
  readonly establishedOn: LocalDate;
}

export interface PublicOrigination {
  readonly path: OriginationPath;
  readonly steps: readonly {
    readonly step: OriginationStep;
    readonly label: LocalizedText;
    readonly on: LocalDate;
    readonly by: PublicPerson;
    readonly with: readonly PublicPerson[];
  }[];
}

export interface PublicPlan {
  readonly summary: string;
  readonly objectives: readonly string[];
  readonly researchMethods: readonly LocalizedText[];
  readonly approvedOn: LocalDate | null;
  readonly approvedBy: PublicPerson | null;
}

export interface PublicProcess {
  readonly stages: readonly {
    readonly stage: ConsultationStage;
    readonly label: LocalizedText;
    readonly enteredOn: LocalDate | null;
    readonly leftOn: LocalDate | null;
  }[];
  readonly communications: readonly {
    readonly counterpart: CommunicationCounterpart;
    readonly label: LocalizedText;
    readonly on: LocalDate;
  }[];
  readonly research: readonly {
    readonly method: ResearchMethod;
    readonly label: LocalizedText;
    readonly on: LocalDate;
    readonly residentsHeard: number;
  }[];
  readonly meeting: {
    readonly heldOn: LocalDate;
    readonly groupSize: number;
    readonly attended: number;
    readonly quorum: number;
  } | null;
}

export interface PublicParticipant {
  readonly name: string;
  /** 固定成员 / the invited category. */
  readonly role: LocalizedText;
}

export interface PublicProposal {
  readonly title: string;
  readonly submittedOn: LocalDate;
  readonly items: readonly {
    readonly id: string;
    readonly text: string;
    readonly addressedTo: ProposalAddressee;
  }[];
}

export interface PublicAdoption {
  readonly itemId: string;
  readonly decision: AdoptionDecision;
  readonly label: LocalizedText;
  readonly on: LocalDate;
  readonly by: PublicPerson;
  readonly reason: string | null;
}

export interface PublicTask {
  readonly title: string;
  readonly progress: number;
  readonly status: TaskReport['status'];
  readonly dueOn: LocalDate | null;
  readonly completedOn: LocalDate | null;
  readonly subTasks: readonly PublicTask[];
}

export interface PublicImplementation {
  readonly itemId: string;
  readonly owner: string | null;
  readonly status: ImplementationStatus;
  /** Rounded to one decimal. */
  readonly progress: number;
  readonly startedOn: LocalDate | null;
  readonly completedOn: LocalDate | null;
  readonly dueOn: LocalDate | null;
  /** Titles of the evidence; references stay internal. */
  readonly evidence: readonly string[];
  readonly tasks: readonly PublicTask[];
}

/** The public view; a part is present exactly when the profile lists it in `publicFields`. */
export interface PublicDisclosure {
  readonly consultationId: string;
  readonly township: string;
  readonly status: LocalizedText;
  readonly asOf: LocalDate;
  readonly topic?: PublicTopic;
  readonly origination?: PublicOrigination;
  readonly plan?: PublicPlan | null;
  readonly process?: PublicProcess;
  readonly participants?: readonly PublicParticipant[];
  readonly proposal?: PublicProposal | null;
  readonly adoption?: readonly PublicAdoption[];
  readonly implementation?: readonly PublicImplementation[];
}

function person(actor: Actor): PublicPerson {
  return { name: actor.name, role: CONSULTATION_ROLE_LABELS[actor.role] };
}

function publicTask(task: TaskReport): PublicTask {
  return {
    title: published(task.title),
    progress: Math.round(task.progress * 10) / 10,
    status: task.status,
    dueOn: task.dueOn,
    completedOn: task.completedOn,
    subTasks: task.subTasks.map(publicTask),
  };
}

/**
 * The public disclosure view of a consultation on `asOf`: exactly the parts the profile marks
 * public, each built field by field so nothing personal slips through (people appear as name and
 * role; ids, contact details, research notes and meeting opinions stay internal).
 *
 * @example
 * const view = publicDisclosure(consultation, referenceProfile.consultation, '2026-09-30' as LocalDate);
 * 'participants' in view; // false: the reference profile withholds the participant list
 * view.implementation?.[0]?.progress; // 62.5
 */
export function publicDisclosure(
  consultation: Consultation,
  rules: ConsultationRules,
  asOf: LocalDate,
): PublicDisclosure {
  assertLocalDate(asOf, 'asOf');
  const parts: { -readonly [K in keyof PublicDisclosure]: PublicDisclosure[K] } = {
    consultationId: consultation.id,
    township: consultation.topic.township,
    status: CONSULTATION_STAGE_LABELS[consultation.status],
    asOf,
  };
  for (const field of new Set<DisclosableField>(rules.publicFields)) {
    switch (field) {
      case 'topic': {
        const t = consultation.topic;
        const form = t.form;
        const kind =
          form.kind === 'thematic'
            ? (rules.thematic.topicKinds.find((k) => k.code === form.topicKind)?.name ?? {
                zh: '专题协商',
                en: 'thematic consultation',
              })
            : (rules.routine.requiredItemKinds.find((k) => k.code === form.itemKind)?.name ?? {
                zh: '例行协商',
                en: 'routine consultation',
              });
        parts.topic = {
          title: published(t.title),
          form: form.kind,
          kind,
          year: t.year,
          establishedOn: t.establishedOn,
        };
        break;
      }
      case 'origination':
        parts.origination = {
          path: consultation.origination.path,
          steps: consultation.origination.steps.map((s) => ({
            step: s.step,
            label: ORIGINATION_STEP_LABELS[s.step],
            on: s.on,
            by: person(s.by),
            with: s.with.map(person),
          })),
        };
        break;
      case 'plan': {
        const p = consultation.plan;
        parts.plan =
          p === null || p.status !== 'approved'
            ? null
            : {
                summary: published(p.plan.summary),
                objectives: p.plan.objectives.map(published),
                researchMethods: p.plan.researchMethods.map((m) => RESEARCH_METHOD_LABELS[m]),
                approvedOn: p.decidedOn ?? null,
                approvedBy: p.decidedBy === undefined ? null : person(p.decidedBy),
              };
        break;
      }
      case 'process': {
        const timeline = consultationTimeline(consultation, rules, asOf);
        const meeting = consultation.meeting;
        const size = consultation.group.members.length;
        parts.process = {
          stages: timeline.stages.map((s) => ({
            stage: s.stage,
            label: CONSULTATION_STAGE_LABELS[s.stage],
            enteredOn: s.enteredOn,
            leftOn: s.leftOn,
          })),
          communications: consultation.communications.map((c) => ({
            counterpart: c.counterpart,
            label: COMMUNICATION_COUNTERPART_LABELS[c.counterpart],
            on: c.on,
          })),
          research: consultation.research.map((r) => ({
            method: r.method,
            label: RESEARCH_METHOD_LABELS[r.method],
            on: r.on,
            residentsHeard: r.residentsHeard,
          })),
          meeting:
            meeting === null
              ? null
              : {
                  heldOn: meeting.heldOn,
                  groupSize: size,
                  attended: new Set(meeting.attendees).size,
                  quorum: meetingQuorum(size, rules),
                },
        };
        break;
      }
      case 'participants':
        parts.participants = consultation.group.members.map((m) => ({
          name: m.name,
          role:
            m.kind === 'fixed'
              ? { zh: '政协委员（固定成员）', en: 'CPPCC member (fixed member)' }
              : PARTICIPANT_CATEGORY_LABELS[m.category],
        }));
        break;
      case 'proposal': {
        const p = consultation.proposal;
        parts.proposal =
          p === null
            ? null
            : {
                title: published(p.title),
                submittedOn: p.submittedOn,
                items: p.items.map((i) => ({
                  id: i.id,
                  text: published(i.text),
                  addressedTo: i.addressedTo,
                })),
              };
        break;
      }
      case 'adoption':
        parts.adoption = consultation.adoptions.map((a) => ({
          itemId: a.itemId,
          decision: a.decision,
          label: ADOPTION_DECISION_LABELS[a.decision],
          on: a.on,
          by: person(a.by),
          reason: a.reason === undefined ? null : published(a.reason),
        }));
        break;
      case 'implementation':
        parts.implementation = implementationReport(consultation, asOf)
          .items.filter((i) => i.decision === 'adopted' || i.decision === 'partially_adopted')
          .map((i) => ({
            itemId: i.itemId,
            owner: i.owner === null ? null : published(i.owner),
            status: i.status,
            progress: Math.round(i.progress * 10) / 10,
            startedOn: i.startedOn,
            completedOn: i.completedOn,
            dueOn: i.dueOn,
            evidence: i.evidence.map((e) => published(e.title)),
            tasks: i.tasks.map(publicTask),
          }));
        break;
      default:
        unreachable(field, 'disclosable field');
    }
  }
  return parts;
}
