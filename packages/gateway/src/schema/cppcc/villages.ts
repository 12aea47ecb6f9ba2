import type { VillageOutcome, VillageParticipantKind } from '@jiceng/domain';
import { Arg, Ctx, Field, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import {
  correctVillageMeetingCase,
  fileVillageConsultationCase,
  holdVillageMeetingCase,
  startVillageConsultationCase,
  type VillageConsultationView,
  villageConsultations,
} from '../../application/cppcc/villages.js';
import type { GatewayContext } from '../../kernel/context.js';

/**
 * Village consultations 村事民定 over GraphQL: thin resolvers over
 * `application/cppcc/villages.ts` (`cppcc.office` for the county, `cppcc.liaison` for a township).
 */

@ObjectType({ description: 'A participant: villagers’ representative, party member, CPPCC member, …' })
export class CppccVillageParticipant {
  @Field()
  id!: string;
  @Field()
  name!: string;
  @Field({ description: 'The kind of participant (a code of the profile’s cppcc.village.participantKinds).' })
  kind!: string;
  @Field(() => String, { nullable: true, description: 'A CPPCC member’s id.' })
  member!: string | null;
}

@ObjectType({ description: 'A correction of a village meeting’s record 更正会议记录.' })
export class CppccVillageMeetingCorrection {
  @Field()
  on!: string;
  @Field()
  reason!: string;
  @Field({ description: 'Who entered it (their id).' })
  by!: string;
}

@ObjectType({
  description: 'A village consultation 村事民定: topic, participants, minutes, outcome, filing.',
})
export class CppccVillageConsultation {
  @Field()
  id!: string;
  @Field()
  village!: string;
  @Field()
  township!: string;
  @Field()
  topic!: string;
  @Field({ description: 'pre_consultation (商前沟通), report (上报), completed (纪要已备案).' })
  status!: string;
  @Field(() => [CppccVillageParticipant])
  participants!: CppccVillageParticipant[];
  @Field()
  startedOn!: string;
  @Field(() => String, { nullable: true })
  heldOn!: string | null;
  @Field(() => [String], { description: 'Participants who attended the meeting.' })
  attendees!: string[];
  @Field(() => String, { nullable: true, description: '协商纪要.' })
  minutes!: string | null;
  @Field(() => String, { nullable: true, description: 'agreed, not_agreed, … (the outcome’s decision).' })
  decision!: string | null;
  @Field(() => String, { nullable: true })
  outcome!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'The day its minutes were filed 备案 with the township.',
  })
  filedOn!: string | null;
  @Field(() => [CppccVillageMeetingCorrection], {
    description: 'Corrections of the meeting’s record, oldest first.',
  })
  corrections!: CppccVillageMeetingCorrection[];
  @Field(() => Int)
  version!: number;

  static from({ consultation: c, version }: VillageConsultationView): CppccVillageConsultation {
    return Object.assign(new CppccVillageConsultation(), {
      id: c.id,
      village: c.village,
      township: c.township,
      topic: c.topic,
      status: c.status,
      participants: c.participants.map((p) => ({ ...p, member: p.member ?? null })),
      startedOn: c.startedOn,
      heldOn: c.meeting?.heldOn ?? null,
      attendees: [...(c.meeting?.attendees ?? [])],
      minutes: c.meeting?.minutes ?? null,
      decision: c.meeting?.outcome.decision ?? null,
      outcome: c.meeting?.outcome.summary ?? null,
      filedOn: c.filedOn,
      corrections: (c.meeting?.corrections ?? []).map((k) => ({ on: k.on, reason: k.reason, by: k.by.id })),
      version,
    });
  }
}

@InputType()
class CppccVillageParticipantInput {
  @Field()
  id!: string;
  @Field()
  name!: string;
  @Field()
  kind!: string;
  @Field(() => String, { nullable: true })
  member?: string | null;
}

@InputType()
class StartCppccVillageConsultationInput {
  @Field(() => Int, { description: 'The CPPCC term whose liaison group the township belongs to.' })
  term!: number;
  @Field()
  id!: string;
  @Field()
  village!: string;
  @Field()
  topic!: string;
  @Field(() => [CppccVillageParticipantInput])
  participants!: CppccVillageParticipantInput[];
  @Field(() => String, { nullable: true, description: 'The rule profile (default reference).' })
  profile?: string | null;
}

