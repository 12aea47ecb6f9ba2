import {
  type ActContext,
  type ConsultationAct,
  type ConsultationGroup,
  type ConsultationRole,
  type ConsultationRules,
  consultationTimeline,
  fixedCandidates,
  groupComposition,
  implementationReport,
  issue,
  type LocalDate,
  nextOriginationStep,
  type OriginationStep,
  proposeGroup,
  publicDisclosure,
  STAGE_COMMAND_ACTS,
  stageGates,
  validateGroup,
} from '@jiceng/domain';
import {
  ConsultationRepository,
  LiaisonGroupRepository,
  type StoredConsultation,
  type StoredTopic,
  type WriteOptions,
} from '@jiceng/persistence';
import { Arg, Args, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireAction } from '../../auth/authorise.js';
import type { GatewayContext } from '../../kernel/context.js';
import { badInput, notFound, persist } from '../../kernel/errors.js';
import { connectionOf, PageArgs, paginate } from '../common.js';
import {
  actorFor,
  authoriseTownship,
  ConsultationInput,
  DEFAULT_PROFILE,
  pageByIds,
  requireActor,
  requireVisible,
  rolesFor,
  rulesAt,
  today,
  townshipName,
  townshipsIn,
} from './access.js';
import { ConsultationStatusEnum, OriginationStatusEnum } from './enums.js';
import {
  ConsultationCommandInput,
  DecideAdoptionInput,
  InvitedCandidateInput,
  OriginateTopicInput,
  PlanImplementationInput,
  RecordOriginationStepInput,
  RecordProgressInput,
  StartConsultationInput,
  toEvidence,
  toInvited,
  toOriginationStep,
  toStageCommand,
  toTask,
} from './inputs.js';
import { consultationLoaders } from './loaders.js';
import { PublicConsultation } from './public.js';
import {
  ConsultationGroupComposition,
  ConsultationImplementationReport,
  ConsultationIssue,
  ConsultationItemReport,
  ConsultationStageGate,
  ConsultationTimelineView,
  TopicOriginationView,
} from './types.js';
import {
  ConsultationActivity,
  ConsultationGroupProposal,
  ConsultationView,
  LiaisonGroupView,
} from './views.js';

const ConsultationConnection = connectionOf('Consultation', ConsultationView);
const TopicOriginationConnection = connectionOf('TopicOrigination', TopicOriginationView);
const ConsultationActivityConnection = connectionOf('ConsultationActivity', ConsultationActivity);

/** Who performs each origination step: fixed by the seed's wording (the domain checks it too). */
const STEP_ROLE: { readonly [S in OriginationStep]: ConsultationRole } = {
  jointly_proposed: 'party_committee',
  opinions_solicited: 'liaison_group',
  topic_drafted: 'liaison_group',
  conferred_with_government: 'liaison_group',
  submitted_to_committee: 'liaison_group',
  committee_decided: 'party_committee',
};

function consultationView(ctx: GatewayContext, stored: StoredConsultation): ConsultationView {
  const rules = rulesAt(ctx, stored.profileId, today(ctx));
  const composition = ConsultationGroupComposition.from(groupComposition(stored.consultation.group.members));
  return ConsultationView.from(stored, rules, composition);
}

function topicView(ctx: GatewayContext, stored: StoredTopic): TopicOriginationView {
  const rules = rulesAt(ctx, stored.profileId, today(ctx));
  return TopicOriginationView.from(stored, rules, nextOriginationStep(stored.origination));
}

const what = (id: string) => ({ zh: `协商 ${id}`, en: `consultation ${id}` });
const whatTopic = (id: string) => ({ zh: `议题 ${id}`, en: `topic ${id}` });

/**
 * A consultation the caller may read or act on: FORBIDDEN for the role before it is read, then
 * NOT_FOUND alike for a missing one and one of a township outside the scope.
 */
async function visibleConsultation(
  ctx: GatewayContext,
  id: string,
  action: ConsultationAction = 'consultation.read',
): Promise<StoredConsultation> {
  requireAction(ctx, action);
  const stored = await new ConsultationRepository(ctx.em).get(id);
  requireVisible(ctx, action, stored?.consultation.topic.township, what(id));
  return stored!;
}

