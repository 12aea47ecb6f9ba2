import {
  consultationTimeline,
  groupComposition,
  implementationReport,
  nextOriginationStep,
  publicDisclosure,
  stageGates,
  validateGroup,
} from '@jiceng/domain';
import type { StoredConsultation, StoredTopic } from '@jiceng/persistence';
import { Arg, Args, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ConsultationInput, rulesAt, today, townshipName } from '../../application/consultation/access.js';
import {
  applyConsultationCommand,
  decideConsultationAdoption,
  planConsultationImplementation,
  recordConsultationProgress,
} from '../../application/consultation/acts.js';
import {
  consultationActivity,
  consultationIdsIn,
  loadConsultations,
  topicsIn,
} from '../../application/consultation/reads.js';
import {
  originateTopic,
  proposeConsultationGroup,
  recordOriginationStep,
  startConsultation,
  visibleConsultation,
  visibleTopic,
} from '../../application/consultation/topics.js';
import type { GatewayContext } from '../../kernel/context.js';
import { connectionOf, PageArgs, paginate } from '../common.js';
import { ConsultationStatusEnum, OriginationStatusEnum } from './enums.js';
import { ConsultationGroupComposition, ConsultationGroupProposal } from './group-types.js';
import {
  ConsultationCommandInput,
  DecideAdoptionInput,
  InvitedCandidateInput,
  OriginateTopicInput,
  PlanImplementationInput,
  RecordOriginationStepInput,
  RecordProgressInput,
  StartConsultationInput,
} from './inputs.js';
import { LiaisonGroupView } from './liaison-types.js';
import { consultationLoaders } from './loaders.js';
import { ConsultationImplementationReport, ConsultationItemReport } from './outcome-types.js';
import { pageByIds } from './pages.js';
import { PublicConsultation } from './public.js';
import { ConsultationStageGate, ConsultationTimelineView } from './stage-types.js';
import { TopicOriginationView } from './topic-types.js';
import { ConsultationIssue } from './types.js';
import { ConsultationActivity, ConsultationView } from './views.js';

const ConsultationConnection = connectionOf('Consultation', ConsultationView);
const TopicOriginationConnection = connectionOf('TopicOrigination', TopicOriginationView);
const ConsultationActivityConnection = connectionOf('ConsultationActivity', ConsultationActivity);

function consultationView(ctx: GatewayContext, stored: StoredConsultation): ConsultationView {
  const rules = rulesAt(ctx, stored.profileId, today(ctx));
  const composition = ConsultationGroupComposition.from(groupComposition(stored.consultation.group.members));
  return ConsultationView.from(stored, rules, composition);
}

function topicView(ctx: GatewayContext, stored: StoredTopic): TopicOriginationView {
  const rules = rulesAt(ctx, stored.profileId, today(ctx));
  return TopicOriginationView.from(stored, rules, nextOriginationStep(stored.origination));
}

/**
 * Consultations and their topics over GraphQL: reads within the caller's scope, and every act of
 * the origination, the five stages and the outcomes, each a use case of
 * `application/consultation` (optimistic locking: `expectedVersion`, default the version read).
 */
@Resolver(() => ConsultationView)
export class ConsultationResolver {
  // -------------------------------------------------------------------------------------------
  // Reads

  @Query(() => ConsultationView, { description: 'One consultation of a township within your scope.' })
  async consultation(
    @Ctx() ctx: GatewayContext,
    @Arg('id', () => String) id: string,
  ): Promise<ConsultationView> {
    return consultationView(ctx, await visibleConsultation(ctx, id));
  }

  @Query(() => ConsultationConnection, {
    description: 'Consultations of the townships within a scope (default: yours), newest year first.',
  })
  async consultations(
    @Ctx() ctx: GatewayContext,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('scope', () => String, { nullable: true }) scope?: string | null,
    @Arg('status', () => ConsultationStatusEnum, { nullable: true }) status?:
      | StoredConsultation['consultation']['status']
      | null,
    @Arg('year', () => Int, { nullable: true }) year?: number | null,
  ) {
    return pageByIds(
      await consultationIdsIn(ctx, { scope, status, year }),
      page,
      (page) => loadConsultations(ctx, page),
      (s) => s.consultation.id,
      (s) => consultationView(ctx, s),
    );
  }

