// The GraphQL types of in-service members' feedback to their units 双报到 and of the co-building
// 共驻共建 and cadre assessments.
import type { CadreResult, CoBuildingResult, FeedbackReport, PointStatus } from '@jiceng/domain';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { LocalizedText } from '../common.js';
import { PointStatusEnum } from './types.js';

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
