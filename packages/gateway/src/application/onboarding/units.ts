import {
  checkUnitBranch,
  checkUnitRegistration,
  type Issue,
  issue,
  type RegisterUnit,
  type RegisterUnitMember,
  STATIONED_UNIT_KINDS,
  type StationedUnitKind,
  validateStationedUnits,
} from '@jiceng/domain';
import { type SaveOutcome, StationedUnitRepository } from '@jiceng/persistence';
import { allows, authorise, authoriseNode, requireAction } from '../../auth/authorise.js';
import { badInput, GatewayError } from '../../kernel/errors.js';
import type { UseCaseContext } from '../context.js';

/**
 * Stationed units 驻区单位 and their registered in-service members 在职党员报到, one record at a
 * time (the import handles whole registers). Reading is `org.read` on the community a unit
 * registers at; writing is `cobuilding.write` (registering co-building units) on that community,
 * and on the community it registered at before when a change moves it.
 */

const unitText = (code: string) => ({ zh: `驻区单位 ${code}`, en: `stationed unit ${code}` });
const memberText = (code: string) => ({ zh: `在职党员报到 ${code}`, en: `registration of member ${code}` });

/** A unit as a door receives it. */
export interface UnitCommand {
  readonly code: string;
  readonly name: string;
  readonly kind: string;
  readonly community: string;
  readonly branch: string;
}

/**
 * The units the caller may see: registered at `community` (which the caller must see), or at any
 * community within their scope.
 *
 * @example
 * await listStationedUnits(ctx, { community: '330102001001' }) // [{ code: 'U001', kind: 'institution', … }]
 */
export async function listStationedUnits(
  ctx: UseCaseContext,
  options: { readonly community?: string | null } = {},
): Promise<RegisterUnit[]> {
  requireAction(ctx, 'org.read');
  const repo = new StationedUnitRepository(ctx.em);
  if (options.community) {
    authoriseNode(ctx, 'org.read', options.community);
    return repo.units({ communities: [options.community] });
  }
  return (await repo.units()).filter((u) => allows(ctx, 'org.read', { kind: 'node', code: u.community }));
}

/**
 * Adds a unit or changes the stored one of its code, after the domain's checks (a code and a
 * name, one of the three kinds, a community of the administrative tree, a party organisation of
 * the party tree). Saving the same unit again changes nothing (`unchanged`).
 */
export async function saveStationedUnit(
  ctx: UseCaseContext,
  command: UnitCommand,
): Promise<{ unit: RegisterUnit; outcome: SaveOutcome }> {
  requireAction(ctx, 'cobuilding.write');
  const repo = new StationedUnitRepository(ctx.em);
  const admin = ctx.services.orgTree('administrative');
  const unit: RegisterUnit = {
    code: command.code.trim(),
    name: command.name.trim(),
    kind: command.kind as StationedUnitKind,
    community: command.community.trim(),
    branch: command.branch.trim(),
  };
  const issues: Issue[] = [];
  if (admin === undefined) {
    issues.push(
      issue('ORG_UNKNOWN_ANCHOR', { zh: '尚无行政区划树', en: 'there is no administrative tree yet' }, [
        'community',
      ]),
    );
  } else {
    const units = validateStationedUnits(admin, [{ ...unit, communityCode: unit.community }]);
    if (!units.ok) issues.push(...units.issues);
  }
  const branch = checkUnitBranch(ctx.services.orgTree('party'), unit.code, unit.branch);
  if (!branch.ok) issues.push(...branch.issues);
  if (unit.code.length > 64 || unit.name.length > 200) {
    issues.push(
      issue(
        'TEXT_TOO_LONG',
        {
          zh: '单位代码最多 64 个字符，名称最多 200 个字符',
          en: 'a unit code has at most 64 characters, a name 200',
        },
        [unit.code.length > 64 ? 'code' : 'name'],
      ),
    );
  }
  if (!STATIONED_UNIT_KINDS.includes(unit.kind) && issues.every((i) => i.code !== 'ORG_INVALID_UNIT_KIND')) {
    issues.push(issue('ORG_INVALID_UNIT_KIND', { zh: '单位类别无效', en: 'invalid unit kind' }, ['kind']));
  }
  // The new community must be within the caller's scope (and exist) before anything else is said.
  if (admin?.ids.has(unit.community) === true) authoriseNode(ctx, 'cobuilding.write', unit.community);
  if (issues.length > 0) throw badInput(issues);
  const stored = await repo.unit(unit.code);
  if (stored !== undefined && stored.community !== unit.community) {
    authorise(ctx, 'cobuilding.write', { kind: 'node', code: stored.community }, unitText(unit.code));
  }
  const outcome = await repo.saveUnit(unit);
  return { unit, outcome };
}

