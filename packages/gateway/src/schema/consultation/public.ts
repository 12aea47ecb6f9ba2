import {
  DISCLOSABLE_FIELDS,
  type PublicPerson as DomainPerson,
  type PublicTask as DomainTask,
  type PublicDisclosure,
  publicDisclosure,
} from '@jiceng/domain';
import { Arg, Args, Ctx, Field, Float, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { rulesAt, today } from '../../application/consultation/access.js';
import {
  loadConsultations,
  publicConsultationIds,
  publicTownship,
} from '../../application/consultation/reads.js';
import type { GatewayContext } from '../../kernel/context.js';
import { publicAnswer } from '../../server/public-cache.js';
import { connectionOf, LocalizedText, PageArgs } from '../common.js';
import {
  AdoptionDecisionEnum,
  CommunicationCounterpartEnum,
  ConsultationStageEnum,
  ImplementationStatusEnum,
  OriginationPathEnum,
  OriginationStepEnum,
  ProposalAddresseeEnum,
  ResearchMethodEnum,
  TopicFormKindEnum,
} from './enums.js';
import { pageByIds } from './pages.js';

/**
 * The public disclosure 全过程公开 of consultations: exactly the parts the county profile lists in
 * `publicFields`, built by the domain's `publicDisclosure`; people appear by name and role only.
 * A part the profile does not publish is null (and missing from `publishedParts`).
 */

@ObjectType({ description: 'A person in the public view: a name and a role, nothing else.' })
export class PublicPerson {
  @Field()
  name!: string;

  @Field(() => LocalizedText)
  role!: LocalizedText;

  static from(p: DomainPerson): PublicPerson {
    return Object.assign(new PublicPerson(), { name: p.name, role: LocalizedText.from(p.role) });
  }
}

@ObjectType()
export class PublicTopic {
  @Field()
  title!: string;

  @Field(() => TopicFormKindEnum)
  form!: string;

  @Field(() => LocalizedText)
  kind!: LocalizedText;

  @Field(() => Int)
  year!: number;

  @Field()
  establishedOn!: string;
}

@ObjectType()
export class PublicOriginationStep {
  @Field(() => OriginationStepEnum)
  step!: string;

  @Field(() => LocalizedText)
  label!: LocalizedText;

  @Field()
  on!: string;

  @Field(() => PublicPerson)
  by!: PublicPerson;

  @Field(() => [PublicPerson])
  with!: PublicPerson[];
}

@ObjectType()
export class PublicOrigination {
  @Field(() => OriginationPathEnum)
  path!: string;

  @Field(() => [PublicOriginationStep])
  steps!: PublicOriginationStep[];
}

@ObjectType({ description: 'The approved plan.' })
export class PublicPlan {
  @Field()
  summary!: string;

  @Field(() => [String])
  objectives!: string[];

  @Field(() => [LocalizedText])
  researchMethods!: LocalizedText[];

  @Field(() => String, { nullable: true })
  approvedOn!: string | null;

  @Field(() => PublicPerson, { nullable: true })
  approvedBy!: PublicPerson | null;
}

@ObjectType()
export class PublicStage {
  @Field(() => ConsultationStageEnum)
  stage!: string;

  @Field(() => LocalizedText)
  label!: LocalizedText;

  @Field(() => String, { nullable: true })
  enteredOn!: string | null;

  @Field(() => String, { nullable: true })
  leftOn!: string | null;
}

@ObjectType()
export class PublicCommunication {
  @Field(() => CommunicationCounterpartEnum)
  counterpart!: string;

  @Field(() => LocalizedText)
  label!: LocalizedText;

  @Field()
  on!: string;
}

@ObjectType()
export class PublicResearch {
  @Field(() => ResearchMethodEnum)
  method!: string;

  @Field(() => LocalizedText)
  label!: LocalizedText;

  @Field()
  on!: string;

  @Field(() => Int)
  residentsHeard!: number;
}

@ObjectType()
export class PublicMeeting {
  @Field()
  heldOn!: string;

  @Field(() => Int)
  groupSize!: number;

  @Field(() => Int)
  attended!: number;

  @Field(() => Int)
  quorum!: number;
}

@ObjectType({ description: 'The process: stage dates, whom was heard, research, the meeting’s attendance.' })
export class PublicProcess {
  @Field(() => [PublicStage])
  stages!: PublicStage[];

  @Field(() => [PublicCommunication])
  communications!: PublicCommunication[];

  @Field(() => [PublicResearch])
  research!: PublicResearch[];

  @Field(() => PublicMeeting, { nullable: true })
  meeting!: PublicMeeting | null;
}

@ObjectType()
export class PublicProposalItem {
  @Field()
  id!: string;

  @Field()
  text!: string;

  @Field(() => ProposalAddresseeEnum)
  addressedTo!: string;
}

@ObjectType()
export class PublicProposal {
  @Field()
  title!: string;

  @Field()
  submittedOn!: string;

  @Field(() => [PublicProposalItem])
  items!: PublicProposalItem[];
}

@ObjectType()
export class PublicAdoption {
  @Field()
  itemId!: string;

  @Field(() => AdoptionDecisionEnum)
  decision!: string;

  @Field(() => LocalizedText)
  label!: LocalizedText;

  @Field()
  on!: string;

  @Field(() => PublicPerson)
  by!: PublicPerson;

  @Field(() => String, { nullable: true })
  reason!: string | null;
}

@ObjectType()
export class PublicTask {
  @Field()
  title!: string;

  @Field(() => Float)
  progress!: number;

  @Field(() => ImplementationStatusEnum)
  status!: string;

  @Field(() => String, { nullable: true })
  dueOn!: string | null;

  @Field(() => String, { nullable: true })
  completedOn!: string | null;

  @Field(() => [PublicTask])
  subTasks!: PublicTask[];

  static from(t: DomainTask): PublicTask {
    return Object.assign(new PublicTask(), { ...t, subTasks: t.subTasks.map(PublicTask.from) });
  }
}

@ObjectType()
export class PublicImplementation {
  @Field()
  itemId!: string;

  @Field(() => String, { nullable: true })
  owner!: string | null;

  @Field(() => ImplementationStatusEnum)
  status!: string;

  @Field(() => Float, { description: 'Rounded to one decimal.' })
  progress!: number;

  @Field(() => String, { nullable: true })
  startedOn!: string | null;

  @Field(() => String, { nullable: true })
  completedOn!: string | null;

  @Field(() => String, { nullable: true })
  dueOn!: string | null;

  @Field(() => [String], { description: 'Titles of the evidence.' })
  evidence!: string[];

  @Field(() => [PublicTask])
  tasks!: PublicTask[];
}

@ObjectType({ description: 'A participant of the consultation group, by name and role.' })
export class PublicParticipant {
  @Field()
  name!: string;

  @Field(() => LocalizedText)
  role!: LocalizedText;
}

@ObjectType('PublicConsultation', {
  description: 'The public disclosure of a consultation 协商全过程公开: only what the county publishes.',
})
export class PublicConsultation {
  @Field()
  consultationId!: string;

  @Field()
  township!: string;

  @Field(() => LocalizedText)
  status!: LocalizedText;

  @Field()
  asOf!: string;

  @Field(() => [String], { description: 'The parts the county profile publishes (publicFields).' })
  publishedParts!: string[];

  @Field(() => PublicTopic, { nullable: true })
  topic!: PublicTopic | null;

  @Field(() => PublicOrigination, { nullable: true })
  origination!: PublicOrigination | null;

  @Field(() => PublicPlan, { nullable: true, description: 'Null until the plan is approved.' })
  plan!: PublicPlan | null;

  @Field(() => PublicProcess, { nullable: true })
  process!: PublicProcess | null;

  @Field(() => [PublicParticipant], { nullable: true })
  participants!: PublicParticipant[] | null;

  @Field(() => PublicProposal, { nullable: true })
  proposal!: PublicProposal | null;

  @Field(() => [PublicAdoption], { nullable: true })
  adoption!: PublicAdoption[] | null;

  @Field(() => [PublicImplementation], { nullable: true })
  implementation!: PublicImplementation[] | null;

  static from(v: PublicDisclosure): PublicConsultation {
    const text = LocalizedText.from;
    const published = DISCLOSABLE_FIELDS.filter((k) => k in v);
    return Object.assign(new PublicConsultation(), {
      consultationId: v.consultationId,
      township: v.township,
      status: text(v.status),
      asOf: v.asOf,
      publishedParts: published,
      topic:
        v.topic === undefined
          ? null
          : Object.assign(new PublicTopic(), { ...v.topic, kind: text(v.topic.kind) }),
      origination:
        v.origination === undefined
          ? null
          : Object.assign(new PublicOrigination(), {
              path: v.origination.path,
              steps: v.origination.steps.map((s) =>
                Object.assign(new PublicOriginationStep(), {
                  step: s.step,
                  label: text(s.label),
                  on: s.on,
                  by: PublicPerson.from(s.by),
                  with: s.with.map(PublicPerson.from),
                }),
              ),
            }),
      plan:
        v.plan === undefined || v.plan === null
          ? null
          : Object.assign(new PublicPlan(), {
              summary: v.plan.summary,
              objectives: [...v.plan.objectives],
              researchMethods: v.plan.researchMethods.map(text),
              approvedOn: v.plan.approvedOn,
              approvedBy: v.plan.approvedBy === null ? null : PublicPerson.from(v.plan.approvedBy),
            }),
      process:
        v.process === undefined
          ? null
          : Object.assign(new PublicProcess(), {
              stages: v.process.stages.map((s) =>
                Object.assign(new PublicStage(), { ...s, label: text(s.label) }),
              ),
              communications: v.process.communications.map((c) =>
                Object.assign(new PublicCommunication(), { ...c, label: text(c.label) }),
              ),
              research: v.process.research.map((r) =>
                Object.assign(new PublicResearch(), { ...r, label: text(r.label) }),
              ),
              meeting:
                v.process.meeting === null ? null : Object.assign(new PublicMeeting(), v.process.meeting),
            }),
      participants:
        v.participants === undefined
          ? null
          : v.participants.map((p) =>
              Object.assign(new PublicParticipant(), { name: p.name, role: text(p.role) }),
            ),
      proposal:
        v.proposal === undefined || v.proposal === null
          ? null
          : Object.assign(new PublicProposal(), {
              title: v.proposal.title,
              submittedOn: v.proposal.submittedOn,
              items: v.proposal.items.map((i) => Object.assign(new PublicProposalItem(), i)),
            }),
      adoption:
        v.adoption === undefined
          ? null
          : v.adoption.map((a) =>
              Object.assign(new PublicAdoption(), {
                ...a,
                label: text(a.label),
                by: PublicPerson.from(a.by),
              }),
            ),
      implementation:
        v.implementation === undefined
          ? null
          : v.implementation.map((i) =>
              Object.assign(new PublicImplementation(), {
                ...i,
                evidence: [...i.evidence],
                tasks: i.tasks.map(PublicTask.from),
              }),
            ),
    });
  }
}

export const PublicConsultationConnection = connectionOf('PublicConsultation', PublicConsultation);

@Resolver()
export class PublicConsultationResolver {
  @Query(() => PublicConsultationConnection, {
    description:
      'The published consultations of a township, for anyone, no token needed: only the public disclosure view (全过程公开), newest year first.',
  })
  async publicConsultations(
    @Ctx() ctx: GatewayContext,
    @Arg('township', () => String) township: string,
    @Args(() => PageArgs) page: PageArgs,
  ) {
    // Deliberately open to the public: the disclosure holds only what the county publishes.
    publicTownship(ctx, township);
    return publicAnswer(
      ctx,
      `publicConsultations\u0000${township}\u0000${page.first}\u0000${page.after}`,
      async () => {
        const asOf = today(ctx);
        return pageByIds(
          await publicConsultationIds(ctx, township),
          page,
          (ids) => loadConsultations(ctx, ids),
          (s) => s.consultation.id,
          (s) =>
            PublicConsultation.from(publicDisclosure(s.consultation, rulesAt(ctx, s.profileId, asOf), asOf)),
        );
      },
    );
  }
}
