import {
  buildOrgTree,
  checkFunctionalGroups,
  createGridDirectory,
  epochMillis,
  findMissingJointMeetings,
  gridStatistics,
  type Instant,
  isWithin,
  placePartyMembers,
  referenceProfile,
  reportRequest,
  rootOf,
  routePoint,
  unwrap,
  validateFunctionalGroups,
} from '@jiceng/domain';
import { generateReferenceGridDataset, referenceDatasetContext } from '@jiceng/domain/reference';
import { describe, expect, it } from 'vitest';

const data = generateReferenceGridDataset(referenceProfile);

describe('the reference dataset reproduces the seed street (speech 5)', () => {
  it('has the seed figures at scale 1', () => {
    expect(data.summary).toMatchObject({
      communities: 7, // 把7个社区划分为48个网格单元
      grids: 48,
      workers: 144, // 按照每个网格3名的标准，配备网格员144人
      partyMembers: 2645, // 共有党组织56个、党员2645名
      partyOrganisations: 56,
      functionalGroups: 52, // 功能党小组52个
      disputesMediated: 367, // 化解矛盾纠纷367件
      safetyHazards: 516, // 排查安全隐患516个
      serviceRequests: 8700, // 服务居民8700余人次
    });
    expect(data.teams.every((t) => t.workerIds.length === 3)).toBe(true);
    expect(
      data.partyMembers.filter(
        (m) => m.communityCode === data.communities[0]!.code && m.category === 'mobile',
      ),
    ).toHaveLength(42);
  });

  it('derives the same figures through the statistics', () => {
    const directory = unwrap(createGridDirectory(data));
    const stats = unwrap(
      gridStatistics(
        {
          directory,
          teams: data.teams,
          partyMembers: data.partyMembers,
          requests: data.requests,
          asOf: data.asOf,
        },
        referenceProfile.grid,
      ),
    );
    const street = stats.streets[0]!;
    expect([street.grids, street.workers, street.partyMembers, street.partyOrganisations]).toEqual([
      48, 144, 2645, 56,
    ]);
    expect(street.requests.byType).toEqual({
      dispute: expect.any(Number),
      safety_hazard: 516,
      service_request: 8700,
    });
    expect(street.requests.byStatus.resolved + street.requests.byStatus.closed).toBeGreaterThan(9000);
    expect(street.requests.overdue).toBeGreaterThan(0);
    expect(street.requests.escalated).toBeGreaterThan(0);
    expect(street.requests.timeToResolve.medianHours).toBeGreaterThan(0);
    expect(stats.communities.map((c) => c.grids)).toEqual([8, 7, 7, 7, 7, 6, 6]);
    for (const g of stats.grids) {
      expect(g.households).toBeGreaterThanOrEqual(referenceProfile.grid.households.min);
      expect(g.households).toBeLessThanOrEqual(referenceProfile.grid.households.max);
    }
  });

  it('is consistent with the rules that produced it', () => {
    const placement = unwrap(
      placePartyMembers(
        {
          gridCodes: data.grids.map((g) => g.code),
          members: data.partyMembers,
          gridOfBuilding: Object.fromEntries(
            data.grids.flatMap((g) => g.buildingIds.map((b) => [b, g.code])),
          ),
        },
        referenceProfile.grid,
      ),
    );
    expect(placement.belowMinimum).toEqual([]);
    for (const m of data.partyMembers) expect(placement.gridOfMember[m.id] ?? null).toBe(m.gridCode);
    unwrap(
      checkFunctionalGroups(
        {
          groups: data.functionalGroups,
          memberships: data.functionalGroupMemberships,
          memberIds: data.partyMembers.map((m) => m.id),
        },
        referenceProfile.grid,
      ),
    );
    const asOf = epochMillis(data.asOf);
    for (const r of data.requests)
      for (const e of r.events) expect(epochMillis(e.at)).toBeLessThanOrEqual(asOf);
    const context = referenceDatasetContext(data, referenceProfile);
    for (const b of data.buildings.slice(0, 40)) {
      const grid = data.grids.find((g) => g.buildingIds.includes(b.id))!;
      expect(routePoint(context.index, b.location)).toEqual({ status: 'inside', gridCode: grid.code });
    }
    const fresh = reportRequest(
      {
        id: 'R-new',
        type: 'dispute',
        at: data.asOf,
        reporter: { id: 'r', role: 'resident' },
        location: { kind: 'address', address: data.buildings[0]!.address },
      },
      context,
    );
    expect(unwrap(fresh).gridCode).toBe(data.grids[0]!.code);
  });

  it('loads into the organisation trees', () => {
    const admin = unwrap(buildOrgTree(data.administrativeRows, { kind: 'administrative' }));
    const party = unwrap(buildOrgTree(data.partyRows, { kind: 'party' }));
    expect(admin.nodes).toHaveLength(1 + 1 + 7 + 48 + data.buildings.length);
    expect(party.nodes).toHaveLength(56);
    unwrap(
      validateFunctionalGroups(party, {
        groups: data.functionalGroups,
        memberships: data.functionalGroupMemberships,
      }),
    );
  });

  it('holds joint meetings on the seed cadence, with one gap for the check to find', () => {
    const report = unwrap(
      findMissingJointMeetings(
        {
          streetCodes: data.streets.map((s) => s.code),
          communityCodes: data.communities.map((c) => c.code),
          meetings: data.meetings,
          from: data.period.from,
          to: data.period.to,
        },
        referenceProfile.grid,
      ),
    );
    expect(report.missing.map((c) => `${c.orgCode} ${c.period.label}`)).toEqual([
      `${data.communities[6]!.code} 2025-08`,
    ]);
    expect(report.checks.filter((c) => c.level === 'street').map((c) => c.status)).toEqual([
      'held',
      'held',
      'held',
      'held',
    ]);
    expect(report.adHoc.street).toBe(2);
  });

  it('is deterministic, plain data, and scales', () => {
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
    const small = generateReferenceGridDataset(referenceProfile, { scale: 0.3 });
    expect(generateReferenceGridDataset(referenceProfile, { scale: 0.3 })).toEqual(small);
    expect(small.summary).toMatchObject({
      communities: 2,
      grids: 15,
      workers: 45,
      partyMembers: 794,
      functionalGroups: 16,
    });
    expect(small.summary.disputesMediated).toBe(110);
    const other = generateReferenceGridDataset(referenceProfile, { scale: 0.3, seed: 6 });
    expect(other.summary.households).not.toBe(small.summary.households);
    expect(() => generateReferenceGridDataset(referenceProfile, { scale: 0 })).toThrow(RangeError);
    expect(data.asOf satisfies Instant).toBe('2025-12-20T18:00:00+08:00');
  });

  it('builds one party tree at any scale: several streets hang under the county committee', () => {
    const large = generateReferenceGridDataset(referenceProfile, { scale: 2.5 });
    expect(large.streets.length).toBeGreaterThan(1);
    const party = unwrap(buildOrgTree(large.partyRows, { kind: 'party' }));
    expect(rootOf(party).level).toBe('committee');
    expect(large.streets.every((s) => isWithin(party, rootOf(party).code, `P${s.code}`))).toBe(true);
    expect(large.summary.partyOrganisations).toBe(large.partyRows.length - 1);
    unwrap(buildOrgTree(large.administrativeRows, { kind: 'administrative' }));
  });
});

