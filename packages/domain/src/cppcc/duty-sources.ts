import { assertLocalDate } from '../consultation/days.js';
import type { Consultation } from '../consultation/types.js';
import { categoryOn } from '../points/members.js';
import { versionIndexAt, versionsOf } from '../points/rules.js';
import type { DutyRules } from '../profiles/schema.js';
import type { LocalDate } from '../shared/dates.js';
import { type Issue, issue } from '../shared/errors.js';
import { fail, ok, type Result } from '../shared/result.js';
import { dutyDirectory, indexCommittee } from './committee.js';
import { appendDuty, type DutyContext, dutyRecords } from './duty.js';
import {
  type AttendanceIssueCode,
  checkText,
  type DutyIssueCode,
  duplicateIds,
  listText,
  reasonRequired,
  unknownMember,
} from './errors.js';
import { proposalMembers } from './proposals.js';
import type {
  CppccCommittee,
  DutyLedger,
  DutyLedgerEntry,
  DutySource,
  Proposal,
  RollCall,
  VillageConsultation,
} from './types.js';

/**
 * Duty records the system derives 自动生成: a pure function from proposals, roll calls, township
 * consultations and village consultations to the records they earn, each with a link to its
 * source; and the reconciliation that brings the ledger in line with them, so a corrected source
 * (a roll call fixed, a proposal merged) gives a reversal and, if it still earns one, a new record.
 */

/**
 * Who is expected at a meeting on a day: every county member at a plenary meeting; the standing
 * committee (the chair, vice-chairs, secretary-general and standing members) at a
 * standing-committee meeting; in both, only members who had joined by that day.
 *
 * @example
 * expectedAttendees(committee, 'standing', '2025-03-27').length; // 45 in the seed county: 1 + 5 + 1 + 38
 */
export function expectedAttendees(
  committee: CppccCommittee,
  kind: RollCall['kind'],
  on: LocalDate,
): readonly string[] {
  const index = indexCommittee(committee);
  const all =
    kind === 'plenary'
      ? [...index.members.keys()]
      : [
          committee.chair,
          ...committee.viceChairs,
          committee.secretaryGeneral,
          ...committee.standingMembers.map((s) => s.member),
        ];
  return [...new Set(all)].filter((m) => (committee.joinedOn?.[m] ?? committee.termStartedOn) <= on);
}

/**
 * Checks a roll call 点名 against the committee: an id and a title, every expected member listed
 * exactly once (present, on leave with a reason, absent), nobody else.
 *
 * @example
 * checkRollCall({ id: 'P2025', kind: 'plenary', meetingOn: '2025-01-08', title: '十届三次会议', entries }, committee)
 */
export function checkRollCall(
  rollCall: RollCall,
  committee: CppccCommittee,
): Result<RollCall, AttendanceIssueCode> {
  assertLocalDate(rollCall.meetingOn, 'meetingOn');
  const members = indexCommittee(committee).members;
  const issues: Issue<AttendanceIssueCode>[] = [
    ...checkText(rollCall.id, { zh: '点名编号', en: 'the roll call id' }, ['id']),
    ...checkText(rollCall.title, { zh: '会议名称', en: 'the meeting title' }, ['title']),
    ...duplicateIds(
      rollCall.entries.map((e) => e.member),
      { zh: '点名中的委员', en: 'member in the roll call' },
      (i) => ['entries', i, 'member'],
    ),
  ];
  const expected = new Set(expectedAttendees(committee, rollCall.kind, rollCall.meetingOn));
  rollCall.entries.forEach((e, i) => {
    // Leave 请假 is granted for a reason; without one the member is absent, and the office says so.
    if (e.status === 'on_leave' && (e.reason ?? '').trim() === '') {
      issues.push(
        reasonRequired({ zh: `委员“${e.member}”请假`, en: `leave for "${e.member}"` }, [
          'entries',
          i,
          'reason',
        ]),
      );
    }
    if (!members.has(e.member)) issues.push(unknownMember(e.member, ['entries', i, 'member']));
    else if (!expected.has(e.member)) {
      issues.push(
        issue(
          'CPPCC_ATTENDANCE_NOT_EXPECTED',
          (committee.joinedOn?.[e.member] ?? committee.termStartedOn) <= rollCall.meetingOn
            ? {
                zh: `委员“${e.member}”不是常委会组成人员，不列入常委会议点名`,
                en: `"${e.member}" is not on the standing committee and is not called at its meetings`,
              }
            : {
                zh: `委员“${e.member}”在 ${rollCall.meetingOn} 尚未任职，不列入点名`,
                en: `"${e.member}" was not yet a member on ${rollCall.meetingOn} and is not called`,
              },
          ['entries', i, 'member'],
          { member: e.member, kind: rollCall.kind },
        ),
      );
    }
  });
  const listed = new Set(rollCall.entries.map((e) => e.member));
  const missing = [...expected].filter((m) => !listed.has(m));
  if (missing.length > 0) {
    const names = listText(missing);
    issues.push(
      issue(
        'CPPCC_ATTENDANCE_MISSING',
        {
          zh: `应出席的委员 ${names.zh} 未列入点名`,
          en: `members expected at the meeting are missing from the roll call: ${names.en}`,
        },
        ['entries'],
        { missing },
      ),
    );
  }
  return issues.length > 0 ? fail(issues) : ok(rollCall);
}

