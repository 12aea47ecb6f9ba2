import {
  epochMillis,
  escalateRequest,
  findMissingJointMeetings,
  type Instant,
  type LocalDate,
  localDateOf,
  OPEN_REQUEST_STATUSES,
  type PartitionOptions,
  type RequestCommand,
  referenceProfile,
  repartitionCommunity,
  requestContextOf,
  requestSla,
  transitionRequest,
  unwrap,
} from '@jiceng/domain';
import { generateReferenceGridDataset, referenceDatasetContext } from '@jiceng/domain/reference';
import {
  ConcurrentUpdateError,
  type Database,
  DuplicateKeyError,
  GridRepository,
  InvalidInputError,
  OrgRepository,
  PointsMemberRepository,
  ResidentRequestRepository,
  type StatisticsScope,
  type StoredRequestWithTrail,
} from '@jiceng/persistence';
import { seedGridDataset } from '@jiceng/persistence/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gridEntities } from '../src/grid/schemas.js';
import { OrgNodeSchema } from '../src/org/org-nodes.js';
import { PointsMemberSchema } from '../src/points/schemas.js';
import { pointsMembersOf } from '../src/points/seed-members.js';
import { openScratchDatabase, testDatabases } from './support/databases.js';

const data = generateReferenceGridDataset(referenceProfile, { scale: 0.3 });
const [c1, c2] = data.communities.map((c) => c.code) as [string, string];
const street = data.streets[0]!.code;
const context = requestContextOf(referenceProfile);
const worker = { id: 'W0001', role: 'grid_worker' } as const;
const community = { id: c2, role: 'community' } as const;
const open = OPEN_REQUEST_STATUSES as readonly string[];

