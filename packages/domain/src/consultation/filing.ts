import type { ConsultationRules } from '../profiles/schema.js';
import type { LocalDate } from '../shared/dates.js';
import { type Issue, issue } from '../shared/errors.js';
import { fail, ok, type Result } from '../shared/result.js';
import { assertLocalDate, daysBetween, yearOf } from './days.js';
import { checkRole, checkText, type FilingIssueCode } from './errors.js';
import type { Actor } from './types.js';

/**
 * Filing 备案 of village consultation minutes: villages (communities) hold their own consultations
 * — the seed's 村事民定, villagers decide village affairs — and file the minutes with the township
 * (the seed's pilot township: 54 minutes from its 22 villages and communities).
 */

/** A village or community 村（社区） of a township. */
export interface Village {
  readonly code: string;
  readonly name: string;
  readonly township: string;
}

/** Minutes of one village consultation 协商纪要, as submitted for filing. */
export interface VillageMinutesInput {
  readonly id: string;
  readonly village: string;
  readonly meetingOn: LocalDate;
  readonly topic: string;
}

/** Minutes on file. */
export interface FiledMinutes extends VillageMinutesInput {
  readonly township: string;
  readonly filedOn: LocalDate;
  readonly filedBy: Actor;
  /** Filed more than `filing.withinDays` after the meeting. */
  readonly late: boolean;
}

/** Every filing, in the order filed. */
export interface MinutesRegister {
  readonly entries: readonly FiledMinutes[];
}

/** A register with nothing filed yet. */
export const EMPTY_MINUTES_REGISTER: MinutesRegister = { entries: [] };

/** Where minutes are filed and by whom: the township's villages, the filer, the day, the rules. */
export interface FilingContext {
  readonly villages: readonly Village[];
  readonly by: Actor;
  readonly on: LocalDate;
  readonly rules: ConsultationRules;
}

/**
 * Files one village's consultation minutes. Refuses an id already on file, a village that is not
 * one of the known villages, filing before the meeting, an empty topic and the wrong role. A late
 * filing is accepted and marked `late`.
 *
 * @example
 * const next = fileMinutes(EMPTY_MINUTES_REGISTER,
 *   { id: 'M001', village: 'V01', meetingOn: '2025-10-08' as LocalDate, topic: '村道硬化筹资方案' },
 *   { villages, by: villageClerk, on: '2025-10-12' as LocalDate, rules: referenceProfile.consultation });
 */
export function fileMinutes(
  register: MinutesRegister,
  minutes: VillageMinutesInput,
  context: FilingContext,
): Result<MinutesRegister, FilingIssueCode> {
  const { by, on, rules } = context;
  assertLocalDate(on, 'on');
  assertLocalDate(minutes.meetingOn, 'meetingOn');
  const issues: Issue<FilingIssueCode>[] = [
    ...checkRole('file_minutes', by.role, rules.stages.roles.file_minutes),
    ...checkText(minutes.id, { zh: '纪要编号', en: 'the minutes id' }, ['id']),
    ...checkText(minutes.topic, { zh: '协商事项', en: 'the topic' }, ['topic']),
  ];
  const first = register.entries.find((e) => e.id === minutes.id);
  if (first !== undefined) {
    issues.push(
      issue(
        'CONSULTATION_DUPLICATE_ID',
        {
          zh: `纪要“${minutes.id}”已于 ${first.filedOn} 备案`,
          en: `minutes "${minutes.id}" were already filed on ${first.filedOn}`,
        },
        ['id'],
        { id: minutes.id, filedOn: first.filedOn },
      ),
    );
  }
  const village = context.villages.find((v) => v.code === minutes.village);
  if (village === undefined) {
    issues.push(
      issue(
        'CONSULTATION_FILING_UNKNOWN_VILLAGE',
        {
          zh: `村（居）“${minutes.village}”不在本乡镇村（居）名单中`,
          en: `village "${minutes.village}" is not in the township's list of villages`,
        },
        ['village'],
        { village: minutes.village },
      ),
    );
  }
  if (on < minutes.meetingOn) {
    issues.push(
      issue(
        'CONSULTATION_FILING_BEFORE_MEETING',
        {
          zh: `备案日期 ${on} 早于协商会议日期 ${minutes.meetingOn}`,
          en: `the filing date ${on} is before the meeting on ${minutes.meetingOn}`,
        },
        ['meetingOn'],
        { filedOn: on, meetingOn: minutes.meetingOn },
      ),
    );
  }
  if (issues.length > 0 || village === undefined) return fail(issues);
  const entry: FiledMinutes = {
    id: minutes.id,
    village: minutes.village,
    meetingOn: minutes.meetingOn,
    topic: minutes.topic,
    township: village.township,
    filedOn: on,
    filedBy: by,
    late: daysBetween(minutes.meetingOn, on) > rules.filing.withinDays,
  };
  return ok({ entries: [...register.entries, entry] });
}

export interface TownshipFilingCount {
  readonly township: string;
  readonly total: number;
  readonly late: number;
  readonly villages: readonly { readonly code: string; readonly name: string; readonly count: number }[];
}

/** Which minutes to count: filed within `[filedFrom, filedTo]`, or of meetings held in `meetingYear`. */
export interface FilingWindow {
  readonly filedFrom?: LocalDate;
  readonly filedTo?: LocalDate;
  readonly meetingYear?: number;
}

/**
 * Minutes on file per township and village, every known village listed (with 0 when it filed
 * none), townships in the order their villages are given.
 *
 * @example
 * // the seed's pilot township, as of the end of last year
 * filingCounts(register, villages, { filedTo: '2025-12-31' as LocalDate })[0]?.total; // 54
 */
export function filingCounts(
  register: MinutesRegister,
  villages: readonly Village[],
  window: FilingWindow = {},
): TownshipFilingCount[] {
  const counts = new Map<string, number>();
  const late = new Map<string, number>();
  for (const e of register.entries) {
    if (window.filedFrom !== undefined && e.filedOn < window.filedFrom) continue;
    if (window.filedTo !== undefined && e.filedOn > window.filedTo) continue;
    if (window.meetingYear !== undefined && yearOf(e.meetingOn) !== window.meetingYear) continue;
    counts.set(e.village, (counts.get(e.village) ?? 0) + 1);
    if (e.late) late.set(e.township, (late.get(e.township) ?? 0) + 1);
  }
  const byTownship = new Map<string, { code: string; name: string; count: number }[]>();
  for (const v of villages) {
    let list = byTownship.get(v.township);
    if (list === undefined) {
      list = [];
      byTownship.set(v.township, list);
    }
    list.push({ code: v.code, name: v.name, count: counts.get(v.code) ?? 0 });
  }
  return [...byTownship.entries()].map(([township, list]) => ({
    township,
    total: list.reduce((s, v) => s + v.count, 0),
    late: late.get(township) ?? 0,
    villages: list,
  }));
}
