import {
  type AttendanceStatus,
  checkRollCall,
  type DutyLedgerEntry,
  issue,
  type LocalizedText,
  type RollCall,
} from '@jiceng/domain';
import { RollCallRepository, type StoredRollCall } from '@jiceng/persistence';
import { authorise } from '../../auth/authorise.js';
import { POLICY } from '../../auth/policy.js';
import { badInput, GatewayError, notFound, persist } from '../../kernel/errors.js';
import { today } from '../../time.js';
import type { UseCaseContext } from '../context.js';
import { InputIssues, TEXT } from '../inputs.js';
import { derivedDutyAppend, termOf } from './duty.js';

/**
 * Roll calls 点名 of plenary and standing-committee meetings: the office (`cppcc.office`) records
 * who attended, who was on leave (with the reason) and who was absent, and corrects it later. The
 * domain checks the roll call against the committee (`checkRollCall`: every expected member once,
 * nobody else), and the records it earns under the profile's `cppcc.duty.derived` are reconciled
 * with those derived from it before (`reconcileDutyRecords`): a correction reverses the records
 * it no longer earns, the link to the roll call kept, and writes the new ones. The roll call and
 * its records are stored in one transaction.
 */

/** One member's presence as the office enters it. */
export interface AttendanceLine {
  readonly member: string;
  readonly status: AttendanceStatus;
  readonly reason?: string | null;
}

/** A roll call as first recorded. Sending the same one again is a repeat; another one is CONFLICT. */
export interface RecordRollCallCommand {
  readonly term: number;
  readonly id: string;
  readonly kind: RollCall['kind'];
  readonly meetingOn: string;
  readonly title: string;
  readonly entries: readonly AttendanceLine[];
}

/** A correction of a stored roll call, decided on the version read. */
export interface CorrectRollCallCommand {
  readonly term: number;
  readonly id: string;
  readonly expectedVersion: number;
  readonly reason: string;
  /** Every member's presence, as it should have been. */
  readonly entries: readonly AttendanceLine[];
  /** The meeting's day, when that was wrong too. */
  readonly meetingOn?: string | null;
  readonly title?: string | null;
}

/** What a roll-call write did: the roll call stored, and the duty entries it appended. */
export interface RollCallOutcome {
  readonly stored: StoredRollCall;
  readonly duplicate: boolean;
  readonly duty: readonly DutyLedgerEntry[];
}

const rollCallText = (term: number, id: string): LocalizedText => ({
  zh: `第${term}届点名 ${id}`,
  en: `roll call ${id} of CPPCC term ${term}`,
});

function officeOnly(ctx: UseCaseContext): void {
  authorise(ctx, 'cppcc.office', { kind: 'county' }, POLICY['cppcc.office'].label);
}

function checkLines(check: InputIssues, entries: readonly AttendanceLine[]): RollCall['entries'] {
  return entries.map((e, i) => {
    check.text(e.member, ['entries', i, 'member'], TEXT.code);
    const reason = check.text(e.reason, ['entries', i, 'reason'], TEXT.note);
    return reason === undefined
      ? { member: e.member, status: e.status }
      : { member: e.member, status: e.status, reason };
  });
}

/** The same roll call, whatever order the store gave its keys back in. */
function sameRollCall(a: RollCall, b: RollCall): boolean {
  const line = (e: RollCall['entries'][number]) => `${e.member}\u0000${e.status}\u0000${e.reason ?? ''}`;
  return (
    a.id === b.id &&
    a.kind === b.kind &&
    a.meetingOn === b.meetingOn &&
    a.title === b.title &&
    a.entries.length === b.entries.length &&
    a.entries.every((e, i) => line(e) === line(b.entries[i]!))
  );
}

/** Records a roll call 点名 and the duty records it earns; the office only. */
export async function recordRollCall(
  ctx: UseCaseContext,
  c: RecordRollCallCommand,
): Promise<RollCallOutcome> {
  const check = new InputIssues();
  check.text(c.id, ['id'], TEXT.code);
  check.text(c.title, ['title'], TEXT.line);
  const meetingOn = check.date(c.meetingOn, ['meetingOn']);
  const entries = checkLines(check, c.entries);
  check.check();
  officeOnly(ctx);
  const rollCall: RollCall = { id: c.id, kind: c.kind, meetingOn: meetingOn!, title: c.title, entries };
  return persist(async () => {
    const { committee } = await termOf(ctx, c.term);
    const repo = new RollCallRepository(ctx.em);
    const stored = await repo.load(c.term, c.id);
    if (stored !== undefined) {
      if (sameRollCall(stored.rollCall, rollCall)) return { stored, duplicate: true, duty: [] };
      throw new GatewayError('CONFLICT', {
        zh: `点名“${c.id}”已登记且内容不同；更正请用 correctCppccRollCall`,
        en: `roll call "${c.id}" is already recorded with other entries; correct it with correctCppccRollCall`,
      });
    }
    return save(ctx, repo, { term: c.term, rollCall, decidedOnVersion: 0 }, committee);
  });
}

