import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import {
  addCoBuildingCommitments,
  assessCoBuildingUnits,
  assessCommunityCadres,
  recordCoBuildingEvaluations,
  registerCoBuildingUnits,
} from '../../application/cobuilding/cobuilding.js';
import type { GatewayContext } from '../../kernel/context.js';
import { CadreAssessmentView, CoBuildingAssessmentView } from './cobuilding-types.js';
import { CadreScoreInput, CoBuildingUnitInput, CommitmentInput, EvaluationInput } from './inputs.js';

/** Co-building over GraphQL: each field a use case of `application/cobuilding`. */
@Resolver()
export class CoBuildingResolver {
  @Query(() => CoBuildingAssessmentView, {
    description:
      'The co-building assessment 共驻共建“双诺双评” of the units whose agreement is filed under a scope.',
  })
  async coBuildingAssessment(
    @Ctx() ctx: GatewayContext,
    @Arg('scope') scope: string,
    @Arg('year', () => Int) year: number,
    @Arg('profileId', () => String, { defaultValue: 'reference' }) profileId: string,
  ): Promise<CoBuildingAssessmentView> {
    const { result, names, scopes } = await assessCoBuildingUnits(ctx, { scope, year, profileId });
    return CoBuildingAssessmentView.from(result, names, scopes);
  }

  @Mutation(() => Int, {
    description:
      'Registers units 驻区单位 for a year’s co-building under an org code (their responsibility agreement). Returns how many.',
  })
  registerCoBuildingUnits(
    @Ctx() ctx: GatewayContext,
    @Arg('scope') scope: string,
    @Arg('year', () => Int) year: number,
    @Arg('units', () => [CoBuildingUnitInput]) units: CoBuildingUnitInput[],
  ): Promise<number> {
    return registerCoBuildingUnits(ctx, { scope, year, units });
  }

  @Mutation(() => Int, {
    description: 'Adds public commitments 公开承诺; the same again is a no-op. Returns how many were new.',
  })
  addCoBuildingCommitments(
    @Ctx() ctx: GatewayContext,
    @Arg('scope') scope: string,
    @Arg('year', () => Int) year: number,
    @Arg('commitments', () => [CommitmentInput]) commitments: CommitmentInput[],
    @Arg('profileId', () => String, { defaultValue: 'reference' }) profileId: string,
  ): Promise<number> {
    return addCoBuildingCommitments(ctx, { scope, year, profileId, commitments });
  }

  @Mutation(() => Int, {
    description:
      'Records half-yearly evaluation scores 评议; the same score again is a no-op. Returns how many were new.',
  })
  recordCoBuildingEvaluations(
    @Ctx() ctx: GatewayContext,
    @Arg('scope') scope: string,
    @Arg('year', () => Int) year: number,
    @Arg('evaluations', () => [EvaluationInput]) evaluations: EvaluationInput[],
    @Arg('profileId', () => String, { defaultValue: 'reference' }) profileId: string,
  ): Promise<number> {
    return recordCoBuildingEvaluations(ctx, { scope, year, profileId, evaluations });
  }

  @Query(() => [CadreAssessmentView], {
    description:
      'Community cadres’ weighted assessment 社区干部考核 (party building weighted as the profile says), best first.',
  })
  cadreAssessment(
    @Ctx() ctx: GatewayContext,
    @Arg('cadres', () => [CadreScoreInput]) cadres: CadreScoreInput[],
    @Arg('year', () => Int) year: number,
    @Arg('profileId', () => String, { defaultValue: 'reference' }) profileId: string,
  ): CadreAssessmentView[] {
    return assessCommunityCadres(ctx, { cadres, year, profileId }).map(CadreAssessmentView.from);
  }
}
