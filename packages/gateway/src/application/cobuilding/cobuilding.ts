import {
  assessCadres,
  assessCoBuilding,
  type CadreInput,
  type CadreResult,
  type CoBuildingResult,
  type CoBuildingRules,
  type CommitmentEvaluation,
  issue,
  subtree,
} from '@jiceng/domain';
import { CoBuildingRepository, type StoredCoBuilding } from '@jiceng/persistence';
import { authoriseAction, authoriseNode, requireAction } from '../../auth/authorise.js';
import type { WithinAction } from '../../auth/policy.js';
import { badInput, persist } from '../../kernel/errors.js';
import type { UseCaseContext } from '../context.js';
import { TEXT } from '../inputs.js';
import { domainValue, PointsInput } from '../points/access.js';
import { rulesFor } from '../rules.js';

/**
 * The use cases of co-building 共驻共建“双诺双评”: units 驻区单位 registered for a year under an
 * org code (where their responsibility agreement is filed), their public commitments 公开承诺, the
 * half-yearly evaluations 评议, the assessment, and the community cadres' weighted assessment.
 * Writes are the policy's `cobuilding.write` on the scope; reads `points.read`.
 */

/** The co-building a scope and year name; `profileId` picks the rules (default reference). */
export interface CoBuildingScope {
  readonly scope: string;
  readonly year: number;
  readonly profileId?: string | null;
}

/** A unit to register. */
export interface UnitCommand {
  readonly code: string;
  readonly name?: string | null;
}

/** A public commitment of a registered unit. */
export interface CommitmentCommand {
  readonly unit: string;
  readonly code: string;
  readonly text: string;
}

/** The assessment of the units filed under a scope, with their names and where each is filed. */
export interface CoBuildingAssessment {
  readonly result: CoBuildingResult;
  readonly names: ReadonlyMap<string, string>;
  readonly scopes: StoredCoBuilding['scopes'];
}

/** The assessment of the units whose agreement is filed under a scope. */
export async function assessCoBuildingUnits(
  ctx: UseCaseContext,
  query: CoBuildingScope,
): Promise<CoBuildingAssessment> {
  requireAction(ctx, 'points.read');
  checkYear(query.year);
  const stored = await new CoBuildingRepository(ctx.em).load(
    query.year,
    scopesUnder(ctx, query.scope, 'points.read'),
  );
  const result = domainValue(assessCoBuilding(stored, rulesOf(ctx, query)));
  const names = new Map(
    stored.units.flatMap((u) => (u.name === undefined ? [] : [[u.code, u.name] as const])),
  );
  return { result, names, scopes: stored.scopes };
}

/** Registers units for a year's co-building under an org code. Returns how many. */
export async function registerCoBuildingUnits(
  ctx: UseCaseContext,
  command: CoBuildingScope & { readonly units: readonly UnitCommand[] },
): Promise<number> {
  requireAction(ctx, 'cobuilding.write');
  checkYear(command.year);
  scopesUnder(ctx, command.scope, 'cobuilding.write');
  const input = new PointsInput();
  input.count(command.units, ['units'], 1000);
  command.units.forEach((u, i) => {
    input.key(u.code, ['units', i, 'code']);
    input.text(u.name, ['units', i, 'name'], TEXT.line);
  });
  input.check();
  await persist(() =>
    new CoBuildingRepository(ctx.em).registerUnits(
      command.year,
      command.scope,
      command.units.map((u) => ({ code: u.code, ...(u.name ? { name: u.name } : {}) })),
    ),
  );
  return command.units.length;
}

/** Adds public commitments of registered units; the same again is a no-op. Returns how many were new. */
export async function addCoBuildingCommitments(
  ctx: UseCaseContext,
  command: CoBuildingScope & { readonly commitments: readonly CommitmentCommand[] },
): Promise<number> {
  requireAction(ctx, 'cobuilding.write');
  checkYear(command.year);
  const input = new PointsInput();
  input.count(command.commitments, ['commitments'], 1000);
  command.commitments.forEach((c, i) => {
    input.key(c.code, ['commitments', i, 'code']);
    input.text(c.text, ['commitments', i, 'text'], TEXT.note);
  });
  input.check();
  await unitsUnder(
    ctx,
    command,
    command.commitments.map((c) => c.unit),
  );
  return persist(() =>
    new CoBuildingRepository(ctx.em).addCommitments(
      command.year,
      command.commitments.map((c) => ({ unit: c.unit, code: c.code, text: c.text })),
      rulesOf(ctx, command),
    ),
  );
}

/** Records half-yearly evaluation scores; the same score again is a no-op. Returns how many were new. */
export async function recordCoBuildingEvaluations(
  ctx: UseCaseContext,
  command: CoBuildingScope & { readonly evaluations: readonly CommitmentEvaluation[] },
): Promise<number> {
  requireAction(ctx, 'cobuilding.write');
  checkYear(command.year);
  const input = new PointsInput();
  input.count(command.evaluations, ['evaluations'], 5000);
  command.evaluations.forEach((e, i) => {
    input.key(e.rater, ['evaluations', i, 'rater']);
    input.key(e.raterGroup, ['evaluations', i, 'raterGroup']);
  });
  input.check();
  await unitsUnder(
    ctx,
    command,
    command.evaluations.map((e) => e.unit),
  );
  return persist(() =>
    new CoBuildingRepository(ctx.em).recordEvaluations(
      command.year,
      command.evaluations.map((e) => ({ ...e })),
      rulesOf(ctx, command),
    ),
  );
}

/** Community cadres' weighted assessment (party building weighted as the profile says), best first. */
export function assessCommunityCadres(
  ctx: UseCaseContext,
  query: {
    readonly cadres: readonly CadreInput[];
    readonly year: number;
    readonly profileId?: string | null;
  },
): readonly CadreResult[] {
  authoriseAction(ctx, 'cadres.assess');
  checkYear(query.year);
  const input = new PointsInput();
  input.count(query.cadres, ['cadres'], 1000);
  input.check();
  return domainValue(
    assessCadres(
      query.cadres.map((c) => ({ ...c })),
      rulesFor(ctx, query.profileId ?? 'reference', `${query.year}-12-31`).coBuilding,
    ),
  );
}

/** The co-building rules of a profile at the end of a year. */
function rulesOf(ctx: UseCaseContext, scope: CoBuildingScope): CoBuildingRules {
  return rulesFor(ctx, scope.profileId ?? 'reference', `${scope.year}-12-31`).coBuilding;
}

/** The org codes under a scope the caller may see: where units' agreements are filed. */
function scopesUnder(ctx: UseCaseContext, scope: string, action: WithinAction): string[] {
  const { tree } = authoriseNode(ctx, action, scope);
  return subtree(tree, scope).map((n) => n.code);
}

/** Refuses units that are not registered for the year under the scope. */
async function unitsUnder(ctx: UseCaseContext, at: CoBuildingScope, units: readonly string[]): Promise<void> {
  const { scope, year } = at;
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
