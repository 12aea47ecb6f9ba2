import {
  cellOf,
  checkMemberBuilding,
  checkMemberRow,
  type ImportIssue,
  MEMBERS_SHEET,
  type MemberRecord,
  planMember,
  type RegisterMember,
} from '@jiceng/domain';
import type { GridPlacement, MemberWrite, RegisteredMember } from '@jiceng/persistence';
import { NONE, type RegisterRun, readRegister, storedSurvive } from './register-rows.js';
import type { BookSheet } from './workbook.js';

/**
 * Reads the party members' sheet 党员: each row checked against the profile and the trees, its
 * building (if it names one) against the file's buildings and the stored ones that stay, and the
 * batch compared with the stored members by code and written.
 */
export async function readMembers(run: RegisterRun, sheet: BookSheet): Promise<void> {
  const rules = { ...run.rules, places: await run.places() };
  const counts = { ...NONE };
  const { rows, keys } = await readRegister(
    run.issues,
    sheet,
    MEMBERS_SHEET,
    (row, map) => checkMemberRow(row, map, rules),
    async (records, map) => {
      const unplaced = records.flatMap((r) =>
        r.building !== undefined && !run.buildings.has(r.building) ? [r.building] : [],
      );
      const storedBuildings =
        unplaced.length > 0 && storedSurvive(run, 'buildings')
          ? await run.session.buildings(unplaced)
          : new Map();
      const clean: MemberRecord[] = [];
      for (const record of records) {
        const building =
          record.building === undefined
            ? undefined
            : (run.buildings.get(record.building) ?? storedBuildings.get(record.building));
        const issues: ImportIssue[] = checkMemberBuilding(
          record,
          cellOf(MEMBERS_SHEET, map, record.row, 'building'),
          building,
        );
        run.issues.add(...issues);
        if (issues.length === 0) clean.push(record);
      }
      const stored = await run.session.members(clean.map((r) => r.code));
      const writes: MemberWrite[] = [];
      for (const record of clean) {
        const before = stored.get(record.code);
        const change = planMember(before && registerMemberOf(before), record, run.rules.today);
        run.memberBranches.set(change.member.code, change.member.branch);
        const profileMoved = before !== undefined && before.member.profileId !== run.options.profileId;
        const kind = change.change === 'unchanged' && profileMoved ? 'updated' : change.change;
        counts[kind] += 1;
        if (kind !== 'unchanged') writes.push(memberWrite(kind, change.member, run.options.profileId));
      }
      if (run.writing) await run.session.storeMembers(writes);
    },
  );
  run.read.set('members', {
    report: { sheet: sheet.name, kind: 'members', rows, counts, missing: [] },
    keys,
  });
}

/** A stored member as the register compares them. */
export function registerMemberOf(stored: RegisteredMember): RegisterMember {
  const m = stored.member;
  const building = stored.placement?.buildingId ?? null;
  return {
    code: m.code,
    name: m.name,
    branch: m.branch,
    ...(m.community === undefined ? {} : { community: m.community }),
    ...(m.grid === undefined ? {} : { grid: m.grid }),
    ...(stored.placement === undefined ? {} : { street: stored.placement.streetCode }),
    ...(building === null ? {} : { building }),
    ...(m.workUnit === undefined ? {} : { workUnit: m.workUnit }),
    ...(m.mobile === undefined ? {} : { mobile: m.mobile }),
    ...(m.residentId === undefined ? {} : { residentId: m.residentId }),
    categories: m.categories,
    ...(m.dualRegistrations === undefined ? {} : { dualRegistrations: m.dualRegistrations }),
  };
}

/** What to store of a member: the record, and their placement on the grid side with their building. */
export function memberWrite(
  change: MemberWrite['change'],
  member: RegisterMember,
  profileId: string,
): MemberWrite {
  const placement: GridPlacement | null =
    member.street === undefined
      ? null
      : {
          streetCode: member.street,
          communityCode: member.community ?? null,
          gridCode: member.grid ?? null,
          buildingId: member.building ?? null,
        };
  return {
    change,
    member: {
      code: member.code,
      name: member.name,
      branch: member.branch,
      ...(member.community === undefined ? {} : { community: member.community }),
      ...(member.grid === undefined ? {} : { grid: member.grid }),
      ...(member.workUnit === undefined ? {} : { workUnit: member.workUnit }),
      ...(member.mobile === undefined ? {} : { mobile: member.mobile }),
      ...(member.residentId === undefined ? {} : { residentId: member.residentId }),
      categories: member.categories,
      ...(member.dualRegistrations === undefined ? {} : { dualRegistrations: member.dualRegistrations }),
      profileId,
    },
    placement,
  };
}
