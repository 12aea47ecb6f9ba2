// The figures of a plenary meeting's proposals, per sector and unit, as the CPPCC reports them.
import type { GroupFigures, HandlingFigures, ProposalStatistics, Rate, UnitFigures } from '@jiceng/domain';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { LocalizedText } from '../common.js';

@ObjectType({
  description: 'A share as the CPPCC reports it: count of of; rate null when there is nothing to count.',
})
export class CppccRate {
  @Field(() => Int)
  count!: number;
  @Field(() => Int)
  of!: number;
  @Field(() => Float, { nullable: true })
  rate!: number | null;

  static from(r: Rate): CppccRate {
    return Object.assign(new CppccRate(), r);
  }
}

@ObjectType()
export class CppccCodeCount {
  @Field()
  code!: string;
  @Field(() => Int)
  count!: number;
}

const counts = (o: Readonly<Record<string, number>>) =>
  Object.entries(o).map(([code, count]) => Object.assign(new CppccCodeCount(), { code, count }));

@ObjectType({ description: 'The figures of a group of proposals.' })
export class CppccHandlingFigures {
  @Field(() => String, {
    nullable: true,
    description: 'The group’s code (sector, area, kind, unit); null for the total.',
  })
  code!: string | null;
  @Field(() => LocalizedText, { nullable: true })
  name!: LocalizedText | null;
  @Field(() => Int)
  submitted!: number;
  @Field(() => Int)
  filed!: number;
  @Field(() => Int)
  merged!: number;
  @Field(() => Int)
  notFiled!: number;
  @Field(() => Int)
  underReview!: number;
  @Field(() => CppccRate, { description: '立案率: (filed + merged) / reviewed.' })
  filingRate!: CppccRate;
  @Field(() => Int)
  assigned!: number;
  @Field(() => CppccRate, { description: '办复率.' })
  replyRate!: CppccRate;
  @Field(() => CppccRate, { description: '按时办复率, in working days.' })
  onTimeRate!: CppccRate;
  @Field(() => CppccRate, { description: '采纳率.' })
  adoptionRate!: CppccRate;
  @Field(() => CppccRate, { description: '满意率.' })
  satisfactionRate!: CppccRate;
  @Field(() => [CppccCodeCount])
  categories!: CppccCodeCount[];
  @Field(() => [CppccCodeCount], { description: 'Latest ratings by level, and unrated.' })
  ratings!: CppccCodeCount[];
  @Field(() => Int)
  secondHandling!: number;
  @Field(() => Int)
  keyProposals!: number;
  @Field(() => Int)
  closed!: number;
  @Field(() => CppccRate, { nullable: true, description: 'For a unit: its co-unit opinions on time.' })
  coUnitOnTimeRate!: CppccRate | null;

  static from(f: HandlingFigures | GroupFigures | UnitFigures): CppccHandlingFigures {
    return Object.assign(new CppccHandlingFigures(), {
      code: 'code' in f ? f.code : 'unit' in f ? f.unit : null,
      name: 'name' in f ? LocalizedText.from(f.name) : null,
      submitted: f.submitted,
      filed: f.filed,
      merged: f.merged,
      notFiled: f.notFiled,
      underReview: f.underReview,
      filingRate: CppccRate.from(f.filingRate),
      assigned: f.assigned,
      replyRate: CppccRate.from(f.replyRate),
      onTimeRate: CppccRate.from(f.onTimeRate),
      adoptionRate: CppccRate.from(f.adoptionRate),
      satisfactionRate: CppccRate.from(f.satisfactionRate),
      categories: counts(f.categories),
      ratings: counts(f.ratings),
      secondHandling: f.secondHandling,
      keyProposals: f.keyProposals,
      closed: f.closed,
      coUnitOnTimeRate: 'coUnit' in f ? CppccRate.from(f.coUnit.onTimeRate) : null,
    });
  }
}

@ObjectType({ description: 'A follow-up finding (a late reply, an unrated one, …).' })
export class CppccProposalFinding {
  @Field()
  code!: string;
  @Field(() => LocalizedText)
  message!: LocalizedText;
}

@ObjectType({
  description: 'The statistics of a plenary meeting’s proposals 提案统计, as the CPPCC reports them.',
})
export class CppccProposalStatistics {
  @Field()
  meeting!: string;
  @Field(() => LocalizedText)
  label!: LocalizedText;
  @Field()
  asOf!: string;
  @Field(() => CppccHandlingFigures)
  total!: CppccHandlingFigures;
  @Field(() => [CppccHandlingFigures])
  byProposerKind!: CppccHandlingFigures[];
  @Field(() => [CppccHandlingFigures])
  bySector!: CppccHandlingFigures[];
  @Field(() => [CppccHandlingFigures])
  bySubjectArea!: CppccHandlingFigures[];
  @Field(() => [CppccHandlingFigures])
  byUnit!: CppccHandlingFigures[];
  @Field(() => [CppccProposalFinding])
  findings!: CppccProposalFinding[];

  static from(s: ProposalStatistics): CppccProposalStatistics {
    return Object.assign(new CppccProposalStatistics(), {
      meeting: s.meeting,
      label: LocalizedText.from(s.label),
      asOf: s.asOf,
      total: CppccHandlingFigures.from(s.total),
      byProposerKind: s.byProposerKind.map(CppccHandlingFigures.from),
      bySector: s.bySector.map(CppccHandlingFigures.from),
      bySubjectArea: s.bySubjectArea.map(CppccHandlingFigures.from),
      byUnit: s.byUnit.map(CppccHandlingFigures.from),
      findings: s.findings.map((f) =>
        Object.assign(new CppccProposalFinding(), { code: f.code, message: LocalizedText.from(f.message) }),
      ),
    });
  }
}
