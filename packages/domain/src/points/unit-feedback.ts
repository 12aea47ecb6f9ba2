import type { LocalizedText } from '../shared/errors.js';
import type { PointRecord, PointStatus } from './types.js';

/**
 * The dual-registration feedback per unit 双报到反馈: for one month, the in-service members each
 * stationed unit registered who took part in no community activity, addressed to the unit's own
 * party organisation (seed: in-service members report to their residential community monthly;
 * the community reports back to their unit's party organisation).
 */

/** A unit the feedback is addressed to. */
export interface FeedbackUnit {
  readonly code: string;
  readonly name: string;
  /** Its own party organisation: who the feedback goes to. */
  readonly branch: string;
  /** The community the unit registers at. */
  readonly community: string;
}

/** An in-service member registered with a unit. */
export interface FeedbackRegistration {
  readonly member: string;
  readonly unit: string;
  /** Where the member registers; `null`: the unit's community. */
  readonly community: string | null;
}

/** A member with no community activity in the month. */
export interface InactiveMember {
  readonly member: string;
  readonly name?: string;
  /** The community they register at. */
  readonly community: string;
}

export interface UnitMonthFeedback {
  readonly unit: FeedbackUnit;
  readonly registered: number;
  /** Registered members with at least one community activity in the month. */
  readonly active: number;
  /** The others, by member code. */
  readonly inactive: readonly InactiveMember[];
  readonly summary: LocalizedText;
}

/** Statuses that do not count as having taken part: refused, lapsed or taken back. */
const NOT_TAKEN_PART: ReadonlySet<PointStatus> = new Set(['rejected', 'lapsed', 'reversed']);

/**
 * Whether a record is a community activity 社区活动 of its member in the month (`YYYY-MM`): an
 * entry a community recorded, dated in the month, that was not rejected, lapsed or reversed.
 */
export function isCommunityActivityIn(record: PointRecord, month: string): boolean {
  return (
    record.entry.by.role === 'community' &&
    record.entry.date.startsWith(`${month}-`) &&
    !NOT_TAKEN_PART.has(record.status)
  );
}

/**
 * The month's feedback for each unit (by unit code), listing its registered members without a
 * community activity. `records` holds each member's point records (any period; only the month's
 * community activities count). Units without registered members are listed too, with zeros.
 *
 * @example
 * unitMonthFeedback(units, registrations, records, '2026-02', names)
 * // [{ unit: { code: 'U1', … }, registered: 12, active: 9, inactive: [{ member: 'M7', community: 'C1' }, …] }]
 */
export function unitMonthFeedback(
  units: readonly FeedbackUnit[],
  registrations: readonly FeedbackRegistration[],
  records: ReadonlyMap<string, readonly PointRecord[]>,
  month: string,
  names: ReadonlyMap<string, string> = new Map(),
): UnitMonthFeedback[] {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new RangeError(`month "${month}" is not YYYY-MM`);
  const byUnit = new Map<string, FeedbackRegistration[]>();
  for (const r of registrations) {
    const list = byUnit.get(r.unit);
    if (list === undefined) byUnit.set(r.unit, [r]);
    else list.push(r);
  }
  return [...units]
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .map((unit) => {
      const mine = [...(byUnit.get(unit.code) ?? [])].sort((a, b) =>
        a.member < b.member ? -1 : a.member > b.member ? 1 : 0,
      );
      const inactive: InactiveMember[] = [];
      for (const r of mine) {
        if ((records.get(r.member) ?? []).some((rec) => isCommunityActivityIn(rec, month))) continue;
        const name = names.get(r.member);
        inactive.push({
          member: r.member,
          ...(name === undefined ? {} : { name }),
          community: r.community ?? unit.community,
        });
      }
      const active = mine.length - inactive.length;
      return {
        unit,
        registered: mine.length,
        active,
        inactive,
        summary: {
          zh: `${month}，贵单位在社区报到的 ${mine.length} 名在职党员中，${active} 名参加了社区活动，${inactive.length} 名未参加`,
          en: `In ${month}, ${active} of your ${mine.length} registered in-service members took part in community activities; ${inactive.length} did not`,
        },
      };
    });
}
