import {
  cellOf,
  checkMemberBuilding,
  checkMemberRow,
  fieldsRow,
  type ImportIssue,
  MEMBERS_SHEET,
  type MemberRecord,
  parseLocalDate,
  planMember,
  type RegisterMember,
} from '@jiceng/domain';
import {
  type RegisteredMember,
  RegisterWriteRepository,
  type RegisterWriteSession,
  type StoredMember,
} from '@jiceng/persistence';
import { authorise, requireAction } from '../../auth/authorise.js';
import type { ResourceOf } from '../../auth/policy.js';
import { badInput, GatewayError, persist } from '../../kernel/errors.js';
import { today } from '../../time.js';
import type { UseCaseContext } from '../context.js';
import { type InputIssues, TEXT } from '../inputs.js';
import { memberWrite, registerMemberOf } from '../onboarding/member-register.js';
import { memberText } from '../points/access.js';
import { rulesFor } from '../rules.js';
import {
  checkKey,
  type KeyedCommand,
  keyedWrite,
  placesFor,
  refuseRow,
  type WriteAnswer,
  type Written,
} from './writes.js';

/**
 * Party members 党员 one at a time (the registers' write API, issue #16): create, update, move and
 * retire, each checked by the import's own row rules (`checkMemberRow`: resident ID with its check
 * digit, mainland mobile, the category of the profile, the branch in the party tree, grid inside
 * community; `checkMemberBuilding`; `planMember` for category spans and dual registrations) and
 * stored in the one member table as the import stores them. The policy (`member.write`) is asked
 * once, on the member as stored and as written: both must lie within the caller's scope.
 *
 * A member is never deleted here: retiring keeps the row and the ledger, and takes the member out
 * of the grid side (statistics, party groups) and of the rankings of the retirement year on.
 */

/** A member's own fields. `undefined`: keep what is stored; `null`: clear it (where it may be blank). */
export interface PartyMemberFields {
  readonly name?: string | null | undefined;
  /** A category of the profile, by code or name. */
  readonly category?: string | null | undefined;
  /** YYYY-MM-DD: the day the (new) category applies from. */
  readonly categorySince?: string | null | undefined;
  readonly workUnit?: string | null | undefined;
  readonly mobile?: string | null | undefined;
  readonly residentId?: string | null | undefined;
  /** The community an in-service member reports to 双报到 (code or name); null ends it. */
  readonly registeredCommunity?: string | null | undefined;
}

/** Where a member belongs and lives: branch, grid, community, building (codes or names). */
export interface MemberPlaceFields {
  readonly branch?: string | null | undefined;
  readonly grid?: string | null | undefined;
  readonly community?: string | null | undefined;
  readonly building?: string | null | undefined;
}

export interface CreatePartyMemberCommand extends KeyedCommand {
  readonly code: string;
  readonly fields: PartyMemberFields & MemberPlaceFields;
  /** The rule profile the member is checked against and kept under (default `reference`). */
  readonly profileId?: string | null | undefined;
}

export interface UpdatePartyMemberCommand extends KeyedCommand {
  readonly code: string;
  readonly fields: PartyMemberFields;
}

export interface MovePartyMemberCommand extends KeyedCommand {
  readonly code: string;
  readonly to: MemberPlaceFields;
}

export interface RetirePartyMemberCommand extends KeyedCommand {
  readonly code: string;
  /** YYYY-MM-DD, not after today; default today. */
  readonly on?: string | null | undefined;
}

/** A member as a write leaves them. */
export interface MemberWritten {
  readonly member: StoredMember;
  /** What this write did; `unchanged` also for a replay. */
  readonly change: 'added' | 'updated' | 'unchanged' | 'retired';
  readonly street: string | null;
  readonly building: string | null;
  readonly retiredOn: string | null;
}

/**
 * Creates a party member. A code that is taken is CONFLICT (the same key and command again is a
 * replay, answered with the member).
 *
 * @example
 * await createPartyMember(ctx, { idempotencyKey: 'k1', code: 'm9001', fields: { name: '张三', category: '骨干类', branch: 'P330102001001' } });
 */
