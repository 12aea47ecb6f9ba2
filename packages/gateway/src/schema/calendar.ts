import { Arg, Ctx, Field, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { COUNTY } from '../application/county.js';
import { authorise, authoriseAction } from '../auth/authorise.js';
import { importCalendar } from '../calendar/import.js';
import { calendarWarnings, type CalendarWarning as Warning } from '../calendar/status.js';
import type { GatewayContext } from '../kernel/context.js';
import { badInput, notFound, persist } from '../kernel/errors.js';
import { LocalizedText } from './common.js';

@InputType({ description: 'A published holiday schedule to add to a county profile.' })
class ImportCalendarInput {
  @Field({
    description:
      'The schedule as iCalendar text (.ics): all-day events marked 休/Holiday or 班/Workday, as the State Council notice is published by the chinese-days package and calendar apps.',
  })
  ics!: string;

  @Field(() => String, { nullable: true, description: 'The profile to extend (default `reference`).' })
  profileId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Check and report without writing.' })
  dryRun?: boolean | null;
}

@ObjectType({ description: 'What an import of a holiday schedule did.' })
class CalendarImportResult {
  @Field()
  profileId!: string;

  @Field(() => [Int], { description: 'Years the profile gained.' })
  added!: number[];

  @Field(() => [Int], { description: 'Years it already listed with the same days (skipped).' })
  unchanged!: number[];

  @Field(() => String, {
    nullable: true,
    description: 'The profile version written; null when nothing was new.',
  })
  version!: string | null;

  @Field(() => String, { nullable: true, description: 'The day the new version takes effect (YYYY-MM-DD).' })
  effectiveFrom!: string | null;

  @Field(() => Int, { description: 'Resident requests whose provisional due date was recounted.' })
  recounted!: number;
}

@ObjectType({ description: 'A profile whose working-day calendar runs out soon or has run out.' })
class CalendarWarning {
  @Field()
  profileId!: string;

  @Field({ description: '`CALENDAR_ENDING_SOON` (within 60 days) or `CALENDAR_ENDED`.' })
  code!: string;

  @Field(() => String, { nullable: true, description: 'The last day the calendar lists (YYYY-MM-DD).' })
  endsOn!: string | null;

  @Field(() => Int, { nullable: true, description: 'Days from today to endsOn (negative once it ended).' })
  daysLeft!: number | null;

  @Field(() => LocalizedText)
  message!: LocalizedText;

  static from(w: Warning): CalendarWarning {
    return Object.assign(new CalendarWarning(), { ...w, message: LocalizedText.from(w.message) });
  }
}

/** The working-day calendar of county profiles: warnings before it runs out, and adding a year. */
@Resolver()
export class CalendarResolver {
  @Query(() => [CalendarWarning], {
    description:
      'Profiles whose working-day calendar runs out within 60 days or has run out: import the next year’s schedule (importCalendar). Deadlines past the end are provisional until then.',
  })
  calendarWarnings(@Ctx() ctx: GatewayContext): CalendarWarning[] {
    authoriseAction(ctx, 'profile.read');
    return calendarWarnings(ctx.services, ctx.now).map(CalendarWarning.from);
  }

  @Mutation(() => CalendarImportResult, {
    description:
      'Adds the years of a published holiday schedule to a county profile as a new version taking effect today, and recounts provisional deadlines (county administrators only). Years already listed with the same days are skipped; a listed year with other days is refused (CALENDAR_YEAR_DIFFERS).',
  })
  async importCalendar(
    @Ctx() ctx: GatewayContext,
    @Arg('input', () => ImportCalendarInput) input: ImportCalendarInput,
  ): Promise<CalendarImportResult> {
    authorise(ctx, 'profile.write', { kind: 'county' }, COUNTY);
    const result = await persist(() =>
      importCalendar(ctx.services, {
        ics: input.ics,
        profileId: input.profileId ?? undefined,
        now: ctx.now,
        dryRun: input.dryRun ?? false,
        source: 'GraphQL',
      }),
    );
    if (!result.ok) {
      if (result.issues[0]?.code === 'PROFILE_NOT_FOUND')
        throw notFound({ zh: `规则配置 ${input.profileId}`, en: `rule profile ${input.profileId}` });
      throw badInput(result.issues);
    }
    return Object.assign(new CalendarImportResult(), {
      ...result.value,
      added: [...result.value.added],
      unchanged: [...result.value.unchanged],
    });
  }
}
