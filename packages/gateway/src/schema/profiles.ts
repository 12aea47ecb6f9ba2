import {
  type PointItem as DomainPointItem,
  type RuleProfile as DomainProfile,
  maxQuantityOf,
  summarizeProfile,
} from '@jiceng/domain';
import { GraphQLJSONObject } from 'graphql-scalars';
import {
  Arg,
  Args,
  Ctx,
  Field,
  Float,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
} from 'type-graphql';
import { type SaveProfileCommand, saveRuleProfile } from '../application/profiles/profiles.js';
import { ruleHistoryFor, rulesFor } from '../application/rules.js';
import { authoriseAction } from '../auth/authorise.js';
import type { GatewayContext } from '../kernel/context.js';
import { connectionOf, Language, LocalizedText, PageArgs, paginate } from './common.js';

@ObjectType({ description: 'Caps on the points an item contributes per member and period.' })
class PointCaps {
  @Field(() => Float, { nullable: true })
  month!: number | null;

  @Field(() => Float, { nullable: true })
  quarter!: number | null;

  @Field(() => Float, { nullable: true })
  year!: number | null;
}

@ObjectType({ description: 'A point item 积分项目 of a rule profile.' })
class PointItem {
  @Field()
  code!: string;

  @Field(() => LocalizedText)
  name!: LocalizedText;

  @Field({ description: 'award or deduction' })
  kind!: string;

  @Field(() => Float)
  points!: number;

  @Field(() => String, { nullable: true, description: 'Set when points are awarded per unit.' })
  unit!: string | null;

  @Field(() => Float, {
    description:
      "The most units one entry may record: the item's own maxQuantity, else the default for its unit (a day's hours, a month's days); 1 for a fixed item. A larger quantity is refused with POINTS_INVALID_QUANTITY.",
  })
  maxQuantity!: number;

  @Field(() => [String], { description: 'Member category codes, or ["all"].' })
  categories!: string[];

  @Field(() => PointCaps)
  caps!: PointCaps;

  @Field(() => [String])
  recordedBy!: string[];

  @Field()
  evidenceRequired!: boolean;

  static from(item: DomainPointItem): PointItem {
    return Object.assign(new PointItem(), {
      code: item.code,
      name: LocalizedText.from(item.name),
      kind: item.kind,
      points: item.points,
      unit: item.unit ?? null,
      maxQuantity: maxQuantityOf(item),
      categories: item.categories === 'all' ? ['all'] : [...item.categories],
      caps: Object.assign(new PointCaps(), {
        month: item.caps.month ?? null,
        quarter: item.caps.quarter ?? null,
        year: item.caps.year ?? null,
      }),
      recordedBy: [...item.recordedBy],
      evidenceRequired: item.evidenceRequired,
    });
  }
}

@ObjectType({ description: 'A member category 党员类别.' })
class MemberCategory {
  @Field()
  code!: string;

  @Field(() => LocalizedText)
  name!: LocalizedText;
}

@ObjectType({ description: 'A county rule profile as in force on one date.' })
export class RuleProfile {
  @Field()
  id!: string;

  @Field(() => LocalizedText)
  name!: LocalizedText;

  @Field()
  version!: string;

  @Field({ description: 'First day this version is in force (YYYY-MM-DD).' })
  effectiveFrom!: string;

  @Field(() => String, { nullable: true })
  extends!: string | null;

  @Field(() => [MemberCategory])
  memberCategories!: MemberCategory[];

  @Field(() => [PointItem])
  pointItems!: PointItem[];

  @Field(() => GraphQLJSONObject, { description: 'Every setting, as the profile schema describes it.' })
  settings!: Record<string, unknown>;

  @Field(() => [String], { description: 'A readable summary, each line tagged with where it comes from.' })
  summary!: string[];

  static from(profile: DomainProfile, language: Language): RuleProfile {
    const { id, name, version, effectiveFrom, extends: parent, ...settings } = profile;
    return Object.assign(new RuleProfile(), {
      id,
      name: LocalizedText.from(name),
      version,
      effectiveFrom,
      extends: parent ?? null,
      memberCategories: profile.points.categories.map((c) =>
        Object.assign(new MemberCategory(), { code: c.code, name: LocalizedText.from(c.name) }),
      ),
      pointItems: profile.points.items.map(PointItem.from),
      settings: settings as Record<string, unknown>,
      summary: summarizeProfile(profile, language),
    });
  }
}

const RuleProfileConnection = connectionOf('RuleProfile', RuleProfile);

@InputType({ description: 'A county profile document (the JSON form of the YAML a county edits).' })
class RuleProfileDocumentInput implements SaveProfileCommand {
  @Field(() => GraphQLJSONObject)
  document!: Record<string, unknown>;

  @Field(() => Int, { nullable: true, description: 'The revision you read, to refuse a stale write.' })
  expectedRevision?: number | null;
}

@ObjectType()
class RuleProfileSaved {
  @Field()
  id!: string;

  @Field(() => Int)
  revision!: number;

  @Field(() => Int)
  versionCount!: number;
}

@Resolver()
export class RuleProfileResolver {
  @Query(() => RuleProfile, { description: 'A county rule profile as in force on a date (default: today).' })
  ruleProfile(
    @Ctx() ctx: GatewayContext,
    @Arg('id', () => String, { defaultValue: 'reference' }) id: string,
    @Arg('at', () => String, { nullable: true, description: 'YYYY-MM-DD' }) at?: string | null,
    @Arg('language', () => Language, { nullable: true }) language?: Language | null,
  ): RuleProfile {
    authoriseAction(ctx, 'profile.read');
    return RuleProfile.from(rulesFor(ctx, id, at ?? undefined), language ?? (ctx.locale as Language));
  }

  @Query(() => RuleProfileConnection, { description: 'Every resolved version of a profile, oldest first.' })
  ruleProfileVersions(
    @Ctx() ctx: GatewayContext,
    @Arg('id', () => String) id: string,
    @Args(() => PageArgs) page: PageArgs,
  ) {
    authoriseAction(ctx, 'profile.read');
    const history = ruleHistoryFor(ctx, id);
    return paginate(
      history.versions.map((v) => RuleProfile.from(v, ctx.locale as Language)),
      page,
    );
  }

  @Mutation(() => RuleProfileSaved, {
    description:
      'Creates or extends a county profile document (county administrators only). History is append-only: stored versions cannot change, and a new version must take effect after today.',
  })
  async saveRuleProfile(
    @Ctx() ctx: GatewayContext,
    @Arg('input', () => RuleProfileDocumentInput) input: RuleProfileDocumentInput,
  ): Promise<RuleProfileSaved> {
    return Object.assign(new RuleProfileSaved(), await saveRuleProfile(ctx, input));
  }
}
