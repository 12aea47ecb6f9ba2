import {
  type Adjustment,
  allowedActions,
  type CadreResult,
  type CapHit,
  type CoBuildingResult,
  type Explanation,
  type ExplanationLine,
  type FeedbackReport,
  type HeldBack,
  type MemberRating,
  POINT_STATUSES,
  type PointRecord,
  type PointStatus,
  type PointsActor,
  type PointsNote,
  periodLabel,
  type Ranking,
  type RatingBand,
  type RatingResult,
  TIE_BREAKER_LABELS,
  type WhatIfReport,
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

@ObjectType('PointsCapHit', { description: 'A cap that trimmed an entry.' })
export class CapHitView {
  @Field()
  key!: string;

  @Field()
  item!: string;

  @Field({ description: 'month, quarter or year' })
  period!: string;

  @Field(() => Float)
  cap!: number;

  @Field(() => Float)
  before!: number;

  @Field(() => Float)
  requested!: number;

  @Field(() => Float)
  granted!: number;

  @Field(() => LocalizedText)
  message!: LocalizedText;

  static from(hit: CapHit): CapHitView {
    return Object.assign(new CapHitView(), { ...hit, message: LocalizedText.from(hit.message) });
  }
}

@ObjectType('PointsExplanationLine', { description: 'One entry in an explanation, counted or not.' })
export class ExplanationLineView {
  @Field()
  key!: string;

  @Field()
  date!: string;

  @Field()
  item!: string;

  @Field(() => LocalizedText, { nullable: true })
  itemName!: LocalizedText | null;

  @Field(() => String, { nullable: true, description: 'award or deduction' })
  kind!: string | null;

  @Field(() => PointStatusEnum)
  status!: PointStatus;

  @Field(() => String, { nullable: true, description: 'The rule version it falls under.' })
  version!: string | null;

  @Field(() => Float)
  requested!: number;

  @Field(() => Float)
  granted!: number;

  @Field(() => Float, { description: 'What it adds to the total (negative for a deduction).' })
  points!: number;

  @Field(() => CapHitView, { nullable: true })
  cap!: CapHitView | null;

  @Field(() => String, { nullable: true, description: 'Why it does not count, when it does not.' })
  excludedReason!: string | null;

  @Field(() => LocalizedText, { nullable: true })
  excludedMessage!: LocalizedText | null;

  static from(line: ExplanationLine): ExplanationLineView {
    return Object.assign(new ExplanationLineView(), {
      key: line.key,
      date: line.date,
      item: line.item,
      itemName: line.itemName === undefined ? null : LocalizedText.from(line.itemName),
      kind: line.kind ?? null,
      status: line.status as PointStatus,
      version: line.version ?? null,
      requested: line.requested,
      granted: line.granted,
      points: line.points,
      cap: line.cap === undefined ? null : CapHitView.from(line.cap),
      excludedReason: line.excluded?.reason ?? null,
      excludedMessage: line.excluded === undefined ? null : LocalizedText.from(line.excluded.message),
    });
  }
}

@ObjectType('PointsRuleVersionUse', { description: 'A rule version the counted entries fell under.' })
export class RuleVersionUse {
  @Field()
  version!: string;

  @Field()
  effectiveFrom!: string;

  @Field(() => Int)
  entries!: number;
}

@ObjectType('PointsExplanation', {
  description: 'A member’s total for a month, quarter or year, and everything it is made of.',
})
export class ExplanationView {
  @Field()
  member!: string;

  @Field({ description: 'year, quarter or month' })
  period!: string;

  @Field(() => LocalizedText)
  periodLabel!: LocalizedText;

  @Field(() => Float, { description: 'The base score 基础分 (years only).' })
  base!: number;

  @Field(() => Float)
  awards!: number;

  @Field(() => Float)
  deductions!: number;

  @Field(() => Float)
  total!: number;

  @Field(() => [ExplanationLineView])
  lines!: ExplanationLineView[];

  @Field(() => [CapHitView])
  capsThatBit!: CapHitView[];

  @Field(() => [RuleVersionUse])
  versions!: RuleVersionUse[];

  @Field(() => LocalizedText)
  summary!: LocalizedText;

  static from(e: Explanation): ExplanationView {
    return Object.assign(new ExplanationView(), {
      member: e.member,
      period: e.period.kind,
      periodLabel: LocalizedText.from(periodLabel(e.period)),
      base: e.base,
      awards: e.awards,
      deductions: e.deductions,
      total: e.total,
      lines: e.lines.map(ExplanationLineView.from),
      capsThatBit: e.capsThatBit.map(CapHitView.from),
      versions: e.versions.map((v) => Object.assign(new RuleVersionUse(), v)),
      summary: LocalizedText.from(e.summary),
    });
  }
}

@ObjectType('PointsTie', { description: 'An equal total with the member above, and what separated them.' })
export class TieView {
  @Field()
  with!: string;

  @Field(() => String, { nullable: true, description: 'The tie breaker that decided; null when still tied.' })
  decidedBy!: string | null;

  @Field(() => LocalizedText, { nullable: true })
  decidedByLabel!: LocalizedText | null;
}

@ObjectType('PointsRankedMember')
export class RankedMemberView {
  @Field()
  member!: string;

  @Field(() => Int, { description: 'Competition rank: members still tied share it (1, 2, 2, 4).' })
  rank!: number;

  @Field(() => Float)
  total!: number;

  @Field(() => Float)
  awards!: number;

  @Field(() => Float)
  deductions!: number;

  @Field(() => Int)
  counted!: number;

  @Field(() => String, { nullable: true })
  lastEntryDate!: string | null;

  @Field(() => TieView, { nullable: true })
  tie!: TieView | null;
}

@ObjectType('PointsRanking', { description: 'A ranking inside one branch or community 排名.' })
export class RankingView {
  @Field(() => PointsGroupingEnum)
  scope!: PointsGroupingEnum;

  @Field()
  group!: string;

  @Field(() => [String])
  tieBreakers!: string[];

  @Field(() => Int, { description: 'How many members the group ranks.' })
  size!: number;

  /** Every member in rank order; the `members` field (RankingMembersResolver) filters it. */
  members!: RankedMemberView[];

  static from(r: Ranking): RankingView {
    return Object.assign(new RankingView(), {
      scope: r.scope as PointsGroupingEnum,
      group: r.group,
      tieBreakers: [...r.tieBreakers],
      size: r.members.length,
      members: r.members.map((m) =>
        Object.assign(new RankedMemberView(), {
          member: m.member,
          rank: m.rank,
          total: m.total,
          awards: m.awards,
          deductions: m.deductions,
          counted: m.counted,
          lastEntryDate: m.lastEntryDate ?? null,
          tie:
            m.tie === undefined
              ? null
              : Object.assign(new TieView(), {
                  with: m.tie.with,
                  decidedBy: m.tie.decidedBy ?? null,
                  decidedByLabel:
                    m.tie.decidedBy === undefined
                      ? null
                      : LocalizedText.from(TIE_BREAKER_LABELS[m.tie.decidedBy]),
                }),
        }),
      ),
    });
  }
}

@ObjectType('PointsHeldBack', {
  description: 'A band a member’s score reached but a quota held them back from.',
})
export class HeldBackView {
  @Field()
  band!: string;

  @Field(() => LocalizedText)
  bandName!: LocalizedText;

  @Field({ description: 'quota_full or quota_tie' })
  reason!: string;

  @Field()
  group!: string;

  @Field(() => Int)
  groupSize!: number;

  @Field(() => Float)
  share!: number;

  @Field(() => Int)
  places!: number;

  @Field(() => Int)
  position!: number;

  @Field(() => LocalizedText)
  message!: LocalizedText;

  static from(h: HeldBack): HeldBackView {
    return Object.assign(new HeldBackView(), {
      band: h.band,
      bandName: LocalizedText.from(h.bandName),
      reason: h.reason,
      group: h.group,
      groupSize: h.groupSize,
      share: h.share,
      places: h.places,
      position: h.position,
      message: LocalizedText.from(h.message),
    });
  }
}

@ObjectType('PointsMemberRating', { description: 'A member’s annual rating 年度评定.' })
export class MemberRatingView {
  @Field()
  member!: string;

  @Field()
  group!: string;

  @Field(() => Float)
  total!: number;

  @Field()
  band!: string;

  @Field(() => LocalizedText)
  bandName!: LocalizedText;

  @Field({ description: 'The best band the score reaches by thresholds alone.' })
  thresholdBand!: string;

  @Field(() => [HeldBackView])
  heldBack!: HeldBackView[];

  static from(r: MemberRating): MemberRatingView {
    return Object.assign(new MemberRatingView(), {
      member: r.member,
      group: r.group,
      total: r.total,
      band: r.band,
      bandName: LocalizedText.from(r.bandName),
      thresholdBand: r.thresholdBand,
      heldBack: r.heldBack.map(HeldBackView.from),
    });
  }
}

@ObjectType('PointsBandCount')
export class BandCountView {
  @Field()
  band!: string;

  @Field(() => LocalizedText)
  bandName!: LocalizedText;

  @Field(() => Int)
  count!: number;
}

@ObjectType('PointsBandQuota')
export class BandQuotaView {
  @Field()
  band!: string;

  @Field(() => Float)
  share!: number;

  @Field(() => Int)
  places!: number;

  @Field(() => Int)
  given!: number;

  @Field(() => Int)
  heldBack!: number;
}

@ObjectType('PointsGroupRating')
export class GroupRatingView {
  @Field()
  group!: string;

  @Field(() => Int)
  size!: number;

  @Field(() => [BandQuotaView])
  quotas!: BandQuotaView[];
}

@ObjectType('PointsRating', {
  description: 'Annual rating bands with quota hold-backs, for every member of a scope.',
})
export class RatingView {
  @Field(() => Int)
  year!: number;

  @Field({ description: 'The rule version whose bands and quotas were used (in force on 31 December).' })
  version!: string;

  @Field(() => PointsGroupingEnum)
  groupBy!: PointsGroupingEnum;

  @Field(() => Int, { description: 'How many members were rated.' })
  rated!: number;

  @Field(() => [BandCountView], { description: 'Members per band, best band first, every band listed.' })
  bandCounts!: BandCountView[];

  /** Every member's rating, by group; the `ratings` field (RatingFilterResolver) filters it. */
  ratings!: MemberRatingView[];

  @Field(() => [GroupRatingView])
  groups!: GroupRatingView[];

  static from(r: RatingResult, bands: readonly RatingBand[]): RatingView {
    const counts = new Map<string, number>(bands.map((b) => [b.code, 0]));
    for (const m of r.ratings) counts.set(m.band, (counts.get(m.band) ?? 0) + 1);
    return Object.assign(new RatingView(), {
      year: r.year,
      version: r.version,
      groupBy: r.groupBy as PointsGroupingEnum,
      rated: r.ratings.length,
      bandCounts: bands.map((b) =>
        Object.assign(new BandCountView(), {
          band: b.code,
          bandName: LocalizedText.from(b.name),
          count: counts.get(b.code) ?? 0,
        }),
      ),
      ratings: r.ratings.map(MemberRatingView.from),
      groups: r.groups.map((g) =>
        Object.assign(new GroupRatingView(), {
          group: g.group,
          size: g.size,
          quotas: g.quotas.map((q) => Object.assign(new BandQuotaView(), q)),
        }),
      ),
    });
  }
}

@ObjectType('PointsWhatIfChange')
export class WhatIfChangeView {
  @Field({ description: 'base, item_points, item_kind, cap, item_removed, item_added, eligibility or band' })
  kind!: string;

  @Field(() => String, { nullable: true })
  key!: string | null;

  @Field(() => String, { nullable: true })
  item!: string | null;

  @Field()
  before!: string;

  @Field()
  after!: string;

  @Field(() => LocalizedText)
  message!: LocalizedText;
}

@ObjectType('PointsMemberWhatIf')
export class MemberWhatIfView {
  @Field()
  member!: string;

  @Field(() => Float)
  totalBefore!: number;

  @Field(() => Float)
  totalAfter!: number;

  @Field()
  bandBefore!: string;

  @Field()
  bandAfter!: string;

  @Field(() => Float)
  delta!: number;

  @Field(() => [WhatIfChangeView])
  changes!: WhatIfChangeView[];
}

@ObjectType('PointsWhatIf', {
  description: 'A past year scored again under draft rules: who would change, and why.',
})
export class WhatIfView {
  @Field(() => Int)
  year!: number;

  @Field(() => [MemberWhatIfView])
  members!: MemberWhatIfView[];

  @Field(() => Int)
  unchanged!: number;

  @Field(() => LocalizedText)
  summary!: LocalizedText;

  static from(r: WhatIfReport): WhatIfView {
    return Object.assign(new WhatIfView(), {
      year: r.year,
      unchanged: r.unchanged,
      summary: LocalizedText.from(r.summary),
      members: r.members.map((m) =>
        Object.assign(new MemberWhatIfView(), {
          member: m.member,
          totalBefore: m.before.total,
          totalAfter: m.after.total,
          bandBefore: m.before.band,
          bandAfter: m.after.band,
          delta: m.delta,
          changes: m.changes.map((c) =>
            Object.assign(new WhatIfChangeView(), {
              kind: c.kind,
              key: c.key ?? null,
              item: c.item ?? null,
              before: String(c.before),
              after: String(c.after),
              message: LocalizedText.from(c.message),
            }),
          ),
        }),
      ),
    });
  }
}

@ObjectType('InServiceFeedbackQuarter')
export class FeedbackQuarterView {
  @Field(() => Int)
  quarter!: number;

  @Field(() => Int)
  activities!: number;

  @Field(() => Float)
  hours!: number;

  @Field(() => Float)
  points!: number;

  @Field(() => Int)
  notCounted!: number;
}

@ObjectType('InServiceFeedbackActivity')
export class FeedbackActivityView {
  @Field()
  key!: string;

  @Field()
  date!: string;

  @Field()
  item!: string;

  @Field(() => LocalizedText, { nullable: true })
  itemName!: LocalizedText | null;

  @Field(() => Float, { nullable: true })
  quantity!: number | null;

  @Field(() => PointStatusEnum)
  status!: PointStatus;

  @Field(() => Float)
  points!: number;
}

@ObjectType('InServiceMemberFeedback')
export class MemberFeedbackView {
  @Field()
  member!: string;

  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => [FeedbackQuarterView])
  quarters!: FeedbackQuarterView[];

  @Field(() => Int)
  activities!: number;

  @Field(() => Float)
  hours!: number;

  @Field(() => Float)
  points!: number;

  @Field(() => [FeedbackActivityView])
  activityList!: FeedbackActivityView[];
}

