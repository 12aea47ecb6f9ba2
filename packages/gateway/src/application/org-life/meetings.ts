import {
  checkMeeting,
  childrenOf,
  createMemberDirectory,
  derivePoints,
  type LocalDate,
  type LocalizedText,
  type OrgLifeAttendanceStatus,
  type OrgLifeKind,
  type OrgLifeMeeting,
  type OrgLifeRoster,
  type OrgTree,
  type PointFact,
  reconcilePoints,
  type SkippedPoint,
} from '@jiceng/domain';
import {
  type AppendOutcome,
  OrgLifeRepository,
  PointsMemberRepository,
  type StoredMember,
  type StoredOrgLifeMeeting,
} from '@jiceng/persistence';
import { authorise, requireAction } from '../../auth/authorise.js';
import { treeOf } from '../../auth/scope.js';
import { badInput, GatewayError, persist } from '../../kernel/errors.js';
import { today } from '../../time.js';
import type { UseCaseContext } from '../context.js';
import { InputIssues, TEXT } from '../inputs.js';
import { rulesLookup } from '../points/access.js';
import { ledgerOf } from '../points/entries.js';
import { ruleHistoryFor, rulesFor } from '../rules.js';

/**
 * Organisational life 组织生活 (三会一课, 主题党日): a branch secretary records their branch's
 * meetings (the street or county committee may record and correct any branch's, at any time);
 * each use case checks the meeting with the domain's `checkMeeting` against the branch's members,
 * asks the policy once (`orglife.record`, on the branch), derives the system point entries the
 * profile's fact rules give the attendance, and hands the repository one write: the meeting, its
 * attendance and the entries it earns or reverses.
 */

export const DEFAULT_PROFILE = 'reference';

/** The people who may record outside the recording window: the committee's roles. */
const COMMITTEE_ROLES: ReadonlySet<string> = new Set(['street_admin', 'county_admin']);

/** How a meeting is named in a refusal: the same words whether missing or out of scope. */
export const meetingText = (id: string): LocalizedText => ({ zh: `组织生活会议 ${id}`, en: `meeting ${id}` });
const branchText = (code: string): LocalizedText => ({ zh: `支部 ${code}`, en: `branch ${code}` });

export interface AttendanceCommand {
  readonly member: string;
  readonly status: string;
  readonly reason?: string | null;
}

/** A meeting to record 记录组织生活. */
export interface RecordMeetingCommand {
  readonly id: string;
  readonly kind: string;
  readonly branch: string;
  readonly group?: string | null;
  readonly heldOn: string;
  readonly topic: string;
  readonly agenda?: readonly string[] | null;
  readonly attendance: readonly AttendanceCommand[];
}

/** A correction 更正 of a recorded meeting, decided on its version. */
export interface CorrectMeetingCommand extends Omit<RecordMeetingCommand, 'branch'> {
  readonly expectedVersion: number;
  readonly reason: string;
}

/** A withdrawal 撤销 of a meeting recorded by mistake. */
export interface WithdrawMeetingCommand {
  readonly id: string;
  readonly expectedVersion: number;
  readonly reason: string;
}

/** What a write did: the meeting as stored, the point entries it appended, and who earned nothing and why. */
export interface MeetingOutcome {
  readonly stored: StoredOrgLifeMeeting;
  readonly duplicate: boolean;
  readonly points: readonly AppendOutcome[];
  readonly skipped: readonly SkippedPoint[];
}

/** Records a meeting of a branch or one of its party groups, with the points its attendance earns. */
export async function recordOrgLifeMeeting(
  ctx: UseCaseContext,
  command: RecordMeetingCommand,
): Promise<MeetingOutcome> {
  requireAction(ctx, 'orglife.record');
  const meeting = parseMeeting(command, command.branch);
  authorise(ctx, 'orglife.record', { kind: 'node', code: meeting.branch }, branchText(meeting.branch));
  const repo = new OrgLifeRepository(ctx.em);
  const existing = await persist(() => repo.find(meeting.id));
  if (existing !== undefined) {
    // A retry of the same record is the stored one; anything else under the id is a conflict.
    if (existing.meeting.branch === meeting.branch && sameMeeting(existing.meeting, meeting)) {
      return { stored: existing, duplicate: true, points: [], skipped: [] };
    }
    throw conflict(meeting.id);
  }
  return write(ctx, meeting, { status: 'held' });
}

