import { createReadStream } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGatewayServices, type GatewayServices, importRegisters, type Role } from '@jiceng/gateway';
import { type Database, openDatabase } from '@jiceng/persistence';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  listStationedUnits,
  listUnitMembers,
  retireStationedUnit,
  retireUnitMember,
  saveStationedUnit,
  saveUnitMember,
} from '../src/application/onboarding/units.js';
import { GatewayError } from '../src/kernel/errors.js';
import { countyOrgRows, memberRows, writeXlsx } from './onboarding-fixtures.js';
import { e2eDatabases } from './support.js';

const NOW = new Date('2026-03-02T02:00:00Z');

describe.each(e2eDatabases())('stationed units one at a time on $name', (target) => {
  let db: Database;
  let drop: () => Promise<void>;
  let services: GatewayServices;

  beforeAll(async () => {
    const scratch = await target.create();
    drop = scratch.drop;
    db = await openDatabase({ url: scratch.url });
    services = await createGatewayServices(db, { record: () => {} });
    const path = join(await mkdtemp(join(tmpdir(), 'jiceng-units-')), 'county.xlsx');
    await writeXlsx(path, [
      { name: '组织', rows: countyOrgRows() },
      { name: '党员', rows: memberRows(12) },
    ]);
    const report = await importRegisters(ctx(), {
      file: { name: path, path, open: () => createReadStream(path) },
    });
    expect(report.issues).toEqual([]);
    await services.reloadOrgTrees();
  });

  afterAll(async () => {
    await services?.close();
    await db?.close();
    await drop?.();
  });

  function ctx(role: Role = 'county_admin', scope = 'K1') {
    return { principal: { subject: `test:${role}`, role, scope }, now: NOW, em: db.em.fork(), services };
  }
  async function refusal(work: Promise<unknown>): Promise<{ code: string; issues: string[] }> {
    try {
      await work;
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error;
      return { code: error.code, issues: error.issues.map((i) => i.code) };
    }
    throw new Error('not refused');
  }
  const unit = {
    code: 'U1',
    name: '县人民医院',
    kind: 'institution',
    community: 'K1S1C1',
    branch: 'PK1S1C1',
  };

  it('adds a unit, finds the same one unchanged, and updates it by its code', async () => {
    expect((await saveStationedUnit(ctx(), unit)).outcome).toBe('added');
    expect((await saveStationedUnit(ctx(), unit)).outcome).toBe('unchanged');
    expect((await saveStationedUnit(ctx(), { ...unit, name: '县第一人民医院' })).outcome).toBe('updated');
    expect(await listStationedUnits(ctx(), { community: 'K1S1C1' })).toEqual([
      { ...unit, name: '县第一人民医院' },
    ]);
  });

  it('refuses a bad kind, a grid for a community and an unknown party organisation with their codes', async () => {
    expect(
      await refusal(
        saveStationedUnit(ctx(), {
          ...unit,
          code: 'U9',
          kind: 'hospital',
          community: 'K1S1C1G1',
          branch: 'P?',
        }),
      ),
    ).toEqual({
      code: 'BAD_USER_INPUT',
      issues: ['ORG_INVALID_UNIT_KIND', 'ORG_NOT_A_COMMUNITY', 'ORG_UNKNOWN_ANCHOR'],
    });
    expect(await listStationedUnits(ctx())).toHaveLength(1);
  });

  it('registers members of the unit’s party organisation only, and holds the unit while they are registered', async () => {
    // Member i is in branch PK1S1C(1 + i % 3): M000000 is in the unit's, M000001 is not.
    expect((await saveUnitMember(ctx(), { member: 'M000000', unit: 'U1' })).outcome).toBe('added');
    expect((await saveUnitMember(ctx(), { member: 'M000000', unit: 'U1' })).outcome).toBe('unchanged');
    expect(
      (await saveUnitMember(ctx(), { member: 'M000000', unit: 'U1', community: 'K1S1C2' })).outcome,
    ).toBe('updated');
    expect(await refusal(saveUnitMember(ctx(), { member: 'M000001', unit: 'U1' }))).toEqual({
      code: 'BAD_USER_INPUT',
      issues: ['UNIT_WRONG_BRANCH'],
    });
    expect(await refusal(saveUnitMember(ctx(), { member: 'M999999', unit: 'U1' }))).toEqual({
      code: 'BAD_USER_INPUT',
      issues: ['UNIT_UNKNOWN_MEMBER'],
    });
    expect(await refusal(saveUnitMember(ctx(), { member: 'M000000', unit: 'U404' }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await listUnitMembers(ctx(), 'U1')).toEqual([
      { member: 'M000000', unit: 'U1', community: 'K1S1C2' },
    ]);
    expect((await refusal(retireStationedUnit(ctx(), 'U1'))).code).toBe('CONFLICT');
    expect(await retireUnitMember(ctx(), 'M000000')).toMatchObject({ member: 'M000000' });
    expect((await refusal(retireUnitMember(ctx(), 'M000000'))).code).toBe('NOT_FOUND');
    expect(await retireStationedUnit(ctx(), 'U1')).toMatchObject({ code: 'U1' });
    expect(await listStationedUnits(ctx())).toEqual([]);
  });

  it('scopes reads and writes by the unit’s community', async () => {
    await saveStationedUnit(ctx(), { ...unit, code: 'U2' });
    await saveStationedUnit(ctx(), { ...unit, code: 'U3', community: 'K1S1C2', branch: 'PK1S1C2' });
    // A community administrator sees their community's units, and may not write them.
    expect((await listStationedUnits(ctx('community_admin', 'K1S1C2'))).map((u) => u.code)).toEqual(['U3']);
    expect(
      (await refusal(listStationedUnits(ctx('community_admin', 'K1S1C2'), { community: 'K1S1C1' }))).code,
    ).toBe('NOT_FOUND');
    expect(
      (await refusal(saveStationedUnit(ctx('community_admin', 'K1S1C2'), { ...unit, code: 'U3' }))).code,
    ).toBe('FORBIDDEN');
    // A street administrator may; moving a unit needs both communities within the scope.
    expect(
      (await saveStationedUnit(ctx('street_admin', 'K1S1'), { ...unit, code: 'U2', community: 'K1S1C3' }))
        .outcome,
    ).toBe('updated');
  });
});
