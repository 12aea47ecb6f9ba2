import {
  beginOrigination,
  type ConsultationGroup,
  type ConsultationRole,
  type ConsultationRules,
  fixedCandidates,
  type GroupProposal,
  issue,
  type Origination,
  type OriginationContext,
  type OriginationInput,
  type OriginationStep,
  proposeGroup,
  recordOriginationStep as recordStep,
  startConsultation as start,
} from '@jiceng/domain';
import {
  ConcurrentUpdateError,
  ConsultationRepository,
  type EstablishedTopics,
  LiaisonGroupRepository,
  type StoredConsultation,
  type StoredTopic,
} from '@jiceng/persistence';
import { requireAction } from '../../auth/authorise.js';
import { badInput, notFound, persist } from '../../kernel/errors.js';
import type { UseCaseContext } from '../context.js';
import {
  actorFor,
  authoriseTownship,
  ConsultationInput,
  DEFAULT_PROFILE,
  requireActor,
  requireVisible,
  rolesFor,
  rulesAt,
  today,
} from './access.js';
import {
  type InvitedCommand,
  type OriginateTopicCommand,
  type RecordOriginationStepCommand,
  type StartConsultationCommand,
  toInvited,
  toOriginationStep,
} from './commands.js';

/**
 * The use cases of a topic 议题: its origination on either path, and the start of its
 * consultation with a group. Each checks its command, decides who the caller acts as (FORBIDDEN,
 * or NOT_FOUND for a township outside the scope), reads what the step rests on (the topic at its
 * version, the township's topics established that year, whether the ids are free), runs the
 * domain step, and hands the repository the decided state, which it stores only if none of that
 * moved in between (CONFLICT).
 */

/** Who performs each origination step: fixed by the seed's wording (the domain checks it too). */
const STEP_ROLE: { readonly [S in OriginationStep]: ConsultationRole } = {
  jointly_proposed: 'party_committee',
  opinions_solicited: 'liaison_group',
  topic_drafted: 'liaison_group',
  conferred_with_government: 'liaison_group',
  submitted_to_committee: 'liaison_group',
  committee_decided: 'party_committee',
};

/** How a consultation is named in a refusal. */
export const consultationText = (id: string) => ({ zh: `协商 ${id}`, en: `consultation ${id}` });
/** How a topic is named in a refusal. */
export const topicText = (id: string) => ({ zh: `议题 ${id}`, en: `topic ${id}` });

export type ConsultationAction = 'consultation.read' | 'consultation.act';

/** A topic as stored, with the consultation rules in force on the day it was read or acted on. */
export interface TopicOutcome {
  readonly topic: StoredTopic;
  readonly rules: ConsultationRules;
}

/**
 * A consultation the caller may read or act on: FORBIDDEN for the role before it is read, then
 * NOT_FOUND alike for a missing one and one of a township outside the scope.
 */
export async function visibleConsultation(
  ctx: UseCaseContext,
  id: string,
  action: ConsultationAction = 'consultation.read',
): Promise<StoredConsultation> {
  requireAction(ctx, action);
  const stored = await new ConsultationRepository(ctx.em).get(id);
  requireVisible(ctx, action, stored?.consultation.topic.township, consultationText(id));
  return stored!;
}

/** A topic the caller may read or act on, refused as {@link visibleConsultation} is. */
export async function visibleTopic(
  ctx: UseCaseContext,
  topicId: string,
  action: ConsultationAction = 'consultation.read',
): Promise<StoredTopic> {
  requireAction(ctx, action);
  const stored = await new ConsultationRepository(ctx.em).getTopic(topicId);
  requireVisible(ctx, action, stored?.origination.township, topicText(topicId));
  return stored!;
}

/**
 * Opens a topic's origination with its first step: path a (committee_led) jointly_proposed,
 * which establishes it; path b (liaison_group_led) opinions_solicited.
 */