  @Query(() => TopicOriginationView, { description: 'One topic’s origination within your scope.' })
  async topicOrigination(
    @Ctx() ctx: GatewayContext,
    @Arg('topicId', () => String) topicId: string,
  ): Promise<TopicOriginationView> {
    return topicView(ctx, await visibleTopic(ctx, topicId));
  }

  @Query(() => TopicOriginationConnection, {
    description: 'Topics of the townships within a scope (default: yours), by id.',
  })
  async topicOriginations(
    @Ctx() ctx: GatewayContext,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('scope', () => String, { nullable: true }) scope?: string | null,
    @Arg('status', () => OriginationStatusEnum, { nullable: true }) status?:
      | StoredTopic['origination']['status']
      | null,
    @Arg('year', () => Int, { nullable: true }) year?: number | null,
  ) {
    const topics = await topicsIn(ctx, { scope, status, year });
    return paginate(
      topics.map((t) => topicView(ctx, t)),
      page,
    );
  }

  @Query(() => ConsultationActivityConnection, {
    description:
      'What happened in the consultations of a scope (default: yours), oldest first, from the journal.',
  })
  async consultationActivity(
    @Ctx() ctx: GatewayContext,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('scope', () => String, { nullable: true }) scope?: string | null,
    @Arg('from', () => String, { nullable: true, description: 'YYYY-MM-DD, inclusive.' }) from?:
      | string
      | null,
    @Arg('to', () => String, { nullable: true, description: 'YYYY-MM-DD, inclusive.' }) to?: string | null,
  ) {
    const journal = await consultationActivity(ctx, { scope, from, to });
    return paginate(journal.map(ConsultationActivity.from), page);
  }

  @Query(() => ConsultationGroupProposal, {
    description:
      'A consultation group for an established topic, proposed from the township’s CPPCC members and the invited candidates given, every choice explained. Nothing is stored.',
  })
  async proposeConsultationGroup(
    @Ctx() ctx: GatewayContext,
    @Arg('topicId', () => String) topicId: string,
    @Arg('invited', () => [InvitedCandidateInput]) invited: InvitedCandidateInput[],
  ): Promise<ConsultationGroupProposal> {
    return ConsultationGroupProposal.from(await proposeConsultationGroup(ctx, { topicId, invited }));
  }

  // -------------------------------------------------------------------------------------------
  // Fields that need the rules, the day, or other rows

  @FieldResolver(() => [ConsultationStageGate], {
    description: 'The four gates between the stages under today’s rules, and what holds each shut.',
  })
  gates(@Root() c: ConsultationView): ConsultationStageGate[] {
    return stageGates(c.stored.consultation, c.rules).map(ConsultationStageGate.from);
  }

  @FieldResolver(() => ConsultationStageGate, {
    nullable: true,
    description: 'The gate out of the current stage; null at the report stage and once completed.',
  })
  currentGate(@Root() c: ConsultationView): ConsultationStageGate | null {
    const gate = stageGates(c.stored.consultation, c.rules).find((g) => g.from === c.status);
    return gate === undefined ? null : ConsultationStageGate.from(gate);
  }

  @FieldResolver(() => [ConsultationIssue], {
    description: 'What the group’s composition breaks under today’s rules; empty when valid.',
  })
  groupIssues(@Root() c: ConsultationView): ConsultationIssue[] {
    const checked = validateGroup(c.stored.consultation.group, c.stored.consultation.topic, c.rules);
    return checked.ok ? [] : checked.issues.map(ConsultationIssue.from);
  }

  @FieldResolver(() => ConsultationTimelineView)
  timeline(@Ctx() ctx: GatewayContext, @Root() c: ConsultationView): ConsultationTimelineView {
    return ConsultationTimelineView.from(consultationTimeline(c.stored.consultation, c.rules, today(ctx)));
  }

  @FieldResolver(() => ConsultationImplementationReport, {
    description:
      'Every proposal item with its adoption and implementation progress, on a day (default today).',
  })
  implementation(
    @Ctx() ctx: GatewayContext,
    @Root() c: ConsultationView,
    @Arg('asOf', () => String, { nullable: true }) asOf?: string | null,
  ): ConsultationImplementationReport {
    const issues = new ConsultationInput();
    const day = asOf ? issues.date(asOf, ['asOf']) : today(ctx);
    issues.check();
    const consultation = c.stored.consultation;
    const report = implementationReport(consultation, day!);
    return Object.assign(new ConsultationImplementationReport(), {
      asOf: day,
      items: report.items.map((i) =>
        ConsultationItemReport.from(
          i,
          consultation.adoptions.find((a) => a.itemId === i.itemId),
        ),
      ),
      adoptedItems: report.adoptedItems,
      completedItems: report.completedItems,
      progress: report.progress,
    });
  }

