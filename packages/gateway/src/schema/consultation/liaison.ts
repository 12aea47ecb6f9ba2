import { fiveHavesChecklist, groupComposition } from '@jiceng/domain';
import {
  Arg,
  Args,
  Ctx,
  Field,
  FieldResolver,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import {
  administrativeTree,
  authoriseTownship,
  DEFAULT_PROFILE,
  rulesAt,
  today,
  townshipName,
  villagesOf,
} from '../../application/consultation/access.js';
import { liaisonGroupsIn } from '../../application/consultation/reads.js';
import {
  consultationCompliance,
  fileVillageMinutes,
  issueRoutineDecision,
  minutesFilingCounts,
} from '../../application/consultation/records.js';
import type { GatewayContext } from '../../kernel/context.js';
import { notFound } from '../../kernel/errors.js';
import { connectionOf, PageArgs, paginate } from '../common.js';
import { ConsultationComplianceReport } from './compliance-types.js';
import { ConsultationStatusEnum } from './enums.js';
import { ConsultationGroupComposition } from './group-types.js';
import { FileMinutesInput, IssueDecisionInput } from './inputs.js';
import {
  CppccMembership,
  FiledVillageMinutes,
  FiveHavesChecklist,
  LiaisonGroupView,
  TownshipFilingCountView,
} from './liaison-types.js';
import { consultationLoaders } from './loaders.js';
import { ConsultationView } from './views.js';

const LiaisonGroupConnection = connectionOf('LiaisonGroup', LiaisonGroupView);

@ObjectType({ description: 'A decision a township issued, and what cleared it.' })
export class IssuedRoutineDecision {
  @Field()
  id!: string;

  @Field()
  township!: string;

  @Field()
  itemKind!: string;

  @Field()
  title!: string;

  @Field()
  issuedOn!: string;

  @Field({ description: 'Whether the profile requires this kind to be consulted before issue.' })
  required!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'The routine consultation whose meeting discussed it.',
  })
  consultationId!: string | null;

  @Field(() => String, { nullable: true })
  meetingOn!: string | null;
}

/**
 * Liaison groups and what a township answers for each year: the five haves, its CPPCC members,
 * the compliance report, village minutes filed, and routine items issued only once consulted.
 */
@Resolver(() => LiaisonGroupView)
export class LiaisonGroupResolver {
  @Query(() => LiaisonGroupView, { description: 'A township’s liaison group; NOT_FOUND when it has none.' })
  async liaisonGroup(
    @Ctx() ctx: GatewayContext,
    @Arg('township', () => String) township: string,
  ): Promise<LiaisonGroupView> {
    const { name } = authoriseTownship(ctx, township, 'consultation.read');
    const found = await consultationLoaders(ctx).liaisonGroup.load(township);
    if (found === null) throw notFound({ zh: `${name}政协联络组`, en: `the liaison group of ${township}` });
    return LiaisonGroupView.from(found.group, found.version, name);
  }

  @Query(() => LiaisonGroupConnection, {
    description: 'The liaison groups of the townships within a scope (default: yours), in tree order.',
  })
  async liaisonGroups(
    @Ctx() ctx: GatewayContext,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('scope', () => String, { nullable: true }) scope?: string | null,
  ) {
    const groups = await liaisonGroupsIn(ctx, scope);
    return paginate(
      groups.map((g) => LiaisonGroupView.from(g.group, g.version, townshipName(ctx, g.group.township))),
      page,
    );
  }

  @FieldResolver(() => FiveHavesChecklist, {
    description:
      'The five haves as a checklist; with a year, the plan and funding count only if dated in it.',
  })
  fiveHaves(
    @Ctx() ctx: GatewayContext,
    @Root() g: LiaisonGroupView,
    @Arg('year', () => Int, { nullable: true }) year?: number | null,
    @Arg('profileId', () => String, { nullable: true }) profileId?: string | null,
  ): FiveHavesChecklist {
    const rules = rulesAt(ctx, profileId ?? DEFAULT_PROFILE, today(ctx));
    return FiveHavesChecklist.from(fiveHavesChecklist(g.group, rules, year ?? undefined));
  }

  @FieldResolver(() => CppccMembership, {
    description: 'The CPPCC members living in the township, by sector and origin.',
  })
  async members(@Ctx() ctx: GatewayContext, @Root() g: LiaisonGroupView): Promise<CppccMembership> {
    const loaders = consultationLoaders(ctx);
    const [members, sectors] = await Promise.all([
      loaders.members.load(g.township),
      loaders.sectors.load('all'),
    ]);
    return CppccMembership.from(members, sectors);
  }

