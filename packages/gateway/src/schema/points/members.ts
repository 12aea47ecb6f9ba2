import {
  categoryOn,
  createMemberDirectory,
  explainPoints,
  maskMobile,
  maskResidentId,
  monthPeriod,
  quarterPeriod,
  unwrap,
  yearPeriod,
} from '@jiceng/domain';
import { PointsMemberRepository } from '@jiceng/persistence';
import { Arg, Args, Ctx, FieldResolver, Float, Int, Query, Resolver, Root } from 'type-graphql';
import {
  authoriseMember,
  canSeeMember,
  domainValue,
  PointsInput,
  scopeFilter,
  today,
} from '../../application/points/access.js';
import { ruleHistoryFor } from '../../application/rules.js';
import { allows, requireAction } from '../../auth/authorise.js';
import type { GatewayContext } from '../../kernel/context.js';
import { GatewayError } from '../../kernel/errors.js';
import { PageArgs, paginate } from '../common.js';
import { pointsLoaders } from './loaders.js';
import { ExplanationView } from './ranking-types.js';
import { PartyMemberConnection, PartyMemberView, PointEntryConnection, PointEntryView } from './types.js';

/** Whether the caller gets a member's personal data in full: a full-data role, the member in scope. */
function fullPersonalData(ctx: GatewayContext, member: PartyMemberView): boolean {
  return allows(ctx, 'personal.read', { kind: 'member', member: member.stored });
}

/** The value in full (each read written to the access log) or masked. */
function personal(
  ctx: GatewayContext,
  member: PartyMemberView,
  field: 'residentId' | 'mobile',
  column: string,
  mask: (value: unknown) => string,
): string | null {
  const value = member.stored[field];
  if (value === undefined) return null;
  if (!fullPersonalData(ctx, member)) return mask(value);
  ctx.services.accessLog.record({
    at: ctx.now.toISOString(),
    requestId: ctx.requestId,
    subject: ctx.principal.subject,
    role: ctx.principal.role,
    field: `points_member.${column}`,
    recordId: member.code,
  });
  return value;
}

@Resolver(() => PartyMemberView)
export class PartyMemberResolver {
  @Query(() => PartyMemberView, {
    description: 'A party member within your scope (a member: only yourself).',
  })
  async partyMember(@Ctx() ctx: GatewayContext, @Arg('code') code: string): Promise<PartyMemberView> {
    requireAction(ctx, 'member.read');
    const member = authoriseMember(ctx, await pointsLoaders(ctx).member.load(code), code);
    return PartyMemberView.from(member);
  }