  @FieldResolver(() => PublicConsultation, {
    description: 'What the public sees of this consultation today.',
  })
  disclosure(@Ctx() ctx: GatewayContext, @Root() c: ConsultationView): PublicConsultation {
    return PublicConsultation.from(publicDisclosure(c.stored.consultation, c.rules, today(ctx)));
  }

  @FieldResolver(() => LiaisonGroupView, {
    nullable: true,
    description: 'The township’s liaison group, which leads it.',
  })
  async liaisonGroup(
    @Ctx() ctx: GatewayContext,
    @Root() c: ConsultationView,
  ): Promise<LiaisonGroupView | null> {
    const found = await consultationLoaders(ctx).liaisonGroup.load(c.township);
    return found === null
      ? null
      : LiaisonGroupView.from(found.group, found.version, townshipName(ctx, c.township));
  }

  // -------------------------------------------------------------------------------------------
  // Acts: each a use case of application/consultation

  @Mutation(() => TopicOriginationView, {
    description:
      'Opens a topic’s origination with its first step: path a (committee_led) jointly_proposed, which establishes it; path b (liaison_group_led) opinions_solicited.',
  })
  async originateConsultationTopic(
    @Ctx() ctx: GatewayContext,
    @Arg('input', () => OriginateTopicInput) input: OriginateTopicInput,
  ): Promise<TopicOriginationView> {
    const { topic, rules } = await originateTopic(ctx, input);
    return TopicOriginationView.from(topic, rules, nextOriginationStep(topic.origination));
  }

  @Mutation(() => TopicOriginationView, { description: 'Records the next step of a topic’s origination.' })
  async recordOriginationStep(
    @Ctx() ctx: GatewayContext,
    @Arg('input', () => RecordOriginationStepInput) input: RecordOriginationStepInput,
  ): Promise<TopicOriginationView> {
    const { topic, rules } = await recordOriginationStep(ctx, input);
    return TopicOriginationView.from(topic, rules, nextOriginationStep(topic.origination));
  }

  @Mutation(() => ConsultationView, {
    description:
      'Starts the consultation of an established topic with its group: the fixed members named (or the proposed group) and the invited.',
  })
  async startConsultation(
    @Ctx() ctx: GatewayContext,
    @Arg('input', () => StartConsultationInput) input: StartConsultationInput,
  ): Promise<ConsultationView> {
    return consultationView(ctx, await startConsultation(ctx, input));
  }

  @Mutation(() => ConsultationView, {
    description:
      'Applies one act of the five stages: communicate, advance, draft/approve/return the plan, research, the meeting, the report.',
  })
  async applyConsultationCommand(
    @Ctx() ctx: GatewayContext,
    @Arg('input', () => ConsultationCommandInput) input: ConsultationCommandInput,
  ): Promise<ConsultationView> {
    return consultationView(ctx, await applyConsultationCommand(ctx, input));
  }

  @Mutation(() => ConsultationView, {
    description: 'Records the party committee’s or government’s decision on one proposal item.',
  })
  async decideConsultationAdoption(
    @Ctx() ctx: GatewayContext,
    @Arg('input', () => DecideAdoptionInput) input: DecideAdoptionInput,
  ): Promise<ConsultationView> {
    return consultationView(ctx, await decideConsultationAdoption(ctx, input));
  }

  @Mutation(() => ConsultationView, {
    description: 'Plans how an adopted item is carried out: the responsible unit and weighted tasks.',
  })
  async planConsultationImplementation(
    @Ctx() ctx: GatewayContext,
    @Arg('input', () => PlanImplementationInput) input: PlanImplementationInput,
  ): Promise<ConsultationView> {
    return consultationView(ctx, await planConsultationImplementation(ctx, input));
  }

  @Mutation(() => ConsultationView, {
    description: 'Records the progress (0–100) of one task; 100 completes it and needs evidence.',
  })
  async recordConsultationProgress(
    @Ctx() ctx: GatewayContext,
    @Arg('input', () => RecordProgressInput) input: RecordProgressInput,
  ): Promise<ConsultationView> {
    return consultationView(ctx, await recordConsultationProgress(ctx, input));
  }
}
