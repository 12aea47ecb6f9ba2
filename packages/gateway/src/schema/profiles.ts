import {
  checkProfileDocument,
  createProfileCatalog,
  type PointItem as DomainPointItem,
  type RuleProfile as DomainProfile,
  type ProfileDocument,
  summarizeProfile,
} from '@jiceng/domain';
import { ConcurrentUpdateError, ProfileDocumentRepository } from '@jiceng/persistence';
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
import { ruleHistoryFor, rulesFor } from '../application/rules.js';
import { authorise, authoriseAction } from '../auth/authorise.js';
import type { GatewayContext } from '../kernel/context.js';
import { badInput, GatewayError } from '../kernel/errors.js';
import { chinaDate } from '../time.js';
import { COUNTY_TEXT, connectionOf, Language, LocalizedText, PageArgs, paginate } from './common.js';

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
class RuleProfileDocumentInput {
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
    authorise(ctx, 'profile.write', { kind: 'county' }, COUNTY_TEXT);
    const checked = checkProfileDocument(input.document);
    if (!checked.ok) throw badInput(checked.issues);
    const document = checked.value;
    const repo = new ProfileDocumentRepository(ctx.em);
    const stored = await repo.get(document.id);
    if (stored !== undefined) guardAppendOnly(stored.document, document, chinaDate(ctx.now));
    const others = (await repo.all()).filter((d) => d.id !== document.id);
    const catalog = createProfileCatalog([...others, document]);
    if (!catalog.ok) throw badInput(catalog.issues);
    let revision: number;
    try {
      revision = await repo.save(document, input.expectedRevision ?? stored?.revision);
    } catch (error) {
      if (error instanceof ConcurrentUpdateError) {
        throw new GatewayError('CONFLICT', {
          zh: '该配置已被他人修改，请刷新后重试',
          en: 'the profile was changed by someone else; reload and retry',
        });
      }
      throw error;
    }
    await ctx.services.reloadProfiles();
    return Object.assign(new RuleProfileSaved(), {
      id: document.id,
      revision,
      versionCount: document.versions.length,
    });
  }
}

/** Stored versions are history: they may not change, and new ones start after today. */
function guardAppendOnly(stored: ProfileDocument, next: ProfileDocument, today: string): void {
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  if (stored.extends !== next.extends) {
    throw new GatewayError('BAD_USER_INPUT', {
      zh: '不能修改已生效配置的继承关系',
      en: 'the parent of a stored profile cannot change',
    });
  }
  stored.versions.forEach((v, i) => {
    if (!same(v, next.versions[i])) {
      throw new GatewayError('BAD_USER_INPUT', {
        zh: `历史版本 ${v.version} 不可修改，只能追加新版本`,
        en: `stored version ${v.version} cannot change; add a new version instead`,
      });
    }
  });
  for (const v of next.versions.slice(stored.versions.length)) {
    if (v.effectiveFrom <= today) {
      throw new GatewayError('BAD_USER_INPUT', {
        zh: `新版本 ${v.version} 的生效日期须晚于今天（${today}）`,
        en: `new version ${v.version} must take effect after today (${today})`,
      });
    }
  }
}
