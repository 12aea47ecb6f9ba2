import { referenceProfile } from '@jiceng/domain';
import { generateReferenceGridDataset } from '@jiceng/domain/reference';
import type { Principal } from '@jiceng/gateway';
import { GridRepository } from '@jiceng/persistence';
import { seedGridDataset } from '@jiceng/persistence/seed';
import { beforeAll, describe, expect, it } from 'vitest';
import type { UseCaseContext } from '../src/application/context.js';
import { applyPartition, previewPartition } from '../src/application/grid/grids.js';
import {
  assignResidentRequest,
  reportResidentRequest,
  startResidentRequest,
  sweepOverdueRequests,
} from '../src/application/grid/requests.js';
import { e2eDatabases, gql, NOW, useGateway } from './support.js';

const data = generateReferenceGridDataset(referenceProfile, { scale: 0.3 });
const [c1, c2] = data.communities.map((c) => c.code) as [string, string];
const g1 = `${c1}-G01`;
const admin1: Principal = { subject: 'ca-1', role: 'community_admin', scope: c1 };
const admin2: Principal = { subject: 'ca-2', role: 'community_admin', scope: c2 };
const member: Principal = { subject: 'M00100', role: 'member', scope: c1 };
/** W0001 serves grid G01 of the first community. */
const worker: Principal = { subject: 'W0001', role: 'grid_worker', scope: g1 };

/**
 * The grid use cases called as the CLI or an integration would, without GraphQL or Open311: a
 * context of the caller's own (principal, clock, unit of work, services) and a plain command.
 */
describe.each(e2eDatabases())('grid use cases without a door on $name', (engine) => {
  const gw = useGateway({ e2e: engine });
  const as = (principal: Principal): UseCaseContext => ({
    principal,
    now: NOW,
    em: gw.db.em,
    services: gw.services,
  });

  beforeAll(async () => {
    await seedGridDataset(gw.db.em, data);
    await gw.services.reloadOrgTrees();
  });

  it('reports, assigns and starts a request, which the GraphQL door then shows as stored', async () => {
    const reported = await reportResidentRequest(as(admin1), {
      id: 'R-uc-1',
      type: 'dispute',
      location: { grid: g1 },
      summary: '楼道堆物',
    });
    expect(reported.request).toMatchObject({ status: 'reported', gridCode: g1, communityCode: c1 });
    expect(reported.full.events[0]?.actor).toEqual({ id: 'ca-1', role: 'community' });
    const assigned = await assignResidentRequest(as(admin1), {
      id: 'R-uc-1',
      assigneeId: 'W0001',
      expectedVersion: reported.version,
    });
    expect(assigned).toMatchObject({ version: 2, request: { status: 'assigned', assigneeId: 'W0001' } });
    const started = await startResidentRequest(as(worker), { id: 'R-uc-1', note: '已到现场' });
    expect(started).toMatchObject({ version: 3, request: { status: 'in_progress' } });

    const token = await gw.token(admin1);
    const r = await gql(gw.app, '{ residentRequest(id: "R-uc-1") { status trail { action actorId } } }', {
      token,
    });
    expect(r.errors).toBeUndefined();
    expect(r.data?.['residentRequest']).toMatchObject({
      status: 'in_progress',
      trail: [
        { action: 'report', actorId: 'ca-1' },
        { action: 'assign', actorId: 'ca-1' },
        { action: 'start', actorId: 'W0001' },
      ],
    });
  });

  it('refuses a step decided on a version the request has left (CONFLICT), writing nothing', async () => {
    const stale = assignResidentRequest(as(admin1), {
      id: 'R-uc-1',
      assigneeId: 'W0002',
      expectedVersion: 2,
    });
    await expect(stale).rejects.toMatchObject({ code: 'CONFLICT' });
    const token = await gw.token(admin1);
    const r = await gql(gw.app, '{ residentRequest(id: "R-uc-1") { assigneeId version trail { action } } }', {
      token,
    });
    expect(r.errors).toBeUndefined();
    const stored = r.data?.['residentRequest'] as { assigneeId: string; version: number; trail: unknown[] };
    expect(stored).toMatchObject({ assigneeId: 'W0001', version: 3 });
    expect(stored.trail).toHaveLength(3);
  });

  it('asks the policy as every door does: out of scope is NOT_FOUND, a role that may not act is FORBIDDEN', async () => {
    await expect(startResidentRequest(as(admin2), { id: 'R-uc-1' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(startResidentRequest(as(member), { id: 'R-uc-1' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(
      reportResidentRequest(as(admin2), { type: 'dispute', location: { grid: g1 } }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      reportResidentRequest(as(admin1), { type: 'dispute', location: { grid: g1 }, id: 'R-uc-1' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('sweeps the county with no caller, as the server’s timer does, once', async () => {
    const first = await sweepOverdueRequests({ em: gw.db.em, services: gw.services, now: NOW });
    expect(first.escalated.length).toBeGreaterThan(0);
    expect(first.skipped).toEqual([]);
    const again = await sweepOverdueRequests({ em: gw.db.em, services: gw.services, now: NOW });
    expect(again).toEqual({ examined: first.examined, escalated: [], recounted: [], skipped: [] });
  });

  it('decides a re-partition on the community as read and stores it at that version; a stale one is CONFLICT', async () => {
    const grids = new GridRepository(gw.db.em);
    const last = data.buildings.filter((b) => b.communityCode === c1).at(-1)!;
    await grids.saveBuildings([{ ...last, households: 900 }]);
    // The domain refuses a building over the maximum: BAD_USER_INPUT with its issue, nothing stored.
    await expect(applyPartition(as(admin1), { community: c1 })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      issues: [expect.objectContaining({ code: 'GRID_BUILDING_OVER_MAX' })],
    });
    expect((await grids.readPartition(c1)).version).toBe(1);

    await grids.saveBuildings([{ ...last, households: 330 }]);
    const preview = await previewPartition(as(admin1), { community: c1 });
    expect(preview.version).toBe(1);
    expect(preview.partition.createdGrids.length + preview.partition.moves.length).toBeGreaterThan(0);
    const applied = await applyPartition(as(admin1), { community: c1, expectedVersion: preview.version });
    expect(applied).toEqual({ ...preview, version: 2 });
    expect((await grids.gridsOfCommunities([c1])).map((g) => g.code)).toEqual(
      preview.partition.grids.map((g) => g.code),
    );
    // Applying from the old preview: the community is at version 2 now.
    await expect(
      applyPartition(as(admin1), { community: c1, expectedVersion: preview.version }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(previewPartition(as(admin2), { community: c1 })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await previewPartition(as(admin1), { community: c1 })).partition.moves).toEqual([]);
  });
});
