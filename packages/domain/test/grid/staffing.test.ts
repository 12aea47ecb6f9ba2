import { assignGridWorkers, type Grid, type GridWorker, referenceProfile, unwrap } from '@jiceng/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const grid = (code: string, households: number, communityCode = 'C1'): Grid => ({
  code,
  communityCode,
  households,
});
const worker = (id: string, isPartyMember = false, homeCommunityCode = 'C1'): GridWorker => ({
  id,
  homeCommunityCode,
  isPartyMember,
});
const rules = referenceProfile.grid; // 3 per grid, 1 grid per worker, a party member required

describe('assignGridWorkers', () => {
  it('staffs each grid with three workers including a party member (the documented example)', () => {
    const plan = unwrap(
      assignGridWorkers(
        { grids: [grid('G01', 300)], workers: [worker('W1', true), worker('W2'), worker('W3')] },
        rules,
      ),
    );
    expect(plan.teams).toEqual([
      {
        gridCode: 'G01',
        communityCode: 'C1',
        households: 300,
        workerIds: ['W1', 'W2', 'W3'],
        householdsPerWorker: 100,
        partyMembers: 1,
      },
    ]);
    expect(plan.balance).toEqual({ min: 100, max: 100, mean: 100, spread: 0 });
    expect(plan.idleWorkers).toEqual([]);
  });

  it('keeps workers in their home community and spreads party members over the grids', () => {
    const plan = unwrap(
      assignGridWorkers(
        {
          grids: [grid('A1', 300, 'A'), grid('A2', 240, 'A'), grid('B1', 330, 'B')],
          workers: [
            ...['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7'].map((id, i) => worker(id, i >= 5, 'A')),
            ...['b1', 'b2', 'b3'].map((id, i) => worker(id, i === 2, 'B')),
          ],
        },
        rules,
      ),
    );
    for (const team of plan.teams) {
      expect(team.workerIds).toHaveLength(3);
      expect(team.partyMembers).toBeGreaterThanOrEqual(1);
      for (const id of team.workerIds) expect(id[0]?.toUpperCase()).toBe(team.communityCode);
    }
    expect(plan.idleWorkers).toEqual(['a5']);
  });

  it('balances households per worker when a worker may serve several grids', () => {
    const plan = unwrap(
      assignGridWorkers(
        {
          grids: [grid('G1', 400), grid('G2', 350), grid('G3', 250), grid('G4', 200)],
          workers: ['W1', 'W2', 'W3', 'W4', 'W5', 'W6'].map((id, i) => worker(id, i < 2)),
        },
        { workersPerGrid: 3, maxGridsPerWorker: 2, requirePartyMemberPerTeam: true },
      ),
    );
    const loads = plan.workloads.map((w) => w.households);
    // 1,200 households over 6 workers is 200 each; a greedy split stays close.
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(400 / 3);
    for (const w of plan.workloads) expect(w.gridCodes.length).toBeLessThanOrEqual(2);
  });

  it('says which grid lacks what instead of returning a partial answer', () => {
    const r = assignGridWorkers(
      {
        grids: [grid('G01', 300), grid('G02', 280), grid('G03', 260)],
        workers: [
          worker('W1', true),
          worker('W2'),
          worker('W3'),
          worker('W4'),
          worker('W5'),
          worker('W6'),
          worker('W7'),
        ],
      },
      rules,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    // 7 workers for 9 places, 1 party member for 3 grids: the shortage is spread and named.
    expect(r.issues.map((i) => [i.code, i.details?.['gridCode'], i.details?.['missing']])).toEqual([
      ['GRID_TEAM_INCOMPLETE', 'G02', 1],
      ['GRID_TEAM_WITHOUT_PARTY_MEMBER', 'G02', undefined],
      ['GRID_TEAM_INCOMPLETE', 'G03', 1],
      ['GRID_TEAM_WITHOUT_PARTY_MEMBER', 'G03', undefined],
    ]);
    expect(r.issues[0]?.details?.['assigned']).toEqual(['W3', 'W6']);
    expect(r.issues[0]?.message.zh).toContain('缺少 1 名网格员');
    expect(r.issues[1]?.message.en).toContain('no party member');
  });

  it('refuses duplicate and empty ids', () => {
    const r = assignGridWorkers(
      { grids: [grid('G', 1), grid('G', 2), grid('', 3)], workers: [worker('W'), worker('W'), worker('')] },
      rules,
    );
    expect(!r.ok && r.issues.map((i) => i.code)).toEqual([
      'GRID_DUPLICATE_GRID',
      'GRID_EMPTY_ID',
      'GRID_DUPLICATE_WORKER',
      'GRID_EMPTY_ID',
    ]);
    const households = assignGridWorkers({ grids: [grid('G', -5)], workers: [] }, rules);
    expect(!households.ok && households.issues[0]?.code).toBe('GRID_INVALID_HOUSEHOLDS');
  });

  it('always honours the constraints it reports as met (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            households: fc.integer({ min: 0, max: 400 }),
            community: fc.integer({ min: 0, max: 2 }),
          }),
          {
            minLength: 1,
            maxLength: 8,
          },
        ),
        fc.array(fc.record({ party: fc.boolean(), community: fc.integer({ min: 0, max: 2 }) }), {
          maxLength: 30,
        }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 3 }),
        fc.boolean(),
        (gs, ws, perGrid, maxGrids, requireParty) => {
          const grids = gs.map((g, i) => grid(`G${i}`, g.households, `C${g.community}`));
          const workers = ws.map((w, i) =>
            worker(`W${String(i).padStart(2, '0')}`, w.party, `C${w.community}`),
          );
          const r = assignGridWorkers(
            { grids, workers },
            { workersPerGrid: perGrid, maxGridsPerWorker: maxGrids, requirePartyMemberPerTeam: requireParty },
          );
          const byId = new Map(workers.map((w) => [w.id, w]));
          if (!r.ok) {
            for (const i of r.issues)
              expect(['GRID_TEAM_INCOMPLETE', 'GRID_TEAM_WITHOUT_PARTY_MEMBER']).toContain(i.code);
            return;
          }
          const count = new Map<string, number>();
          for (const team of r.value.teams) {
            expect(new Set(team.workerIds).size).toBe(perGrid);
            if (requireParty) expect(team.workerIds.some((id) => byId.get(id)!.isPartyMember)).toBe(true);
            for (const id of team.workerIds) {
              expect(byId.get(id)!.homeCommunityCode).toBe(team.communityCode);
              count.set(id, (count.get(id) ?? 0) + 1);
            }
          }
          for (const c of count.values()) expect(c).toBeLessThanOrEqual(maxGrids);
        },
      ),
    );
  });
});