/**
 * Removes a unit (NOT_FOUND when it is not stored or outside the scope), refused with CONFLICT
 * while in-service members are registered with it: end their registrations first.
 */
export async function retireStationedUnit(ctx: UseCaseContext, code: string): Promise<RegisterUnit> {
  requireAction(ctx, 'cobuilding.write');
  const repo = new StationedUnitRepository(ctx.em);
  const stored = await repo.unit(code);
  authorise(ctx, 'cobuilding.write', stored && { kind: 'node', code: stored.community }, unitText(code));
  const retired = await repo.retireUnit(code);
  if (retired.registered.length > 0) {
    throw new GatewayError('CONFLICT', {
      zh: `驻区单位“${code}”仍有 ${retired.registered.length} 名在职党员报到（${retired.registered.slice(0, 5).join('、')}），请先解除其报到`,
      en: `stationed unit "${code}" still has ${retired.registered.length} registered members (${retired.registered.slice(0, 5).join(', ')}); end their registrations first`,
    });
  }
  return stored!;
}

/** The in-service members registered with a unit the caller may see. */
export async function listUnitMembers(ctx: UseCaseContext, unitCode: string): Promise<RegisterUnitMember[]> {
  requireAction(ctx, 'org.read');
  const repo = new StationedUnitRepository(ctx.em);
  const unit = await repo.unit(unitCode);
  authorise(ctx, 'org.read', unit && { kind: 'node', code: unit.community }, unitText(unitCode));
  return repo.unitMembers({ units: [unitCode] });
}

/**
 * Registers an in-service member with a unit, or moves their registration: the unit must be
 * stored and within the caller's scope, the member stored and in the unit's party organisation
 * (`UNIT_WRONG_BRANCH`), the community (when given) a community. Idempotent by member code.
 */
export async function saveUnitMember(
  ctx: UseCaseContext,
  command: { readonly member: string; readonly unit: string; readonly community?: string | null },
): Promise<{ registration: RegisterUnitMember; outcome: SaveOutcome }> {
  requireAction(ctx, 'cobuilding.write');
  const repo = new StationedUnitRepository(ctx.em);
  const unit = await repo.unit(command.unit);
  authorise(ctx, 'cobuilding.write', unit && { kind: 'node', code: unit.community }, unitText(command.unit));
  const stored = await repo.unitMember(command.member);
  if (stored !== undefined && stored.unit !== unit!.code) {
    const before = await repo.unit(stored.unit);
    if (before !== undefined)
      authorise(
        ctx,
        'cobuilding.write',
        { kind: 'node', code: before.community },
        memberText(command.member),
      );
  }
  const issues: Issue[] = [];
  const checked = checkUnitRegistration(command.member, await repo.memberBranch(command.member), unit!);
  if (!checked.ok) issues.push(...checked.issues);
  const community = command.community?.trim() || null;
  if (community !== null) {
    const admin = ctx.services.orgTree('administrative');
    const id = admin?.ids.get(community);
    if (id === undefined || admin!.nodes[id]!.level !== 'community') {
      issues.push(
        issue(
          'ORG_NOT_A_COMMUNITY',
          {
            zh: `报到社区“${community}”不是行政树中的社区或村`,
            en: `"${community}" is not a community or village of the administrative tree`,
          },
          ['community'],
        ),
      );
    }
  }
  if (issues.length > 0) throw badInput(issues);
  const registration: RegisterUnitMember = { member: command.member, unit: unit!.code, community };
  return { registration, outcome: await repo.saveUnitMember(registration) };
}

/** Ends a member's registration with their unit (NOT_FOUND when there is none within the scope). */
export async function retireUnitMember(ctx: UseCaseContext, member: string): Promise<RegisterUnitMember> {
  requireAction(ctx, 'cobuilding.write');
  const repo = new StationedUnitRepository(ctx.em);
  const stored = await repo.unitMember(member);
  const unit = stored && (await repo.unit(stored.unit));
  authorise(ctx, 'cobuilding.write', unit && { kind: 'node', code: unit.community }, memberText(member));
  await repo.retireUnitMember(member);
  return stored!;
}