describe('the reference dataset around a given moment (what jiceng serve loads)', () => {
  const asOf = '2026-12-04T10:00:00+08:00';
  const data = generateReferenceGridDataset(referenceProfile, { asOf });
  const count = (year: string, type: string, status?: string) =>
    data.requests.filter(
      (r) =>
        r.reportedAt.startsWith(year) && r.type === type && (status === undefined || r.status === status),
    ).length;
  const open = data.requests.filter((r) => ['reported', 'assigned', 'in_progress'].includes(r.status));

  it('has the seed’s yearly figures for the last full year, all settled', () => {
    expect(data.period).toEqual({ from: '2025-01-01', to: '2026-12-04' });
    expect(data.asOf).toBe(asOf);
    expect(count('2025', 'dispute', 'closed')).toBe(367);
    expect(count('2025', 'safety_hazard')).toBe(516);
    expect(count('2025', 'service_request')).toBe(8700);
    expect(
      data.requests.filter(
        (r) =>
          r.reportedAt.startsWith('2025') &&
          r.status !== 'closed' &&
          r.status !== 'rejected' &&
          r.status !== 'duplicate',
      ),
    ).toEqual([]);
  });

  it('has the current year to date in proportion, and open requests a few days old', () => {
    // 337 of 365 days: about 92% of a year's services.
    expect(count('2026', 'service_request')).toBeGreaterThan(8700 * 0.88);
    expect(count('2026', 'service_request')).toBeLessThan(8700 * 1.0);
    expect(open.length).toBeGreaterThan(100);
    for (const r of open) {
      expect(epochMillis(asOf as Instant) - epochMillis(r.reportedAt)).toBeLessThan(10 * 86_400_000);
      expect(epochMillis(r.reportedAt)).toBeLessThan(epochMillis(asOf as Instant));
    }
    // Deadlines on both sides of the moment: some overdue, some still running.
    expect(open.some((r) => r.dueDate < '2026-12-04')).toBe(true);
    expect(open.some((r) => r.dueDate >= '2026-12-04')).toBe(true);
    // Nothing happens after the moment, and ids are numbered per year.
    expect(
      data.requests.every((r) => r.events.every((e) => epochMillis(e.at) <= epochMillis(asOf as Instant))),
    ).toBe(true);
    expect(data.meetings.every((m) => m.heldOn <= '2026-12-04')).toBe(true);
    expect(data.requests.map((r) => r.id)).toContain('R2025-000001');
    expect(data.requests.map((r) => r.id)).toContain('R2026-000001');
  });

  it('is deterministic for a seed and a moment, and moves with the moment', () => {
    expect(generateReferenceGridDataset(referenceProfile, { asOf, scale: 0.2 })).toEqual(
      generateReferenceGridDataset(referenceProfile, { asOf, scale: 0.2 }),
    );
    const january = generateReferenceGridDataset(referenceProfile, {
      asOf: '2027-01-03T09:00:00+08:00',
      scale: 0.2,
    });
    expect(january.period).toEqual({ from: '2026-01-01', to: '2027-01-03' });
    // Open requests straddle New Year; the calendar does not list 2027 yet, so they are provisional.
    expect(january.requests.some((r) => r.dueDateProvisional)).toBe(true);
    expect(() => generateReferenceGridDataset(referenceProfile, { asOf: 'yesterday' })).toThrow(RangeError);
  });
});
