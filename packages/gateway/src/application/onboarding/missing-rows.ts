import { type ImportIssue, REGISTER_SHEETS, type SheetKind } from '@jiceng/domain';
import type { RegisterImportSession } from '@jiceng/persistence';
import { LISTED_MISSING, manages, type RegisterRun } from './register-rows.js';

/**
 * Stored rows the file no longer has: reported per sheet, and with `removeMissing` removed —
 * unless something that stays still needs them. Registers are settled dependents first (teams,
 * workers, members, buildings), so a row is not held back by one that goes in the same import.
 *
 * - a grid worker stays while a team the import keeps lists them;
 * - a member stays while they have point entries (the ledger is append-only), or a grid worker
 *   the import keeps is linked to them (clear the worker's 党员编号 first, or keep the member);
 * - a building stays while a member the import keeps lives in it;
 * - a stationed unit stays while an in-service member the import keeps is registered with it,
 *   and a member while the import keeps their registration or a functional group listing them;
 * - an organisation node stays while a member, building, worker or team the import keeps is at it.
 *
 * Rows of the file were checked against what the import leaves, so only stored rows the file
 * lacks can still hold a removed one. A sheet without data rows manages nothing: its register is
 * left as stored.
 */
export async function settleMissing(
  run: RegisterRun,
  organisations: { readonly sheet: string; readonly missing: readonly string[] } | undefined,
): Promise<void> {
  const removed = new Map<SheetKind, ReadonlySet<string>>();
  const kept = (kind: SheetKind, key: string) =>
    run.read.get(kind)?.keys.has(key) !== true && removed.get(kind)?.has(key) !== true;
  for (const kind of [
    'groups',
    'unitMembers',
    'teams',
    'workers',
    'members',
    'units',
    'buildings',
  ] as const) {
    const read = run.read.get(kind);
    if (read === undefined || !manages(run, kind)) continue;
    const missing = (await storedKeys(run.session, kind)).filter((k) => !read.keys.has(k)).sort();
    let gone = new Set<string>();
    if (run.options.removeMissing && missing.length > 0) {
      const held = new Map<string, ImportIssue>();
      const hold = (key: string, by: string, message: ImportIssue['message']) => {
        if (held.has(key)) return;
        held.set(key, {
          sheet: read.report.sheet,
          row: 0,
          column: spec(kind).columns[0]!.header.zh,
          code: 'IMPORT_STILL_IN_USE',
          message,
          details: { key, by },
        });
      };
      if (kind === 'workers') {
        for (const t of await run.session.teamsWith(missing)) {
          if (!kept('teams', t.grid)) continue;
          hold(t.worker, t.grid, {
            zh: `网格员“${t.worker}”已不在表中，但仍在网格 ${t.grid} 的团队中，不能删除`,
            en: `grid worker "${t.worker}" is no longer in the file but is still in the team of grid ${t.grid}, so cannot be removed`,
          });
        }
      } else if (kind === 'members') {
        for (const code of await run.session.withPointEntries(missing)) {
          hold(code, 'points_ledger', {
            zh: `党员“${code}”已不在表中，但有积分记录，不能删除；请保留该行`,
            en: `member "${code}" is no longer in the file but has point entries, so cannot be removed; keep the row`,
          });
        }
        for (const g of await run.session.groupsWith(missing)) {
          if (!kept('groups', g.group)) continue;
          hold(g.member, g.group, {
            zh: `党员“${g.member}”已不在表中，但仍是功能党小组“${g.group}”的成员，不能删除`,
            en: `member "${g.member}" is no longer in the file but is still in functional group "${g.group}", so cannot be removed`,
          });
        }
        for (const member of await run.session.registeredOf(missing)) {
          if (!kept('unitMembers', member)) continue;
          hold(member, 'stationed_unit_member', {
            zh: `党员“${member}”已不在表中，但仍随驻区单位报到；请先删除其在职党员报到行，或保留该党员`,
            en: `member "${member}" is no longer in the file but is still registered with a stationed unit; remove their registered members row first, or keep the member`,
          });
        }
        for (const w of await run.session.workersLinkedTo(missing)) {
          if (!kept('workers', w.code)) continue;
          hold(w.member, w.code, {
            zh: `党员“${w.member}”已不在表中，但网格员“${w.code}”仍关联该党员；请先清除该网格员的党员编号，或保留该党员`,
            en: `member "${w.member}" is no longer in the file but grid worker "${w.code}" is linked to them; clear the worker's member code first, or keep the member`,
          });
        }
      } else if (kind === 'units') {
        for (const r of await run.session.unitMembersOf(missing)) {
          if (!kept('unitMembers', r.member)) continue;
          hold(r.unit, r.member, {
            zh: `驻区单位“${r.unit}”已不在表中，但在职党员“${r.member}”仍随它报到，不能删除`,
            en: `stationed unit "${r.unit}" is no longer in the file but in-service member "${r.member}" is still registered with it, so cannot be removed`,
          });
        }
      } else if (kind === 'buildings') {
        for (const m of await run.session.membersInBuildings(missing)) {
          if (!kept('members', m.code)) continue;
          hold(m.building, m.code, {
            zh: `楼栋“${m.building}”已不在表中，但党员“${m.code}”仍住在其中，不能删除`,
            en: `building "${m.building}" is no longer in the file but member "${m.code}" still lives in it, so cannot be removed`,
          });
        }
      }
      run.issues.add(...held.values());
      gone = new Set(missing.filter((k) => !held.has(k)));
    }
    removed.set(kind, gone);
    read.report = {
      ...read.report,
      counts: { ...read.report.counts, missing: missing.length, removed: gone.size },
      missing: missing.slice(0, LISTED_MISSING),
    };
  }
  if (organisations !== undefined && run.options.removeMissing && organisations.missing.length > 0) {
    const users = [
      ...(await run.session.placedAt(organisations.missing)).map((p) => ({
        register: 'members' as const,
        key: p.code,
        node: p.node,
      })),
      ...(await run.session.gridRowsAt(organisations.missing)),
      ...(await run.session.unitRowsAt(organisations.missing)),
      ...(await run.session.groupsAt(organisations.missing)),
    ];
    for (const u of users) {
      if (!kept(u.register, u.key)) continue;
      const what = spec(u.register).name;
      run.issues.add({
        sheet: organisations.sheet,
        row: 0,
        code: 'IMPORT_STILL_IN_USE',
        message: {
          zh: `组织“${u.node}”已不在表中，但${what.zh}“${u.key}”仍属于它，不能删除`,
          en: `organisation "${u.node}" is no longer in the file but ${what.en} "${u.key}" still belongs to it, so it cannot be removed`,
        },
        details: { key: u.node, [u.register.slice(0, -1)]: u.key },
      });
    }
  }
  if (!run.writing) return;
  await run.session.removeGroups([...(removed.get('groups') ?? [])]);
  await run.session.removeUnitMembers([...(removed.get('unitMembers') ?? [])]);
  await run.session.removeTeams([...(removed.get('teams') ?? [])]);
  await run.session.removeWorkers([...(removed.get('workers') ?? [])]);
  await run.session.removeMembers([...(removed.get('members') ?? [])]);
  await run.session.removeUnits([...(removed.get('units') ?? [])]);
  await run.session.removeBuildings([...(removed.get('buildings') ?? [])]);
}

function spec(kind: SheetKind) {
  return REGISTER_SHEETS.find((s) => s.kind === kind)!;
}

function storedKeys(
  session: RegisterImportSession,
  kind: 'groups' | 'unitMembers' | 'teams' | 'workers' | 'members' | 'units' | 'buildings',
) {
  switch (kind) {
    case 'groups':
      return session.groupCodes();
    case 'unitMembers':
      return session.unitMemberCodes();
    case 'units':
      return session.unitCodes();
    case 'teams':
      return session.teamGrids();
    case 'workers':
      return session.workerCodes();
    case 'members':
      return session.memberCodes();
    case 'buildings':
      return session.buildingCodes();
  }
}