/** A topic the caller may read or act on, refused as {@link visibleConsultation} is. */
async function visibleTopic(
  ctx: GatewayContext,
  topicId: string,
  action: ConsultationAction = 'consultation.read',
): Promise<StoredTopic> {
  requireAction(ctx, action);
  const stored = await new ConsultationRepository(ctx.em).getTopic(topicId);
  requireVisible(ctx, action, stored?.origination.township, whatTopic(topicId));
  return stored!;
}

type ConsultationAction = 'consultation.read' | 'consultation.act';

/**
 * Consultations and their topics: reads within the caller's scope, and every act of the
 * origination, the five stages and the outcomes, each checked by the domain inside one
 * transaction with optimistic locking (`expectedVersion`, default the version just read).
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
    const townships = townshipsIn(ctx, scope);
    const repo = new ConsultationRepository(ctx.em);
    const ids = await repo.listIds({
      townships,
      ...(status ? { status } : {}),
      ...(year === null || year === undefined ? {} : { year }),
    });
    return pageByIds(
      ids,
      page,
      (page) => repo.loadMany(page),
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
    const townships = townshipsIn(ctx, scope);
    const topics = await new ConsultationRepository(ctx.em).listTopics({
      townships,
      ...(status ? { status } : {}),
      ...(year === null || year === undefined ? {} : { year }),
    });
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
    const townships = townshipsIn(ctx, scope);
    const issues = new ConsultationInput();
    const fromDay = from ? issues.date(from, ['from']) : undefined;
    const toDay = to ? issues.date(to, ['to']) : undefined;
    issues.check();
    const journal = await new ConsultationRepository(ctx.em).journal({
      townships,
      ...(fromDay === undefined ? {} : { from: fromDay }),
      ...(toDay === undefined ? {} : { to: toDay }),
    });
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
    const stored = await visibleTopic(ctx, topicId);
    const topic = stored.origination.topic;
    if (topic === null) throw badInput([notEstablished(topicId)]);
    const rules = rulesAt(ctx, stored.profileId, today(ctx));
    const fixed = await fixedOf(ctx, topic.township);
    const proposal = proposeGroup(topic, [...fixed, ...invited.map(toInvited)], rules);
    if (!proposal.ok) throw badInput(proposal.issues);
    return ConsultationGroupProposal.from(proposal.value);
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
  // Acts

  @Mutation(() => TopicOriginationView, {
    description:
      'Opens a topic’s origination with its first step: path a (committee_led) jointly_proposed, which establishes it; path b (liaison_group_led) opinions_solicited.',
  })
  async originateConsultationTopic(
    @Ctx() ctx: GatewayContext,
    @Arg('input', () => OriginateTopicInput) input: OriginateTopicInput,
  ): Promise<TopicOriginationView> {
    requireActor(ctx);
    authoriseTownship(ctx, input.township, 'consultation.act');
    const issues = new ConsultationInput();
    issues.inputTexts(input, []);
    const on = issues.actDay(ctx, input.on);
    const step = toOriginationStep(input.step, issues);
    issues.check();
    const profileId = input.profileId ?? DEFAULT_PROFILE;
    const rules = rulesAt(ctx, profileId, on);
    const by = actorFor(ctx, [STEP_ROLE[step.step]], input.actingAs);
    const stored = await persist(() =>
      new ConsultationRepository(ctx.em).originateTopic(
        { topicId: input.topicId, township: input.township, path: input.path, profileId },
        step,
        { by, on, rules },
      ),
    );
    return TopicOriginationView.from(stored, rules, nextOriginationStep(stored.origination));
  }

  @Mutation(() => TopicOriginationView, { description: 'Records the next step of a topic’s origination.' })
  async recordOriginationStep(
    @Ctx() ctx: GatewayContext,
    @Arg('input', () => RecordOriginationStepInput) input: RecordOriginationStepInput,
  ): Promise<TopicOriginationView> {
    const stored = await visibleTopic(ctx, input.topicId, 'consultation.act');
    const issues = new ConsultationInput();
    issues.inputTexts(input, []);
    const on = issues.actDay(ctx, input.on);
    const step = toOriginationStep(input.step, issues);
    issues.check();
    const rules = rulesAt(ctx, stored.profileId, on);
    const by = actorFor(ctx, [STEP_ROLE[step.step]], input.actingAs);
    const saved = await persist(() =>
      new ConsultationRepository(ctx.em).recordOriginationStep(
        input.topicId,
        step,
        { by, on, rules },
        { expectedVersion: input.expectedVersion ?? stored.version },
      ),
    );
    if (saved === undefined) throw notFound(whatTopic(input.topicId));
    return TopicOriginationView.from(saved, rules, nextOriginationStep(saved.origination));
  }

  @Mutation(() => ConsultationView, {
    description:
      'Starts the consultation of an established topic with its group: the fixed members named (or the proposed group) and the invited.',
  })
  async startConsultation(
    @Ctx() ctx: GatewayContext,
    @Arg('input', () => StartConsultationInput) input: StartConsultationInput,
  ): Promise<ConsultationView> {
    const stored = await visibleTopic(ctx, input.topicId, 'consultation.act');
    const issues = new ConsultationInput();
    issues.inputTexts(input, []);
    const on = issues.actDay(ctx, input.on);
    issues.check();
    const rules = rulesAt(ctx, stored.profileId, on);
    const by = actorFor(ctx, rolesFor(rules, 'start'), input.actingAs);
    const group = await groupFor(ctx, stored, input, rules);
    const saved = await persist(() =>
      new ConsultationRepository(ctx.em).start(
        input.topicId,
        { id: input.id ?? `C-${input.topicId}`, group },
        { by, on, rules },
        { expectedVersion: input.expectedTopicVersion ?? stored.version },
      ),
    );
    if (saved === undefined) throw notFound(whatTopic(input.topicId));
    return consultationView(ctx, saved);
  }

  @Mutation(() => ConsultationView, {
    description:
      'Applies one act of the five stages: communicate, advance, draft/approve/return the plan, research, the meeting, the report.',
  })
  applyConsultationCommand(
    @Ctx() ctx: GatewayContext,
    @Arg('input', () => ConsultationCommandInput) input: ConsultationCommandInput,
  ): Promise<ConsultationView> {
    return act(
      ctx,
      input,
      STAGE_COMMAND_ACTS[input.command.type],
      (issues) => toStageCommand(input.command, issues),
      (repo, command, context, options) =>
        repo.applyStageCommand(input.consultationId, command, context, options),
    );
  }

  @Mutation(() => ConsultationView, {
    description: 'Records the party committee’s or government’s decision on one proposal item.',
  })
  decideConsultationAdoption(
    @Ctx() ctx: GatewayContext,
    @Arg('input', () => DecideAdoptionInput) input: DecideAdoptionInput,
  ): Promise<ConsultationView> {
    return act(
      ctx,
      input,
      'decide_adoption',
      () => ({
        itemId: input.itemId,
        decision: input.decision,
        ...(input.reason ? { reason: input.reason } : {}),
      }),
      (repo, adoption, context, options) =>
        repo.decideAdoption(input.consultationId, adoption, context, options),
    );
  }

  @Mutation(() => ConsultationView, {
    description: 'Plans how an adopted item is carried out: the responsible unit and weighted tasks.',
  })
  planConsultationImplementation(
    @Ctx() ctx: GatewayContext,
    @Arg('input', () => PlanImplementationInput) input: PlanImplementationInput,
  ): Promise<ConsultationView> {
    return act(
      ctx,
      input,
      'plan_implementation',
      (issues) => {
        const dueOn = input.dueOn ? issues.date(input.dueOn, ['dueOn']) : undefined;
        return {
          itemId: input.itemId,
          owner: input.owner,
          ...(dueOn === undefined ? {} : { dueOn }),
          tasks: input.tasks.map((t, i) => toTask(t, issues, ['tasks', i])),
        };
      },
      (repo, plan, context, options) => repo.planImplementation(input.consultationId, plan, context, options),
    );
  }

  @Mutation(() => ConsultationView, {
    description: 'Records the progress (0–100) of one task; 100 completes it and needs evidence.',
  })
  recordConsultationProgress(
    @Ctx() ctx: GatewayContext,
    @Arg('input', () => RecordProgressInput) input: RecordProgressInput,
  ): Promise<ConsultationView> {
    return act(
      ctx,
      input,
      'record_progress',
      (issues) => ({
        itemId: input.itemId,
        taskId: input.taskId,
        progress: input.progress,
        ...(input.evidence
          ? { evidence: input.evidence.map((e, i) => toEvidence(e, issues, ['evidence', i])) }
          : {}),
      }),
      (repo, progress, context, options) =>
        repo.recordProgress(input.consultationId, progress, context, options),
    );
  }
}

/**
 * One act on a stored consultation: authorise on its township, parse the input (every problem
 * at once), pick the rules in force on the act's day and the actor, then let the repository apply
 * it through the domain in one transaction.
 */