/** A record the system derives: its key without revision, member, item, date, quantity, source. */
export interface DerivedDuty {
  /** `kind:source/member`; revisions of a corrected record add `#2`, `#3`, … to it in the ledger. */
  readonly baseKey: string;
  readonly member: string;
  readonly item: string;
  readonly date: LocalDate;
  readonly quantity?: number;
  readonly source: DutySource;
}

/** What a derivation produced, and every source it looked at (those earn nothing, or stop earning, too). */
export interface DutyDerivation {
  readonly records: readonly DerivedDuty[];
  readonly sources: readonly DutySource[];
}

/** The sources to derive from; any may be left out (then its records are left alone). */
export interface DutySources {
  readonly proposals?: readonly Proposal[];
  readonly rollCalls?: readonly RollCall[];
  readonly consultations?: readonly Consultation[];
  readonly villageConsultations?: readonly VillageConsultation[];
}

function sourceKey(source: DutySource): string {
  return `${source.kind}:${source.id}`;
}

/**
 * The duty records the sources earn, under the profile's `cppcc.duty.derived` in force on each
 * record's date: a filed proposal for its lead and joint proposers (a merged one too when the
 * profile says so), each member's presence at a plenary or standing-committee meeting, attending a
 * liaison group's consultation meeting, taking part in a village consultation's meeting. Only
 * county members of the term earn records. Pure and deterministic: the same sources give the same
 * records, in source order.
 *
 * @example
 * const derived = deriveDutyRecords({ proposals: book.proposals, rollCalls }, { rules: referenceProfile, committee });
 * derived.records[0]; // { baseKey: 'proposal:M10-3/P001/M001', member: 'M001', item: 'proposal_lead', … }
 */
export function deriveDutyRecords(sources: DutySources, context: DutyContext): DutyDerivation {
  const directory = dutyDirectory(context.committee);
  const records: DerivedDuty[] = [];
  const seen: DutySource[] = [];
  const rulesOn = (date: LocalDate): DutyRules | undefined =>
    versionsOf(context.rules)[versionIndexAt(context.rules, date)]?.cppcc.duty;
  const add = (
    source: DutySource,
    member: string,
    date: LocalDate,
    pick: (derived: DutyRules['derived']) => string | null,
  ): void => {
    const at = directory.indexOf.get(member);
    // Only county members, and only from the day they joined: what the ledger would accept.
    if (at === undefined || categoryOn(directory.members[at]!, date) === undefined) return;
    const duty = rulesOn(date);
    if (duty === undefined) return;
    const code = pick(duty.derived);
    const item = code === null ? undefined : duty.items.find((i) => i.code === code);
    if (item === undefined) return;
    records.push({
      baseKey: baseKeyOf(source, member),
      member,
      item: item.code,
      date,
      ...(item.unit === undefined ? {} : { quantity: 1 }),
      source,
    });
  };
  for (const p of sources.proposals ?? []) {
    const source: DutySource = { kind: 'proposal', id: `${p.meeting}/${p.id}` };
    seen.push(source);
    const review = p.review;
    if (review === null || review.decision === 'not_filed') continue;
    if (review.decision === 'merged' && rulesOn(review.on)?.derived.mergedCountAsFiled !== true) continue;
    proposalMembers(p.proposer).forEach((member, i) => {
      add(source, member, review.on, (d) => (i === 0 ? d.proposalLead : d.proposalJoint));
    });
  }
  for (const call of sources.rollCalls ?? []) {
    const source: DutySource = { kind: 'roll_call', id: call.id };
    seen.push(source);
    for (const e of call.entries) add(source, e.member, call.meetingOn, (d) => d[call.kind][e.status]);
  }
  for (const c of sources.consultations ?? []) {
    const source: DutySource = { kind: 'consultation', id: c.id };
    seen.push(source);
    const meeting = c.meeting;
    if (meeting === null) continue;
    for (const member of meeting.attendees) add(source, member, meeting.heldOn, (d) => d.consultationMeeting);
  }
  for (const v of sources.villageConsultations ?? []) {
    const source: DutySource = { kind: 'village_consultation', id: v.id };
    seen.push(source);
    const meeting = v.meeting;
    if (meeting === null) continue;
    const attended = new Set(meeting.attendees);
    for (const p of v.participants) {
      if (p.kind === 'cppcc_member' && p.member !== undefined && attended.has(p.id)) {
        add(source, p.member, meeting.heldOn, (d) => d.villageConsultation);
      }
    }
  }
  return { records, sources: seen };
}