@ObjectType('InServiceUnitFeedback', {
  description: 'The report for one unit: its members registered at the community.',
})
export class UnitFeedbackView {
  @Field({ description: 'The members’ own party organisation.' })
  unit!: string;

  @Field(() => [MemberFeedbackView])
  members!: MemberFeedbackView[];

  @Field(() => LocalizedText)
  summary!: LocalizedText;
}

@ObjectType('InServiceFeedbackReport', {
  description: 'What a community reports back to the units of its in-service members 在职党员双重管理.',
})
export class FeedbackReportView {
  @Field()
  community!: string;

  @Field(() => Int)
  year!: number;

  @Field(() => [UnitFeedbackView])
  units!: UnitFeedbackView[];

  static from(r: FeedbackReport): FeedbackReportView {
    return Object.assign(new FeedbackReportView(), {
      community: r.community,
      year: r.year,
      units: r.units.map((u) =>
        Object.assign(new UnitFeedbackView(), {
          unit: u.unit,
          summary: LocalizedText.from(u.summary),
          members: u.members.map((m) =>
            Object.assign(new MemberFeedbackView(), {
              member: m.member,
              name: m.name ?? null,
              quarters: m.quarters.map((q) => Object.assign(new FeedbackQuarterView(), q)),
              activities: m.total.activities,
              hours: m.total.hours,
              points: m.total.points,
              activityList: m.activities.map((a) =>
                Object.assign(new FeedbackActivityView(), {
                  key: a.key,
                  date: a.date,
                  item: a.item,
                  itemName: a.itemName === undefined ? null : LocalizedText.from(a.itemName),
                  quantity: a.quantity ?? null,
                  status: a.status as PointStatus,
                  points: a.points,
                }),
              ),
            }),
          ),
        }),
      ),
    });
  }
}