@InputType()
class CppccVillageVotesInput {
  @Field(() => Int)
  for!: number;
  @Field(() => Int)
  against!: number;
  @Field(() => Int)
  abstain!: number;
}

@InputType()
class HoldCppccVillageMeetingInput {
  @Field(() => Int)
  term!: number;
  @Field()
  id!: string;
  @Field(() => [String])
  attendees!: string[];
  @Field()
  minutes!: string;
  @Field({ description: 'The outcome’s decision (agreed, not_agreed, …).' })
  decision!: string;
  @Field()
  summary!: string;
  @Field(() => CppccVillageVotesInput, { nullable: true })
  votes?: CppccVillageVotesInput | null;
}

@InputType({ description: 'The meeting’s record as it should have been, and why it is corrected.' })
class CorrectCppccVillageMeetingInput extends HoldCppccVillageMeetingInput {
  @Field()
  reason!: string;
}

const outcomeOf = (input: HoldCppccVillageMeetingInput) => ({
  decision: input.decision as VillageOutcome,
  summary: input.summary,
  ...(input.votes ? { votes: { ...input.votes } } : {}),
});

@Resolver()
export class CppccVillageResolver {
  @Query(() => [CppccVillageConsultation], {
    description:
      'Village consultations: the office every township’s (or one), a liaison group secretary their own.',
  })
  async cppccVillageConsultations(
    @Ctx() ctx: GatewayContext,
    @Arg('township', () => String, { nullable: true }) township?: string | null,
  ): Promise<CppccVillageConsultation[]> {
    return (await villageConsultations(ctx, township)).map(CppccVillageConsultation.from);
  }

  @Mutation(() => CppccVillageConsultation, { description: 'Opens a village consultation at 商前沟通.' })
  async startCppccVillageConsultation(
    @Ctx() ctx: GatewayContext,
    @Arg('input', () => StartCppccVillageConsultationInput) input: StartCppccVillageConsultationInput,
  ): Promise<CppccVillageConsultation> {
    const participants = input.participants.map((p) => ({
      id: p.id,
      name: p.name,
      kind: p.kind as VillageParticipantKind,
      ...(p.member ? { member: p.member } : {}),
    }));
    return CppccVillageConsultation.from(await startVillageConsultationCase(ctx, { ...input, participants }));
  }

  @Mutation(() => CppccVillageConsultation, {
    description: 'Records the village meeting: attendance, minutes, outcome.',
  })
  async holdCppccVillageMeeting(
    @Ctx() ctx: GatewayContext,
    @Arg('input', () => HoldCppccVillageMeetingInput) input: HoldCppccVillageMeetingInput,
  ): Promise<CppccVillageConsultation> {
    return CppccVillageConsultation.from(
      await holdVillageMeetingCase(ctx, {
        term: input.term,
        id: input.id,
        attendees: input.attendees,
        minutes: input.minutes,
        outcome: outcomeOf(input),
      }),
    );
  }

  @Mutation(() => CppccVillageConsultation, {
    description:
      'Corrects a held meeting’s record, with a reason; the CPPCC members’ duty records follow it.',
  })
  async correctCppccVillageMeeting(
    @Ctx() ctx: GatewayContext,
    @Arg('input', () => CorrectCppccVillageMeetingInput) input: CorrectCppccVillageMeetingInput,
  ): Promise<CppccVillageConsultation> {
    return CppccVillageConsultation.from(
      await correctVillageMeetingCase(ctx, {
        term: input.term,
        id: input.id,
        attendees: input.attendees,
        minutes: input.minutes,
        outcome: outcomeOf(input),
        reason: input.reason,
      }),
    );
  }

  @Mutation(() => CppccVillageConsultation, { description: 'Files the minutes 备案 with the township.' })
  async fileCppccVillageConsultation(
    @Ctx() ctx: GatewayContext,
    @Arg('term', () => Int) term: number,
    @Arg('id', () => String) id: string,
  ): Promise<CppccVillageConsultation> {
    return CppccVillageConsultation.from(await fileVillageConsultationCase(ctx, term, id));
  }
}