export async function originateTopic(
  ctx: UseCaseContext,
  command: OriginateTopicCommand,
): Promise<TopicOutcome> {
  requireActor(ctx);
  authoriseTownship(ctx, command.township, 'consultation.act');
  const issues = new ConsultationInput();
  issues.inputTexts(command, []);
  const on = issues.actDay(ctx, command.on);
  const step = toOriginationStep(command.step, issues);
  issues.check();
  const profileId = command.profileId ?? DEFAULT_PROFILE;
  const rules = rulesAt(ctx, profileId, on);
  const by = actorFor(ctx, [STEP_ROLE[step.step]], command.actingAs);
  const repo = new ConsultationRepository(ctx.em);
  const { topicId, township, path } = command;
  if ((await persist(() => repo.getTopic(topicId))) !== undefined) throw badInput([topicIdTaken(topicId)]);
  const begun = beginOrigination({ topicId, township, path });
  const { next, established } = await decideStep(ctx, begun, step, { by, on, rules });
  const topic = await persist(() => repo.createTopic(next, { profileId, established }));
  return { topic, rules };
}

/** Records the next step of a topic's origination, on the version read (or `expectedVersion`). */
export async function recordOriginationStep(
  ctx: UseCaseContext,
  command: RecordOriginationStepCommand,
): Promise<TopicOutcome> {
  const stored = await visibleTopic(ctx, command.topicId, 'consultation.act');
  const issues = new ConsultationInput();
  issues.inputTexts(command, []);
  const on = issues.actDay(ctx, command.on);
  const step = toOriginationStep(command.step, issues);
  issues.check();
  const rules = rulesAt(ctx, stored.profileId, on);
  const by = actorFor(ctx, [STEP_ROLE[step.step]], command.actingAs);
  await persist(async () => checkVersion(command.topicId, stored, command.expectedVersion));
  const { next, established } = await decideStep(ctx, stored.origination, step, { by, on, rules });
  const topic = await persist(() =>
    new ConsultationRepository(ctx.em).saveTopic(next, { decidedOn: stored.version, established }),
  );
  if (topic === undefined) throw notFound(topicText(command.topicId));
  return { topic, rules };
}

/**
 * Starts the consultation of an established topic with its group: the fixed members named (each
 * a CPPCC member living in the township) and every invited person, or, without names, the group
 * `proposeGroup` picks.
 */
export async function startConsultation(
  ctx: UseCaseContext,
  command: StartConsultationCommand,
): Promise<StoredConsultation> {
  const stored = await visibleTopic(ctx, command.topicId, 'consultation.act');
  const issues = new ConsultationInput();
  issues.inputTexts(command, []);
  const on = issues.actDay(ctx, command.on);
  issues.check();
  const rules = rulesAt(ctx, stored.profileId, on);
  const by = actorFor(ctx, rolesFor(rules, 'start'), command.actingAs);
  const group = await groupFor(ctx, stored, command, rules);
  const id = command.id ?? `C-${command.topicId}`;
  const repo = new ConsultationRepository(ctx.em);
  await persist(async () => checkVersion(command.topicId, stored, command.expectedTopicVersion));
  if (stored.consultationId !== null)
    throw badInput([alreadyConsulted(command.topicId, stored.consultationId)]);
  if ((await persist(() => repo.get(id))) !== undefined) throw badInput([consultationIdTaken(id)]);
  const started = start({ id, group, origination: stored.origination }, { by, on, rules });
  if (!started.ok) throw badInput(started.issues);
  const saved = await persist(() => repo.saveStart(started.value, { decidedOn: stored.version }));
  if (saved === undefined) throw notFound(topicText(command.topicId));
  return saved;
}

/**
 * One origination step decided by the domain against the township's topics established in the
 * step's year (the thematic limit), which the write checks again.
 */
