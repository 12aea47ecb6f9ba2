import {
  checkUnitMemberRefs,
  checkUnitMemberRow,
  checkUnitRow,
  planUnit,
  planUnitMember,
  type RegisterUnit,
  type RegisterUnitMember,
  UNIT_MEMBERS_SHEET,
  UNITS_SHEET,
} from '@jiceng/domain';
import type { KeyedWrite } from '@jiceng/persistence';
import { NONE, type RegisterRun, readRegister, storedSurvive } from './register-rows.js';
import type { BookSheet } from './workbook.js';

/**
 * Reads dual registration's sheets 双报到: stationed units 驻区单位 and the in-service members
 * each registered 在职党员报到, compared with the stored rows by natural key.
 */

type Counts = { -readonly [K in keyof typeof NONE]: number };

function writesOf<T>(
  counts: Counts,
  changes: readonly { readonly change: 'added' | 'updated' | 'unchanged'; readonly next: T }[],
): KeyedWrite<T>[] {
  const writes: KeyedWrite<T>[] = [];
  for (const c of changes) {
    counts[c.change] += 1;
    if (c.change !== 'unchanged') writes.push({ change: c.change, record: c.next });
  }
  return writes;
}

/** 驻区单位: units with their kind, the community they register at and their party organisation. */
export async function readUnits(run: RegisterRun, sheet: BookSheet): Promise<void> {
  const places = await run.places();
  const counts = { ...NONE };
  const read = await readRegister(
    run.issues,
    sheet,
    UNITS_SHEET,
    (row, map) => checkUnitRow(row, map, places),
    async (records) => {
      const stored = await run.session.units(records.map((r) => r.code));
      const changes = records.map((r) => planUnit(stored.get(r.code), r));
      for (const c of changes) run.units.set(c.next.code, { branch: c.next.branch });
      const writes = writesOf<RegisterUnit>(counts, changes);
      if (run.writing) await run.session.storeUnits(writes);
    },
  );
  run.read.set('units', {
    report: { sheet: sheet.name, kind: 'units', rows: read.rows, counts, missing: [] },
    keys: read.keys,
  });
}

/**
 * 在职党员报到: each in-service member with their unit, checked against the members and units
 * after the import (the file's, else the stored ones the import keeps): the member's branch must
 * be the unit's party organisation.
 */
export async function readUnitMembers(run: RegisterRun, sheet: BookSheet): Promise<void> {
  const places = await run.places();
  const counts = { ...NONE };
  const read = await readRegister(
    run.issues,
    sheet,
    UNIT_MEMBERS_SHEET,
    (row, map) => checkUnitMemberRow(row, map, places),
    async (records) => {
      const outsideMembers = records.flatMap((r) =>
        run.memberBranches.has(r.registration.member) ? [] : [r.registration.member],
      );
      const storedMembers =
        outsideMembers.length > 0 && storedSurvive(run, 'members')
          ? await run.session.members(outsideMembers)
          : new Map();
      const outsideUnits = records.flatMap((r) =>
        run.units.has(r.registration.unit) ? [] : [r.registration.unit],
      );
      const storedUnits =
        outsideUnits.length > 0 && storedSurvive(run, 'units')
          ? await run.session.units(outsideUnits)
          : new Map();
      const clean = records.filter((r) => {
        const { member, unit } = r.registration;
        const issues = checkUnitMemberRefs(
          r,
          run.memberBranches.get(member) ?? storedMembers.get(member)?.member.branch,
          run.units.get(unit) ?? storedUnits.get(unit),
        );
        run.issues.add(...issues);
        return issues.length === 0;
      });
      const stored = await run.session.unitMembers(clean.map((r) => r.registration.member));
      const writes = writesOf<RegisterUnitMember>(
        counts,
        clean.map((r) => planUnitMember(stored.get(r.registration.member), r.registration)),
      );
      if (run.writing) await run.session.storeUnitMembers(writes);
    },
  );
  run.read.set('unitMembers', {
    report: { sheet: sheet.name, kind: 'unitMembers', rows: read.rows, counts, missing: [] },
    keys: read.keys,
  });
}
