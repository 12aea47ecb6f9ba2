import type { RegisterGroup } from '@jiceng/domain';
import { checkGroupMembers, checkGroupRow, GROUPS_SHEET, planGroup } from '@jiceng/domain';
import type { KeyedWrite } from '@jiceng/persistence';
import { NONE, type RegisterRun, readRegister, storedSurvive } from './register-rows.js';
import type { BookSheet } from './workbook.js';

/**
 * 功能党小组: functional party groups with their members, each member checked against the members
 * after the import (the file's, else the stored ones the import keeps).
 */
export async function readGroups(run: RegisterRun, sheet: BookSheet): Promise<void> {
  const places = await run.places();
  const counts = { ...NONE };
  const members = run.read.get('members')?.keys;
  const read = await readRegister(
    run.issues,
    sheet,
    GROUPS_SHEET,
    (row, map) => checkGroupRow(row, map, places),
    async (records) => {
      const outside = records.flatMap((r) => r.group.members.filter((m) => members?.has(m) !== true));
      const stored =
        outside.length > 0 && storedSurvive(run, 'members') ? await run.session.members(outside) : new Map();
      const clean = records.filter((r) => {
        const issues = checkGroupMembers(r, (m) => members?.has(m) === true || stored.has(m));
        run.issues.add(...issues);
        return issues.length === 0;
      });
      const before = await run.session.groups(clean.map((r) => r.group.code));
      const writes: KeyedWrite<RegisterGroup>[] = [];
      for (const r of clean) {
        const change = planGroup(before.get(r.group.code), r);
        counts[change.change] += 1;
        if (change.change !== 'unchanged') writes.push({ change: change.change, record: change.next });
      }
      if (run.writing) await run.session.storeGroups(writes);
    },
  );
  run.read.set('groups', {
    report: { sheet: sheet.name, kind: 'groups', rows: read.rows, counts, missing: [] },
    keys: read.keys,
  });
}
