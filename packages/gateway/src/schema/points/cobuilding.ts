import { assessCadres, assessCoBuilding, type CoBuildingRules, issue, subtree } from '@jiceng/domain';
import { CoBuildingRepository } from '@jiceng/persistence';
import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { TEXT } from '../../application/inputs.js';
import { domainValue, PointsInput } from '../../application/points/access.js';
import { rulesFor } from '../../application/rules.js';
import { authoriseAction, authoriseNode, requireAction } from '../../auth/authorise.js';
import type { WithinAction } from '../../auth/policy.js';
import type { GatewayContext } from '../../kernel/context.js';
import { badInput, persist } from '../../kernel/errors.js';
import { CadreAssessmentView, CoBuildingAssessmentView } from './cobuilding-types.js';
import { CadreScoreInput, CoBuildingUnitInput, CommitmentInput, EvaluationInput } from './inputs.js';

/** The co-building rules of a profile at the end of a year. */
function rulesOf(ctx: GatewayContext, profileId: string, year: number): CoBuildingRules {
  return rulesFor(ctx, profileId, `${year}-12-31`).coBuilding;
}

/** The org codes under a scope the caller may see: where units' agreements are filed. */
function scopesUnder(ctx: GatewayContext, scope: string, action: WithinAction): string[] {
  const { tree } = authoriseNode(ctx, action, scope);
  return subtree(tree, scope).map((n) => n.code);
}

/** Refuses units that are not registered for the year under the scope. */
async function unitsUnder(
  ctx: GatewayContext,
  scope: string,
  year: number,
  units: readonly string[],
): Promise<void> {
  const stored = await new CoBuildingRepository(ctx.em).load(
    year,
    scopesUnder(ctx, scope, 'cobuilding.write'),
  );
  const known = new Set(stored.units.map((u) => u.code));
  const missing = [...new Set(units)].filter((u) => !known.has(u));
  if (missing.length > 0) {
    throw badInput(
      missing.map((u) =>
        issue(
          'COBUILDING_UNKNOWN_UNIT',
          {
            zh: `单位“${u}”未在 ${scope} 登记参加 ${year} 年共驻共建`,
            en: `unit "${u}" is not registered for ${year} under ${scope}`,
          },
          ['unit'],
          { unit: u },
        ),
      ),
    );
  }
}

function checkYear(year: number): void {
  const input = new PointsInput();
  input.year(year);
  input.check();
}

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
    requireAction(ctx, 'points.read');
    checkYear(year);
    const stored = await new CoBuildingRepository(ctx.em).load(year, scopesUnder(ctx, scope, 'points.read'));
    const result = domainValue(assessCoBuilding(stored, rulesOf(ctx, profileId, year)));
    const names = new Map(
      stored.units.flatMap((u) => (u.name === undefined ? [] : [[u.code, u.name] as const])),
    );
    return CoBuildingAssessmentView.from(result, names, stored.scopes);
  }

  @Mutation(() => Int, {
    description:
      'Registers units 驻区单位 for a year’s co-building under an org code (their responsibility agreement). Returns how many.',
  })
  async registerCoBuildingUnits(
    @Ctx() ctx: GatewayContext,
    @Arg('scope') scope: string,
    @Arg('year', () => Int) year: number,
    @Arg('units', () => [CoBuildingUnitInput]) units: CoBuildingUnitInput[],
  ): Promise<number> {
    requireAction(ctx, 'cobuilding.write');
    checkYear(year);
    scopesUnder(ctx, scope, 'cobuilding.write');
    const input = new PointsInput();
    input.count(units, ['units'], 1000);
    units.forEach((u, i) => {
      input.key(u.code, ['units', i, 'code']);
      input.text(u.name, ['units', i, 'name'], TEXT.line);
    });
    input.check();
    await persist(() =>
      new CoBuildingRepository(ctx.em).registerUnits(
        year,
        scope,
        units.map((u) => ({ code: u.code, ...(u.name ? { name: u.name } : {}) })),
      ),
    );
    return units.length;
  }

  @Mutation(() => Int, {
    description: 'Adds public commitments 公开承诺; the same again is a no-op. Returns how many were new.',
  })
  async addCoBuildingCommitments(
    @Ctx() ctx: GatewayContext,
    @Arg('scope') scope: string,
    @Arg('year', () => Int) year: number,
    @Arg('commitments', () => [CommitmentInput]) commitments: CommitmentInput[],
    @Arg('profileId', () => String, { defaultValue: 'reference' }) profileId: string,
  ): Promise<number> {
    requireAction(ctx, 'cobuilding.write');
    checkYear(year);
    const input = new PointsInput();
    input.count(commitments, ['commitments'], 1000);
    commitments.forEach((c, i) => {
      input.key(c.code, ['commitments', i, 'code']);
      input.text(c.text, ['commitments', i, 'text'], TEXT.note);
    });
    input.check();
    await unitsUnder(
      ctx,
      scope,
      year,
      commitments.map((c) => c.unit),
    );
    return persist(() =>
      new CoBuildingRepository(ctx.em).addCommitments(
        year,
        commitments.map((c) => ({ unit: c.unit, code: c.code, text: c.text })),
        rulesOf(ctx, profileId, year),
      ),
    );
  }

  @Mutation(() => Int, {
    description:
      'Records half-yearly evaluation scores 评议; the same score again is a no-op. Returns how many were new.',
  })
  async recordCoBuildingEvaluations(
    @Ctx() ctx: GatewayContext,
    @Arg('scope') scope: string,
    @Arg('year', () => Int) year: number,
    @Arg('evaluations', () => [EvaluationInput]) evaluations: EvaluationInput[],
    @Arg('profileId', () => String, { defaultValue: 'reference' }) profileId: string,
  ): Promise<number> {
    requireAction(ctx, 'cobuilding.write');
    checkYear(year);
    const input = new PointsInput();
    input.count(evaluations, ['evaluations'], 5000);
    evaluations.forEach((e, i) => {
      input.key(e.rater, ['evaluations', i, 'rater']);
      input.key(e.raterGroup, ['evaluations', i, 'raterGroup']);
    });
    input.check();
    await unitsUnder(
      ctx,
      scope,
      year,
      evaluations.map((e) => e.unit),
    );
    return persist(() =>
      new CoBuildingRepository(ctx.em).recordEvaluations(
        year,
        evaluations.map((e) => ({ ...e })),
        rulesOf(ctx, profileId, year),
      ),
    );
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
    authoriseAction(ctx, 'cadres.assess');
    checkYear(year);
    const input = new PointsInput();
    input.count(cadres, ['cadres'], 1000);
    input.check();
    return domainValue(
      assessCadres(
        cadres.map((c) => ({ ...c })),
        rulesOf(ctx, profileId, year),
      ),
    ).map(CadreAssessmentView.from);
  }
}