/** Corrects a meeting (its kind, day, topic, agenda or attendance): the points follow. */
export async function correctOrgLifeMeeting(
  ctx: UseCaseContext,
  command: CorrectMeetingCommand,
): Promise<MeetingOutcome> {
  requireAction(ctx, 'orglife.record');
  const stored = await storedMeeting(ctx, command.id);
  const meeting = parseMeeting(command, stored.meeting.branch, command.reason);
  return write(ctx, meeting, {
    status: 'held',
    decidedOnVersion: versionOf(stored, command.expectedVersion),
    note: command.reason,
  });
}

/** Withdraws (deletes) a meeting: it is kept, marked withdrawn, and every entry it earned is reversed. */
export async function withdrawOrgLifeMeeting(
  ctx: UseCaseContext,
  command: WithdrawMeetingCommand,
): Promise<MeetingOutcome> {
  requireAction(ctx, 'orglife.record');
  const check = new InputIssues();
  const reason = check.text(command.reason, ['reason'], TEXT.note);
  if (reason === undefined && check.issues.length === 0) check.add(required(['reason']));
  check.check();
  const stored = await storedMeeting(ctx, command.id);
  return write(ctx, stored.meeting, {
    status: 'withdrawn',
    decidedOnVersion: versionOf(stored, command.expectedVersion),
    note: reason!,
  });
}

/** The stored meeting, if the caller may record for its branch: NOT_FOUND otherwise, as for a missing one. */
async function storedMeeting(ctx: UseCaseContext, id: string): Promise<StoredOrgLifeMeeting> {
  const stored = await persist(() => new OrgLifeRepository(ctx.em).find(id));
  authorise(
    ctx,
    'orglife.record',
    stored === undefined || stored.status !== 'held'
      ? undefined
      : { kind: 'node', code: stored.meeting.branch },
    meetingText(id),
  );
  return stored!;
}

function versionOf(stored: StoredOrgLifeMeeting, expected: number): number {
  if (stored.version !== expected) {
    throw new GatewayError('CONFLICT', {
      zh: `会议 ${stored.meeting.id} 已是第 ${stored.version} 版，不是第 ${expected} 版：请重新读取后再更正`,
      en: `meeting ${stored.meeting.id} is at version ${stored.version}, not ${expected}: reload it and correct again`,
    });
  }
  return expected;
}

const conflict = (id: string) =>
  new GatewayError('CONFLICT', {
    zh: `会议编号 ${id} 已用于另一条记录；更正请用 correctOrgLifeMeeting，新会议请换用新编号`,
    en: `meeting id ${id} already belongs to another record; correct it with correctOrgLifeMeeting, or use a new id`,
  });

const required = (path: readonly (string | number)[]) => ({
  code: 'ORG_LIFE_INVALID_INPUT',
  message: { zh: '不能为空', en: 'must not be empty' },
  path,
});

/** The command as the domain's meeting; shape problems refused at once. */
function parseMeeting(
  command: Omit<RecordMeetingCommand, 'branch'>,
  branch: string,
  reason?: string,
): OrgLifeMeeting {
  const check = new InputIssues();
  check.text(command.id, ['id'], { max: 64 });
  check.text(branch, ['branch'], TEXT.code);
  check.text(command.group, ['group'], TEXT.code);
  const heldOn = check.date(command.heldOn, ['heldOn']);
  if (reason !== undefined && check.text(reason, ['reason'], TEXT.note) === undefined) {
    if (!check.issues.some((i) => i.path[0] === 'reason')) check.add(required(['reason']));
  }
  if (command.id.trim() === '') check.add(required(['id']));
  if ((command.agenda?.length ?? 0) > 30 || command.attendance.length > 5000) {
    check.add({
      code: 'ORG_LIFE_INVALID_INPUT',
      message: {
        zh: '议程最多 30 项，出勤最多 5000 人',
        en: 'at most 30 agenda items and 5,000 attendance rows',
      },
      path: ['attendance'],
    });
  }
  for (const [i, a] of command.attendance.entries()) {
    check.text(a.member, ['attendance', i, 'member'], TEXT.code);
    check.text(a.reason, ['attendance', i, 'reason'], { max: 500 });
  }
  check.check();
  return {
    id: command.id,
    kind: command.kind as OrgLifeKind,
    branch,
    ...(command.group ? { group: command.group } : {}),
    heldOn: heldOn!,
    topic: command.topic,
    agenda: [...(command.agenda ?? [])],
    attendance: command.attendance.map((a) => ({
      member: a.member,
      status: a.status as OrgLifeAttendanceStatus,
      ...(a.reason ? { reason: a.reason } : {}),
    })),
  };
}

