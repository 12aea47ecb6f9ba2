import type { GridStaffingPlan, Issue, Repartition } from '@jiceng/domain';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { GridIssue } from './types.js';

/**
 * GraphQL types of the plans a community is previewed with: a re-partition of its buildings into
 * grids, and its grid workers' staffing. Neither is stored by previewing it.
 */

@ObjectType({ description: 'One grid of a partition plan.' })
export class PartitionGridPlan {
  @Field()
  code!: string;

  @Field(() => [String])
  buildingIds!: string[];

  @Field(() => Int)
  households!: number;
}

@ObjectType({ description: 'How evenly households are spread over the grids.' })
export class PartitionImbalance {
  @Field(() => Int)
  min!: number;

  @Field(() => Int)
  target!: number;

  @Field(() => Int)
  max!: number;

  @Field(() => Int)
  grids!: number;

  @Field(() => Int)
  households!: number;

  @Field(() => Float)
  mean!: number;

  @Field(() => Int)
  smallest!: number;

  @Field(() => Int)
  largest!: number;

  @Field(() => Float)
  standardDeviation!: number;

  @Field(() => Float)
  maxDeviation!: number;

  @Field(() => Float)
  maxDeviationShare!: number;

  @Field(() => [String])
  underMin!: string[];

  @Field(() => [String])
  overMax!: string[];
}

@ObjectType({ description: 'A building that changes grid.' })
export class BuildingMove {
  @Field()
  buildingId!: string;

  @Field(() => String, { nullable: true, description: 'Null for a building that had no grid.' })
  from!: string | null;

  @Field(() => String, { nullable: true, description: 'Null for a building no longer registered.' })
  to!: string | null;
}

@ObjectType({ description: 'A re-partition of a community, previewed or applied.' })
export class PartitionPlanType {
  @Field()
  communityCode!: string;

  @Field()
  method!: string;

  @Field(() => Int, { description: 'The community’s partition version: pass it to applyPartition.' })
  version!: number;

  @Field({ description: 'True once stored.' })
  applied!: boolean;

  @Field(() => [PartitionGridPlan])
  grids!: PartitionGridPlan[];

  @Field(() => PartitionImbalance)
  imbalance!: PartitionImbalance;

  @Field(() => [GridIssue])
  findings!: GridIssue[];

  @Field(() => [BuildingMove], { description: 'Buildings that change grid, are added or are removed.' })
  moves!: BuildingMove[];

  @Field(() => [String])
  createdGrids!: string[];

  @Field(() => [String])
  dissolvedGrids!: string[];

  static from(communityCode: string, p: Repartition, version: number, applied: boolean): PartitionPlanType {
    return Object.assign(new PartitionPlanType(), {
      communityCode,
      method: p.method,
      version,
      applied,
      grids: p.grids.map((g) =>
        Object.assign(new PartitionGridPlan(), {
          code: g.code,
          buildingIds: [...g.buildingIds],
          households: g.households,
        }),
      ),
      imbalance: Object.assign(new PartitionImbalance(), {
        ...p.imbalance,
        underMin: [...p.imbalance.underMin],
        overMax: [...p.imbalance.overMax],
      }),
      findings: p.findings.map(GridIssue.from),
      moves: [
        ...p.moves.map((m) => ({ buildingId: m.buildingId, from: m.from, to: m.to })),
        ...p.added.map((m) => ({ buildingId: m.buildingId, from: null, to: m.to })),
        ...p.removed.map((m) => ({ buildingId: m.buildingId, from: m.from, to: null })),
      ].map((m) => Object.assign(new BuildingMove(), m)),
      createdGrids: [...p.createdGrids],
      dissolvedGrids: [...p.dissolvedGrids],
    });
  }
}

@ObjectType({ description: 'One grid’s team in a staffing plan.' })
export class GridTeamPlan {
  @Field()
  gridCode!: string;

  @Field(() => Int)
  households!: number;

  @Field(() => [String])
  workerIds!: string[];

  @Field(() => Float)
  householdsPerWorker!: number;

  @Field(() => Int)
  partyMembers!: number;
}

@ObjectType({ description: 'Households per assigned worker.' })
export class StaffingBalance {
  @Field(() => Float)
  min!: number;

  @Field(() => Float)
  max!: number;

  @Field(() => Float)
  mean!: number;

  @Field(() => Float)
  spread!: number;
}

@ObjectType({
  description: 'Grid workers assigned to a community’s grids by the profile’s rules (not stored).',
})
export class StaffingPreview {
  @Field()
  communityCode!: string;

  @Field({ description: 'False when the rules cannot all be met; the issues say where and why.' })
  feasible!: boolean;

  @Field(() => [GridTeamPlan])
  teams!: GridTeamPlan[];

  @Field(() => [String])
  idleWorkers!: string[];

  @Field(() => StaffingBalance, { nullable: true })
  balance!: StaffingBalance | null;

  @Field(() => [GridIssue])
  issues!: GridIssue[];

  @Field({
    description:
      'What the plan rests on (the grids, the serving workers, the rules): pass it to `applyStaffingPlan`, which refuses with CONFLICT once any of them changed.',
  })
  version!: string;

  static from(communityCode: string, plan: GridStaffingPlan, version: string): StaffingPreview {
    return Object.assign(new StaffingPreview(), {
      version,
      communityCode,
      feasible: true,
      teams: plan.teams.map((t) =>
        Object.assign(new GridTeamPlan(), {
          gridCode: t.gridCode,
          households: t.households,
          workerIds: [...t.workerIds],
          householdsPerWorker: t.householdsPerWorker,
          partyMembers: t.partyMembers,
        }),
      ),
      idleWorkers: [...plan.idleWorkers],
      balance: Object.assign(new StaffingBalance(), plan.balance),
      issues: [],
    });
  }

  static refused(communityCode: string, issues: readonly Issue[], version: string): StaffingPreview {
    return Object.assign(new StaffingPreview(), {
      version,
      communityCode,
      feasible: false,
      teams: [],
      idleWorkers: [],
      balance: null,
      issues: issues.map(GridIssue.from),
    });
  }
}