export function createPartyMember(
  ctx: UseCaseContext,
  command: CreatePartyMemberCommand,
): Promise<WriteAnswer<MemberWritten>> {
  return writeMember(ctx, 'createPartyMember', command.code, command, async (session, stored) => {
    if (stored !== undefined) {
      throw new GatewayError('CONFLICT', {
        zh: `党员编号 ${command.code} 已被占用`,
        en: `member code ${command.code} is already taken`,
      });
    }
    return { fields: command.fields, profileId: command.profileId ?? 'reference', session };
  });
}

/** Changes a member's own fields (name, category, contacts, dual registration). */
export function updatePartyMember(
  ctx: UseCaseContext,
  command: UpdatePartyMemberCommand,
): Promise<WriteAnswer<MemberWritten>> {
  return writeMember(ctx, 'updatePartyMember', command.code, command, async (session, stored) => ({
    fields: command.fields,
    profileId: existing(command.code, stored).member.profileId,
    session,
  }));
}

/** Moves a member to another branch, grid, community or building. */
export function movePartyMember(
  ctx: UseCaseContext,
  command: MovePartyMemberCommand,
): Promise<WriteAnswer<MemberWritten>> {
  return writeMember(ctx, 'movePartyMember', command.code, command, async (session, stored) => ({
    fields: command.to,
    profileId: existing(command.code, stored).member.profileId,
    session,
  }));
}

/**
 * Retires a member from the register on a day (default today): the row and the ledger stay; they
 * leave the grid side at once and the rankings of that year on. Retiring a retired member changes
 * nothing.
 */
export async function retirePartyMember(
  ctx: UseCaseContext,
  command: RetirePartyMemberCommand,
): Promise<WriteAnswer<MemberWritten>> {
  const check = checkKey(command);
  check.text(command.code, ['code'], TEXT.code);
  const day = today(ctx);
  let on = day;
  if (command.on !== null && command.on !== undefined) {
    const parsed = parseLocalDate(command.on, ['on']);
    if (!parsed.ok) check.add(...parsed.issues);
    else if (parsed.value > day) {
      check.add({
        code: 'REGISTER_DATE_IN_FUTURE',
        path: ['on'],
        message: {
          zh: `注销日期 ${parsed.value} 晚于今天（${day}）`,
          en: `the retirement day ${parsed.value} is after today (${day})`,
        },
      });
    } else on = parsed.value;
  }
  check.check();
  requireAction(ctx, 'member.write');
  const written = await keyedWrite(
    ctx,
    { operation: 'retirePartyMember', subject: command.code, command: { ...command, on } as KeyedCommand },
    async (session): Promise<MemberWritten['change']> => {
      const stored = existing(command.code, (await session.members([command.code])).get(command.code));
      authorise(ctx, 'member.write', memberResource(registerMemberOf(stored)), memberText(command.code));
      if (stored.retiredOn !== undefined) return 'unchanged';
      await session.retireMember(command.code, on);
      return 'retired';
    },
  );
  return answer(ctx, command.code, written);
}

/** The stored member a write names: NOT_FOUND when missing, in the words of one out of scope. */
function existing(code: string, stored: RegisteredMember | undefined): RegisteredMember {
  if (stored === undefined) {
    throw new GatewayError('NOT_FOUND', {
      zh: `未找到：${memberText(code).zh}`,
      en: `not found: ${memberText(code).en}`,
    });
  }
  return stored;
}

function memberResource(...members: RegisterMember[]): ResourceOf<'member.write'> {
  return { kind: 'all', resources: members.map((member) => ({ kind: 'member', member }) as const) };
}

type Decided = {
  readonly fields: PartyMemberFields & MemberPlaceFields;
  readonly profileId: string;
  readonly session: RegisterWriteSession;
};

/**
 * One member write: the command checked, the stored member read in the write's transaction, the
 * row checked by the import's rules (the stored record filling the fields the command leaves
 * out), the policy asked once on the member before and after, and the planned member stored.
 */