async function act<T>(
  ctx: GatewayContext,
  input: {
    readonly consultationId: string;
    readonly expectedVersion?: number | null;
    readonly on?: string | null;
    readonly actingAs?: ConsultationRole | null;
  },
  actName: ConsultationAct,
  parse: (issues: ConsultationInput) => T,
  apply: (
    repo: ConsultationRepository,
    value: T,
    context: ActContext,
    options: WriteOptions,
  ) => Promise<StoredConsultation | undefined>,
): Promise<ConsultationView> {
  const stored = await visibleConsultation(ctx, input.consultationId, 'consultation.act');
  const issues = new ConsultationInput();
  issues.inputTexts(input, []);
  const on: LocalDate = issues.actDay(ctx, input.on);
  const value = parse(issues);
  issues.check();
  const rules = rulesAt(ctx, stored.profileId, on);
  const by = actorFor(ctx, rolesFor(rules, actName), input.actingAs);
  const saved = await persist(() =>
    apply(
      new ConsultationRepository(ctx.em),
      value,
      { by, on, rules },
      {
        expectedVersion: input.expectedVersion ?? stored.version,
      },
    ),
  );
  if (saved === undefined) throw notFound(what(input.consultationId));
  return consultationView(ctx, saved);
}

function notEstablished(topicId: string) {
  return issue(
    'CONSULTATION_TOPIC_NOT_ESTABLISHED',
    {
      zh: `议题“${topicId}”尚未确定，不能组成协商小组`,
      en: `topic "${topicId}" is not established; no consultation group can be formed yet`,
    },
    ['topicId'],
    { topicId },
  );
}

