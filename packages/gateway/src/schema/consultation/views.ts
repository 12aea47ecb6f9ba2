import {
  COMMUNICATION_COUNTERPART_LABELS,
  CONSULTATION_STAGE_LABELS,
  type ComplianceReport,
  type ConsultationRules,
  type CppccMember,
  describeExclusion,
  describeSelection,
  type GroupProposal,
  type LiaisonGroup,
  RESEARCH_METHOD_LABELS,
  type Sector,
} from '@jiceng/domain';
import type { JournalEntry, StoredConsultation } from '@jiceng/persistence';
import { Field, Int, ObjectType } from 'type-graphql';
import { LocalizedText } from '../common.js';
import { ConsultationStatusEnum, OriginationPathEnum, ParticipantCategoryEnum } from './enums.js';
import {
  ConsultationActor,
  ConsultationAdoption,
  ConsultationCommunication,
  ConsultationEventView,
  ConsultationGroupComposition,
  ConsultationGroupMember,
  ConsultationIssue,
  ConsultationMeetingView,
  ConsultationPlanView,
  ConsultationProposalItem,
  ConsultationProposalView,
  ConsultationResearch,
  ConsultationTopic,
  FiveHavesChecklist,
  OriginationRecordView,
} from './types.js';

@ObjectType('Consultation', {
  description: 'One consultation 协商 of an established topic, from pre-consultation to implementation.',
})
export class ConsultationView {
  @Field()
  id!: string;

  @Field()
  township!: string;

  @Field(() => Int, { description: 'The topic’s year.' })
  year!: number;

  @Field(() => ConsultationStatusEnum)
  status!: string;

  @Field(() => LocalizedText)
  statusName!: LocalizedText;

  @Field({ description: 'The rule profile its acts are checked under.' })
  profileId!: string;

  @Field(() => Int, { description: 'Pass it back as expectedVersion to refuse a stale write.' })
  version!: number;

  @Field(() => ConsultationTopic)
  topic!: ConsultationTopic;

  @Field(() => OriginationPathEnum)
  originationPath!: string;

  @Field(() => [OriginationRecordView], { description: 'How the topic was proposed and decided.' })
  originationSteps!: OriginationRecordView[];

  @Field(() => [ConsultationGroupMember], { description: 'The consultation group 协商小组.' })
  groupMembers!: ConsultationGroupMember[];

  @Field(() => ConsultationGroupComposition)
  groupComposition!: ConsultationGroupComposition;

  @Field(() => [ConsultationCommunication])
  communications!: ConsultationCommunication[];

  @Field(() => ConsultationPlanView, { nullable: true })
  plan!: ConsultationPlanView | null;

  @Field(() => [ConsultationResearch])
  research!: ConsultationResearch[];

  @Field(() => ConsultationMeetingView, { nullable: true })
  meeting!: ConsultationMeetingView | null;

  @Field(() => ConsultationProposalView, { nullable: true })
  proposal!: ConsultationProposalView | null;

  @Field(() => [ConsultationAdoption])
  adoptions!: ConsultationAdoption[];

  /** The stored record, for the field resolvers. */
  stored!: StoredConsultation;
  /** The profile's rules in force today. */
  rules!: ConsultationRules;