/** Corrects a stored roll call: its derived records follow (reversed, and written again if still earned). */
export async function correctRollCall(
  ctx: UseCaseContext,
  c: CorrectRollCallCommand,
): Promise<RollCallOutcome> {
  const check = new InputIssues();
  check.text(c.id, ['id'], TEXT.code);
  check.text(c.reason, ['reason'], TEXT.note);
  check.text(c.title, ['title'], TEXT.line);
  const meetingOn =
    c.meetingOn === null || c.meetingOn === undefined ? undefined : check.date(c.meetingOn, ['meetingOn']);
  const entries = checkLines(check, c.entries);
  if (c.reason.trim() === '') {
    check.add(
      issue(
        'CPPCC_REASON_REQUIRED',
        { zh: '更正点名须说明理由', en: 'correcting a roll call needs a reason' },
        ['reason'],
      ),
    );
  }
  check.check();
  officeOnly(ctx);
  return persist(async () => {
    const { committee } = await termOf(ctx, c.term);
    const repo = new RollCallRepository(ctx.em);
    const stored = await repo.load(c.term, c.id);
    if (stored === undefined) throw notFound(rollCallText(c.term, c.id));
    if (stored.version !== c.expectedVersion) {
      throw new GatewayError('CONFLICT', {
        zh: `点名“${c.id}”已是第 ${stored.version} 版，不是第 ${c.expectedVersion} 版；请重新读取后再更正`,
        en: `roll call "${c.id}" is at version ${stored.version}, not ${c.expectedVersion}; read it again and correct that`,
      });
    }
    const rollCall: RollCall = {
      ...stored.rollCall,
      ...(meetingOn === undefined ? {} : { meetingOn }),
      ...(c.title ? { title: c.title.trim() } : {}),
      entries,
    };
    const correction = { by: ctx.principal.subject, reason: c.reason.trim() };
    return save(
      ctx,
      repo,
      { term: c.term, rollCall, decidedOnVersion: stored.version, correction },
      committee,
    );
  });
}

async function save(
  ctx: UseCaseContext,
  repo: RollCallRepository,
  write: {
    readonly term: number;
    readonly rollCall: RollCall;
    readonly decidedOnVersion: number;
    readonly correction?: { readonly by: string; readonly reason: string };
  },
  committee: Awaited<ReturnType<typeof termOf>>['committee'],
): Promise<RollCallOutcome> {
  const checked = checkRollCall(write.rollCall, committee);
  if (!checked.ok) throw badInput(checked.issues);
  const on = today(ctx);
  if (write.rollCall.meetingOn > on) {
    throw badInput([
      issue(
        'CPPCC_DUTY_DATE_AFTER_RECORDING',
        {
          zh: `会议日期 ${write.rollCall.meetingOn} 晚于今天（${on}）：会后才能登记点名`,
          en: `the meeting on ${write.rollCall.meetingOn} is after today (${on}): a roll call is recorded after it`,
        },
        ['meetingOn'],
        { date: write.rollCall.meetingOn, on },
      ),
    ]);
  }
  const duty = await derivedDutyAppend(
    ctx,
    committee,
    { rollCalls: [write.rollCall] },
    { kind: 'roll_call', id: write.rollCall.id },
  );
  const stored = await repo.save({ ...write, on, ...(duty === undefined ? {} : { duty }) });
  return { stored, duplicate: false, duty: duty?.entries ?? [] };
}

/** The roll calls of a term, by meeting day; the office only. */
export async function rollCalls(ctx: UseCaseContext, term: number): Promise<StoredRollCall[]> {
  officeOnly(ctx);
  return persist(async () => {
    await termOf(ctx, term);
    return new RollCallRepository(ctx.em).list(term);
  });
}