  @Query(() => PartyMemberConnection, {
    description:
      'Members whose branch (party tree) or residential community (administrative tree) lies under `scope`, by code.',
  })
  async partyMembers(
    @Ctx() ctx: GatewayContext,
    @Arg('scope') scope: string,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('category', () => String, { nullable: true, description: 'Only members of this category today.' })
    category?: string | null,
  ) {
    const filter = scopeFilter(ctx, scope);
    const repo = new PointsMemberRepository(ctx.em);
    let codes = await repo.codes(filter);
    const loader = pointsLoaders(ctx).member;
    if (category) {
      const on = today(ctx);
      const all = await loader.loadMany(codes);
      codes = codes.filter((_, i) => {
        const m = all[i];
        return m !== null && m !== undefined && !(m instanceof Error) && categoryOn(m, on) === category;
      });
    }
    const paged = paginate(codes, page);
    const members = await loader.loadMany(paged.edges.map((e) => e.node));
    return {
      ...paged,
      edges: paged.edges.flatMap((edge, i) => {
        const m = members[i];
        return m === null || m === undefined || m instanceof Error || !canSeeMember(ctx, m)
          ? []
          : [{ cursor: edge.cursor, node: PartyMemberView.from(m) }];
      }),
    };
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'Resident identity number 身份证号码: masked (110105********0021) unless your role may see it in full; every full read is logged.',
  })
  residentId(@Ctx() ctx: GatewayContext, @Root() m: PartyMemberView): string | null {
    return personal(ctx, m, 'residentId', 'resident_id', maskResidentId);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'Mobile 手机号码: masked (138****5678) unless your role may see it in full; every full read is logged.',
  })
  mobile(@Ctx() ctx: GatewayContext, @Root() m: PartyMemberView): string | null {
    return personal(ctx, m, 'mobile', 'mobile', maskMobile);
  }

  @FieldResolver(() => Boolean, { description: 'True when residentId and mobile are shown masked to you.' })
  personalDataMasked(@Ctx() ctx: GatewayContext, @Root() m: PartyMemberView): boolean {
    return !fullPersonalData(ctx, m);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'The category in force on a day (default: today).',
  })
  category(
    @Ctx() ctx: GatewayContext,
    @Root() m: PartyMemberView,
    @Arg('on', () => String, { nullable: true }) on?: string | null,
  ): string | null {
    const input = new PointsInput();
    const day = on ? input.date(on, ['on']) : today(ctx);
    input.check();
    return categoryOn(m.stored, day!) ?? null;
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description: 'The year’s total (base + awards − deductions); one query for a whole list of members.',
  })
  async yearTotal(
    @Ctx() ctx: GatewayContext,
    @Root() m: PartyMemberView,
    @Arg('year', () => Int) year: number,
  ): Promise<number | null> {
    const input = new PointsInput();
    input.year(year);
    input.check();
    return pointsLoaders(ctx).yearTotal.load({ member: m.code, year });
  }

  @FieldResolver(() => PointEntryConnection, {
    description: 'The member’s point entries dated in a year, in ledger order.',
  })
  async pointEntries(
    @Ctx() ctx: GatewayContext,
    @Root() m: PartyMemberView,
    @Arg('year', () => Int) year: number,
    @Args(() => PageArgs) page: PageArgs,
  ) {
    const input = new PointsInput();
    input.year(year);
    input.check();
    const records = await pointsLoaders(ctx).yearRecords.load({ member: m.code, year });
    return paginate(records.map(PointEntryView.from), page);
  }

  @FieldResolver(() => ExplanationView, {
    description:
      'The member’s total for a year, quarter or month, with every entry, cap and rule version behind it.',
  })
  async explanation(
    @Ctx() ctx: GatewayContext,
    @Root() m: PartyMemberView,
    @Arg('year', () => Int) year: number,
    @Arg('quarter', () => Int, { nullable: true }) quarter?: number | null,
    @Arg('month', () => Int, { nullable: true }) month?: number | null,
  ): Promise<ExplanationView> {
    const input = new PointsInput();
    input.year(year);
    input.check();
    if ((quarter ?? null) !== null && (month ?? null) !== null) {
      throw new GatewayError('BAD_USER_INPUT', {
        zh: '季度与月份只能选一',
        en: 'give a quarter or a month, not both',
      });
    }
    if (quarter !== null && quarter !== undefined && ![1, 2, 3, 4].includes(quarter)) {
      throw new GatewayError('BAD_USER_INPUT', {
        zh: `季度 ${quarter} 无效`,
        en: `quarter ${quarter} is not 1–4`,
      });
    }
    if (month !== null && month !== undefined && !(Number.isInteger(month) && month >= 1 && month <= 12)) {
      throw new GatewayError('BAD_USER_INPUT', {
        zh: `月份 ${month} 无效`,
        en: `month ${month} is not 1–12`,
      });
    }
    const period =
      quarter !== null && quarter !== undefined
        ? quarterPeriod(year, quarter as 1 | 2 | 3 | 4)
        : month !== null && month !== undefined
          ? monthPeriod(year, month)
          : yearPeriod(year);
    const records = await pointsLoaders(ctx).yearRecords.load({ member: m.code, year });
    const members = unwrap(createMemberDirectory([m.stored]));
    return ExplanationView.from(
      domainValue(
        explainPoints(
          records.map((r) => r.record),
          m.code,
          period,
          { members, rules: ruleHistoryFor(ctx, m.profileId) },
        ),
      ),
    );
  }
}
