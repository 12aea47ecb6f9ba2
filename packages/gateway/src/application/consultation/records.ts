import {
  type ComplianceReport,
  complianceReport,
  type FiledMinutes,
  type IssueClearance,
  type IssuedDecision,
  type LocalDate,
  type TownshipFilingCount,
} from '@jiceng/domain';
import {
  ConsultationRepository,
  LiaisonGroupRepository,
  MinutesFilingRepository,
  RoutineDecisionRepository,
} from '@jiceng/persistence';
import { persist } from '../../kernel/errors.js';
import type { UseCaseContext } from '../context.js';
import {
  actorFor,
  administrativeTree,
  authoriseTownship,
  authoriseVillage,
  ConsultationInput,
  DEFAULT_PROFILE,
  requireActor,
  rolesFor,
  rulesAt,
  today,
  townshipsIn,
  villagesOf,
} from './access.js';
import type { FileMinutesCommand, IssueDecisionCommand } from './commands.js';

/**
 * The use cases of what a township answers for each year besides its consultations: village
 * minutes filed 村事民定备案, routine decisions issued only once consulted 例行协商, and the
 * compliance report that reads them all.
 */

/** Files a village's consultation minutes with its township; a late filing is marked late. */
export async function fileVillageMinutes(
  ctx: UseCaseContext,
  command: FileMinutesCommand,
): Promise<FiledMinutes> {
  requireActor(ctx);
  const { villages } = authoriseVillage(ctx, command.village);
  const issues = new ConsultationInput();
  issues.inputTexts(command, []);
  const on = issues.actDay(ctx, command.on);
  const meetingOn = issues.date(command.meetingOn, ['meetingOn']);
  issues.check();
  const rules = rulesAt(ctx, command.profileId ?? DEFAULT_PROFILE, on);
  const by = actorFor(ctx, rolesFor(rules, 'file_minutes'));
  return persist(() =>
    new MinutesFilingRepository(ctx.em).file(
      { id: command.id, village: command.village, meetingOn: meetingOn!, topic: command.topic },
      { villages, by, on, rules },
    ),
  );
}

/**
 * Issues a township decision; one of a kind the profile requires to be consulted only once its
 * routine consultation has met. The township's party committee or government issues: the caller
 * must be able to act as one.
 */
export async function issueRoutineDecision(
  ctx: UseCaseContext,
  command: IssueDecisionCommand,
): Promise<{ readonly issued: IssuedDecision; readonly clearance: IssueClearance }> {
  requireActor(ctx);
  authoriseTownship(ctx, command.township, 'consultation.act');
  const issues = new ConsultationInput();
  issues.inputTexts(command, []);
  const on = issues.actDay(ctx, command.on);
  issues.check();
  const rules = rulesAt(ctx, command.profileId ?? DEFAULT_PROFILE, on);
  actorFor(ctx, ['government', 'party_committee']);
  return persist(() =>
    new RoutineDecisionRepository(ctx.em).issue(
      { id: command.id, township: command.township, itemKind: command.itemKind, title: command.title },
      { on, rules },
    ),
  );
}

/**
 * A township's compliance for a year, as of today or the year's end: thematic count, routine
 * items consulted before issue, group composition, five haves, members, village minutes, reports
 * in time.
 */
export async function consultationCompliance(
  ctx: UseCaseContext,
  query: { readonly township: string; readonly year: number; readonly profileId?: string | null },
): Promise<{ readonly report: ComplianceReport; readonly asOf: LocalDate }> {
  const { township, year } = query;
  const { tree } = authoriseTownship(ctx, township, 'consultation.read');
  const yearEnd = `${String(year).padStart(4, '0')}-12-31`;
  const now = today(ctx);
  const asOf = (now < yearEnd ? now : yearEnd) as LocalDate;
  const rules = rulesAt(ctx, query.profileId ?? DEFAULT_PROFILE, asOf);
  const groups = new LiaisonGroupRepository(ctx.em);
  const [group] = await groups.findByTownships([township]);
  const members = (await groups.membersOf([township])).filter((m) => m.level === 'county').length;
  const report = complianceReport({
    township,
    year,
    rules,
    liaisonGroup: group?.group ?? null,
    members,
    consultations: (await new ConsultationRepository(ctx.em).list({ townships: [township], year })).map(
      (s) => s.consultation,
    ),
    decisions: await new RoutineDecisionRepository(ctx.em).list([township], year),
    minutes: await new MinutesFilingRepository(ctx.em).register([township], { meetingYear: year }),
    villages: villagesOf(tree, township),
    asOf,
  });
  return { report, asOf };
}

/**
 * Village minutes filed per township within a scope (default: the caller's), every village
 * listed: by the meetings' year, or by filing day.
 */
export async function minutesFilingCounts(
  ctx: UseCaseContext,
  query: {
    readonly scope?: string | null;
    readonly meetingYear?: number | null;
    readonly filedFrom?: string | null;
    readonly filedTo?: string | null;
  },
): Promise<TownshipFilingCount[]> {
  const townships = townshipsIn(ctx, query.scope);
  const issues = new ConsultationInput();
  const from = query.filedFrom ? issues.date(query.filedFrom, ['filedFrom']) : undefined;
  const to = query.filedTo ? issues.date(query.filedTo, ['filedTo']) : undefined;
  issues.check();
  const tree = administrativeTree(ctx);
  const { meetingYear } = query;
  return new MinutesFilingRepository(ctx.em).filingCounts(
    townships,
    townships.flatMap((t) => villagesOf(tree, t)),
    {
      ...(meetingYear === null || meetingYear === undefined ? {} : { meetingYear }),
      ...(from === undefined ? {} : { filedFrom: from }),
      ...(to === undefined ? {} : { filedTo: to }),
    },
  );
}
