import type {
  CppccMember,
  FiveHavesChecklist as DomainChecklist,
  FiledMinutes,
  LiaisonGroup,
  Sector,
  TownshipFilingCount,
} from '@jiceng/domain';
import { Field, Int, ObjectType } from 'type-graphql';
import { LocalizedText } from '../common.js';
import { FiveHaveEnum } from './enums.js';
import { ConsultationActor, ConsultationEvidence, ConsultationIssue } from './types.js';

/**
 * GraphQL types of a liaison group 联络组: the group with its CPPCC members by sector, its five haves,
 * and the village consultation minutes filed with it.
 */

@ObjectType({ description: 'One of the five haves, with its evidence.' })
export class FiveHaveItem {
  @Field(() => FiveHaveEnum)
  have!: string;

  @Field(() => LocalizedText)
  label!: LocalizedText;

  @Field()
  present!: boolean;

  @Field(() => [ConsultationEvidence])
  evidence!: ConsultationEvidence[];
}

@ObjectType({ description: 'The five haves 五有 as a checklist.' })
export class FiveHavesChecklist {
  @Field(() => [FiveHaveItem])
  items!: FiveHaveItem[];

  @Field()
  complete!: boolean;

  @Field(() => [ConsultationIssue])
  issues!: ConsultationIssue[];

  static from(c: DomainChecklist): FiveHavesChecklist {
    return Object.assign(new FiveHavesChecklist(), {
      items: c.items.map((i) =>
        Object.assign(new FiveHaveItem(), {
          have: i.have,
          label: LocalizedText.from(i.label),
          present: i.present,
          evidence: i.evidence.map(ConsultationEvidence.from),
        }),
      ),
      complete: c.complete,
      issues: c.issues.map(ConsultationIssue.from),
    });
  }
}

@ObjectType('VillageMinutesCount', { description: 'A village’s filed minutes in a window.' })
export class VillageFilingCountView {
  @Field()
  code!: string;

  @Field()
  name!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType('TownshipMinutesCount', {
  description: 'Village consultation minutes filed 备案 with a township.',
})
export class TownshipFilingCountView {
  @Field()
  township!: string;

  @Field(() => Int)
  total!: number;

  @Field(() => Int, { description: 'Filed later than the profile’s filing.withinDays.' })
  late!: number;

  @Field(() => [VillageFilingCountView], { description: 'Every village of the township, 0 included.' })
  villages!: VillageFilingCountView[];

  static from(c: TownshipFilingCount): TownshipFilingCountView {
    return Object.assign(new TownshipFilingCountView(), {
      township: c.township,
      total: c.total,
      late: c.late,
      villages: c.villages.map((v) => Object.assign(new VillageFilingCountView(), v)),
    });
  }
}

@ObjectType({ description: 'Village consultation minutes on file.' })
export class FiledVillageMinutes {
  @Field()
  id!: string;

  @Field()
  village!: string;

  @Field()
  township!: string;

  @Field()
  meetingOn!: string;

  @Field()
  topic!: string;

  @Field()
  filedOn!: string;

  @Field(() => ConsultationActor)
  filedBy!: ConsultationActor;

  @Field()
  late!: boolean;

  static from(m: FiledMinutes): FiledVillageMinutes {
    return Object.assign(new FiledVillageMinutes(), { ...m, filedBy: ConsultationActor.from(m.filedBy) });
  }
}

@ObjectType({ description: 'Members of one sector.' })
export class SectorCount {
  @Field()
  sector!: string;

  @Field(() => LocalizedText)
  name!: LocalizedText;

  @Field(() => Int)
  members!: number;
}

@ObjectType({ description: 'The CPPCC members a liaison group draws on: those living in its township.' })
export class CppccMembership {
  @Field(() => Int, { description: 'Members of every level living in the township (fixed candidates).' })
  total!: number;

  @Field(() => Int, { description: 'County CPPCC members: what the per-township minimum counts.' })
  county!: number;

  @Field(() => Int, { description: 'County members recommended by the township.' })
  recommendedByTownship!: number;

  @Field(() => Int, { description: 'County members recommended by another body.' })
  recommendedByOthers!: number;

  @Field(() => [SectorCount], { description: 'County members by sector, every sector listed.' })
  bySector!: SectorCount[];

  static from(members: readonly CppccMember[], sectors: readonly Sector[]): CppccMembership {
    const county = members.filter((m) => m.level === 'county');
    const township = county.filter((m) => m.origin === 'township').length;
    return Object.assign(new CppccMembership(), {
      total: members.length,
      county: county.length,
      recommendedByTownship: township,
      recommendedByOthers: county.length - township,
      bySector: sectors.map((s) =>
        Object.assign(new SectorCount(), {
          sector: s.code,
          name: LocalizedText.from(s.name),
          members: county.filter((m) => m.sector === s.code).length,
        }),
      ),
    });
  }
}

@ObjectType('LiaisonGroup', { description: 'A township’s CPPCC liaison group 政协联络组.' })
export class LiaisonGroupView {
  @Field()
  township!: string;

  @Field()
  townshipName!: string;

  @Field()
  name!: string;

  @Field()
  establishedOn!: string;

  @Field(() => ConsultationActor, { description: 'The head of the group 联络组长.' })
  leader!: ConsultationActor;

  @Field(() => Int)
  version!: number;

  group!: LiaisonGroup;

  static from(group: LiaisonGroup, version: number, townshipName: string): LiaisonGroupView {
    return Object.assign(new LiaisonGroupView(), {
      township: group.township,
      townshipName,
      name: group.name,
      establishedOn: group.establishedOn,
      leader: ConsultationActor.from(group.leader),
      version,
      group,
    });
  }
}
