// The GraphQL types of the points ledger: statuses and roles, party members, entries and their
// steps, year locks and audits. Explanations, rankings and ratings are in ranking-types.ts;
// in-service feedback and co-building in cobuilding-types.ts.
import {
  type Adjustment,
  allowedActions,
  POINT_STATUSES,
  type PointRecord,
  type PointStatus,
  type PointsActor,
  type PointsNote,
} from '@jiceng/domain';
import type { StoredMember, StoredPointRecord, StoredYearLock } from '@jiceng/persistence';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { connectionOf, enumOf, LocalizedText } from '../common.js';

export const PointStatusEnum = enumOf(POINT_STATUSES);
registerEnumType(PointStatusEnum, {
  name: 'PointStatus',
  description:
    'Where a point entry is in its workflow: draft → submitted → approved/adjusted/rejected → audited.',
});

export enum PointsRoleEnum {
  self = 'self',
  branch = 'branch',
  community = 'community',
  committee = 'committee',
  system = 'system',
}
registerEnumType(PointsRoleEnum, {
  name: 'PointsRole',
  description:
    'Who took a step: the member (self), their branch, a community, the party committee, the system.',
});

export enum ReviewDecisionEnum {
  approve = 'approve',
  adjust = 'adjust',
  reject = 'reject',
}
registerEnumType(ReviewDecisionEnum, { name: 'ReviewDecision', description: 'A branch review 支部考评.' });

export enum PointsGroupingEnum {
  branch = 'branch',
  community = 'community',
  all = 'all',
}
registerEnumType(PointsGroupingEnum, {
  name: 'PointsGrouping',
  description: 'The groups members are ranked (or their quotas counted) in.',
});

@ObjectType('MemberCategorySpan', { description: 'A member category 党员类别 from a date on.' })
export class MemberCategorySpan {
  @Field()
  category!: string;

  @Field({ description: 'YYYY-MM-DD' })
  from!: string;
}

@ObjectType('DualRegistration', { description: 'Dual registration 双报到 at a residential community.' })
export class DualRegistrationView {
  @Field()
  community!: string;

  @Field()
  from!: string;

  @Field(() => String, { nullable: true })
  to!: string | null;
}

/** A party member; personal data fields resolve masked or in full by the caller's role. */
@ObjectType('PartyMember', { description: 'A party member 党员 and their points.' })
export class PartyMemberView {
  @Field()
  code!: string;

  @Field()
  name!: string;

  @Field({ description: 'The member’s own party organisation, which reviews and counts their points.' })
  branch!: string;

  @Field(() => String, { nullable: true, description: 'Residential community.' })
  community!: string | null;

  @Field(() => String, { nullable: true, description: 'Grid of residence.' })
  grid!: string | null;

  @Field({ description: 'The rule profile the member’s points are kept under.' })
  profileId!: string;

  @Field(() => [MemberCategorySpan])
  categories!: MemberCategorySpan[];

  @Field(() => [DualRegistrationView])
  dualRegistrations!: DualRegistrationView[];

  stored!: StoredMember;

  static from(member: StoredMember): PartyMemberView {
    return Object.assign(new PartyMemberView(), {
      code: member.code,
      name: member.name,
      branch: member.branch,
      community: member.community ?? null,
      grid: member.grid ?? null,
      profileId: member.profileId,
      categories: member.categories.map((c) => Object.assign(new MemberCategorySpan(), { ...c })),
      dualRegistrations: (member.dualRegistrations ?? []).map((r) =>
        Object.assign(new DualRegistrationView(), { community: r.community, from: r.from, to: r.to ?? null }),
      ),
      stored: member,
    });
  }
}

export const PartyMemberConnection = connectionOf('PartyMember', PartyMemberView);

@ObjectType('PointsPerson', {
  description: 'The person behind a step: who, in which role, for which organisation.',
})
export class PointsPersonView {
  @Field({ description: 'The person’s id (a member code for a party member).' })
  id!: string;