function sameMeeting(a: OrgLifeMeeting, b: OrgLifeMeeting): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The members of a branch, and its party groups (the party tree's grid groups under it, by the grid they meet). */
export function rosterOf(
  ctx: UseCaseContext,
  branch: string,
  members: readonly StoredMember[],
): OrgLifeRoster {
  const tree = treeOf(ctx.services, branch);
  const groupOfGrid = new Map<string, string>();
  if (tree !== undefined) {
    for (const child of childrenOf(tree, branch)) {
      if (child.level === 'grid_group' && child.counterpart !== undefined)
        groupOfGrid.set(child.counterpart, child.code);
    }
  }
  return {
    branch,
    members: members.map((m) => {
      const group = m.grid === undefined ? undefined : groupOfGrid.get(m.grid);
      return group === undefined ? { code: m.code } : { code: m.code, group };
    }),
  };
}

/** The party groups 党小组 of a branch in the party tree. */
export function groupsOf(tree: OrgTree | undefined, branch: string): string[] {
  if (tree === undefined) return [];
  return childrenOf(tree, branch)
    .filter((n) => n.level === 'grid_group')
    .map((n) => n.code);
}

/**
 * The one write path: checks the meeting against the branch's members (a withdrawal checks
 * nothing), derives and reconciles its points, and stores both in one transaction.
 */
async function write(
  ctx: UseCaseContext,
  meeting: OrgLifeMeeting,
  how: {
    readonly status: 'held' | 'withdrawn';
    readonly decidedOnVersion?: number;
    readonly note?: string;
  },
): Promise<MeetingOutcome> {
  const on = today(ctx);
  const members = await persist(() =>
    new PointsMemberRepository(ctx.em).list({ branches: [meeting.branch] }),
  );
  const profileId = members[0]?.profileId ?? DEFAULT_PROFILE;
  const history = ruleHistoryFor(ctx, profileId);
  const rules = ctx.services.profiles().profileAt(profileId, meeting.heldOn);
  const orgLife = rules.ok ? rules.value.orgLife : rulesFor(ctx, profileId, on).orgLife;
  // The committee corrects after the branch's recording window: its day is the meeting's.
  const checkedOn = COMMITTEE_ROLES.has(ctx.principal.role) && meeting.heldOn <= on ? meeting.heldOn : on;
  const checked = checkMeeting(
    meeting,
    rosterOf(ctx, meeting.branch, members),
    orgLife,
    checkedOn as LocalDate,
  );
  // A withdrawal keeps the record as it was: only its recording window applies.
  const issues = checked.ok
    ? []
    : how.status === 'held'
      ? checked.issues
      : checked.issues.filter((i) => i.code === 'ORG_LIFE_DATE_OUT_OF_RANGE');
  if (issues.length > 0) throw badInput(issues);
  const sources = [{ kind: 'org_life' as const, id: meeting.id }];
  const ledger = ledgerOf(ctx);
  const facts: PointFact[] =
    how.status === 'withdrawn'
      ? []
      : [
          {
            kind: 'org_life',
            id: meeting.id,
            date: meeting.heldOn,
            subtype: meeting.kind,
            participants: meeting.attendance.map((a) => ({ member: a.member, outcome: a.status })),
          },
        ];
  return persist(async () => {
    const linked = (await ledger.linkedTo(sources)).map((r) => r.record);
    const directory = createMemberDirectory(members);
    if (!directory.ok) throw badInput(directory.issues);
    const context = { rules: rulesLookup(ctx)(profileId) ?? history, members: directory.value };
    const { inputs, skipped } = reconcilePoints(linked, derivePoints(facts, context), sources, {
      rules: context.rules,
      on,
    });
    const saved = await new OrgLifeRepository(ctx.em).save({
      meeting,
      status: how.status,
      ...(how.decidedOnVersion === undefined ? {} : { decidedOnVersion: how.decidedOnVersion }),
      recordedBy: ctx.principal.subject,
      on,
      ...(how.note === undefined ? {} : { note: how.note }),
      points: { inputs, ledger },
    });
    return { stored: saved.stored, duplicate: false, points: saved.appended, skipped };
  });
}
