import { readFile } from 'node:fs/promises';
import { calendarCoverage, type LocalDate, workingCalendarOf } from '@jiceng/domain';
import { importCalendar } from '../calendar/import.js';
import { chinaDate } from '../time.js';
import { type CliIo, commandArgs } from './io.js';
import { withGatewayServices } from './keys.js';
import { operatorDoor, refusedByPolicy } from './operator.js';

export const CALENDAR_USAGE = `jiceng calendar import FILE.ics [--db sqlite:./jiceng.db|postgres://…] [--profile-id reference] [--dry-run]
    Add the years of a published holiday schedule (the State Council notice in iCalendar form,
    e.g. from the chinese-days package) to a county profile as a new version taking effect today,
    and recount the provisional deadlines of resident requests. Years already listed with the
    same days are skipped; a listed year with other days is refused.
jiceng calendar status [--db …] [--profile-id reference]
    Print the years the profile's working-day calendar covers and when it runs out.`;

const OPTIONS = {
  db: { type: 'string' },
  'profile-id': { type: 'string' },
  'dry-run': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `jiceng calendar …`: the working-day calendar of a stored county profile. */
export async function calendarCommand(args: readonly string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
    io.out(CALENDAR_USAGE);
    return sub === undefined ? 2 : 0;
  }
  if (sub !== 'import' && sub !== 'status') {
    io.err(`未知子命令 unknown subcommand: calendar ${sub}\n\n${CALENDAR_USAGE}`);
    return 2;
  }
  const parsed = commandArgs(rest, OPTIONS, CALENDAR_USAGE, io);
  if (parsed === undefined) return 2;
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(CALENDAR_USAGE);
    return 0;
  }
  const profileId = values['profile-id'] ?? 'reference';
  const url = values.db ?? io.env['DATABASE_URL'] ?? 'sqlite:./jiceng.db';
  let ics = '';
  if (sub === 'import') {
    const file = positionals[0];
    if (file === undefined || positionals.length > 1) {
      io.err(`需要一个 .ics 文件 expected one .ics file\n\n${CALENDAR_USAGE}`);
      return 2;
    }
    try {
      ics = await readFile(file, 'utf8');
    } catch (error) {
      io.err(
        `无法读取 cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      );
      return 1;
    }
  }
  return withGatewayServices(url, io, async (services) => {
    if (sub === 'status') {
      const profile = services.profiles().profileAt(profileId, chinaDate(io.now));
      if (!profile.ok) {
        for (const i of profile.issues) io.err(`${i.code}: ${i.message.zh} / ${i.message.en}`);
        return 1;
      }
      const calendar = workingCalendarOf(profile.value);
      const coverage = calendarCoverage(calendar, chinaDate(io.now) as LocalDate);
      io.out(
        `${profileId}: ${calendar.years.length} 年 years (${calendar.years[0] ?? '—'}–${calendar.years.at(-1) ?? '—'}), ends ${coverage.endsOn ?? '—'}`,
      );
      if (coverage.warning)
        io.out(
          `警告 warning ${coverage.warning.code}: ${coverage.warning.message.zh} / ${coverage.warning.message.en}`,
        );
      return 0;
    }
    // A write: the policy of every door decides it, for the operator (see operator.ts).
    if (refusedByPolicy(io, operatorDoor(services, io.env), 'profile.write', { kind: 'county' })) return 1;
    const result = await importCalendar(services, {
      ics,
      profileId,
      now: io.now,
      dryRun: values['dry-run'] === true,
      source: positionals[0],
    });
    if (!result.ok) {
      io.err('无法导入 cannot import:');
      for (const i of result.issues)
        io.err(`  ${i.code} ${i.path.join('.')}: ${i.message.zh} / ${i.message.en}`);
      return 1;
    }
    const r = result.value;
    if (r.unchanged.length > 0) io.out(`已收录，未变 already listed, unchanged: ${r.unchanged.join(', ')}`);
    if (r.added.length === 0) {
      io.out('没有新的年份 nothing new to add');
      return 0;
    }
    io.out(
      `${values['dry-run'] ? '（试运行 dry run）将' : '已'}新增 ${values['dry-run'] ? 'would add' : 'added'} ${r.added.join(', ')} → ${r.profileId} version "${r.version}" from ${r.effectiveFrom}`,
    );
    if (!values['dry-run']) io.out(`重新计算的暂定期限 provisional deadlines recounted: ${r.recounted}`);
    return 0;
  });
}