  @Field({ description: 'The role they acted in, e.g. branch_secretary.' })
  role!: string;

  @Field({ description: 'The organisation their role applies to.' })
  org!: string;
}

@ObjectType('PointsActor', { description: 'Who took a step, in which role.' })
export class PointsActorView {
  @Field(() => PointsRoleEnum)
  role!: PointsRoleEnum;

  @Field({ description: 'The body the step was taken as: a member code (self) or an org code.' })
  id!: string;

  @Field(() => PointsPersonView, {
    nullable: true,
    description: 'The person who took it; null for the system and for steps recorded before people were.',
  })
  person!: PointsPersonView | null;

  static from(actor: PointsActor): PointsActorView {
    return Object.assign(new PointsActorView(), {
      role: actor.role as PointsRoleEnum,
      id: actor.id,
      person: actor.person === undefined ? null : Object.assign(new PointsPersonView(), actor.person),
    });
  }
}

@ObjectType('PointAdjustment', { description: 'A branch’s adjustment: new units or new points.' })
export class PointAdjustmentView {
  @Field(() => Float, { nullable: true })
  quantity!: number | null;

  @Field(() => Float, { nullable: true })
  points!: number | null;

  static from(a: Adjustment | undefined): PointAdjustmentView | null {
    if (a === undefined) return null;
    return Object.assign(new PointAdjustmentView(), {
      quantity: 'quantity' in a ? a.quantity : null,
      points: 'points' in a ? a.points : null,
    });
  }
}

@ObjectType('PointReversal', { description: 'The reversal 冲正 that cancelled an entry.' })
export class PointReversalView {
  @Field()
  key!: string;

  @Field()
  on!: string;

  @Field()
  reason!: string;
}

@ObjectType('PointSource', {
  description:
    'The fact a system entry was derived from 自动记分来源: its kind (org_life, resident_request) and id.',
})
export class PointSourceView {
  @Field()
  kind!: string;

  @Field()
  id!: string;
}

@ObjectType('PointEntry', {
  description: 'A point entry 积分记录 with the state its workflow steps gave it.',
})
export class PointEntryView {
  @Field({ description: 'The idempotency key it was recorded with: its identity.' })
  key!: string;

  @Field(() => Int, { description: 'Position in the ledger.' })
  seq!: number;

  @Field({ description: 'The member’s code.' })
  memberCode!: string;

  @Field()
  item!: string;

  @Field({ description: 'Occurrence date (YYYY-MM-DD): the rules and category of that day apply.' })
  date!: string;

  @Field(() => Float, { nullable: true })
  quantity!: number | null;

  @Field(() => [String])
  evidence!: string[];

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field(() => String, { nullable: true, description: 'The reversal a committee correction restates.' })
  correctionOf!: string | null;

  @Field(() => PointSourceView, {
    nullable: true,
    description: 'For a system entry: the fact it was derived from; a correction of the fact reverses it.',
  })
  source!: PointSourceView | null;

  @Field(() => PointsActorView)
  recordedBy!: PointsActorView;

  @Field(() => PointsActorView, {
    nullable: true,
    description: 'Who took the branch review (approve, adjust or reject); null before one.',
  })
  reviewedBy!: PointsActorView | null;

  @Field()
  recordedOn!: string;

  @Field(() => PointStatusEnum)
  status!: PointStatus;

  @Field(() => PointAdjustmentView, { nullable: true })
  adjustment!: PointAdjustmentView | null;

  @Field(() => String, { nullable: true })
  reviewReason!: string | null;

  @Field(() => PointReversalView, { nullable: true })
  reversal!: PointReversalView | null;

  @Field()
  lastStepOn!: string;

  @Field(() => [String], { description: 'Keys of the workflow steps taken on it, in ledger order.' })
  steps!: string[];

