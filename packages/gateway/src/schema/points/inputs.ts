import { ArgsType, Field, Float, InputType, Int } from 'type-graphql';
import { PointsGroupingEnum, ReviewDecisionEnum } from './types.js';

@InputType({ description: 'A point entry to record 记录积分. The recorder follows from your role.' })
export class RecordPointEntryInput {
  @Field({ description: 'Client idempotency key: the same key and request again returns the stored entry.' })
  idempotencyKey!: string;

  @Field({ description: 'The member’s code.' })
  member!: string;

  @Field({ description: 'A point item code of the member’s rule profile.' })
  item!: string;

  @Field({ description: 'Occurrence date, YYYY-MM-DD.' })
  date!: string;

  @Field(() => Float, { nullable: true, description: 'Units for a per-unit item (hours, times).' })
  quantity?: number | null;

  @Field(() => [String], { nullable: true, description: 'References to evidence (file ids, URLs).' })
  evidence?: string[] | null;

  @Field(() => String, { nullable: true })
  note?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'After a lock (committee only): the reversal this entry restates.',
  })
  correctionOf?: string | null;
}

@InputType({ description: 'A branch’s change to an entry: new units or new points, one of them.' })
export class PointAdjustmentInput {
  @Field(() => Float, { nullable: true })
  quantity?: number | null;

  @Field(() => Float, { nullable: true })
  points?: number | null;
}

@InputType({ description: 'A branch review 支部考评 of a submitted entry.' })
export class ReviewPointEntryInput {
  @Field()
  idempotencyKey!: string;

  @Field({ description: 'The key of the entry reviewed.' })
  entry!: string;

  @Field(() => ReviewDecisionEnum)
  decision!: ReviewDecisionEnum;

  @Field(() => String, {
    nullable: true,
    description: 'Required to adjust or reject; the member is told it.',
  })
  reason?: string | null;

  @Field(() => PointAdjustmentInput, { nullable: true, description: 'Required to adjust.' })
  adjustment?: PointAdjustmentInput | null;

  @Field(() => Int, { nullable: true, description: 'The entry’s version you decided on.' })
  expectedVersion?: number | null;
}

@ArgsType()
export class PointsScopeYearArgs {
  @Field({
    description:
      'An org code within your scope: a branch (party tree) or a street/community (administrative tree).',
  })
  scope!: string;

  @Field(() => Int)
  year!: number;
}

@ArgsType()
export class PointsRankingArgs extends PointsScopeYearArgs {
  @Field(() => PointsGroupingEnum, { nullable: true, description: 'Default: the profile’s quota grouping.' })
  within?: PointsGroupingEnum | null;

  @Field(() => String, { nullable: true, description: 'Only members of this category on 31 December.' })
  category?: string | null;
}

@InputType('CoBuildingUnitInput')
export class CoBuildingUnitInput {
  @Field()
  code!: string;

  @Field(() => String, { nullable: true })
  name?: string | null;
}

@InputType('CoBuildingCommitmentInput')
export class CommitmentInput {
  @Field()
  unit!: string;

  @Field()
  code!: string;

  @Field()
  text!: string;
}

@InputType('CoBuildingEvaluationInput')
export class EvaluationInput {
  @Field()
  unit!: string;

  @Field()
  commitment!: string;

  @Field(() => Int)
  round!: number;

  @Field({ description: 'A key of the profile’s coBuilding.raterWeights.' })
  raterGroup!: string;

  @Field()
  rater!: string;

  @Field(() => Float)
  score!: number;
}

@InputType('CadreScoreInput')
export class CadreScoreInput {
  @Field()
  cadre!: string;

  @Field(() => Float)
  partyBuilding!: number;

  @Field(() => Float)
  work!: number;
}
