// The GraphQL types of what the points add up to: a member's explained total, rankings, ratings
// and what-if reports.
import {
  type CapHit,
  type Explanation,
  type ExplanationLine,
  type HeldBack,
  type MemberRating,
  type PointStatus,
  periodLabel,
  type Ranking,
  type RatingBand,
  type RatingResult,
  TIE_BREAKER_LABELS,
  type WhatIfReport,
} from '@jiceng/domain';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { LocalizedText } from '../common.js';
import { PointStatusEnum, PointsGroupingEnum } from './types.js';

@ObjectType('PointsCapUse', { description: 'What an earlier entry used of a cap.' })
export class CapUseView {
  @Field()
  key!: string;

  @Field()
  date!: string;

  @Field(() => Float)
  granted!: number;
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

  @Field(() => [CapUseView], {
    description:
      'The entries that used the cap before this one, in occurrence order: caps are used by date, so an entry dated earlier takes the room first, whenever it was approved.',
  })
  takenBy!: CapUseView[];

  @Field(() => LocalizedText)
  message!: LocalizedText;

  static from(hit: CapHit): CapHitView {
    return Object.assign(new CapHitView(), {
      ...hit,
      takenBy: hit.takenBy.map((u) => Object.assign(new CapUseView(), u)),
      message: LocalizedText.from(hit.message),
    });
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
  @Field({
    description:
      'base, item_points, item_kind, cap, item_removed, item_added, eligibility, fact_rule or band',
  })
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