  @Field(() => [String], {
    description:
      'What its status allows next (submit, approve, adjust, reject, audit, reverse), whoever asks; `myActions` is what you may do today.',
  })
  allowedActions!: string[];

  @Field(() => Int, { description: 'Pass it back as expectedVersion to refuse a step on a stale view.' })
  version!: number;

  /** The record as the domain knows it, for `myActions` (not a GraphQL field). */
  record!: PointRecord;

  static from(stored: StoredPointRecord): PointEntryView {
    const { record, version } = stored;
    const e = record.entry;
    return Object.assign(new PointEntryView(), {
      key: e.key,
      seq: e.seq,
      memberCode: e.member,
      item: e.item,
      date: e.date,
      quantity: e.quantity ?? null,
      evidence: [...(e.evidence ?? [])],
      note: e.note ?? null,
      correctionOf: e.correctionOf ?? null,
      source: e.source === undefined ? null : Object.assign(new PointSourceView(), e.source),
      recordedBy: PointsActorView.from(e.by),
      reviewedBy: record.reviewedBy === undefined ? null : PointsActorView.from(record.reviewedBy),
      recordedOn: e.on,
      status: record.status as PointStatus,
      adjustment: PointAdjustmentView.from(record.adjustment),
      reviewReason: record.reviewReason ?? null,
      reversal:
        record.reversal === undefined ? null : Object.assign(new PointReversalView(), record.reversal),
      lastStepOn: record.lastStepOn,
      steps: [...record.steps],
      allowedActions: [...allowedActions(record.status)],
      version,
      record,
    });
  }
}

export const PointEntryConnection = connectionOf('PointEntry', PointEntryView);

@ObjectType('PointsNote', {
  description: 'A remark for the person recording, never a refusal (e.g. a cap will trim the entry).',
})
export class PointsNoteView {
  @Field()
  code!: string;

  @Field(() => LocalizedText)
  message!: LocalizedText;

  @Field(() => GraphQLJSONObject)
  details!: Record<string, unknown>;

  static from(note: PointsNote): PointsNoteView {
    return Object.assign(new PointsNoteView(), {
      code: note.code,
      message: LocalizedText.from(note.message),
      details: { ...note.details },
    });
  }
}

@ObjectType('PointEntryResult', { description: 'What a point entry mutation did.' })
export class PointEntryResult {
  @Field({ description: 'The key of the ledger row this mutation wrote (or found).' })
  key!: string;

  @Field(() => Int)
  seq!: number;

  @Field({
    description: 'True when the idempotency key was already used with the same request: nothing was written.',
  })
  duplicate!: boolean;

  @Field(() => [PointsNoteView])
  notes!: PointsNoteView[];

  @Field(() => PointEntryView, { description: 'The point entry as it stands after the mutation.' })
  entry!: PointEntryView;
}

@ObjectType('PointsYearLock', { description: 'A branch’s year locked by the committee audit 党委年终审核.' })
export class PointsYearLockView {
  @Field()
  branch!: string;

  @Field(() => Int)
  year!: number;

  @Field({ description: 'The audit’s idempotency key.' })
  key!: string;

  @Field()
  on!: string;

  @Field()
  by!: string;

  static from(lock: StoredYearLock): PointsYearLockView {
    return Object.assign(new PointsYearLockView(), { ...lock });
  }
}

@ObjectType('PointsAuditResult', { description: 'What the committee audit of a branch’s year did.' })
export class PointsAuditResult {
  @Field()
  duplicate!: boolean;

  @Field(() => PointsYearLockView)
  lock!: PointsYearLockView;

  @Field(() => Int, { description: 'Days after the profile’s audit deadline (0 when on time).' })
  daysLate!: number;

  @Field(() => Int, { description: 'Counted entries now audited.' })
  audited!: number;

  @Field(() => Int, { description: 'Unfinished entries that lapsed.' })
  lapsed!: number;
}