async function decideStep(
  ctx: UseCaseContext,
  origination: Origination,
  step: OriginationInput,
  context: Omit<OriginationContext, 'established'>,
): Promise<{ readonly next: Origination; readonly established: EstablishedTopics }> {
  const year = Number(context.on.slice(0, 4));
  const established = await persist(() =>
    new ConsultationRepository(ctx.em).establishedTopics(origination.township, year),
  );
  const next = recordStep(origination, step, { ...context, established: established.topics });
  if (!next.ok) throw badInput(next.issues);
  return { next: next.value, established };
}

/** CONFLICT when the caller read the topic at another version than the stored one. */
function checkVersion(topicId: string, stored: StoredTopic, expected: number | null | undefined): void {
  if (expected !== null && expected !== undefined && expected !== stored.version) {
    throw new ConcurrentUpdateError(`topic "${topicId}" is at version ${stored.version}, not ${expected}`);
  }
}

function topicIdTaken(topicId: string) {
  return issue(
    'CONSULTATION_DUPLICATE_ID',
    { zh: `议题编号“${topicId}”已被使用`, en: `topic id "${topicId}" is already used` },
    ['topicId'],
    { topicId },
  );
}

function alreadyConsulted(topicId: string, consultationId: string) {
  return issue(
    'CONSULTATION_DUPLICATE_ID',
    {
      zh: `议题“${topicId}”已开展协商（${consultationId}）`,
      en: `topic "${topicId}" is already being consulted (${consultationId})`,
    },
    ['topicId'],
    { topicId, consultationId },
  );
}

function consultationIdTaken(id: string) {
  return issue(
    'CONSULTATION_DUPLICATE_ID',
    { zh: `协商编号“${id}”已被使用`, en: `consultation id "${id}" is already used` },
    ['id'],
    { id },
  );
}

/**
 * A consultation group for an established topic, proposed from the township's CPPCC members and
 * the invited given, every choice explained. Nothing is stored.
 */
export async function proposeConsultationGroup(
  ctx: UseCaseContext,
  command: { readonly topicId: string; readonly invited: readonly InvitedCommand[] },
): Promise<GroupProposal> {
  const stored = await visibleTopic(ctx, command.topicId);
  const topic = stored.origination.topic;
  if (topic === null) throw badInput([notEstablished(command.topicId)]);
  const rules = rulesAt(ctx, stored.profileId, today(ctx));
  const fixed = await fixedOf(ctx, topic.township);
  const proposal = proposeGroup(topic, [...fixed, ...command.invited.map(toInvited)], rules);
  if (!proposal.ok) throw badInput(proposal.issues);
  return proposal.value;
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
async function fixedOf(ctx: UseCaseContext, township: string) {
  const members = await new LiaisonGroupRepository(ctx.em).membersOf([township]);
  return fixedCandidates({ sectors: [], members }, township);
}

/** The group to start with: the named fixed members and the invited, or the proposed group. */
async function groupFor(
  ctx: UseCaseContext,
  stored: StoredTopic,
  command: StartConsultationCommand,
  rules: ConsultationRules,
): Promise<ConsultationGroup> {
  const topic = stored.origination.topic;
  const township = stored.origination.township;
  const invited = command.invited.map(toInvited);
  // Not established, or already consulted: the start is refused with its own issue, not the group's.
  if (topic === null || stored.consultationId !== null) {
    return { township, topicId: stored.origination.topicId, members: [] };
  }
  const fixed = await fixedOf(ctx, township);
  if (command.fixedMemberIds === null || command.fixedMemberIds === undefined) {
    const proposal = proposeGroup(topic, [...fixed, ...invited], rules);
    if (!proposal.ok) throw badInput(proposal.issues);
    return proposal.value.group;
  }
  const byId = new Map(fixed.map((f) => [f.id, f]));
  const unknown = command.fixedMemberIds.flatMap((id, i) =>
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
    members: [...command.fixedMemberIds.map((id) => byId.get(id)!), ...invited],
  };
}