@ObjectType('CoBuildingGroupScore')
export class GroupScoreView {
  @Field()
  group!: string;

  @Field(() => Float)
  weight!: number;

  @Field(() => Float, { nullable: true })
  mean!: number | null;

  @Field(() => Int)
  raters!: number;
}

@ObjectType('CoBuildingCommitmentResult')
export class CommitmentResultView {
  @Field()
  commitment!: string;

  @Field(() => Float, { nullable: true })
  score!: number | null;

  @Field(() => [GroupScoreView])
  groups!: GroupScoreView[];
}

@ObjectType('CoBuildingRoundResult')
export class RoundResultView {
  @Field(() => Int)
  round!: number;

  @Field(() => Float, { nullable: true })
  score!: number | null;

  @Field(() => [CommitmentResultView])
  commitments!: CommitmentResultView[];

  @Field(() => [String])
  missingGroups!: string[];
}

@ObjectType('CoBuildingUnitResult')
export class UnitResultView {
  @Field()
  unit!: string;

  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field()
  scope!: string;

  @Field(() => Float, { nullable: true })
  score!: number | null;

  @Field(() => Int, { nullable: true })
  rank!: number | null;

  @Field()
  complete!: boolean;

  @Field(() => [RoundResultView])
  rounds!: RoundResultView[];

