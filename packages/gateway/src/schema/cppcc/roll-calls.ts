import { ATTENDANCE_STATUSES, type AttendanceStatus, type RollCall } from '@jiceng/domain';
import type { StoredRollCall } from '@jiceng/persistence';
import {
  Arg,
  Ctx,
  Field,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  registerEnumType,
} from 'type-graphql';
import {
  type AttendanceLine,
  correctRollCall,
  type RollCallOutcome,
  recordRollCall,
  rollCalls,
} from '../../application/cppcc/roll-calls.js';
import type { GatewayContext } from '../../kernel/context.js';
import { enumOf } from '../common.js';
import { CppccDutyEntry } from './duty.js';

/**
 * Roll calls 点名 over GraphQL: thin resolvers over `application/cppcc/roll-calls.ts` (the
 * policy's `cppcc.office`). Types are mapped from the domain's `RollCall`.
 */

export const AttendanceStatusEnum = enumOf(ATTENDANCE_STATUSES);
registerEnumType(AttendanceStatusEnum, {
  name: 'CppccAttendanceStatus',
  description: 'attended 出席, on_leave 请假 (with a reason), absent 缺席.',
});
export const RollCallKindEnum = enumOf([
  'plenary',
  'standing',
] as const satisfies readonly RollCall['kind'][]);
registerEnumType(RollCallKindEnum, {
  name: 'CppccRollCallKind',
  description: 'plenary 全体会议 (every member), standing 常委会议 (the standing committee).',
});

@ObjectType({ description: 'A member’s presence at the meeting.' })
export class CppccAttendance {
  @Field()
  member!: string;
  @Field(() => AttendanceStatusEnum)
  status!: AttendanceStatus;
  @Field(() => String, { nullable: true, description: 'Why the member was on leave.' })
  reason!: string | null;
}

@ObjectType({ description: 'A correction of a roll call: the version it made, when, by whom, why.' })
export class CppccRollCallCorrection {
  @Field(() => Int)
  version!: number;
  @Field()
  on!: string;
  @Field()
  by!: string;
  @Field()
  reason!: string;
}

@ObjectType({ description: 'A roll call 点名 of a plenary or standing-committee meeting.' })
export class CppccRollCall {
  @Field()
  id!: string;
  @Field(() => Int)
  term!: number;
  @Field(() => RollCallKindEnum)
  kind!: RollCall['kind'];
  @Field()
  meetingOn!: string;
  @Field()
  title!: string;
  @Field(() => [CppccAttendance])
  entries!: CppccAttendance[];
  @Field({ description: 'The day it was first recorded.' })
  recordedOn!: string;
  @Field(() => Int, { description: 'Its version: a correction names the one it was decided on.' })
  version!: number;
  @Field(() => [CppccRollCallCorrection])
  corrections!: CppccRollCallCorrection[];

  static from(s: StoredRollCall): CppccRollCall {
    const r = s.rollCall;
    return Object.assign(new CppccRollCall(), {
      id: r.id,
      term: s.term,
      kind: r.kind,
      meetingOn: r.meetingOn,
      title: r.title,
      entries: r.entries.map((e) => ({ member: e.member, status: e.status, reason: e.reason ?? null })),
      recordedOn: s.recordedOn,
      version: s.version,
      corrections: s.corrections.map((c) => ({ ...c })),
    });
  }
}

@ObjectType({ description: 'What a roll-call write did.' })
export class CppccRollCallResult {
  @Field(() => CppccRollCall)
  rollCall!: CppccRollCall;
  @Field({ description: 'True when the same roll call was recorded before: nothing was written.' })
  duplicate!: boolean;
  @Field(() => [CppccDutyEntry], {
    description: 'The duty entries it appended: records it earns, reversals of those it no longer earns.',
  })
  duty!: CppccDutyEntry[];

  static from(o: RollCallOutcome): CppccRollCallResult {
    return Object.assign(new CppccRollCallResult(), {
      rollCall: CppccRollCall.from(o.stored),
      duplicate: o.duplicate,
      duty: o.duty.map(CppccDutyEntry.from),
    });
  }
}

@InputType()
class CppccAttendanceInput implements AttendanceLine {
  @Field()
  member!: string;
  @Field(() => AttendanceStatusEnum)
  status!: AttendanceStatus;
  @Field(() => String, { nullable: true, description: 'Required when on leave.' })
  reason?: string | null;
}

@InputType({ description: 'A roll call as first recorded: every member expected at the meeting, once.' })
class RecordCppccRollCallInput {
  @Field(() => Int)
  term!: number;
  @Field({ description: 'The roll call’s id; sending the same roll call again writes nothing.' })
  id!: string;
  @Field(() => RollCallKindEnum)
  kind!: RollCall['kind'];
  @Field({ description: 'The meeting’s day (YYYY-MM-DD), not after today.' })
  meetingOn!: string;
  @Field()
  title!: string;
  @Field(() => [CppccAttendanceInput])
  entries!: CppccAttendanceInput[];
}

@InputType({ description: 'A correction of a stored roll call, decided on the version read.' })
class CorrectCppccRollCallInput {
  @Field(() => Int)
  term!: number;
  @Field()
  id!: string;
  @Field(() => Int)
  expectedVersion!: number;
  @Field()
  reason!: string;
  @Field(() => [CppccAttendanceInput], { description: 'Every member’s presence, as it should have been.' })
  entries!: CppccAttendanceInput[];
  @Field(() => String, { nullable: true, description: 'The meeting’s day, when that was wrong too.' })
  meetingOn?: string | null;
  @Field(() => String, { nullable: true })
  title?: string | null;
}

@Resolver()
export class CppccRollCallResolver {
  @Query(() => [CppccRollCall], { description: 'The roll calls of a term, by meeting day: the office only.' })
  async cppccRollCalls(
    @Ctx() ctx: GatewayContext,
    @Arg('term', () => Int) term: number,
  ): Promise<CppccRollCall[]> {
    return (await rollCalls(ctx, term)).map(CppccRollCall.from);
  }

  @Mutation(() => CppccRollCallResult, {
    description:
      'Records a roll call of a plenary or standing-committee meeting; the attendance records it earns go into the duty ledger.',
  })
  async recordCppccRollCall(
    @Ctx() ctx: GatewayContext,
    @Arg('input', () => RecordCppccRollCallInput) input: RecordCppccRollCallInput,
  ): Promise<CppccRollCallResult> {
    return CppccRollCallResult.from(await recordRollCall(ctx, input));
  }

  @Mutation(() => CppccRollCallResult, {
    description:
      'Corrects a roll call; the duty records it no longer earns are reversed (linked to it) and the new ones written.',
  })
  async correctCppccRollCall(
    @Ctx() ctx: GatewayContext,
    @Arg('input', () => CorrectCppccRollCallInput) input: CorrectCppccRollCallInput,
  ): Promise<CppccRollCallResult> {
    return CppccRollCallResult.from(await correctRollCall(ctx, input));
  }
}
