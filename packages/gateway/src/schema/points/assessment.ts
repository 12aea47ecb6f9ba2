import {
  checkProfileDocument,
  createProfileCatalog,
  inServiceFeedback,
  monthPeriod,
  type Period,
  periodLabel,
  quarterPeriod,
  whatIf,
  yearPeriod,
} from '@jiceng/domain';
import { PointsMemberRepository, ProfileDocumentRepository } from '@jiceng/persistence';
import { GraphQLJSONObject } from 'graphql-scalars';
import {
  Arg,
  Args,
  Ctx,
  Field,
  FieldResolver,
  Float,
  Int,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { orgLifeFactsOf } from '../../application/org-life/reads.js';
import { authoriseCommunity, domainValue, PointsInput } from '../../application/points/access.js';
import {
  loadScopeYear,
  oneProfile,
  rankScope,
  rateScope,
  scopePeriodTotals,
} from '../../application/points/assessment.js';
import { ledgerOf } from '../../application/points/entries.js';
import { requireAction } from '../../auth/authorise.js';
import type { GatewayContext } from '../../kernel/context.js';
import { badInput, GatewayError } from '../../kernel/errors.js';
import { LocalizedText } from '../common.js';
import { FeedbackReportView } from './cobuilding-types.js';
import { PointsRankingArgs, PointsScopeYearArgs } from './inputs.js';
import { MemberRatingView, RankedMemberView, RankingView, RatingView, WhatIfView } from './ranking-types.js';
import { PointsGroupingEnum } from './types.js';

@ObjectType('PointsPeriodTotal', { description: 'A member’s total for a year, quarter or month.' })
class PeriodTotalView {
  @Field()
  member!: string;

  @Field(() => LocalizedText)
  period!: LocalizedText;

  @Field(() => Float, { description: 'The base score (years only).' })
  base!: number;

  @Field(() => Float)
  awards!: number;

  @Field(() => Float)
  deductions!: number;

  @Field(() => Float)
  total!: number;
}

function periodOf(year: number, quarter?: number | null, month?: number | null): Period {
  if (quarter !== null && quarter !== undefined) {
    if (![1, 2, 3, 4].includes(quarter) || (month !== null && month !== undefined)) {
      throw new GatewayError('BAD_USER_INPUT', {
        zh: `季度 ${quarter} 无效`,
        en: `quarter ${quarter} is not 1–4`,
      });
    }
    return quarterPeriod(year, quarter as 1 | 2 | 3 | 4);
  }
  if (month !== null && month !== undefined) {
    if (!Number.isInteger(month) || month < 1 || month > 12) {
      throw new GatewayError('BAD_USER_INPUT', {
        zh: `月份 ${month} 无效`,
        en: `month ${month} is not 1–12`,
      });
    }
    return monthPeriod(year, month);
  }
  return yearPeriod(year);
}

@Resolver()
export class PointsAssessmentResolver {
  @Query(() => [PeriodTotalView], {
    description: 'Every member’s total under a scope for a year, quarter or month, by code.',
  })
  async pointsPeriodTotals(
    @Ctx() ctx: GatewayContext,
    @Args(() => PointsScopeYearArgs) args: PointsScopeYearArgs,
    @Arg('quarter', () => Int, { nullable: true }) quarter?: number | null,
    @Arg('month', () => Int, { nullable: true }) month?: number | null,
  ): Promise<PeriodTotalView[]> {
    const period = periodOf(args.year, quarter, month);
    const totals = await scopePeriodTotals(ctx, { scope: args.scope, year: args.year, period });
    return totals.map(({ member, total: t }) =>
      Object.assign(new PeriodTotalView(), {
        member: member.code,
        period: LocalizedText.from(periodLabel(period)),
        base: t.base,
        awards: t.awards,
        deductions: t.deductions,
        total: t.total,
      }),
    );
  }

  @Query(() => [RankingView], {
    description:
      'Rankings 排名 of a year inside each branch or community under a scope, with the tie breakers that decided.',
  })
  async pointsRankings(
    @Ctx() ctx: GatewayContext,
    @Args(() => PointsRankingArgs) args: PointsRankingArgs,
  ): Promise<RankingView[]> {
    const { rankings } = await rankScope(ctx, {
      scope: args.scope,
      year: args.year,
      within: args.within ?? undefined,
      category: args.category ?? undefined,
    });
    return rankings.map(RankingView.from);
  }

  @Query(() => RatingView, {
    description: 'Annual rating bands 年度评定 under a scope, with the quota hold-backs and their reasons.',
  })
  async pointsRating(
    @Ctx() ctx: GatewayContext,
    @Args(() => PointsScopeYearArgs) args: PointsScopeYearArgs,
    @Arg('groupBy', () => PointsGroupingEnum, {
      nullable: true,
      description: 'The quota groups (default: the profile’s).',
    })
    groupBy?: PointsGroupingEnum | null,
  ): Promise<RatingView> {
    const { rating, bands } = await rateScope(ctx, {
      scope: args.scope,
      year: args.year,
      groupBy: groupBy ?? undefined,
    });
    return RatingView.from(rating, bands);
  }

  @Query(() => WhatIfView, {
    description:
      'A past year scored again under a draft profile document (county administrators and street offices): who would change and why. Nothing is stored.',
  })
  async pointsWhatIf(
    @Ctx() ctx: GatewayContext,
    @Args(() => PointsScopeYearArgs) args: PointsScopeYearArgs,
    @Arg('draft', () => GraphQLJSONObject, {
      description: 'A county profile document, as `saveRuleProfile` takes.',
    })
    draft: Record<string, unknown>,
  ): Promise<WhatIfView> {
    requireAction(ctx, 'points.what_if');
    const checked = checkProfileDocument(draft);
    if (!checked.ok) throw badInput(checked.issues);
    const stored = (await new ProfileDocumentRepository(ctx.em).all()).filter(
      (d) => d.id !== checked.value.id,
    );
    const catalog = createProfileCatalog([...stored, checked.value]);
    if (!catalog.ok) throw badInput(catalog.issues);
    const group = oneProfile(ctx, await loadScopeYear(ctx, args, 'points.what_if'));
    return WhatIfView.from(
      domainValue(
        whatIf(group.records, {
          year: args.year,
          members: group.members,
          current: group.rules,
          draft: catalog.value.history(checked.value.id)!,
          // Organisational life is derived again under the draft's fact rules.
          facts: await orgLifeFactsOf(ctx, group.members, args.year),
        }),
      ),
    );
  }

  @Query(() => FeedbackReportView, {
    description:
      'The in-service member feedback report 在职党员表现反馈 a community sends to its members’ units: per member and quarter, activities, hours and points.',
  })
  async inServiceFeedback(
    @Ctx() ctx: GatewayContext,
    @Arg('community') community: string,
    @Arg('year', () => Int) year: number,
  ): Promise<FeedbackReportView> {
    authoriseCommunity(ctx, community);
    const input = new PointsInput();
    input.year(year);
    input.check();
    const registered = await new PointsMemberRepository(ctx.em).registeredAt(community);
    const loaded = await ledgerOf(ctx).loadYear({ members: registered.map((m) => m.code) }, year);
    const group = oneProfile(ctx, loaded);
    return FeedbackReportView.from(
      domainValue(
        inServiceFeedback(group.records, {
          community,
          year,
          members: group.members,
          rules: group.rules,
        }),
      ),
    );
  }
}

/** At most this many rows of a ranking or rating per `first` (a county street has ~3,000 members). */
const MAX_ROWS = 10_000;

/** `first` as a row count: null for all, else 0–MAX_ROWS. */
function rowLimit(first: number | null | undefined): number {
  if (first === null || first === undefined) return Number.POSITIVE_INFINITY;
  if (!Number.isInteger(first) || first < 0 || first > MAX_ROWS) {
    throw new GatewayError('BAD_USER_INPUT', {
      zh: `first 须在 0 到 ${MAX_ROWS} 之间`,
      en: `first must be between 0 and ${MAX_ROWS}`,
    });
  }
  return first;
}

@Resolver(() => RankingView)
export class RankingMembersResolver {
  @FieldResolver(() => [RankedMemberView], {
    description:
      'Members in rank order. `first: 10` keeps the top ten; `member` keeps that member’s row alone (where one stands). Without arguments, everyone.',
  })
  members(
    @Root() ranking: RankingView,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('member', () => String, { nullable: true }) member?: string | null,
  ): RankedMemberView[] {
    const limit = rowLimit(first);
    const rows = member ? ranking.members.filter((m) => m.member === member) : ranking.members;
    return rows.slice(0, limit);
  }
}

@Resolver(() => RatingView)
export class RatingFilterResolver {
  @FieldResolver(() => [MemberRatingView], {
    description:
      'Members’ ratings by group, filtered: `band` keeps one band, `heldBackOnly` those a quota held back, `members` the members named, `first` the first N of what is left.',
  })
  ratings(
    @Root() rating: RatingView,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('band', () => String, { nullable: true }) band?: string | null,
    @Arg('heldBackOnly', () => Boolean, { nullable: true }) heldBackOnly?: boolean | null,
    @Arg('members', () => [String], { nullable: true }) members?: string[] | null,
  ): MemberRatingView[] {
    const limit = rowLimit(first);
    const wanted = members ? new Set(members) : undefined;
    const out: MemberRatingView[] = [];
    for (const r of rating.ratings) {
      if (out.length >= limit) break;
      if (band && r.band !== band) continue;
      if (heldBackOnly && r.heldBack.length === 0) continue;
      if (wanted && !wanted.has(r.member)) continue;
      out.push(r);
    }
    return out;
  }
}