  @Field(() => LocalizedText)
  summary!: LocalizedText;
}

@ObjectType('CoBuildingAssessment', {
  description: 'Co-building 共驻共建 “双诺双评” of a year: weighted multi-rater scores.',
})
export class CoBuildingAssessmentView {
  @Field(() => Int)
  year!: number;

  @Field(() => [UnitResultView])
  units!: UnitResultView[];

  static from(
    r: CoBuildingResult,
    names: ReadonlyMap<string, string>,
    scopes: ReadonlyMap<string, string>,
  ): CoBuildingAssessmentView {
    return Object.assign(new CoBuildingAssessmentView(), {
      year: r.year,
      units: r.units.map((u) =>
        Object.assign(new UnitResultView(), {
          unit: u.unit,
          name: names.get(u.unit) ?? null,
          scope: scopes.get(u.unit) ?? '',
          score: u.score ?? null,
          rank: u.rank ?? null,
          complete: u.complete,
          summary: LocalizedText.from(u.summary),
          rounds: u.rounds.map((round) =>
            Object.assign(new RoundResultView(), {
              round: round.round,
              score: round.score ?? null,
              missingGroups: [...round.missingGroups],
              commitments: round.commitments.map((c) =>
                Object.assign(new CommitmentResultView(), {
                  commitment: c.commitment,
                  score: c.score ?? null,
                  groups: c.groups.map((g) =>
                    Object.assign(new GroupScoreView(), {
                      group: g.group,
                      weight: g.weight,
                      mean: g.mean ?? null,
                      raters: g.raters,
                    }),
                  ),
                }),
              ),
            }),
          ),
        }),
      ),
    });
  }
}

@ObjectType('CadreAssessment', {
  description: 'A community cadre’s weighted assessment (party building 30% in the reference profile).',
})
export class CadreAssessmentView {
  @Field()
  cadre!: string;

  @Field(() => Float)
  partyBuilding!: number;

  @Field(() => Float)
  work!: number;

  @Field(() => Float)
  partyBuildingWeight!: number;

  @Field(() => Float)
  total!: number;

  @Field(() => Int)
  rank!: number;

  @Field(() => LocalizedText)
  summary!: LocalizedText;

  static from(r: CadreResult): CadreAssessmentView {
    return Object.assign(new CadreAssessmentView(), { ...r, summary: LocalizedText.from(r.summary) });
  }
}