/** The township's CPPCC members as fixed candidates. */
async function fixedOf(ctx: GatewayContext, township: string) {
  const members = await new LiaisonGroupRepository(ctx.em).membersOf([township]);
  return fixedCandidates({ sectors: [], members }, township);
}

/**
 * The group to start with: the named fixed members (each must be a CPPCC member living in the
 * township) and every invited person, or, without names, the group `proposeGroup` picks.
 */
async function groupFor(
  ctx: GatewayContext,
  stored: StoredTopic,
  input: StartConsultationInput,
  rules: ConsultationRules,
): Promise<ConsultationGroup> {
  const topic = stored.origination.topic;
  const township = stored.origination.township;
  const invited = input.invited.map(toInvited);
  // Not established, or already consulted: the start is refused with its own issue, not the group's.
  if (topic === null || stored.consultationId !== null) {
    return { township, topicId: stored.origination.topicId, members: [] };
  }
  const fixed = await fixedOf(ctx, township);
  if (input.fixedMemberIds === null || input.fixedMemberIds === undefined) {
    const proposal = proposeGroup(topic, [...fixed, ...invited], rules);
    if (!proposal.ok) throw badInput(proposal.issues);
    return proposal.value.group;
  }
  const byId = new Map(fixed.map((f) => [f.id, f]));
  const unknown = input.fixedMemberIds.flatMap((id, i) =>
    byId.has(id)
      ? []
      : [
          issue(
            'CONSULTATION_GROUP_FIXED_NOT_RESIDENT',
            {
              zh: `“${id}”不是居住在本乡镇的政协委员，不能作为固定成员`,
              en: `"${id}" is not a CPPCC member living in the township; they cannot be a fixed member`,
            },
            ['fixedMemberIds', i],
            { id, township },
          ),
        ],
  );
  if (unknown.length > 0) throw badInput(unknown);
  return {
    township,
    topicId: topic.id,
    members: [...input.fixedMemberIds.map((id) => byId.get(id)!), ...invited],
  };
}