/** The ledger brought in line with a derivation, and the entries that took. */
export interface DutyReconciliation {
  readonly ledger: DutyLedger;
  readonly appended: readonly DutyLedgerEntry[];
}

/** The key a derived record's revisions share: its source and member. */
function baseKeyOf(source: DutySource, member: string): string {
  return `${sourceKey(source)}/${member}`;
}

/**
 * Brings the system's records for the derivation's sources in line with it, on day `on`: a record
 * the sources now earn and the ledger lacks is appended; one whose member, item, date or quantity
 * changed is reversed and appended again under the next revision of its key (`#2`, …); one the
 * sources no longer earn is reversed. Records of other sources, and every record the office or a
 * liaison group wrote, are left alone. Running it twice appends nothing the second time.
 *
 * @example
 * const { ledger, appended } = unwrap(reconcileDutyRecords(ledger, deriveDutyRecords(sources, context), { on: '2025-03-01', ...context }));
 */
export function reconcileDutyRecords(
  ledger: DutyLedger,
  derivation: DutyDerivation,
  context: DutyContext & { readonly on: LocalDate },
): Result<DutyReconciliation, DutyIssueCode> {
  assertLocalDate(context.on, 'on');
  const scope = new Set(derivation.sources.map(sourceKey));
  const live = new Map<string, DutyLedgerEntry & { readonly type: 'record' }>();
  const revisions = new Map<string, number>();
  for (const view of dutyRecords(ledger)) {
    const r = view.record;
    if (r.by.role !== 'system' || r.source === undefined) continue;
    const base = baseKeyOf(r.source, r.member);
    revisions.set(base, (revisions.get(base) ?? 0) + 1);
    if (view.reversal === null) live.set(base, r);
  }
  const by = { role: 'system', id: 'system' } as const;
  const on = context.on;
  const inputs: Parameters<typeof appendDuty>[1][] = [];
  const wanted = new Set<string>();
  for (const d of derivation.records) {
    wanted.add(d.baseKey);
    const current = live.get(d.baseKey);
    if (
      current !== undefined &&
      current.member === d.member &&
      current.item === d.item &&
      current.date === d.date &&
      current.quantity === d.quantity
    ) {
      continue;
    }
    if (current !== undefined) {
      inputs.push({
        type: 'reversal',
        key: `${current.key}:reversal`,
        record: current.key,
        reason: '来源已更正 source corrected',
        by,
        on,
      });
    }
    const revision = (revisions.get(d.baseKey) ?? 0) + 1;
    revisions.set(d.baseKey, revision);
    inputs.push({
      type: 'record',
      key: revision === 1 ? d.baseKey : `${d.baseKey}#${revision}`,
      member: d.member,
      item: d.item,
      date: d.date,
      ...(d.quantity === undefined ? {} : { quantity: d.quantity }),
      source: d.source,
      by,
      on,
    });
  }
  for (const [base, record] of live) {
    if (wanted.has(base) || record.source === undefined || !scope.has(sourceKey(record.source))) continue;
    inputs.push({
      type: 'reversal',
      key: `${record.key}:reversal`,
      record: record.key,
      reason: '来源已撤销 source withdrawn',
      by,
      on,
    });
  }
  let next = ledger;
  const appended: DutyLedgerEntry[] = [];
  const issues: Issue<DutyIssueCode>[] = [];
  inputs.forEach((input, i) => {
    const result = appendDuty(next, input, context);
    if (!result.ok) {
      issues.push(...result.issues.map((problem) => ({ ...problem, path: [i, ...problem.path] })));
      return;
    }
    next = result.value.ledger;
    if (result.value.appended) appended.push(result.value.entry);
  });
  return issues.length > 0 ? fail(issues) : ok({ ledger: next, appended });
}