describe.each(testDatabases())('grid repositories on $name', (target) => {
  let db: Database & { drop(): Promise<void> };
  let grids: GridRepository;
  let requests: ResidentRequestRepository;

  beforeAll(async () => {
    db = await openScratchDatabase(target, [...gridEntities, OrgNodeSchema, PointsMemberSchema]);
    await seedGridDataset(db.em, data);
    grids = new GridRepository(db.em);
    requests = new ResidentRequestRepository(db.em);
  });

  /** The stored request, as a use case reads it to decide a step. */
  const read = async (id: string): Promise<StoredRequestWithTrail> => {
    const stored = await requests.get(id);
    expect(stored).toBeDefined();
    return stored!;
  };

  /** A step decided by the domain on a stored request, written at the version it was decided on. */
  const step = (decidedOn: StoredRequestWithTrail, command: RequestCommand) =>
    requests.save(unwrap(transitionRequest(decidedOn.full, command, context)), { decidedOn });

  /** An escalation sweep as the gateway's use case runs it: decided on what was read, written at those versions. */
  const sweep = async (now: Instant, scope?: StatisticsScope) => {
    const candidates = await requests.sweepCandidates(localDateOf(now), scope);
    const changes = candidates.flatMap((decidedOn) => {
      const next = unwrap(escalateRequest(decidedOn.full, now, context));
      return next === decidedOn.full ? [] : [{ next, decidedOn }];
    });
    const { saved, skipped } = await requests.saveAll(changes);
    const escalated = changes
      .filter((c) => saved.includes(c.next.id) && c.next.events.length > c.decidedOn.eventCount)
      .map((c) => c.next.id);
    return { examined: candidates.length, escalated, skipped };
  };

  afterAll(async () => {
    await db.drop();
  });

  describe('grids, buildings and teams', () => {
    it('loads many in one call each, in the order asked', async () => {
      const codes = [`${c2}-G02`, 'nope', `${c1}-G01`];
      expect((await grids.gridsByCodes(codes)).map((g) => g.code)).toEqual([`${c2}-G02`, `${c1}-G01`]);
      expect((await grids.gridsOfCommunities([c2])).map((g) => g.code)).toEqual(
        data.grids.filter((g) => g.communityCode === c2).map((g) => g.code),
      );
      const buildings = await grids.buildingsOfGrids([`${c1}-G01`, `${c2}-G01`]);
      expect(buildings.get(`${c1}-G01`)?.map((b) => b.id)).toEqual(data.grids[0]!.buildingIds);
      const teams = await grids.teamsOf([`${c1}-G02`, `${c1}-G01`]);
      expect(teams.get(`${c1}-G01`)?.map((w) => w.id)).toEqual(data.teams[0]!.workerIds);
      expect(teams.get(`${c1}-G02`)?.[0]).toMatchObject({ homeCommunityCode: c1 });
      expect((await grids.workersByIds(['W0003', 'W0001'])).map((w) => w.id)).toEqual(['W0003', 'W0001']);
    });

    it('routes by address, by point and by grid, and says when a location is in no grid', async () => {
      const b3 = data.buildings.find((b) => b.id === `${c2}-B003`)!;
      const gridOfB3 = data.grids.find((g) => g.buildingIds.includes(b3.id))!.code;
      expect(await grids.route({ kind: 'address', address: '胜利街 ３ 号' })).toEqual({
        status: 'inside',
        gridCode: gridOfB3,
        communityCode: c2,
        streetCode: street,
      });
      expect(await grids.route({ kind: 'address', address: b3.id })).toMatchObject({ gridCode: gridOfB3 });
      expect(await grids.route({ kind: 'address', address: '无名路1号' })).toEqual({
        status: 'unknown_address',
        address: '无名路1号',
      });
      expect(await grids.route({ kind: 'point', point: [112.7005, 32.003] })).toMatchObject({
        status: 'inside',
        gridCode: `${c1}-G01`,
      });
      expect(await grids.route({ kind: 'point', point: [112.6, 32.003] })).toEqual({
        status: 'outside',
        nearestGridCode: `${c1}-G01`,
      });
      expect(await grids.route({ kind: 'grid', gridCode: 'nope' })).toEqual({
        status: 'unknown_grid',
        gridCode: 'nope',
      });
    });

    it('counts each grid party group with one GROUP BY, empty groups included', async () => {
      const sizes = await grids.partyGroupSizes({ communityCodes: [c1] });
      expect(sizes.map((s) => s.gridCode)).toEqual(
        data.grids.filter((g) => g.communityCode === c1).map((g) => g.code),
      );
      for (const s of sizes) {
        expect(s.members).toBe(data.partyMembers.filter((m) => m.gridCode === s.gridCode).length);
      }
    });

    it('lists joint meetings for the domain’s check, which finds the missing one', async () => {
      const meetings = await grids.jointMeetings([street, c1, c2], '2025-01-01', '2025-12-20');
      expect(meetings).toHaveLength(data.meetings.length);
      const report = unwrap(
        findMissingJointMeetings(
          { streetCodes: [street], communityCodes: [c1, c2], meetings, from: '2025-01-01', to: '2025-12-20' },
          referenceProfile.grid,
        ),
      );
      expect(report.missing.map((m) => `${m.orgCode} ${m.period.label}`)).toEqual([`${c2} 2025-08`]);
      expect(await grids.jointMeetings([c1], '2025-03-01', '2025-03-31')).toHaveLength(1);
    });

    it('records joint meetings, refusing a repeated id', async () => {
      const held = {
        id: 'JM-late',
        level: 'community',
        orgCode: c2,
        heldOn: '2025-08-28',
        kind: 'regular',
      } as const;
      await grids.recordJointMeetings([held]);
      expect(await grids.jointMeetings([c2], '2025-08-01', '2025-08-31')).toEqual([held]);
      await expect(grids.recordJointMeetings([held])).rejects.toBeInstanceOf(DuplicateKeyError);
    });
  });

  describe('resident requests', () => {
    it('lists with filters and pages in SQL, newest first, with the total', async () => {
      const expected = data.requests
        .filter((r) => r.communityCode === c2 && r.type === 'dispute' && r.status === 'closed')
        .sort((a, b) => epochMillis(b.reportedAt) - epochMillis(a.reportedAt) || (a.id < b.id ? 1 : -1))
        .map((r) => r.id);
      const filter = { communityCodes: [c2], types: ['dispute' as const], statuses: ['closed' as const] };
      const first = await requests.list(filter, { limit: 10, offset: 0 });
      const second = await requests.list(filter, { limit: 10, offset: 10 });
      expect(first.totalCount).toBe(expected.length);
      expect([...first.items, ...second.items].map((s) => s.request.id)).toEqual(expected.slice(0, 20));
      const overdue = await requests.list(
        { streetCodes: [street], overdueOn: '2025-12-20' as LocalDate },
        { limit: 100, offset: 0 },
      );
      const late = data.requests.filter((r) => open.includes(r.status) && r.dueDate < '2025-12-20');
      expect(overdue.totalCount).toBe(late.length);
      expect(new Set(overdue.items.map((s) => s.request.id))).toEqual(new Set(late.map((r) => r.id)));
      expect(await requests.list({ types: ['dispute'] }, { limit: 10, offset: 0 })).toEqual({
        items: [],
        totalCount: 0,
      });
    });

    it('loads many by id in one query, and their trails in another', async () => {
      const ids = [data.requests[5]!.id, 'nope', data.requests[1]!.id];
      const loaded = await requests.loadMany(ids);
      expect(loaded.map((s) => s.request.id)).toEqual([ids[0], ids[2]]);
      const trails = await requests.trailsOf(ids);
      expect(trails.get(ids[0]!)).toEqual(data.requests[5]!.events);
      const { events: _events, ...summary } = data.requests[5]!;
      expect(loaded[0]?.request).toEqual(summary);
    });

    it('reports by address with its due date, one trail event, and refuses a taken id', async () => {
      const saved = await requests.report(
        {
          id: 'R-test-1',
          type: 'service_request',
          at: '2025-12-22T09:00:00+08:00',
          reporter: worker,
          location: { kind: 'address', address: '胜利街3号' },
          summary: '代办居住证明',
        },
        { profileId: 'reference', rules: referenceProfile, contact: { name: '张三', phone: '13812345678' } },
      );
      expect(saved.request).toMatchObject({ status: 'reported', communityCode: c2, dueDate: '2025-12-25' });
      expect(saved.contact).toEqual({ name: '张三', phone: '13812345678' });
      expect(saved.version).toBe(1);
      expect((await requests.trailsOf(['R-test-1'])).get('R-test-1')).toHaveLength(1);
      await expect(
        requests.report(
          {
            id: 'R-test-1',
            type: 'dispute',
            at: '2025-12-22T09:00:00+08:00',
            reporter: worker,
            location: { kind: 'grid', gridCode: `${c2}-G01` },
          },
          { profileId: 'reference', rules: referenceProfile },
        ),
      ).rejects.toBeInstanceOf(DuplicateKeyError);
    });

    it('refuses what the domain refuses, with its issues, and stores nothing', async () => {
      const attempt = (location: Parameters<typeof requests.report>[0]['location']) =>
        requests.report(
          { id: 'R-test-bad', type: 'dispute', at: '2025-12-22T09:00:00+08:00', reporter: worker, location },
          { profileId: 'reference', rules: referenceProfile },
        );
      await expect(attempt({ kind: 'address', address: '无名路1号' })).rejects.toMatchObject({
        issues: [expect.objectContaining({ code: 'REQUEST_UNKNOWN_ADDRESS' })],
      });
      await expect(attempt({ kind: 'point', point: [112.6, 32.003] })).rejects.toMatchObject({
        issues: [
          expect.objectContaining({
            code: 'REQUEST_OUTSIDE_GRIDS',
            details: expect.objectContaining({ nearestGridCode: `${c1}-G01` }),
          }),
        ],
      });
      await expect(attempt({ kind: 'grid', gridCode: 'nope' })).rejects.toBeInstanceOf(InvalidInputError);
      expect(await requests.get('R-test-bad')).toBeUndefined();
    });

    it('moves a request on step by step, appending to the trail, under its version', async () => {
      const reported = await read('R-test-1');
      const assigned = await step(reported, {
        action: 'assign',
        at: '2025-12-22T10:00:00+08:00',
        actor: community,
        assigneeId: 'W0033',
      });
      expect(assigned).toMatchObject({
        version: 2,
        eventCount: 2,
        request: { status: 'assigned', assigneeId: 'W0033' },
      });
      expect(await read('R-test-1')).toEqual(assigned);
      // A step decided on the version before is a conflict, and writes nothing.
      await expect(
        step(reported, {
          action: 'assign',
          at: '2025-12-22T11:00:00+08:00',
          actor: community,
          assigneeId: 'W0034',
        }),
      ).rejects.toBeInstanceOf(ConcurrentUpdateError);
      const stored = await read('R-test-1');
      expect(stored.version).toBe(2);
      expect(stored.full.events.map((e) => e.action)).toEqual(['report', 'assign']);
      // A step that changes nothing writes nothing.
      expect(await requests.save(stored.full, { decidedOn: stored })).toBe(stored);
      expect(await requests.get('nope')).toBeUndefined();
    });

    it('refuses a step decided on a stale version with CONFLICT, keeping the step that came first', async () => {
      const decided = await read('R-test-1');
      // Someone else's step lands between the read and the write.
      const first = await step(await read('R-test-1'), {
        action: 'assign',
        at: '2025-12-22T10:30:00+08:00',
        actor: community,
        assigneeId: 'W0034',
      });
      expect(first.version).toBe(decided.version + 1);
      const stale = step(decided, {
        action: 'assign',
        at: '2025-12-22T10:31:00+08:00',
        actor: community,
        assigneeId: 'W0033',
      });
      await expect(stale).rejects.toBeInstanceOf(ConcurrentUpdateError);
      await expect(stale).rejects.toMatchObject({ code: 'CONFLICT' });
      const stored = await read('R-test-1');
      expect(stored.version).toBe(first.version);
      expect(stored.request.assigneeId).toBe('W0034');
      expect(stored.full.events.map((e) => e.assigneeId ?? null)).toEqual([null, 'W0033', 'W0034']);
      // Back to the worker the next test starts from, at the current version.
      await step(stored, {
        action: 'assign',
        at: '2025-12-22T10:32:00+08:00',
        actor: community,
        assigneeId: 'W0033',
      });
    });

    it('lets exactly one of two concurrent steps at the same version win', async () => {
      const decidedOn = await read('R-test-1');
      const start = (note: string) =>
        step(decidedOn, {
          action: 'start',
          at: '2025-12-22T11:00:00+08:00',
          actor: { id: 'W0033', role: 'grid_worker' },
          note,
        });
      const results = await Promise.allSettled([start('a'), start('b')]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const failed = results.find((r) => r.status === 'rejected');
      expect(failed?.status === 'rejected' && failed.reason).toBeInstanceOf(ConcurrentUpdateError);
      const stored = await read('R-test-1');
      expect(stored.full.events.map((e) => e.action)).toEqual([
        'report',
        'assign',
        'assign',
        'assign',
        'start',
      ]);
      expect(stored.version).toBe(decidedOn.version + 1);
      expect(stored.full.events.map((e) => e.seq)).toEqual([0, 1, 2, 3, 4]);
    });

    it('escalates overdue requests in one idempotent sweep, to the level the domain says', async () => {
      const now = '2025-12-31T09:00:00+08:00' as Instant;
      const first = await sweep(now, { communityCodes: [c1] });
      expect(first.escalated.length).toBeGreaterThan(0);
      expect(first.skipped).toEqual([]);
      const again = await sweep(now, { communityCodes: [c1] });
      expect(again).toEqual({ examined: first.examined, escalated: [], skipped: [] });

      const context = referenceDatasetContext(data, referenceProfile);
      const swept = await requests.loadMany(first.escalated);
      const trails = await requests.trailsOf(first.escalated);
      for (const stored of swept) {
        expect(stored.request.communityCode).toBe(c1);
        const full = { ...stored.request, events: trails.get(stored.request.id)! };
        expect(stored.request.level).toBe(unwrap(requestSla(full, now, context)).level);
        expect(full.events.at(-1)?.action).toBe('escalate');
        expect(stored.escalations).toBe(full.events.filter((e) => e.action === 'escalate').length);
      }
      // Other communities were left alone.
      const other = await requests.list(
        { communityCodes: [c2], overdueOn: '2025-12-31' as LocalDate },
        { limit: 100, offset: 0 },
      );
      const levels = new Map(data.requests.map((r) => [r.id, r.level]));
      for (const s of other.items.filter((s) => s.request.id.startsWith('R2025'))) {
        expect(s.request.level).toBe(levels.get(s.request.id));
      }
    });
  });

  describe('escalating one request', () => {
    it('records the climbs due, once, under the version', async () => {
      const now = '2026-01-20T09:00:00+08:00' as Instant;
      const context = referenceDatasetContext(data, referenceProfile);
      const target = data.requests.find(
        (r) =>
          r.communityCode === c2 &&
          r.status === 'in_progress' &&
          unwrap(requestSla(r, now, context)).level !== r.level,
      )!;
      const before = await read(target.id);
      const climbed = await requests.save(unwrap(escalateRequest(before.full, now, context)), {
        decidedOn: before,
      });
      expect(climbed.request.level).toBe(unwrap(requestSla(target, now, context)).level);
      expect(climbed.version).toBe(before.version + 1);
      const after = await read(target.id);
      const again = await requests.save(unwrap(escalateRequest(after.full, now, context)), {
        decidedOn: after,
      });
      expect(again.version).toBe(climbed.version);
      expect(again.full.events).toHaveLength(climbed.full.events.length);
      expect((await read(target.id)).version).toBe(climbed.version);
    });
  });

  describe('a sweep racing a step on the same request', () => {
    it('never lets both write: the sweep skips it, or the stale step is a conflict', async () => {
      const now = '2025-12-31T09:00:00+08:00' as Instant;
      const context = referenceDatasetContext(data, referenceProfile);
      const target = data.requests.find(
        (r) =>
          r.communityCode === c2 &&
          r.status === 'assigned' &&
          unwrap(requestSla(r, now, context)).level !== r.level,
      )!;
      expect(target).toBeDefined();
      const before = await read(target.id);
      const [swept, stepped] = await Promise.allSettled([
        sweep(now, { communityCodes: [c2] }),
        step(before, { action: 'assign', at: now, actor: community, assigneeId: target.assigneeId! }),
      ]);
      expect(swept.status).toBe('fulfilled');
      const escalatedBySweep = swept.status === 'fulfilled' && swept.value.escalated.includes(target.id);
      if (stepped.status === 'rejected') expect(stepped.reason).toBeInstanceOf(ConcurrentUpdateError);
      expect(stepped.status === 'fulfilled').toBe(!escalatedBySweep);

      const stored = await requests.get(target.id);
      const trail = stored!.full.events;
      expect(trail.map((e) => e.seq)).toEqual(trail.map((_, i) => i));
      expect(trail.filter((e) => e.action === 'escalate')).toHaveLength(stored!.escalations);
      expect(stored!.request.level).toBe(unwrap(requestSla(stored!.full, now, context)).level);
      expect(stored!.version).toBe(before.version + 1);
    });
  });

  describe('re-partition', () => {
    /** The community as read and the domain's re-partition of it, as the use case decides it. */
    const decide = async (code: string, options: PartitionOptions = {}) => {
      const read = await grids.readPartition(code);
      const { method = read.method ?? 'auto', ...rest } = options;
      const partition = unwrap(repartitionCommunity(read.input, referenceProfile.grid, { method, ...rest }));
      return { read, partition, version: read.version };
    };
    /** Decides a re-partition on the community as read and stores it at once. */
    const apply = async (code: string, at: string) => {
      const decided = await decide(code);
      const version = await grids.savePartition(decided.partition, {
        decidedOn: decided.read,
        at: at as Instant,
      });
      return { ...decided, version };
    };

    it('reads the stored partition, which the domain keeps unchanged', async () => {
      const plan = await decide(c2);
      expect(plan.version).toBe(1);
      expect(plan.read.method).toBe('address_order');
      expect(plan.partition.method).toBe('address_order');
      expect(plan.partition.moves).toEqual([]);
      expect(plan.partition.grids.map((g) => g.code)).toEqual(
        data.grids.filter((g) => g.communityCode === c2).map((g) => g.code),
      );
      expect(plan.read.input.buildings.map((b) => b.id)).toEqual(
        data.buildings.filter((b) => b.communityCode === c2).map((b) => b.id),
      );
      expect(await grids.readPartition(c2)).toEqual(plan.read);
    });

    it('applies a re-partition in one transaction: buildings, grids, members and both trees', async () => {
      const last = data.buildings.filter((b) => b.communityCode === c2).at(-1)!;
      await grids.saveBuildings([
        { ...last, households: 330 },
        { id: `${c2}-B900`, communityCode: c2, households: 260, addressOrder: 900, address: '胜利街900号' },
      ]);
      // The community's members also have their points records, which carry their grid.
      const inC2 = data.partyMembers.filter((m) => m.communityCode === c2);
      await new PointsMemberRepository(db.em).saveMembers(pointsMembersOf(inC2, { year: 2025 }));
      const preview = await decide(c2);
      expect(preview.partition.added).toEqual([{ buildingId: `${c2}-B900`, to: expect.any(String) }]);
      const version = await grids.savePartition(preview.partition, {
        decidedOn: preview.read,
        at: '2025-12-22T09:00:00+08:00' as Instant,
      });
      expect(version).toBe(2);
      const { partition } = preview;
      expect(partition.createdGrids.length).toBeGreaterThan(0);

      const active = await grids.gridsOfCommunities([c2]);
      expect(active.map((g) => g.code)).toEqual(partition.grids.map((g) => g.code));
      expect(active.map((g) => g.households)).toEqual(partition.grids.map((g) => g.households));
      const buildings = await grids.buildingsOfCommunity(c2);
      for (const b of buildings) expect(b.gridCode).toBe(partition.gridOf[b.id]);
      const sizes = await grids.partyGroupSizes({ communityCodes: [c2] });
      const moved = new Set(partition.moves.map((m) => m.buildingId));
      const movers = data.partyMembers.filter(
        (m) => m.residence.kind === 'building' && moved.has(m.residence.buildingId),
      );
      expect(sizes.reduce((n, s) => n + s.members, 0)).toBe(
        data.partyMembers.filter((m) => m.communityCode === c2 && m.gridCode !== null).length,
      );
      expect(movers.length).toBeGreaterThan(0);
      const placed: { member_id: string; grid_code: string }[] = await db.em
        .getKnex()('points_member')
        .select({ member_id: 'code' }, 'grid_code')
        .whereNotNull('street_code')
        .whereIn(
          'code',
          movers.map((m) => m.id),
        );
      const destination = new Map(partition.moves.map((m) => [m.buildingId, m.to]));
      const records = await new PointsMemberRepository(db.em).findByCodes(movers.map((m) => m.id));
      for (const m of movers) {
        const home = m.residence.kind === 'building' ? m.residence.buildingId : '';
        expect(placed.find((p) => p.member_id === m.id)?.grid_code).toBe(destination.get(home));
        expect(records.find((r) => r.code === m.id)?.grid).toBe(destination.get(home));
      }
      const retired = await grids.gridsByCodes(partition.dissolvedGrids);
      expect(retired.every((g) => g.retired)).toBe(true);

      const orgs = new OrgRepository(db.em);
      const admin = await orgs.loadTree('administrative');
      const party = await orgs.loadTree('party');
      const created = partition.createdGrids[0]!;
      expect(admin?.nodes.find((n) => n.code === created)).toMatchObject({ parentCode: c2, level: 'grid' });
      expect(admin?.nodes.find((n) => n.code === `${c2}-B900`)).toMatchObject({
        parentCode: partition.gridOf[`${c2}-B900`],
      });
      for (const m of partition.moves) {
        expect(admin?.nodes.find((n) => n.code === m.buildingId)?.parentCode).toBe(m.to);
      }
      expect(party?.nodes.find((n) => n.code === `P${created}`)).toMatchObject({
        parentCode: `P${c2}`,
        level: 'grid_group',
        counterpart: created,
      });
      for (const gone of partition.dissolvedGrids) {
        expect(admin?.nodes.some((n) => n.code === gone)).toBe(false);
      }

      // Storing the old decision again is a conflict; a fresh one has nothing to move.
      await expect(
        grids.savePartition(preview.partition, {
          decidedOn: preview.read,
          at: '2025-12-22T09:05:00+08:00' as Instant,
        }),
      ).rejects.toBeInstanceOf(ConcurrentUpdateError);
      const after = await decide(c2);
      expect(after.version).toBe(2);
      expect(after.partition.moves).toEqual([]);
      expect(after.partition.added).toEqual([]);
    });

    it('retires a dissolved grid with its tree nodes, and never gives its code out again', async () => {
      const plan = await decide(c2);
      const lonely = plan.partition.gridOf[`${c2}-B900`]!;
      await grids.saveBuildings([
        { id: `${c2}-B900`, communityCode: c2, households: 10, addressOrder: 900, address: '胜利街900号' },
      ]);
      const shrunk = await apply(c2, '2025-12-23T09:00:00+08:00');
      expect(shrunk.version).toBe(3);
      expect(shrunk.partition.dissolvedGrids).toEqual([lonely]);
      expect((await grids.gridsByCodes([lonely]))[0]?.retired).toBe(true);
      expect((await grids.gridsOfCommunities([c2])).map((g) => g.code)).not.toContain(lonely);
      const orgs = new OrgRepository(db.em);
      expect((await orgs.findByCodes([lonely, `P${lonely}`])).map((n) => n.code)).toEqual([]);

      await grids.saveBuildings([
        { id: `${c2}-B900`, communityCode: c2, households: 260, addressOrder: 900, address: '胜利街900号' },
      ]);
      const regrown = await apply(c2, '2025-12-24T09:00:00+08:00');
      expect(regrown.version).toBe(4);
      expect(regrown.partition.createdGrids).toHaveLength(1);
      expect(regrown.partition.createdGrids).not.toContain(lonely);
    });

    it('refuses a partition decided on buildings that changed since it was read, storing nothing', async () => {
      const last = data.buildings.filter((b) => b.communityCode === c1).at(-1)!;
      await grids.saveBuildings([{ ...last, households: 330 }]);
      const decided = await decide(c1);
      expect(decided.partition.createdGrids.length + decided.partition.moves.length).toBeGreaterThan(0);
      // Someone registers another household in between: same version, other buildings.
      await grids.saveBuildings([{ ...last, households: 331 }]);
      await expect(
        grids.savePartition(decided.partition, {
          decidedOn: decided.read,
          at: '2025-12-22T09:00:00+08:00' as Instant,
        }),
      ).rejects.toBeInstanceOf(ConcurrentUpdateError);
      const after = await grids.readPartition(c1);
      expect(after.version).toBe(1);
      expect(after.input.previous).toEqual(decided.read.input.previous);
      expect((await grids.gridsOfCommunities([c1])).map((g) => g.code)).toEqual(
        data.grids.filter((g) => g.communityCode === c1).map((g) => g.code),
      );
      // Decided again on what is stored now, it goes through.
      expect((await apply(c1, '2025-12-22T09:01:00+08:00')).version).toBe(2);
    });

    it('lets one of two writers decided on the same version win, the other CONFLICT', async () => {
      const last = data.buildings.filter((b) => b.communityCode === c1).at(-1)!;
      await grids.saveBuildings([{ ...last, households: 30 }]);
      const [one, two] = [await decide(c1), await decide(c1)];
      const at = '2025-12-22T10:00:00+08:00' as Instant;
      const outcomes = await Promise.allSettled([
        grids.savePartition(one!.partition, { decidedOn: one!.read, at }),
        grids.savePartition(two!.partition, { decidedOn: two!.read, at }),
      ]);
      expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
      const lost = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
      expect(lost.reason).toBeInstanceOf(ConcurrentUpdateError);
      const after = await grids.readPartition(c1);
      expect(after.version).toBe(3);
      expect(after.input.previous.gridOf).toEqual(one!.partition.gridOf);
    });

    it('lets one of two first partitions of a community win, the other CONFLICT', async () => {
      // A community whose partition row is gone reads as never partitioned (version 0).
      const fresh = c1;
      await db.em.getKnex()('grid_partition').where('community_code', fresh).delete();
      const first = await decide(fresh);
      expect([first.version, first.read.method]).toEqual([0, null]);
      const at = '2025-12-22T11:00:00+08:00' as Instant;
      const outcomes = await Promise.allSettled([
        grids.savePartition(first.partition, { decidedOn: first.read, at }),
        grids.savePartition(first.partition, { decidedOn: first.read, at }),
      ]);
      expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
      expect((outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(
        ConcurrentUpdateError,
      );
      const stored = await grids.readPartition(fresh);
      expect(stored.version).toBe(1);
      expect((await grids.gridsOfCommunities([fresh])).map((g) => g.code)).toEqual(
        first.partition.grids.map((g) => g.code),
      );
    });
  });
});