async function writeMember(
  ctx: UseCaseContext,
  operation: string,
  code: string,
  command: KeyedCommand & { readonly code: string },
  decide: (session: RegisterWriteSession, stored: RegisteredMember | undefined) => Promise<Decided>,
): Promise<WriteAnswer<MemberWritten>> {
  const check: InputIssues = checkKey(command);
  check.text(code, ['code'], TEXT.code);
  check.check();
  requireAction(ctx, 'member.write');
  const written = await keyedWrite(
    ctx,
    { operation, subject: code, command },
    async (session): Promise<MemberWritten['change']> => {
      const stored = (await session.members([code])).get(code);
      const { fields, profileId } = await decide(session, stored);
      const before = stored === undefined ? undefined : registerMemberOf(stored);
      const rules = rulesFor(ctx, profileId);
      const day = today(ctx);
      const given = { code, ...fields };
      const {
        row,
        map,
        issues: cellIssues,
      } = fieldsRow(MEMBERS_SHEET, {
        ...(before === undefined ? {} : storedFields(before, rules.points.categories, moves(fields))),
        ...given,
      });
      const checked = checkMemberRow(row, map, {
        categories: rules.points.categories,
        today: day,
        places: placesFor(ctx),
      });
      const issues: ImportIssue[] = [...cellIssues, ...checked.issues];
      const record: MemberRecord | undefined = cellIssues.length === 0 ? checked.record : undefined;
      if (record?.building !== undefined) {
        const building = (await session.buildings([record.building])).get(record.building);
        issues.push(
          ...checkMemberBuilding(record, cellOf(MEMBERS_SHEET, map, 1, 'building'), building ?? undefined),
        );
      }
      const planned = record === undefined || issues.length > 0 ? undefined : planMember(before, record, day);
      const resources = [
        ...(before === undefined ? [] : [before]),
        ...(planned === undefined ? [] : [planned.member]),
      ];
      if (resources.length > 0)
        authorise(ctx, 'member.write', memberResource(...resources), memberText(code));
      refuseRow(MEMBERS_SHEET, issues);
      if (stored?.retiredOn !== undefined) {
        throw badInput([
          {
            code: 'REGISTER_RETIRED',
            path: ['code'],
            message: {
              zh: `党员 ${code} 已于 ${stored.retiredOn} 注销，不能再修改`,
              en: `member ${code} was retired on ${stored.retiredOn} and can no longer be changed`,
            },
          },
        ]);
      }
      const change = planned!.change;
      if (change !== 'unchanged')
        await session.storeMembers([memberWrite(change, planned!.member, profileId)]);
      return change;
    },
  );
  return answer(ctx, code, written);
}

/** Whether a command places the member anew: a grid or community given replaces where they live. */
function moves(fields: MemberPlaceFields): boolean {
  return fields.grid !== undefined || fields.community !== undefined;
}

/**
 * A stored member as the cells of a row, for the fields a command leaves out. When the command
 * places the member anew, the stored grid, community and building go: the community then follows
 * the grid given, and a building must be given again.
 */
function storedFields(
  m: RegisterMember,
  categories: readonly { readonly code: string }[],
  placedAnew: boolean,
): Record<string, string> {
  const current = m.categories.at(-1)?.category;
  const open = m.dualRegistrations?.find((r) => r.to === undefined)?.community;
  return {
    name: m.name,
    branch: m.branch,
    ...(current !== undefined && categories.some((c) => c.code === current) ? { category: current } : {}),
    ...(placedAnew || m.grid === undefined ? {} : { grid: m.grid }),
    ...(placedAnew || m.community === undefined ? {} : { community: m.community }),
    ...(placedAnew || m.building === undefined ? {} : { building: m.building }),
    ...(open === undefined ? {} : { registeredCommunity: open }),
  };
}

/** The member after a write (or as the first write left them, for a replay). */
async function answer(
  ctx: UseCaseContext,
  code: string,
  written: Written<MemberWritten['change']>,
): Promise<WriteAnswer<MemberWritten>> {
  const stored = await persist(() =>
    new RegisterWriteRepository(ctx.em).read(async (session) => (await session.members([code])).get(code)),
  );
  // Gone after a replay: removed by an import since. Answered as missing, never as a stale record.
  const member = existing(code, stored);
  return {
    replayed: written.replayed,
    value: {
      member: member.member,
      change: written.replayed ? 'unchanged' : written.value,
      street: member.placement?.streetCode ?? null,
      building: member.placement?.buildingId ?? null,
      retiredOn: member.retiredOn ?? null,
    },
  };
}