  @FieldResolver(() => [ConsultationView], {
    description: 'The consultations the group leads, newest year first.',
  })
  async consultations(
    @Ctx() ctx: GatewayContext,
    @Root() g: LiaisonGroupView,
    @Arg('year', () => Int, { nullable: true }) year?: number | null,
    @Arg('status', () => ConsultationStatusEnum, { nullable: true })
    status?: ConsultationView['stored']['consultation']['status'] | null,
  ): Promise<ConsultationView[]> {
    const stored = await consultationLoaders(ctx).consultations.load({
      township: g.township,
      year: year ?? null,
      status: status ?? null,
    });
    return stored.map((s) =>
      ConsultationView.from(
        s,
        rulesAt(ctx, s.profileId, today(ctx)),
        ConsultationGroupComposition.from(groupComposition(s.consultation.group.members)),
      ),
    );
  }

  @FieldResolver(() => TownshipFilingCountView, {
    description: 'Village minutes filed with the township, for the meetings of a year (default: all years).',
  })
  async filings(
    @Ctx() ctx: GatewayContext,
    @Root() g: LiaisonGroupView,
    @Arg('year', () => Int, { nullable: true }) year?: number | null,
  ): Promise<TownshipFilingCountView> {
    const villages = villagesOf(administrativeTree(ctx), g.township);
    return TownshipFilingCountView.from(
      await consultationLoaders(ctx).filings.load({ township: g.township, year: year ?? null, villages }),
    );
  }

  @Query(() => ConsultationComplianceReport, {
    description:
      'A township’s compliance for a year: thematic count, routine items consulted before issue, group composition, five haves, members, village minutes, reports in time.',
  })
  async consultationCompliance(
    @Ctx() ctx: GatewayContext,
    @Arg('township', () => String) township: string,
    @Arg('year', () => Int) year: number,
    @Arg('profileId', () => String, { nullable: true }) profileId?: string | null,
  ): Promise<ConsultationComplianceReport> {
    const { report, asOf } = await consultationCompliance(ctx, { township, year, profileId });
    return ConsultationComplianceReport.from(report, asOf);
  }

  @Query(() => [TownshipFilingCountView], {
    description:
      'Village minutes filed per township within a scope (default: yours), every village listed: by the meetings’ year, or by filing day.',
  })
  async minutesFilingCounts(
    @Ctx() ctx: GatewayContext,
    @Arg('scope', () => String, { nullable: true }) scope?: string | null,
    @Arg('meetingYear', () => Int, { nullable: true }) meetingYear?: number | null,
    @Arg('filedFrom', () => String, { nullable: true }) filedFrom?: string | null,
    @Arg('filedTo', () => String, { nullable: true }) filedTo?: string | null,
  ): Promise<TownshipFilingCountView[]> {
    const counts = await minutesFilingCounts(ctx, { scope, meetingYear, filedFrom, filedTo });
    return counts.map(TownshipFilingCountView.from);
  }

  @Mutation(() => FiledVillageMinutes, {
    description:
      'Files a village’s consultation minutes 村事民定备案 with its township; a late filing is marked late.',
  })
  async fileVillageMinutes(
    @Ctx() ctx: GatewayContext,
    @Arg('input', () => FileMinutesInput) input: FileMinutesInput,
  ): Promise<FiledVillageMinutes> {
    const filed = await fileVillageMinutes(ctx, input);
    return FiledVillageMinutes.from(filed);
  }

  @Mutation(() => IssuedRoutineDecision, {
    description:
      'Issues a township decision; one of a kind the profile requires to be consulted (例行协商) only once its routine consultation has met.',
  })
  async issueRoutineDecision(
    @Ctx() ctx: GatewayContext,
    @Arg('input', () => IssueDecisionInput) input: IssueDecisionInput,
  ): Promise<IssuedRoutineDecision> {
    const { issued, clearance } = await issueRoutineDecision(ctx, input);
    return Object.assign(new IssuedRoutineDecision(), {
      ...issued.decision,
      issuedOn: issued.issuedOn,
      required: clearance.required,
      consultationId: clearance.consultationId,
      meetingOn: clearance.meetingOn,
    });
  }
}