  static from(
    stored: StoredConsultation,
    rules: ConsultationRules,
    groupComposition: ConsultationGroupComposition,
  ) {
    const c = stored.consultation;
    const plan = c.plan;
    const meeting = c.meeting;
    const proposal = c.proposal;
    return Object.assign(new ConsultationView(), {
      id: c.id,
      township: c.topic.township,
      year: c.topic.year,
      status: c.status,
      statusName: LocalizedText.from(CONSULTATION_STAGE_LABELS[c.status]),
      profileId: stored.profileId,
      version: stored.version,
      topic: ConsultationTopic.from(c.topic, rules),
      originationPath: c.origination.path,
      originationSteps: c.origination.steps.map(OriginationRecordView.from),
      groupMembers: c.group.members.map(ConsultationGroupMember.from),
      groupComposition,
      communications: c.communications.map((m) =>
        Object.assign(new ConsultationCommunication(), {
          counterpart: m.counterpart,
          label: LocalizedText.from(COMMUNICATION_COUNTERPART_LABELS[m.counterpart]),
          summary: m.summary,
          on: m.on,
          by: ConsultationActor.from(m.by),
        }),
      ),
      plan:
        plan === null
          ? null
          : Object.assign(new ConsultationPlanView(), {
              summary: plan.plan.summary,
              objectives: [...plan.plan.objectives],
              researchMethods: [...plan.plan.researchMethods],
              plannedMeetingOn: plan.plan.plannedMeetingOn ?? null,
              status: plan.status,
              draftedOn: plan.draftedOn,
              draftedBy: ConsultationActor.from(plan.draftedBy),
              decidedOn: plan.decidedOn ?? null,
              decidedBy: plan.decidedBy === undefined ? null : ConsultationActor.from(plan.decidedBy),
              note: plan.note ?? null,
            }),
      research: c.research.map((r) =>
        Object.assign(new ConsultationResearch(), {
          method: r.method,
          label: LocalizedText.from(RESEARCH_METHOD_LABELS[r.method]),
          summary: r.summary,
          residentsHeard: r.residentsHeard,
          on: r.on,
          by: ConsultationActor.from(r.by),
        }),
      ),
      meeting:
        meeting === null
          ? null
          : Object.assign(new ConsultationMeetingView(), {
              heldOn: meeting.heldOn,
              noticeOn: meeting.noticeOn,
              attendees: [...meeting.attendees],
              attended: new Set(meeting.attendees).size,
              quorum: meeting.quorum,
              opinions: [...meeting.opinions],
              by: ConsultationActor.from(meeting.by),
            }),
      proposal:
        proposal === null
          ? null
          : Object.assign(new ConsultationProposalView(), {
              title: proposal.title,
              items: proposal.items.map((i) => Object.assign(new ConsultationProposalItem(), i)),
              submittedOn: proposal.submittedOn,
              submittedBy: ConsultationActor.from(proposal.submittedBy),
            }),
      adoptions: c.adoptions.map(ConsultationAdoption.from),
      stored,
      rules,
    });
  }
}

@ObjectType('ConsultationActivity', { description: 'One entry of the consultation journal of a scope.' })
export class ConsultationActivity {
  @Field()
  consultationId!: string;

  @Field()
  township!: string;

  @Field(() => Int, { description: 'The event’s number within its consultation, from 0.' })
  seq!: number;

  @Field(() => ConsultationEventView)
  event!: ConsultationEventView;

  static from(e: JournalEntry): ConsultationActivity {
    return Object.assign(new ConsultationActivity(), {
      consultationId: e.consultationId,
      township: e.township,
      seq: e.seq,
      event: ConsultationEventView.from(e.event),
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Liaison groups

@ObjectType({ description: 'Members of one sector.' })
export class SectorCount {
  @Field()
  sector!: string;

  @Field(() => LocalizedText)
  name!: LocalizedText;

  @Field(() => Int)
  members!: number;
}

@ObjectType({ description: 'The CPPCC members a liaison group draws on: those living in its township.' })
export class CppccMembership {
  @Field(() => Int, { description: 'Members of every level living in the township (fixed candidates).' })
  total!: number;

  @Field(() => Int, { description: 'County CPPCC members: what the per-township minimum counts.' })
  county!: number;

  @Field(() => Int, { description: 'County members recommended by the township.' })
  recommendedByTownship!: number;

  @Field(() => Int, { description: 'County members recommended by another body.' })
  recommendedByOthers!: number;

  @Field(() => [SectorCount], { description: 'County members by sector, every sector listed.' })
  bySector!: SectorCount[];

  static from(members: readonly CppccMember[], sectors: readonly Sector[]): CppccMembership {
    const county = members.filter((m) => m.level === 'county');
    const township = county.filter((m) => m.origin === 'township').length;
    return Object.assign(new CppccMembership(), {
      total: members.length,
      county: county.length,
      recommendedByTownship: township,
      recommendedByOthers: county.length - township,
      bySector: sectors.map((s) =>
        Object.assign(new SectorCount(), {
          sector: s.code,
          name: LocalizedText.from(s.name),
          members: county.filter((m) => m.sector === s.code).length,
        }),
      ),
    });
  }
}

@ObjectType('LiaisonGroup', { description: 'A township’s CPPCC liaison group 政协联络组.' })
export class LiaisonGroupView {
  @Field()
  township!: string;

  @Field()
  townshipName!: string;

  @Field()
  name!: string;

  @Field()
  establishedOn!: string;

  @Field(() => ConsultationActor, { description: 'The head of the group 联络组长.' })
  leader!: ConsultationActor;

  @Field(() => Int)
  version!: number;

  group!: LiaisonGroup;

  static from(group: LiaisonGroup, version: number, townshipName: string): LiaisonGroupView {
    return Object.assign(new LiaisonGroupView(), {
      township: group.township,
      townshipName,
      name: group.name,
      establishedOn: group.establishedOn,
      leader: ConsultationActor.from(group.leader),
      version,
      group,
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Group proposal preview

@ObjectType('SelectionReason', { description: 'Why a member was chosen.' })
export class SelectionReasonView {
  @Field({ description: 'fixed_member, category_coverage, topic_relevance or fill.' })
  code!: string;

  @Field(() => LocalizedText)
  text!: LocalizedText;

  @Field(() => ParticipantCategoryEnum, { nullable: true })
  category!: string | null;

  @Field(() => [String], { description: 'Topic tags matched by the member’s expertise.' })
  matched!: string[];
}

@ObjectType({ description: 'A chosen member with the reasons.' })
export class SelectedMember {
  @Field(() => ConsultationGroupMember)
  member!: ConsultationGroupMember;

  @Field(() => [SelectionReasonView])
  reasons!: SelectionReasonView[];
}

@ObjectType({ description: 'A candidate left out, and why.' })
export class ExcludedCandidate {
  @Field()
  candidateId!: string;

  @Field({
    description: 'conflict_of_interest, not_resident, category_not_allowed, duplicate or not_needed.',
  })
  code!: string;

  @Field(() => LocalizedText)
  text!: LocalizedText;
}

@ObjectType({ description: 'A proposed consultation group, every choice explained (nothing is stored).' })
export class ConsultationGroupProposal {
  @Field(() => ConsultationGroupComposition)
  composition!: ConsultationGroupComposition;

  @Field(() => [SelectedMember])
  selected!: SelectedMember[];

  @Field(() => [ExcludedCandidate])
  excluded!: ExcludedCandidate[];

  static from(p: GroupProposal): ConsultationGroupProposal {
    return Object.assign(new ConsultationGroupProposal(), {
      composition: ConsultationGroupComposition.from(p.composition),
      selected: p.selected.map((s) =>
        Object.assign(new SelectedMember(), {
          member: ConsultationGroupMember.from(s.candidate),
          reasons: s.reasons.map((r) =>
            Object.assign(new SelectionReasonView(), {
              code: r.code,
              text: LocalizedText.from(describeSelection(r)),
              category: r.code === 'category_coverage' ? r.category : null,
              matched: r.code === 'topic_relevance' ? [...r.matched] : [],
            }),
          ),
        }),
      ),
      excluded: p.excluded.map((e) =>
        Object.assign(new ExcludedCandidate(), {
          candidateId: e.candidateId,
          code: e.reason.code,
          text: LocalizedText.from(describeExclusion(e.reason)),
        }),
      ),
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Compliance

@ObjectType()
export class ComplianceThematicTopic {
  @Field()
  consultationId!: string;

  @Field()
  title!: string;

  @Field(() => ConsultationStatusEnum)
  status!: string;
}

@ObjectType({ description: 'Thematic consultations of the year against the profile’s range.' })
export class ComplianceThematic {
  @Field(() => Int)
  count!: number;

  @Field(() => Int)
  min!: number;

  @Field(() => Int)
  max!: number;

  @Field(() => [ComplianceThematicTopic])
  topics!: ComplianceThematicTopic[];

  @Field()
  ok!: boolean;
}

@ObjectType()
export class ComplianceRoutineItem {
  @Field()
  decisionId!: string;

  @Field()
  title!: string;

  @Field()
  itemKind!: string;

  @Field()
  issuedOn!: string;

  @Field(() => String, { nullable: true, description: 'The day its routine consultation met; null if none.' })
  consultedOn!: string | null;

  @Field()
  ok!: boolean;
}

@ObjectType({ description: 'Required routine items issued that year, each consulted before issue or not.' })
export class ComplianceRoutine {
  @Field(() => Int)
  required!: number;

  @Field(() => Int)
  consultedBeforeIssue!: number;

  @Field(() => [ComplianceRoutineItem])
  items!: ComplianceRoutineItem[];

  @Field()
  ok!: boolean;
}

@ObjectType()
export class ComplianceGroup {
  @Field()
  consultationId!: string;

  @Field(() => ConsultationGroupComposition)
  composition!: ConsultationGroupComposition;

  @Field()
  ok!: boolean;
}

@ObjectType()
export class ComplianceGroups {
  @Field(() => [ComplianceGroup])
  consultations!: ComplianceGroup[];

  @Field()
  ok!: boolean;
}

@ObjectType()
export class ComplianceFiveHaves {
  @Field(() => FiveHavesChecklist, {
    nullable: true,
    description: 'Null when the township has no liaison group.',
  })
  checklist!: FiveHavesChecklist | null;

  @Field()
  ok!: boolean;
}

@ObjectType()
export class ComplianceMembers {
  @Field(() => Int)
  count!: number;

  @Field(() => Int)
  min!: number;

  @Field()
  ok!: boolean;
}

@ObjectType()
export class ComplianceVillage {
  @Field()
  code!: string;

  @Field()
  name!: string;

  @Field(() => Int)
  count!: number;

  @Field()
  ok!: boolean;
}

@ObjectType()
export class ComplianceMinutes {
  @Field(() => Int)
  filed!: number;

  @Field(() => Int)
  late!: number;

  @Field(() => [ComplianceVillage])
  villages!: ComplianceVillage[];

  @Field()
  ok!: boolean;
}

@ObjectType()
export class ComplianceReportDue {
  @Field()
  consultationId!: string;

  @Field(() => String, { nullable: true })
  dueOn!: string | null;

  @Field(() => String, { nullable: true })
  reportedOn!: string | null;

  @Field()
  late!: boolean;
}

@ObjectType('ConsultationComplianceReport', {
  description: 'One township’s consultation compliance for one year 合规检查.',
})
export class ConsultationComplianceReport {
  @Field()
  township!: string;

  @Field(() => Int)
  year!: number;

  @Field()
  asOf!: string;

  @Field({ description: 'True when there is no finding.' })
  ok!: boolean;

  @Field(() => ComplianceThematic)
  thematic!: ComplianceThematic;

  @Field(() => ComplianceRoutine)
  routine!: ComplianceRoutine;

  @Field(() => ComplianceGroups)
  groups!: ComplianceGroups;

  @Field(() => ComplianceFiveHaves)
  fiveHaves!: ComplianceFiveHaves;

  @Field(() => ComplianceMembers, { nullable: true })
  members!: ComplianceMembers | null;

  @Field(() => ComplianceMinutes)
  minutes!: ComplianceMinutes;

  @Field(() => [ComplianceReportDue])
  reports!: ComplianceReportDue[];

  @Field(() => [ConsultationIssue])
  findings!: ConsultationIssue[];

  static from(r: ComplianceReport, asOf: string): ConsultationComplianceReport {
    return Object.assign(new ConsultationComplianceReport(), {
      township: r.township,
      year: r.year,
      asOf,
      ok: r.ok,
      thematic: Object.assign(new ComplianceThematic(), {
        ...r.thematic,
        topics: r.thematic.topics.map((t) => Object.assign(new ComplianceThematicTopic(), t)),
      }),
      routine: Object.assign(new ComplianceRoutine(), {
        ...r.routine,
        items: r.routine.items.map((i) => Object.assign(new ComplianceRoutineItem(), i)),
      }),
      groups: Object.assign(new ComplianceGroups(), {
        ok: r.groups.ok,
        consultations: r.groups.consultations.map((g) =>
          Object.assign(new ComplianceGroup(), {
            consultationId: g.consultationId,
            composition: ConsultationGroupComposition.from(g.composition),
            ok: g.ok,
          }),
        ),
      }),
      fiveHaves: Object.assign(new ComplianceFiveHaves(), {
        checklist: r.fiveHaves.checklist === null ? null : FiveHavesChecklist.from(r.fiveHaves.checklist),
        ok: r.fiveHaves.ok,
      }),
      members: r.members === null ? null : Object.assign(new ComplianceMembers(), r.members),
      minutes: Object.assign(new ComplianceMinutes(), {
        ...r.minutes,
        villages: r.minutes.villages.map((v) => Object.assign(new ComplianceVillage(), v)),
      }),
      reports: r.reports.map((x) => Object.assign(new ComplianceReportDue(), x)),
      findings: r.findings.map(ConsultationIssue.from),
    });
  }
}
